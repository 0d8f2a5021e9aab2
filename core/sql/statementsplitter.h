// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QList>
#include <QString>

namespace Strata {

// One statement of a script: its trimmed text and where that text sits in the input
// (offset and length in QString/UTF-16 units, line 1-based). The terminator is not included.
struct SqlStatement
{
    QString text;
    int offset = 0;
    int length = 0;
    int line = 1;
};

enum class SqlDialect { PostgreSQL, MySQL, SQLite };

// The dialect of an engine plugin's id ("postgresql", "mysql", "sqlite"); PostgreSQL for
// anything else.
STRATA_CORE_EXPORT SqlDialect sqlDialectForEngine(const QString &engineId);

// Splits a script into statements the way each engine's own client does.
namespace StatementSplitter {

// Empty and comments-only pieces are dropped; a trailing statement without terminator is kept.
STRATA_CORE_EXPORT QList<SqlStatement> split(const QString &sql, SqlDialect dialect);

// Index of the statement the cursor belongs to: the one containing it, else the one before it,
// else the first; -1 when there are none.
STRATA_CORE_EXPORT int statementAt(const QList<SqlStatement> &statements, int cursorOffset);

} // namespace StatementSplitter
} // namespace Strata
