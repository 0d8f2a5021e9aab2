// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "statementsplitter.h"

namespace Strata::Internal {

// SQLite: sqlite3_complete() semantics, so trigger bodies stay whole.
QList<SqlStatement> splitSqlite(const QString &sql);

} // namespace Strata::Internal
