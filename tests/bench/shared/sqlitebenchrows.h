// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The 5-column SQLite table of the streaming benchmarks (integer key, bigint, 32-hex text,
// timestamp, numeric(12,2)): this script, with the row count bound as its one parameter.

#include <QString>

namespace Strata::Bench {

inline QString sqliteBenchRowsSql()
{
    return QStringLiteral(
        "DROP TABLE IF EXISTS stream;"
        "CREATE TABLE stream (id INTEGER PRIMARY KEY, big BIGINT NOT NULL, hash VARCHAR(32) NOT NULL,"
        " ts TIMESTAMP NOT NULL, amount NUMERIC(12,2) NOT NULL);"
        "WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ?)"
        " INSERT INTO stream SELECT x, x * 2654435761, "
        " printf('%016x%016x', (x * 6364136223846793005) & 0x7fffffffffffffff,"
        "        (x * 1442695040888963407) & 0x7fffffffffffffff),"
        " datetime(1577836800 + x * 37, 'unixepoch'), printf('%.2f', (x % 1000000) / 100.0)"
        " FROM s;");
}

} // namespace Strata::Bench
