// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sql/error.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace Strata::Postgres::Internal::PgErrors {

// Classifies libpq's connect failure text (PQerrorMessage) into Error codes. QPSQL finishes the
// PGconn before we can ask it anything, and libpq has no error code for connect failures, so
// the text is all there is; the patterns are libpq's and the server's stable English messages.
Error connectError(const QString &message, const QString &host, const QString &database);

// A statement error from a PGresult: primary message, SQLSTATE, 1-based position, and
// detail/hint joined as the detail. Code Query, or ConnectionLost when the connection broke.
Error resultError(const PGresult *result, PGconn *conn);

// A failure without a result (PQsendQuery refused, connection dropped): ConnectionLost when the
// connection is bad, else Query.
Error connectionError(PGconn *conn, const QString &context);

// libpq's multi-line message as one line of plain text.
QString oneLine(const char *text);

} // namespace Strata::Postgres::Internal::PgErrors
