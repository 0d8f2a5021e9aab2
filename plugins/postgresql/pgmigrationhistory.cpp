// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgmigrationhistory.h"

namespace Strata::Postgres::Internal::PgMigrationHistory {

namespace {
// Advisory locks are per database already; the key only has to be ours ("StrataMg").
constexpr auto LockKey = "6004234345545205607";

QVariant orNull(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}
} // namespace

IMigrations::RunnerSql runnerSql()
{
    IMigrations::RunnerSql sql;
    sql.dialect = SqlDialect::PostgreSQL;
    sql.transactionalDdl = true;
    sql.lockKind = IMigrations::LockKind::SessionLock;
    sql.tryLock = QStringLiteral("SELECT CASE WHEN pg_try_advisory_lock(%1) THEN 1 ELSE 0 END")
                      .arg(QLatin1String(LockKey));
    sql.unlock = QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(QLatin1String(LockKey));
    sql.begin = QStringLiteral("BEGIN");
    sql.commit = QStringLiteral("COMMIT");
    sql.rollback = QStringLiteral("ROLLBACK");
    sql.historyExists = QStringLiteral(
        "SELECT CASE WHEN to_regclass('strata_schema_migrations') IS NULL THEN 0 ELSE 1 END");
    sql.createHistory = {QStringLiteral(
        "CREATE TABLE IF NOT EXISTS strata_schema_migrations (\n"
        "    version text PRIMARY KEY,\n"
        "    name text NOT NULL,\n"
        "    checksum text NOT NULL,\n"
        "    applied_at timestamptz NOT NULL,\n"
        "    execution_ms bigint,\n"
        "    applied_by text NOT NULL,\n"
        "    status text NOT NULL CHECK (status IN ('applied', 'failed')),\n"
        "    failed_statement integer,\n"
        "    error text\n"
        ")")};
    sql.selectHistory = QStringLiteral(
        "SELECT version, name, checksum, "
        "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS'), execution_ms, "
        "applied_by, status, failed_statement, error FROM strata_schema_migrations");
    sql.currentUser = QStringLiteral("SELECT current_user");
    return sql;
}

IMigrations::Statement insertRow(const AppliedMigration &row)
{
    return {QStringLiteral("INSERT INTO strata_schema_migrations (version, name, checksum, "
                           "applied_at, execution_ms, applied_by, status, failed_statement, "
                           "error) VALUES ($1, $2, $3, $4::timestamptz, $5::bigint, $6, $7, "
                           "$8::integer, $9)"),
            {row.version, row.name, QString::fromLatin1(row.checksum),
             row.appliedAt.toUTC().toString(Qt::ISODateWithMs), orNull(row.executionMs),
             row.appliedBy, AppliedMigration::statusName(row.status),
             row.failedStatement ? QVariant(*row.failedStatement) : QVariant(),
             row.error.isEmpty() ? QVariant() : QVariant(row.error)}};
}

IMigrations::Statement deleteRow(const QString &version)
{
    return {QStringLiteral("DELETE FROM strata_schema_migrations WHERE version = $1"), {version}};
}

IMigrations::Statement updateChecksum(const QString &version, const QString &name,
                                      const QByteArray &checksum)
{
    return {QStringLiteral("UPDATE strata_schema_migrations SET checksum = $2, name = $3 "
                           "WHERE version = $1"),
            {version, QString::fromLatin1(checksum), name}};
}

} // namespace Strata::Postgres::Internal::PgMigrationHistory
