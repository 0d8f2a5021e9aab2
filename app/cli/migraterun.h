// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>

#include "migrations/migrationstatus.h"

#include <QByteArray>
#include <QStringList>

namespace Strata::Cli {

// `strata-cli migrate status|validate|up|down|repair` against a database (--url/--profile)
// and a folder (--dir): read the history, plan, and run through MigrationRunner.
class MigrateRun
{
public:
    // command: "status", "validate", "up", "down" or "repair"; arguments[0] is
    // "strata-cli migrate <command>". Returns the exit code.
    static int run(const QString &command, const QStringList &arguments);
    // `{"migrations": [{"version", "name", "state", "appliedAt"}], "otherTools": [...]}`,
    // otherTools as OtherToolHistory::toJson() writes them.
    static QByteArray statusJson(const MigrationStatus &status, const QJsonArray &otherTools);
};

} // namespace Strata::Cli
