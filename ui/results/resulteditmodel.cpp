// SPDX-License-Identifier: GPL-3.0-or-later
#include "resulteditmodel.h"

#include "resultgridmodel.h"

#include "edit/editplanner.h"
#include "results/rowstore.h"

#include <QColor>
#include <QTextDocument>

#include <algorithm>
#include <limits>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {
const QString NullText = u"NULL"_s;
const QColor EditedColor(0xff, 0xf3, 0xbf);
const QColor InsertedColor(0xd3, 0xf9, 0xd8);
const QColor DeletedColor(0xe9, 0xec, 0xef);
const QColor ErrorColor(0xff, 0x8a, 0x8a);
const QColor MarkedText(0x21, 0x25, 0x29);
const QColor DimmedText(0x86, 0x8e, 0x96);
} // namespace

ResultEditModel::ResultEditModel(ResultGridModel *source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
{
    m_nullFont.setItalic(true);
    m_deletedFont.setStrikeOut(true);
    reset();
    // The store going away (the tab runs a new query) leaves nothing to edit.
    connect(source, &QAbstractItemModel::modelReset, this, [this] {
        beginResetModel();
        reset();
        endResetModel();
        Q_EMIT pendingChanged();
    });
    // Rows fetched later (fetch all) go after the rows read so far, before the new rows.
    connect(source, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                auto position = m_ids.end();
                while (position != m_ids.begin() && *(position - 1) < 0)
                    --position;
                const int row = int(position - m_ids.begin());
                beginInsertRows({}, row, row + last - first);
                std::vector<int> ids(size_t(last - first + 1));
                std::iota(ids.begin(), ids.end(), first);
                m_ids.insert(position, ids.begin(), ids.end());
                endInsertRows();
            });
}

ResultEditModel::~ResultEditModel() = default;

void ResultEditModel::reset()
{
    m_ids.clear();
    m_states.clear();
    m_columns.clear();
    if (!m_source || !m_source->store())
        return;
    m_columns = m_source->store()->columns();
    m_ids.resize(size_t(m_source->rowCount()));
    std::iota(m_ids.begin(), m_ids.end(), 0);
}

const ResultEditModel::Row &ResultEditModel::rowAt(int row) const
{
    const int id = idOf(row);
    const auto it = m_states.constFind(id);
    if (it != m_states.constEnd())
        return *it;
    m_plain.source = id >= 0 ? id : -1;
    return m_plain;
}

ResultEditModel::Row &ResultEditModel::rowRef(int row)
{
    const int id = idOf(row);
    auto it = m_states.find(id);
    if (it == m_states.end()) {
        Row state;
        state.source = id >= 0 ? id : -1;
        it = m_states.insert(id, state);
    }
    return *it;
}

QString ResultEditModel::plainToolTip(const QString &text)
{
    if (Qt::mightBeRichText(text))
        return u"<p style='white-space:pre'>%1</p>"_s.arg(text.toHtmlEscaped());
    return text;
}

void ResultEditModel::setEditable(bool editable)
{
    if (m_editable == editable)
        return;
    m_editable = editable;
    if (!m_ids.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

ResultEditModel::RowState ResultEditModel::rowState(int row) const
{
    if (row < 0 || row >= rowCount())
        return RowState::Unchanged;
    const Row &r = rowAt(row);
    if (r.deleted)
        return RowState::Deleted;
    if (r.inserted)
        return RowState::Inserted;
    return r.edits.isEmpty() ? RowState::Unchanged : RowState::Edited;
}

bool ResultEditModel::isEdited(const QModelIndex &index) const
{
    return checkIndex(index, CheckIndexOption::IndexIsValid) &&
           rowAt(index.row()).edits.contains(index.column());
}

QVariant ResultEditModel::baseValue(const Row &row, int column) const
{
    const auto it = row.base.constFind(column);
    if (it != row.base.constEnd())
        return *it;
    const RowStore *store = m_source ? m_source->store() : nullptr;
    if (row.source < 0 || !store || store->isNull(row.source, column))
        return {};
    const QByteArrayView raw = store->raw(row.source, column);
    if (m_columns.at(column).kind == CellKind::Binary)
        return QByteArray(raw.data(), raw.size());
    return QString::fromUtf8(raw);
}

QVariant ResultEditModel::value(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    const Row &r = rowAt(row);
    const auto it = r.edits.constFind(column);
    return it != r.edits.constEnd() ? *it : baseValue(r, column);
}

QString ResultEditModel::text(const QVariant &value, int column) const
{
    Q_UNUSED(column)
    if (value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::QByteArray:
        return u"\\x"_s + QString::fromLatin1(value.toByteArray().toHex());
    case QMetaType::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    default:
        return value.toString();
    }
}

QString ResultEditModel::rowError(int row) const
{
    return row >= 0 && row < rowCount() ? rowAt(row).error : QString();
}

bool ResultEditModel::hasPendingChanges() const
{
    return pendingRowCount() > 0;
}

int ResultEditModel::pendingRowCount() const
{
    return int(std::count_if(m_states.cbegin(), m_states.cend(), [](const Row &r) {
        return r.deleted || r.inserted || !r.edits.isEmpty();
    }));
}

ChangeSet ResultEditModel::changes() const
{
    ChangeSet changes;
    if (m_states.isEmpty())
        return changes;
    for (int i = 0; i < rowCount(); ++i) {
        const auto it = m_states.constFind(idOf(i));
        if (it == m_states.constEnd())
            continue;
        const Row &r = *it;
        RowChange change;
        change.row = i;
        if (r.inserted) {
            change.kind = RowChange::Kind::Insert;
            change.values = r.edits;
        } else if (r.deleted || !r.edits.isEmpty()) {
            change.kind = r.deleted ? RowChange::Kind::Delete : RowChange::Kind::Update;
            change.values = r.deleted ? QHash<int, QVariant>() : r.edits;
            for (int c = 0; c < columnCount(); ++c)
                change.original.append(baseValue(r, c));
        } else {
            continue;
        }
        changes.append(change);
    }
    return changes;
}

void ResultEditModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Vertical, row, row);
    Q_EMIT pendingChanged();
}

