// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "plugins/isession.h"
#include "results/resultset.h"

namespace Strata::MySql::Internal {

// Reads a MariaDB/MySQL catalog from information_schema in a fixed number of bulk queries
// (one per object kind, never one per table). A schema is a database.
class MySqlCatalogReader
{
public:
    explicit MySqlCatalogReader(ISession &session);

    Result<Catalog> read(const CatalogRequest &request);

    // Databases never shown as user schemas.
    static QStringList systemSchemas();

private:
    Result<ResultSet> query(const QString &sql, const QVariantList &parameters);
    Result<ResultSet> queryInSchemas(const QString &sqlWithIn, const QStringList &schemas);

    ISession &m_session;
    int m_queryCount = 0;
};

} // namespace Strata::MySql::Internal
