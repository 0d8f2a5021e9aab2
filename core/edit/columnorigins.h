// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "plugins/idialect.h"
#include "results/columninfo.h"
#include "results/resultset.h"

#include <QString>
#include <QVariantList>

namespace Strata {

// Some engines (PostgreSQL) name a result column's source only by table id and column number.
// When editing starts, one query from the dialect (for the few tables involved) fills in
// schema, table and column names; other engines report the names themselves.
class STRATA_CORE_EXPORT ColumnOrigins
{
public:
    // True when some column has a table id but no names yet.
    static bool needsLookup(const ColumnList &columns);
    // The dialect's query for the tables of columns; empty sql when it has none.
    static IDialect::Query lookup(const IDialect &dialect, const ColumnList &columns);
    // Fills in the names from the lookup's result (oid, attnum, schema, table, column).
    static ColumnList resolved(const ColumnList &columns, const ResultSet &lookup);
};

} // namespace Strata
