// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/imigrations.h"

namespace Strata::Postgres::Internal {

// PostgreSQL's runner statements: the history table in the first schema of the search path,
// a session-level advisory lock polled with pg_try_advisory_lock (a blocked
// pg_advisory_lock would hold a snapshot that CREATE INDEX CONCURRENTLY waits for).
namespace PgMigrationHistory {

IMigrations::RunnerSql runnerSql();
IMigrations::Statement insertRow(const AppliedMigration &row);
IMigrations::Statement deleteRow(const QString &version);
IMigrations::Statement updateChecksum(const QString &version, const QString &name,
                                      const QByteArray &checksum);

} // namespace PgMigrationHistory
} // namespace Strata::Postgres::Internal
