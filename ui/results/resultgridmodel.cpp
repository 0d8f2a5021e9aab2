// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultgridmodel.h"

#include "results/cellformat.h"
#include "results/rowstore.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextDocument>

#include <limits>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {
const QString NullText = u"NULL"_s;
const QChar Ellipsis(0x2026);

// Enough bytes for DisplayLimit characters of any text kind (at most 4 UTF-8 bytes each) or of
// binary shown as hex (2 characters a byte), so a 50 MB value is never converted to paint a cell.
qsizetype displayBytes(CellKind kind)
{
    switch (kind) {
    case CellKind::Text:
    case CellKind::Json:
    case CellKind::HexBinary:
        return 4 * (ResultGridModel::DisplayLimit + 1);
    case CellKind::Binary:
        return ResultGridModel::DisplayLimit / 2 + 1;
    default:
        return std::numeric_limits<qsizetype>::max();
    }
}
} // namespace

ResultGridModel::ResultGridModel(RowStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    m_nullFont.setItalic(true);
    attach(store);
}

void ResultGridModel::setStore(RowStore *store)
{
    if (store == m_store)
        return;
    beginResetModel();
    if (m_store)
        m_store->disconnect(this);
    m_store = nullptr;
    m_rows = 0;
    m_columns = 0;
    attach(store);
    endResetModel();
}

void ResultGridModel::attach(RowStore *store)
{
    m_store = store;
    if (!store)
        return;
    m_columns = store->columnCount();
    m_rows = int(qMin<qint64>(store->publishedRowCount(), std::numeric_limits<int>::max()));
    connect(store, &RowStore::rowsAvailable, this, &ResultGridModel::growTo);
    connect(store, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_rows = 0;
        m_columns = 0;
        endResetModel();
    });
}

ResultGridModel::~ResultGridModel() = default;

void ResultGridModel::growTo(qint64 total)
{
    const int rows = int(qMin<qint64>(total, std::numeric_limits<int>::max()));
    if (rows <= m_rows)
        return;
    beginInsertRows({}, m_rows, rows - 1);
    m_rows = rows;
    endInsertRows();
}

int ResultGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ResultGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

bool ResultGridModel::isNull(const QModelIndex &index) const
{
    return checkIndex(index, CheckIndexOption::IndexIsValid) && m_store
           && m_store->isNull(index.row(), index.column());
}

QString ResultGridModel::fullText(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_store)
        return {};
    return m_store->text(index.row(), index.column());
}

QString ResultGridModel::displayText(int row, int column) const
{
    const ColumnInfo &info = m_store->columns().at(column);
    const QByteArrayView raw = m_store->raw(row, column);
    const qsizetype limit = displayBytes(info.kind);
    const bool cutBytes = raw.size() > limit;
    QString text = CellFormat::text(info, cutBytes ? raw.first(limit) : raw);
    if (!cutBytes && text.size() <= DisplayLimit)
        return text;
    qsizetype keep = qMin<qsizetype>(text.size(), DisplayLimit);
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    text.truncate(keep);
    text.append(Ellipsis);
    return text;
}

QVariant ResultGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_store)
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return m_store->isNull(row, column) ? NullText : displayText(row, column);
    case Qt::UserRole:
        return m_store->isNull(row, column) ? QVariant() : QVariant(fullText(index));
    case RawValueRole:
        return m_store->isNull(row, column) ? QVariant()
                                            : QVariant(m_store->raw(row, column).toByteArray());
    case CellKindRole:
        return int(m_store->columns().at(column).kind);
    case Qt::ForegroundRole:
        if (m_store->isNull(row, column))
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::FontRole:
        if (m_store->isNull(row, column))
            return m_nullFont;
        return {};
    case Qt::TextAlignmentRole:
        if (m_store->columns().at(column).isNumeric())
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant ResultGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical || !m_store || section < 0 || section >= m_columns)
        return QAbstractTableModel::headerData(section, orientation, role);
    const ColumnInfo &info = m_store->columns().at(section);
    switch (role) {
    case Qt::DisplayRole:
        return info.name;
    case Qt::ToolTipRole:
        // Tooltips render rich text when it looks like rich text: escape a hostile type name.
        if (Qt::mightBeRichText(info.typeName))
            return u"<p style='white-space:pre'>%1</p>"_s.arg(info.typeName.toHtmlEscaped());
        return info.typeName;
    default:
        return QAbstractTableModel::headerData(section, orientation, role);
    }
}

} // namespace Strata
