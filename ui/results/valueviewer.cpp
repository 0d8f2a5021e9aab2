// SPDX-License-Identifier: GPL-3.0-or-later
#include "valueviewer.h"

#include "results/cellformat.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Strata {

namespace {

bool looksLikeImage(QByteArrayView bytes)
{
    return bytes.startsWith("\x89PNG\r\n\x1a\n") || bytes.startsWith("\xff\xd8\xff")
           || bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a");
}

QString sizeText(qsizetype bytes)
{
    const QString exact = ValueViewer::tr("%L1 bytes").arg(bytes);
    if (bytes < 1024)
        return exact;
    return QLocale().formattedDataSize(bytes) + QStringLiteral(" (") + exact + QLatin1Char(')');
}

} // namespace

ValueViewer::ValueViewer(const ColumnInfo &column, const QByteArray &raw, bool isNull,
                         QWidget *parent)
    : QDialog(parent)
    , m_column(column)
    , m_raw(raw)
    , m_isNull(isNull)
    , m_info(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_save(new QPushButton(tr("&Save to file…"), this))
{
    setWindowTitle(tr("Value of %1").arg(column.name));
    m_info->setTextFormat(Qt::PlainText);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_tabs->setDocumentMode(true);

    QString info = column.name;
    if (!column.typeName.isEmpty())
        info += QStringLiteral(" · ") + column.typeName;
    if (m_isNull) {
        info += QStringLiteral(" · NULL");
        auto *null = new QLabel(QStringLiteral("NULL"), this);
        null->setTextFormat(Qt::PlainText);
        null->setAlignment(Qt::AlignCenter);
        QFont italic = null->font();
        italic.setItalic(true);
        italic.setPointSizeF(italic.pointSizeF() * 1.5);
        null->setFont(italic);
        null->setForegroundRole(QPalette::PlaceholderText);
        null->setObjectName(QStringLiteral("NullValue"));
        m_tabs->addTab(null, tr("Value"));
        m_copy->setEnabled(false);
        m_save->setEnabled(false);
        m_status->setText(tr("The value is NULL (no value), not an empty string."));
    } else if (isBinary()) {
        const QByteArray bytes = valueBytes();
        info += QStringLiteral(" · ") + sizeText(bytes.size());
        if (looksLikeImage(bytes)) {
            QImage image;
            if (image.loadFromData(bytes)) {
                m_image = new QLabel(this);
                m_image->setAlignment(Qt::AlignCenter);
                QPixmap pixmap = QPixmap::fromImage(image);
                if (pixmap.width() > 640 || pixmap.height() > 480)
                    pixmap = pixmap.scaled(640, 480, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                m_image->setPixmap(pixmap);
                info += QStringLiteral(" · ") + tr("image %1 × %2").arg(image.width()).arg(image.height());
                auto *scroll = new QScrollArea(this);
                scroll->setWidget(m_image);
                scroll->setWidgetResizable(true);
                m_tabs->addTab(scroll, tr("Image"));
            }
        }
        const QByteArrayView shown = QByteArrayView(bytes).first(qMin(bytes.size(), HexDumpLimit));
        m_shownInPart = shown.size() < bytes.size();
        showText(hexDump(shown));
        m_tabs->addTab(m_text, tr("Hex"));
        if (m_shownInPart) {
            m_status->setText(tr("Showing the first %1 of %2 as hex. Copy and Save use the "
                                 "whole value.")
                                  .arg(QLocale().formattedDataSize(shown.size()),
                                       QLocale().formattedDataSize(bytes.size())));
        }
    } else {
        info += QStringLiteral(" · ") + sizeText(m_raw.size());
        QString text = valueText();
        bool pretty = false;
        if (column.kind == CellKind::Json && m_raw.size() <= 16 * 1024 * 1024) {
            // Parsed only to check it; the text is re-indented as it is, so key order and
            // numbers beyond double precision stay exactly as stored.
            QJsonParseError error{};
            const QJsonDocument document = QJsonDocument::fromJson(m_raw, &error);
            if (error.error == QJsonParseError::NoError && !document.isNull()) {
                text = prettyJson(text);
                pretty = true;
            }
        }
        if (text.size() > TextLimit) {
            qsizetype keep = TextLimit;
            if (text.at(keep - 1).isHighSurrogate())
                --keep;
            text.truncate(keep);
            m_shownInPart = true;
            m_status->setText(tr("Showing the first %L1 characters. Copy and Save use the whole "
                                 "value.")
                                  .arg(keep));
        } else if (pretty) {
            m_status->setText(tr("JSON, pretty-printed. Copy and Save use the value as stored."));
        }
        showText(text);
        m_tabs->addTab(m_text, pretty ? tr("JSON") : tr("Text"));
    }
    m_info->setText(info);
    m_status->setVisible(!m_status->text().isEmpty());

    m_copy->setToolTip(tr("Copy the whole value to the clipboard"));
    m_save->setToolTip(tr("Write the whole value to a file (raw bytes for binary values)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, &ValueViewer::copyValue);
    connect(m_save, &QPushButton::clicked, this, [this] { saveValue(); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_info);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 480);
}

ValueViewer::~ValueViewer() = default;

void ValueViewer::showText(const QString &text)
{
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(text);
}

bool ValueViewer::isBinary() const
{
    return m_column.kind == CellKind::Binary || m_column.kind == CellKind::HexBinary;
}

QString ValueViewer::valueText() const
{
    if (m_isNull)
        return {};
    QString text = CellFormat::text(m_column, m_raw);
    if (text.isNull())
        text = QLatin1String("");
    return text;
}

QByteArray ValueViewer::valueBytes() const
{
    if (m_isNull)
        return {};
    if (isBinary())
        return CellFormat::value(m_column, m_raw).toByteArray();
    return CellFormat::utf8(m_column, m_raw);
}

QString ValueViewer::prettyJson(const QString &json)
{
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    auto newline = [&] {
        out += QLatin1Char('\n');
        out += QString(depth * 4, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (c == u'\\' && i + 1 < json.size())
                out += json.at(++i);
            else if (c == u'"')
                inString = false;
            continue;
        }
        switch (c.unicode()) {
        case u'"':
            inString = true;
            out += c;
            break;
        case u'{':
        case u'[': {
            qsizetype next = i + 1;
            while (next < json.size() && json.at(next).isSpace())
                ++next;
            if (next < json.size() && (json.at(next) == u'}' || json.at(next) == u']')) {
                out += c;
                out += json.at(next);
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case u'}':
        case u']':
            --depth;
            newline();
            out += c;
            break;
        case u',':
            out += c;
            newline();
            break;
        case u':':
            out += QStringLiteral(": ");
            break;
        default:
            if (!c.isSpace())
                out += c;
        }
    }
    return out;
}

QString ValueViewer::hexDump(QByteArrayView bytes)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve((bytes.size() / 16 + 1) * 78);
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        out += QStringLiteral("%1 ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i == 8)
                out += QLatin1Char(' ');
            if (offset + i < bytes.size()) {
                const auto b = static_cast<unsigned char>(bytes.at(offset + i));
                out += QLatin1Char(' ');
                out += QLatin1Char(digits[b >> 4]);
                out += QLatin1Char(digits[b & 0xF]);
                ascii += (b >= 0x20 && b < 0x7F) ? QLatin1Char(char(b)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("  |") + ascii + QStringLiteral("|\n");
    }
    if (!out.isEmpty())
        out.chop(1);
    return out;
}

void ValueViewer::copyValue()
{
    if (m_isNull)
        return;
    QGuiApplication::clipboard()->setText(valueText());
    m_status->setText(tr("Copied the whole value to the clipboard."));
    m_status->show();
}

bool ValueViewer::saveValue()
{
    if (m_isNull)
        return false;
    const QString suggested = isBinary() ? m_column.name + QStringLiteral(".bin")
                                         : m_column.name + QStringLiteral(".txt");
    const QString path = m_chooseFile
                             ? m_chooseFile(suggested)
                             : QFileDialog::getSaveFileName(this, tr("Save value"), suggested);
    if (path.isEmpty())
        return false;
    QSaveFile file(path);
    const QByteArray bytes = valueBytes();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_status->setText(tr("Cannot save %1: %2").arg(path, file.errorString()));
        m_status->show();
        return false;
    }
    m_status->setText(tr("Saved %1 to %2.").arg(sizeText(bytes.size()), path));
    m_status->show();
    return true;
}

} // namespace Strata
