// SPDX-License-Identifier: GPL-3.0-or-later
#include "othertoolsmodel.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

namespace Strata {

// Top-level rows have internal id 0; an entry's internal id is its tool's row + 1.
OtherToolsModel::OtherToolsModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void OtherToolsModel::setHistories(const QList<OtherToolHistory> &histories)
{
    beginResetModel();
    m_histories = histories;
    endResetModel();
}

QString OtherToolsModel::toolTitle(OtherToolHistory::Tool tool)
{
    switch (tool) {
    case OtherToolHistory::Tool::Sequelize:
        return tr("Sequelize");
    case OtherToolHistory::Tool::Knex:
        return tr("Knex");
    case OtherToolHistory::Tool::Prisma:
        return tr("Prisma");
    case OtherToolHistory::Tool::Flyway:
        return tr("Flyway");
    }
    return {};
}

QModelIndex OtherToolsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex OtherToolsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int OtherToolsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_histories.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_histories.at(parent.row()).applied.size());
}

int OtherToolsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant OtherToolsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return toolData(m_histories.at(index.row()), index.column(), role);
    const OtherToolHistory &history = m_histories.at(int(index.internalId() - 1));
    return entryData(history.applied.at(index.row()), index.column(), role);
}

QVariant OtherToolsModel::toolData(const OtherToolHistory &history, int column, int role) const
{
    if (role == Qt::FontRole) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::ForegroundRole && column == StatusColumn && !history.problem.isEmpty())
        return QBrush(QColor(0xb0, 0x20, 0x20));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case VersionColumn:
        return toolTitle(history.tool);
    case NameColumn:
        return history.schema.isEmpty() ? history.table : history.schema + u'.' + history.table;
    case DescriptionColumn:
        return history.problem;
    case StatusColumn: {
        if (!history.problem.isEmpty())
            return tr("not read");
        qsizetype failed = 0;
        for (const OtherToolHistory::Entry &e : history.applied)
            failed += e.success ? 0 : 1;
        const qsizetype applied = history.applied.size() - failed;
        return failed ? tr("%1 applied, %2 failed").arg(applied).arg(failed)
                      : tr("%1 applied").arg(applied);
    }
    default:
        return {};
    }
}

QVariant OtherToolsModel::entryData(const OtherToolHistory::Entry &entry, int column, int role) const
{
    if (role == Qt::ForegroundRole && column == StatusColumn && !entry.success)
        return QBrush(QColor(0xb0, 0x20, 0x20));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case VersionColumn:
        return entry.version;
    case NameColumn:
        return entry.name;
    case DescriptionColumn:
        return entry.description;
    case AppliedAtColumn:
        if (role == Qt::DisplayRole && entry.appliedAt.endsWith(u'Z'))
            return QString(entry.appliedAt).replace(u'T', u' ').chopped(1) + QStringLiteral(" UTC");
        return entry.appliedAt;
    case StatusColumn:
        return entry.success ? tr("applied") : tr("failed or rolled back");
    default:
        return {};
    }
}

QVariant OtherToolsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Tool / version");
    case NameColumn:
        return tr("Table / name");
    case DescriptionColumn:
        return tr("Description");
    case AppliedAtColumn:
        return tr("Applied at");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace Strata
