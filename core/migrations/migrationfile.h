// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "sql/result.h"

#include <QDateTime>
#include <QString>

namespace Strata {

// Names and writes the migration files Strata creates (`strata-cli migrate new` and the
// GUI's migration editor): `<UTC YYYYMMDDHHMMSS>_<name>.sql` with dbmate sections, written
// atomically so a crash never leaves half a migration behind. Pure file work; any thread.
class STRATA_CORE_EXPORT MigrationFile
{
public:
    static constexpr int MaxNameLength = 100;

    // Letters, digits, '_' and '-', at most MaxNameLength characters: safe on every file system.
    static bool isSafeName(const QString &name);
    // One sentence saying why name is not safe; empty when it is.
    static QString nameProblem(const QString &name);

    // now as yyyyMMddHHmmss (UTC); when a file of dir already has that version, the next
    // second that none has, so two quick "new" never collide.
    static QString newVersion(const QString &dir,
                              const QDateTime &now = QDateTime::currentDateTimeUtc());
    static QString fileName(const QString &version, const QString &name);
    // Empty up and down sections; the cursor belongs on templateUpLine().
    static QString templateText();
    // 0-based line of the template's first empty line under `-- migrate:up`.
    static int templateUpLine() { return 1; }

    // Writes text as a new migration of dir named name, at newVersion(dir); creates dir when
    // missing. Returns the file's path. Refuses an unsafe name and an existing file.
    static Result<QString> write(const QString &dir, const QString &name, const QString &text);
    // The same at a given version (the one the editor showed); also refuses a version that
    // another file of dir already uses.
    static Result<QString> write(const QString &dir, const QString &version, const QString &name,
                                 const QString &text);
    // Replaces an existing migration file's text atomically (all or nothing).
    static Result<void> rewrite(const QString &path, const QString &text);
    // The file of dir whose version is version; empty when none.
    static QString fileWithVersion(const QString &dir, const QString &version);
};

} // namespace Strata
