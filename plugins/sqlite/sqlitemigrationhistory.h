// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/imigrations.h"

namespace Strata::Sqlite::Internal {

// SQLite's runner statements: the history table in the main database; the lock is the
// BEGIN IMMEDIATE write transaction of each migration (with the session's busy timeout).
namespace SqliteMigrationHistory {

IMigrations::RunnerSql runnerSql();
IMigrations::Statement insertRow(const AppliedMigration &row);
IMigrations::Statement deleteRow(const QString &version);
IMigrations::Statement updateChecksum(const QString &version, const QString &name,
                                      const QByteArray &checksum);

} // namespace SqliteMigrationHistory
} // namespace Strata::Sqlite::Internal
