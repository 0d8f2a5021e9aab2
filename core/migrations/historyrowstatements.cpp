// SPDX-License-Identifier: GPL-3.0-or-later
#include "historyrowstatements.h"

namespace Strata::HistoryRowStatements {

IMigrations::Statement insertRow(const AppliedMigration &row, const QString &timeFormat)
{
    return {QStringLiteral("INSERT INTO strata_schema_migrations (version, name, checksum, "
                           "applied_at, execution_ms, applied_by, status, failed_statement, "
                           "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {row.version, row.name, QString::fromLatin1(row.checksum),
             row.appliedAt.toUTC().toString(timeFormat),
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

} // namespace Strata::HistoryRowStatements
