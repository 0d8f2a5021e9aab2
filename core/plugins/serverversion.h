// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QString>

namespace Strata {

// A server version as EngineSession::serverVersion() or a user reports it ("15.4",
// "10.11.6-MariaDB", "8.0.36", "3.45.1"), for rules whose answer depends on it.
struct STRATA_CORE_EXPORT ServerVersion
{
    int major = 0;
    int minor = 0;
    int patch = 0;
    bool mariaDb = false; // the text said MariaDB
    bool known = false;   // false for empty or unreadable text: treat as the newest server

    static ServerVersion parse(const QString &text);
    // True when known and >= major.minor.patch; an unknown version counts as the newest.
    bool atLeast(int major, int minor = 0, int patch = 0) const;
};

} // namespace Strata
