// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnorigins.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace Strata {

bool ColumnOrigins::needsLookup(const ColumnList &columns)
{
    return std::any_of(columns.cbegin(), columns.cend(), [](const ColumnInfo &column) {
        return column.tableOid != 0 && column.tableColumn > 0 && column.sourceColumn.isEmpty();
    });
}

IDialect::Query ColumnOrigins::lookup(const IDialect &dialect, const ColumnList &columns)
{
    QSet<quint32> ids;
    for (const ColumnInfo &column : columns) {
        if (column.tableOid != 0)
            ids.insert(column.tableOid);
    }
    QList<quint32> sorted(ids.cbegin(), ids.cend());
    std::sort(sorted.begin(), sorted.end());
    return dialect.columnOriginQuery(sorted);
}

ColumnList ColumnOrigins::resolved(const ColumnList &columns, const ResultSet &lookup)
{
    struct Origin
    {
        QString schema;
        QString table;
        QString column;
    };
    QHash<QPair<quint32, int>, Origin> origins;
    for (qint64 row = 0; row < lookup.rowCount(); ++row) {
        const quint32 oid = lookup.text(row, 0).toUInt();
        const int attnum = lookup.text(row, 1).toInt();
        origins.insert({oid, attnum},
                       {lookup.text(row, 2), lookup.text(row, 3), lookup.text(row, 4)});
    }
    ColumnList result = columns;
    for (ColumnInfo &column : result) {
        const auto it = origins.constFind({column.tableOid, column.tableColumn});
        if (it == origins.constEnd())
            continue;
        column.schema = it->schema;
        column.table = it->table;
        column.sourceColumn = it->column;
    }
    return result;
}

} // namespace Strata
