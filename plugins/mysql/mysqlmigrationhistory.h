// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/imigrations.h"

namespace Strata::MySql::Internal {

// MariaDB/MySQL's runner statements: the history table in the connection's database, the
// lock a named GET_LOCK(name, 0) polled (session-scoped: freed when the process dies). DDL
// commits on its own, so migrations run statement by statement.
namespace MySqlMigrationHistory {

IMigrations::RunnerSql runnerSql();
IMigrations::Statement insertRow(const AppliedMigration &row);
IMigrations::Statement deleteRow(const QString &version);
IMigrations::Statement updateChecksum(const QString &version, const QString &name,
                                      const QByteArray &checksum);

} // namespace MySqlMigrationHistory
} // namespace Strata::MySql::Internal
