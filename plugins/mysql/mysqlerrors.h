// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sql/error.h"

#include <mysql.h>

namespace Strata::MySql::Internal {

// Turns MariaDB Connector/C errors into Strata errors: the code says what kind of failure it
// was, sqlState() carries the SQLSTATE and nativeCode() the errno.
namespace MySqlErrors {

// An error raised while connecting (mysql_real_connect failed).
Error connectError(MYSQL *mysql, const QString &host);
// An error raised by a statement on an open connection.
Error statementError(MYSQL *mysql);
Error statementError(MYSQL_STMT *stmt);
// Builds an error from its parts (errno, SQLSTATE, server text).
Error fromParts(Error::Code code, unsigned int errorNumber, const char *sqlState,
                const char *message);

// True when errorNumber means the connection is gone (server restarted, killed, network).
bool isConnectionLost(unsigned int errorNumber);
// ER_QUERY_INTERRUPTED: what a statement reports after KILL QUERY.
bool isInterrupted(unsigned int errorNumber);

} // namespace MySqlErrors
} // namespace Strata::MySql::Internal
