// SPDX-License-Identifier: GPL-3.0-or-later
#include "editability.h"

#include <QCoreApplication>
#include <QSet>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Editability)
};

Error readOnly(const QString &reason)
{
    return Error(Error::Code::NotSupported, reason);
}
} // namespace

Result<EditTarget> Editability::check(const ColumnList &columns, const Catalog &catalog)
{
    if (columns.isEmpty())
        return readOnly(Tr::tr("the result has no columns"));

    QList<QPair<QString, QString>> tables;
    for (const ColumnInfo &column : columns) {
        if (!column.hasSource())
            return readOnly(
                Tr::tr("the column %1 is computed, not read from a table").arg(column.name));
        const QPair<QString, QString> table(column.schema, column.table);
        if (!tables.contains(table))
            tables.append(table);
    }
    if (tables.size() > 1)
        return readOnly(tables.size() == 2
                            ? Tr::tr("the result joins two tables")
                            : Tr::tr("the result joins %1 tables").arg(tables.size()));

    const QString schemaName = tables.first().first;
    const QString tableName = tables.first().second;
    const Table *table = catalog.table(schemaName, tableName);
    if (!table && schemaName.isEmpty() && catalog.schemas.size() == 1)
        table = catalog.schemas.first().table(tableName);
    if (!table)
        return readOnly(
            Tr::tr("the table %1 is not in the loaded catalog; reload the catalog").arg(tableName));
    if (table->kind != Table::Kind::Table)
        return readOnly(Tr::tr("%1 is a view").arg(tableName));
    if (table->primaryKey.isEmpty())
        return readOnly(Tr::tr("%1 has no primary key").arg(tableName));

    EditTarget target;
    target.schema = table->schema;
    target.table = table->name;
    target.columns = columns;
    QSet<QString> seen;
    for (const ColumnInfo &column : columns) {
        if (seen.contains(column.sourceColumn))
            return readOnly(Tr::tr("the column %1 is shown twice").arg(column.sourceColumn));
        seen.insert(column.sourceColumn);
        target.sourceColumns.append(column.sourceColumn);
    }
    for (const QString &key : table->primaryKey) {
        const int index = int(target.sourceColumns.indexOf(key));
        if (index < 0)
            return readOnly(Tr::tr("the primary key column %1 is not in the result").arg(key));
        target.keyColumns.append(index);
    }
    return target;
}

} // namespace Strata
