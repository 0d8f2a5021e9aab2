// SPDX-License-Identifier: GPL-3.0-or-later
#include "savechangesdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {
constexpr int ValueLimit = 200;
}

SaveChangesDialog::SaveChangesDialog(const QString &tableName,
                                     const QList<EditStatement> &statements, QWidget *parent)
    : QDialog(parent)
    , m_statements(statements)
    , m_text(new QPlainTextEdit(this))
    , m_apply(nullptr)
{
    setWindowTitle(tr("Save Changes"));
    auto *intro = new QLabel(this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    const int count = int(statements.size());
    intro->setText(count == 1
                       ? tr("This statement changes %1. If it fails or finds its row changed by "
                            "someone else, nothing is saved.")
                             .arg(tableName)
                       : tr("These %1 statements change %2 in one transaction. If any fails or "
                            "finds its row changed by someone else, nothing is saved.")
                             .arg(count)
                             .arg(tableName));

    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(describe(statements));
    m_text->setObjectName(u"SaveStatements"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setDefault(true);
    m_apply->setToolTip(tr("Run these statements in one transaction"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(720, 420);
}

SaveChangesDialog::~SaveChangesDialog() = default;

QString SaveChangesDialog::describeValue(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return u"NULL"_s;
    QString text;
    switch (value.typeId()) {
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        text = u"\\x"_s + QString::fromLatin1(bytes.left(ValueLimit / 2).toHex());
        if (bytes.size() > ValueLimit / 2)
            text += tr("… (%1 bytes)").arg(bytes.size());
        return text + u"  (bytes)"_s;
    }
    case QMetaType::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Int:
    case QMetaType::Double:
        return value.toString();
    default: {
        const QString s = value.toString();
        text = u'\'' + s.left(ValueLimit) + u'\'';
        if (s.size() > ValueLimit)
            text += tr("… (%1 characters)").arg(s.size());
        // One line per value: line breaks are shown, not performed.
        text.replace(u'\n', u"\\n"_s).replace(u'\r', u"\\r"_s);
        return text;
    }
    }
}

QString SaveChangesDialog::describe(const QList<EditStatement> &statements)
{
    QStringList blocks;
    for (const EditStatement &statement : statements) {
        QString block;
        switch (statement.kind) {
        case EditStatement::Kind::Update:
            block = tr("-- row %1: update").arg(statement.row + 1);
            break;
        case EditStatement::Kind::Insert:
            block = tr("-- new row %1: insert").arg(statement.row + 1);
            break;
        case EditStatement::Kind::Delete:
            block = tr("-- row %1: delete").arg(statement.row + 1);
            break;
        }
        block += u'\n' + statement.sql + u'\n';
        for (int i = 0; i < statement.parameters.size(); ++i)
            block += u"--   %1 = %2\n"_s.arg(i + 1).arg(describeValue(statement.parameters.at(i)));
        blocks.append(block);
    }
    return blocks.join(u'\n');
}

} // namespace Strata
