// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitemigrationhistory.h"

#include "migrations/historyrowstatements.h"

namespace Strata::Sqlite::Internal::SqliteMigrationHistory {

IMigrations::RunnerSql runnerSql()
{
    IMigrations::RunnerSql sql;
    sql.dialect = SqlDialect::SQLite;
    sql.transactionalDdl = true;
    sql.lockKind = IMigrations::LockKind::TransactionLock;
    sql.begin = QStringLiteral("BEGIN IMMEDIATE");
    sql.commit = QStringLiteral("COMMIT");
    sql.rollback = QStringLiteral("ROLLBACK");
    sql.historyExists = QStringLiteral(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
        "AND name = 'strata_schema_migrations'");
    sql.createHistory = {QStringLiteral(
        "CREATE TABLE IF NOT EXISTS strata_schema_migrations (\n"
        "    version TEXT PRIMARY KEY,\n"
        "    name TEXT NOT NULL,\n"
        "    checksum TEXT NOT NULL,\n"
        "    applied_at TEXT NOT NULL,\n"
        "    execution_ms INTEGER,\n"
        "    applied_by TEXT NOT NULL,\n"
        "    status TEXT NOT NULL CHECK (status IN ('applied', 'failed')),\n"
        "    failed_statement INTEGER,\n"
        "    error TEXT\n"
        ")")};
    sql.selectHistory = QStringLiteral(
        "SELECT version, name, checksum, applied_at, execution_ms, applied_by, status, "
        "failed_statement, error FROM strata_schema_migrations");
    return sql;
}

IMigrations::Statement insertRow(const AppliedMigration &row)
{
    return HistoryRowStatements::insertRow(row, QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
}

IMigrations::Statement deleteRow(const QString &version)
{
    return HistoryRowStatements::deleteRow(version);
}

IMigrations::Statement updateChecksum(const QString &version, const QString &name,
                                      const QByteArray &checksum)
{
    return HistoryRowStatements::updateChecksum(version, name, checksum);
}

} // namespace Strata::Sqlite::Internal::SqliteMigrationHistory
