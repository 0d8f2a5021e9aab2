// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "plugins/isession.h"

namespace Strata {
struct ResultSet;
}

namespace Strata::Sqlite::Internal {

// Reads the "main" schema of an SQLite database in a fixed number of bulk queries:
// sqlite_schema joined with the table-valued pragma functions, one query per kind of object
// over all tables, plus sqlite_stat1 and dbstat when present.
class SqliteCatalogReader
{
public:
    Result<Catalog> read(ISession &session);

private:
    Result<ResultSet> query(ISession &session, const QString &sql);

    int m_queryCount = 0;
};

} // namespace Strata::Sqlite::Internal