int ResultEditModel::addRow()
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    const int id = m_nextNewId--;
    m_ids.push_back(id);
    Row state;
    state.inserted = true;
    m_states.insert(id, state);
    endInsertRows();
    Q_EMIT pendingChanged();
    return row;
}

void ResultEditModel::dropRows(const QList<int> &rows)
{
    // One signal per row while they are few; past that a reset is cheaper for the views.
    constexpr int IndividualLimit = 64;
    if (rows.size() <= IndividualLimit) {
        for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
            beginRemoveRows({}, *it, *it);
            m_states.remove(idOf(*it));
            m_ids.erase(m_ids.begin() + *it);
            endRemoveRows();
        }
        return;
    }
    beginResetModel();
    for (int row : rows) {
        m_states.remove(idOf(row));
        m_ids[size_t(row)] = std::numeric_limits<int>::min();
    }
    m_ids.erase(std::remove(m_ids.begin(), m_ids.end(), std::numeric_limits<int>::min()),
                m_ids.end());
    endResetModel();
}

void ResultEditModel::toggleDeleted(const QList<int> &rows)
{
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    QList<int> dropped;
    for (int row : std::as_const(sorted)) {
        if (row < 0 || row >= rowCount())
            continue;
        Row &r = rowRef(row);
        if (r.inserted) {
            dropped.append(row); // a new row that is deleted simply goes away
            continue;
        }
        r.deleted = !r.deleted;
        r.error.clear();
        rowChanged(row);
    }
    dropRows(dropped);
    Q_EMIT pendingChanged();
}

void ResultEditModel::setNull(const QModelIndexList &indexes)
{
    for (const QModelIndex &index : indexes) {
        if (flags(index) & Qt::ItemIsEditable)
            setData(index, QVariant(), Qt::EditRole);
    }
}

void ResultEditModel::revert()
{
    QList<int> dropped;
    for (int row = 0; row < rowCount() && !m_states.isEmpty(); ++row) {
        const auto it = m_states.find(idOf(row));
        if (it == m_states.end())
            continue;
        if (it->inserted) {
            dropped.append(row);
            continue;
        }
        const bool changed = !it->edits.isEmpty() || it->deleted || !it->error.isEmpty();
        it->edits.clear();
        it->deleted = false;
        it->error.clear();
        if (it->base.isEmpty())
            m_states.erase(it);
        if (changed) {
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
            Q_EMIT headerDataChanged(Qt::Vertical, row, row);
        }
    }
    dropRows(dropped);
    Q_EMIT pendingChanged();
}

void ResultEditModel::markRowError(int row, const QString &message)
{
    if (row < 0 || row >= rowCount())
        return;
    rowRef(row).error = message;
    rowChanged(row);
}

void ResultEditModel::clearRowErrors()
{
    for (int row = 0; row < rowCount() && !m_states.isEmpty(); ++row) {
        const auto it = m_states.find(idOf(row));
        if (it == m_states.end() || it->error.isEmpty())
            continue;
        it->error.clear();
        Q_EMIT headerDataChanged(Qt::Vertical, row, row);
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    }
}

