// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitemigrationhistory.h"

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
    return {QStringLiteral("INSERT INTO strata_schema_migrations (version, name, checksum, "
                           "applied_at, execution_ms, applied_by, status, failed_statement, "
                           "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {row.version, row.name, QString::fromLatin1(row.checksum),
             row.appliedAt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")),
             row.executionMs ? QVariant(*row.executionMs) : QVariant(), row.appliedBy,
             AppliedMigration::statusName(row.status),
             row.failedStatement ? QVariant(*row.failedStatement) : QVariant(),
             row.error.isEmpty() ? QVariant() : QVariant(row.error)}};
}

IMigrations::Statement deleteRow(const QString &version)
{
    return {QStringLiteral("DELETE FROM strata_schema_migrations WHERE version = ?"), {version}};
}

IMigrations::Statement updateChecksum(const QString &version, const QString &name,
                                      const QByteArray &checksum)
{
    return {QStringLiteral("UPDATE strata_schema_migrations SET checksum = ?, name = ? "
                           "WHERE version = ?"),
            {QString::fromLatin1(checksum), name, version}};
}

} // namespace Strata::Sqlite::Internal::SqliteMigrationHistory
