// SPDX-License-Identifier: GPL-3.0-or-later
#include "statementsplitter.h"

#include "mysqlsplitter_p.h"
#include "pgsplitter_p.h"
#include "sqlitesplitter_p.h"

#include <algorithm>

namespace Strata {

SqlDialect sqlDialectForEngine(const QString &engineId)
{
    if (engineId == QLatin1String("mysql"))
        return SqlDialect::MySQL;
    if (engineId == QLatin1String("sqlite"))
        return SqlDialect::SQLite;
    return SqlDialect::PostgreSQL;
}

} // namespace Strata

namespace Strata::StatementSplitter {

QList<SqlStatement> split(const QString &sql, SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return Internal::splitPostgres(sql);
    case SqlDialect::MySQL:
        return Internal::splitMySql(sql);
    case SqlDialect::SQLite:
        return Internal::splitSqlite(sql);
    }
    return {};
}

int statementAt(const QList<SqlStatement> &statements, int cursorOffset)
{
    if (statements.isEmpty())
        return -1;
    // The last statement starting at or before the cursor.
    const auto it =
        std::upper_bound(statements.cbegin(), statements.cend(), cursorOffset,
                         [](int cursor, const SqlStatement &s) { return cursor < s.offset; });
    if (it == statements.cbegin())
        return 0;
    return int(std::distance(statements.cbegin(), it)) - 1;
}

} // namespace Strata::StatementSplitter
