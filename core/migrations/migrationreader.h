// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/migration.h"

#include <QList>
#include <QString>

namespace Strata {

// Reads a folder of migration files: dbmate files (`<version>_<name>.sql` with
// `-- migrate:up` / `-- migrate:down` sections, each optionally followed by
// `transaction:false`) and golang-migrate pairs (`<version>_<name>.up.sql` / `.down.sql`).
// Every malformed file is reported with its name and line; callers run nothing unless the
// folder reads clean. Pure file reading; any thread.
class STRATA_CORE_EXPORT MigrationReader
{
public:
    struct Problem
    {
        QString file; // the file name as found in the folder
        int line = 0; // 1-based; 0 when the whole file is meant
        QString message;
        QString toString() const; // "file:line: message"
    };
    struct Contents
    {
        QList<Migration> migrations; // sorted by version
        QList<Problem> problems;     // in file order
        bool ok() const { return problems.isEmpty(); }
    };

    // Every migration in dir (not recursive). Files not ending in .sql are ignored.
    static Contents readDirectory(const QString &dir);
    // One dbmate file's text; fileName gives the version and name.
    static Contents parseDbmate(const QString &fileName, const QString &text);
    // True for a 14-digit YYYYMMDDHHMMSS that is a real UTC date and time.
    static bool isTimestampVersion(const QString &version);
};

} // namespace Strata
