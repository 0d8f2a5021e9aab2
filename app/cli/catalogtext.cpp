// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogtext.h"

namespace Strata::Cli::CatalogText {

namespace {

QString joined(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

void appendTable(QString &out, const Table &table)
{
    out += QStringLiteral("  %1 %2\n").arg(Table::kindName(table.kind), table.name);
    int nameWidth = 0;
    for (const Column &column : table.columns)
        nameWidth = qMax(nameWidth, int(column.name.size()));
    for (const Column &column : table.columns) {
        QString line = QStringLiteral("    %1  %2").arg(column.name, -nameWidth).arg(column.type);
        if (!column.nullable)
            line += QStringLiteral(" NOT NULL");
        if (column.defaultValue)
            line += QStringLiteral(" DEFAULT ") + *column.defaultValue;
        out += line + QLatin1Char('\n');
    }
    if (!table.primaryKey.isEmpty())
        out += QStringLiteral("    primary key (%1)\n").arg(joined(table.primaryKey));
    for (const Index &index : table.indexes) {
        if (index.primary)
            continue;
        out += QStringLiteral("    %1index %2 (%3)\n")
                   .arg(index.unique ? QStringLiteral("unique ") : QString(), index.name,
                        joined(index.columns));
    }
    for (const ForeignKey &key : table.foreignKeys) {
        const QString target = key.refSchema.isEmpty() ? key.refTable
                                                       : key.refSchema + QLatin1Char('.') + key.refTable;
        out += QStringLiteral("    foreign key %1 (%2) -> %3 (%4)\n")
                   .arg(key.name, joined(key.columns), target, joined(key.refColumns));
    }
}

} // namespace

QString toText(const Catalog &catalog)
{
    QString out = QStringLiteral("%1 %2\n").arg(catalog.engine, catalog.serverVersion);
    for (const Schema &schema : catalog.schemas) {
        out += QStringLiteral("schema %1 (%2 tables)\n").arg(schema.name).arg(schema.tables.size());
        for (const Table &table : schema.tables)
            appendTable(out, table);
    }
    return out;
}

} // namespace Strata::Cli::CatalogText
