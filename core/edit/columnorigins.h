// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "results/columninfo.h"
#include "results/resultset.h"

#include <QString>
#include <QVariantList>

namespace Strata {

// PostgreSQL names a result column's source only by table OID and attribute number. When
// editing starts, one catalog query (for the few tables involved) fills in schema, table and
// column names; MariaDB and SQLite report the names themselves.
class STRATA_CORE_EXPORT ColumnOrigins
{
public:
    // True when some column has an OID but no names yet.
    static bool needsLookup(const ColumnList &columns);
    static QString lookupSql();
    static QVariantList lookupParameters(const ColumnList &columns);
    // Fills in the names from the lookup's result (oid, attnum, schema, table, column).
    static ColumnList resolved(const ColumnList &columns, const ResultSet &lookup);
};

} // namespace Strata
