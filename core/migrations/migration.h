// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QByteArray>
#include <QString>

namespace Strata {

// One versioned migration as read from its file(s): a dbmate file `<version>_<name>.sql` with
// `-- migrate:up` / `-- migrate:down` sections, or a golang-migrate pair
// `<version>_<name>.up.sql` / `.down.sql`. A plain value.
struct STRATA_CORE_EXPORT Migration
{
    enum class Layout { Dbmate, GolangMigrate };

    struct Section
    {
        bool present = false;
        QString sql;          // the section's text, without its marker line
        QString file;         // the file it is in
        int firstLine = 0;    // 1-based line of sql's first line in that file
        bool transaction = true; // false: `transaction:false`, run outside a transaction
    };

    QString version; // digits; a UTC timestamp YYYYMMDDHHMMSS for the files Strata writes
    QString name;
    Layout layout = Layout::Dbmate;
    Section up;
    Section down;
    // Hex SHA-256 of the up section with line ends normalised to "\n", so a checkout that
    // turns LF into CRLF does not look like a changed migration.
    QByteArray checksum;

    // Orders versions numerically ("9" before "10"), then by text.
    static bool versionLess(const QString &a, const QString &b);
    static QByteArray checksumOf(const QString &upSql);
};

} // namespace Strata
