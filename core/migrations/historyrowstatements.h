// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/imigrations.h"

namespace Strata {

// The history-row statements of strata_schema_migrations with `?` parameter markers, for the
// engines that bind that way (MariaDB/MySQL, SQLite); each engine says how it stores a time.
namespace HistoryRowStatements {

// timeFormat: QDateTime::toString() format of applied_at in UTC.
STRATA_CORE_EXPORT IMigrations::Statement insertRow(const AppliedMigration &row,
                                                    const QString &timeFormat);
STRATA_CORE_EXPORT IMigrations::Statement deleteRow(const QString &version);
STRATA_CORE_EXPORT IMigrations::Statement updateChecksum(const QString &version,
                                                         const QString &name,
                                                         const QByteArray &checksum);

} // namespace HistoryRowStatements
} // namespace Strata