void ResultEditModel::commit(const ApplyOutcome &outcome)
{
    QList<int> dropped;
    for (int row = 0; row < rowCount() && !m_states.isEmpty(); ++row) {
        const auto it = m_states.find(idOf(row));
        if (it == m_states.end())
            continue;
        Row &r = *it;
        r.error.clear();
        if (r.deleted) {
            dropped.append(row);
            continue;
        }
        if (r.inserted) {
            const QVariantList returned = outcome.insertedValues.value(row);
            for (int c = 0; c < columnCount(); ++c) {
                if (c >= returned.size() && !r.edits.contains(c))
                    continue;
                // The server's text, typed as the user's would be: PostgreSQL's "t" is true.
                const QVariant value = c < returned.size() ? returned.at(c) : r.edits.value(c);
                const Result<QVariant> typed = EditPlanner::typedValue(m_columns.at(c), value);
                r.base.insert(c, typed ? typed.value() : value);
            }
            r.inserted = false;
        } else {
            for (auto e = r.edits.cbegin(); e != r.edits.cend(); ++e) {
                const Result<QVariant> typed =
                    EditPlanner::typedValue(m_columns.at(e.key()), e.value());
                r.base.insert(e.key(), typed ? typed.value() : e.value());
            }
        }
        r.edits.clear();
    }
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    }
    dropRows(dropped);
    Q_EMIT pendingChanged();
}

int ResultEditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int ResultEditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ResultEditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const Row &r = rowAt(row);
    const bool edited = r.edits.contains(column);
    const bool fromStore = !edited && !r.base.contains(column) && r.source >= 0;
    const bool unsetNew = r.inserted && !edited;
    const QVariant current = value(row, column);
    const bool marked = r.deleted || r.inserted || edited;

    switch (role) {
    case Qt::DisplayRole:
        if (unsetNew)
            return tr("(default)");
        if (current.isNull())
            return NullText;
        if (fromStore && m_source)
            return m_source->data(m_source->index(r.source, column), Qt::DisplayRole);
        return text(current, column).left(ResultGridModel::DisplayLimit);
    case Qt::EditRole:
    case Qt::UserRole:
        if (current.isNull())
            return QVariant();
        if (fromStore && m_source)
            return m_source->fullText(m_source->index(r.source, column));
        return text(current, column);
    case Qt::BackgroundRole:
        if (r.deleted)
            return DeletedColor;
        if (r.inserted)
            return InsertedColor;
        if (edited)
            return EditedColor;
        return {};
    case Qt::ForegroundRole:
        if (r.deleted || unsetNew || current.isNull())
            return DimmedText;
        if (marked)
            return MarkedText;
        return {};
    case Qt::FontRole:
        if (r.deleted)
            return m_deletedFont;
        if (unsetNew || current.isNull())
            return m_nullFont;
        return {};
    case Qt::TextAlignmentRole:
        if (m_columns.at(column).isNumeric())
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        if (!r.error.isEmpty())
            return plainToolTip(r.error);
        return {};
    default:
        return {};
    }
}

bool ResultEditModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    Row &r = rowRef(index.row());
    const int column = index.column();
    // A NULL stays NULL only when asked for (Set NULL); an empty editor gives an empty string.
    const QVariant typed = value.isNull() ? QVariant() : QVariant(value.toString());
    r.edits.insert(column, typed);
    if (!r.inserted) {
        // Typing the value as read back again is no change.
        const QVariant original = baseValue(r, column);
        const bool fromStore = r.source >= 0 && !r.base.contains(column) && m_source;
        const QString originalText = fromStore
                                         ? m_source->fullText(m_source->index(r.source, column))
                                         : text(original, column);
        if (original.isNull() == typed.isNull() &&
            (typed.isNull() || originalText == typed.toString()))
            r.edits.remove(column);
    }
    r.error.clear();
    rowChanged(index.row());
    return true;
}

Qt::ItemFlags ResultEditModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_editable && !rowAt(index.row()).deleted)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ResultEditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (m_source && section >= 0 && section < columnCount())
            return m_source->headerData(section, orientation, role);
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (section < 0 || section >= rowCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Row &r = rowAt(section);
    switch (role) {
    case Qt::DisplayRole:
        return r.inserted ? u"*"_s : QString::number(section + 1);
    case Qt::BackgroundRole:
        if (!r.error.isEmpty())
            return ErrorColor;
        if (r.deleted)
            return DeletedColor;
        if (r.inserted)
            return InsertedColor;
        if (!r.edits.isEmpty())
            return EditedColor;
        return {};
    case Qt::ForegroundRole:
        if (!r.error.isEmpty() || r.deleted || r.inserted || !r.edits.isEmpty())
            return MarkedText;
        return {};
    case Qt::ToolTipRole:
        if (!r.error.isEmpty())
            return plainToolTip(r.error);
        if (r.deleted)
            return tr("Marked for deletion; Save deletes it");
        if (r.inserted)
            return tr("New row; Save inserts it");
        if (!r.edits.isEmpty())
            return tr("Edited; Save updates it");
        return {};
    default:
        return QAbstractTableModel::headerData(section, orientation, role);
    }
}

} // namespace Strata
