// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlmigrationhistory.h"

#include "migrations/historyrowstatements.h"

namespace Strata::MySql::Internal::MySqlMigrationHistory {

namespace {
// Lock names are server-wide: one per database, within GET_LOCK's 64 characters.
constexpr auto LockName = "CONCAT('strata_migrations.', SHA1(DATABASE()))";
} // namespace

IMigrations::RunnerSql runnerSql()
{
    IMigrations::RunnerSql sql;
    sql.dialect = SqlDialect::MySQL;
    sql.transactionalDdl = false;
    sql.lockKind = IMigrations::LockKind::SessionLock;
    sql.tryLock = QStringLiteral("SELECT COALESCE(GET_LOCK(%1, 0), 0)").arg(QLatin1String(LockName));
    sql.unlock = QStringLiteral("SELECT RELEASE_LOCK(%1)").arg(QLatin1String(LockName));
    sql.begin = QStringLiteral("START TRANSACTION");
    sql.commit = QStringLiteral("COMMIT");
    sql.rollback = QStringLiteral("ROLLBACK");
    sql.historyExists = QStringLiteral(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
        "AND table_name = 'strata_schema_migrations'");
    sql.createHistory = {QStringLiteral(
        "CREATE TABLE IF NOT EXISTS strata_schema_migrations (\n"
        "    version VARCHAR(255) NOT NULL PRIMARY KEY,\n"
        "    name VARCHAR(1024) NOT NULL,\n"
        "    checksum CHAR(64) NOT NULL,\n"
        "    applied_at DATETIME(3) NOT NULL,\n"
        "    execution_ms BIGINT NULL,\n"
        "    applied_by VARCHAR(1024) NOT NULL,\n"
        "    status VARCHAR(16) NOT NULL,\n"
        "    failed_statement INT NULL,\n"
        "    error TEXT NULL\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")};
    sql.selectHistory = QStringLiteral(
        "SELECT version, name, checksum, DATE_FORMAT(applied_at, '%Y-%m-%dT%H:%i:%s'), "
        "execution_ms, applied_by, status, failed_statement, error "
        "FROM strata_schema_migrations");
    sql.currentUser = QStringLiteral("SELECT CURRENT_USER()");
    return sql;
}

IMigrations::Statement insertRow(const AppliedMigration &row)
{
    return HistoryRowStatements::insertRow(row, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
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

} // namespace Strata::MySql::Internal::MySqlMigrationHistory
