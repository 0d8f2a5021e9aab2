// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"

namespace Strata::Test {

// A catalog of `tables` tables of `columns` columns each in one schema, named
// table_00000 / col_00, plus one view and a few sequences and routines.
inline Catalog syntheticCatalog(int tables, int columns, const QString &schemaName = QStringLiteral("public"))
{
    Catalog catalog;
    catalog.engine = QStringLiteral("postgresql");
    catalog.serverVersion = QStringLiteral("PostgreSQL 15.0");
    catalog.database = QStringLiteral("synthetic");
    Schema schema;
    schema.name = schemaName;
    schema.tables.reserve(tables + 1);
    for (int t = 0; t < tables; ++t) {
        Table table;
        table.schema = schemaName;
        table.name = QStringLiteral("table_%1").arg(t, 5, 10, QLatin1Char('0'));
        for (int c = 0; c < columns; ++c) {
            Column column;
            column.name = QStringLiteral("col_%1").arg(c, 2, 10, QLatin1Char('0'));
            column.type = c == 0 ? QStringLiteral("bigint") : QStringLiteral("text");
            column.nullable = c != 0;
            table.columns.append(column);
        }
        table.primaryKeyName = table.name + QStringLiteral("_pkey");
        table.primaryKey = {QStringLiteral("col_00")};
        Index pk;
        pk.name = table.primaryKeyName;
        pk.columns = table.primaryKey;
        pk.unique = pk.primary = true;
        pk.method = QStringLiteral("btree");
        table.indexes.append(pk);
        schema.tables.append(table);
    }
    Table view;
    view.schema = schemaName;
    view.name = QStringLiteral("zz_view");
    view.kind = Table::Kind::View;
    Column answer;
    answer.name = QStringLiteral("answer");
    answer.type = QStringLiteral("integer");
    view.columns.append(answer);
    view.viewDefinition = QStringLiteral("SELECT 42 AS answer");
    schema.tables.append(view);
    for (int i = 0; i < 3; ++i) {
        Sequence sequence;
        sequence.schema = schemaName;
        sequence.name = QStringLiteral("seq_%1").arg(i);
        sequence.dataType = QStringLiteral("bigint");
        schema.sequences.append(sequence);
        Routine routine;
        routine.schema = schemaName;
        routine.name = QStringLiteral("fn_%1").arg(i);
        routine.arguments = QStringLiteral("integer");
        routine.returnType = QStringLiteral("integer");
        routine.language = QStringLiteral("sql");
        schema.routines.append(routine);
    }
    catalog.schemas.append(schema);
    return catalog;
}

} // namespace Strata::Test
