// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Strata {

// One row of the history table strata_schema_migrations: what was applied, when, by whom,
// how long it took, and whether it finished. A plain value.
struct STRATA_CORE_EXPORT AppliedMigration
{
    enum class Status { Applied, Failed };

    QString version;
    QString name;
    QByteArray checksum; // hex SHA-256 of the up section as it was applied
    QDateTime appliedAt; // UTC
    std::optional<qint64> executionMs;
    QString appliedBy;
    Status status = Status::Applied;
    // Failed (MariaDB, no transactional DDL): the 1-based statement that failed and the
    // server's message; the statements before it were applied.
    std::optional<int> failedStatement;
    QString error;

    static QString statusName(Status status); // "applied", "failed"
    static std::optional<Status> statusFromName(const QString &name);
};

} // namespace Strata
