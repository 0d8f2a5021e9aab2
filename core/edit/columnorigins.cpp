// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnorigins.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Strata {

bool ColumnOrigins::needsLookup(const ColumnList &columns)
{
    return std::any_of(columns.cbegin(), columns.cend(), [](const ColumnInfo &column) {
        return column.tableOid != 0 && column.tableColumn > 0 && column.sourceColumn.isEmpty();
    });
}

QString ColumnOrigins::lookupSql()
{
    return u"SELECT a.attrelid::bigint, a.attnum, n.nspname, c.relname, a.attname "
           "FROM pg_catalog.pg_attribute a "
           "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
           "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
           "WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped"_s;
}

QVariantList ColumnOrigins::lookupParameters(const ColumnList &columns)
{
    QSet<quint32> oids;
    for (const ColumnInfo &column : columns) {
        if (column.tableOid != 0)
            oids.insert(column.tableOid);
    }
    QStringList list;
    for (quint32 oid : std::as_const(oids))
        list.append(QString::number(oid));
    list.sort();
    return {QVariant(u'{' + list.join(u',') + u'}')};
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
