// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlitecatalogreader.h"
#include "sqlitesession.h"

#include "results/resultset.h"

namespace Strata::Sqlite::Test {

// Runs sql in a new database file at path and reads its catalog back.
inline Result<Catalog> catalogAfter(const QString &path, const QString &sql)
{
    Internal::SqliteSession session;
    ConnectionSettings settings;
    settings.database = path;
    if (Result<void> opened = session.open(settings); !opened)
        return opened.error();
    CollectingSink sink;
    if (Result<void> ran = session.execute(sql, {}, sink); !ran)
        return ran.error();
    return Internal::SqliteCatalogReader().read(session);
}

} // namespace Strata::Sqlite::Test
