// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "results/columninfo.h"
#include "sql/result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace Strata::Postgres::Internal {

// PostgreSQL type OIDs to CellKind and format_type-style names, cached per session.
// Names are loaded in one query at connect (built-in types and user scalar types); OIDs first
// seen in a result are noted and resolved with one query once the connection is idle again,
// because libpq cannot run a query while a result streams.
class PgTypeCache
{
public:
    static CellKind kindFor(unsigned int oid);

    void clear();
    Result<void> preload(PGconn *conn);
    // Resolves the OIDs seen in results but not known yet, in one query.
    Result<void> resolveMissing(PGconn *conn);

    // ColumnInfo for every column of a result (name, type name with modifier, kind, table OID).
    ColumnList columns(const PGresult *result);
    // The name as format_type(oid, typmod) prints it; empty (and noted) when not known yet.
    QString typeName(unsigned int oid, int typmod);

    bool contains(unsigned int oid) const { return m_names.contains(oid); }

private:
    Result<void> load(PGconn *conn, const QByteArray &sql, const QByteArray &param);

    QHash<unsigned int, QString> m_names;
    QSet<unsigned int> m_missing;
};

} // namespace Strata::Postgres::Internal
