// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "statementsplitter.h"

namespace Strata::Internal {

// PostgreSQL: libpg_query's scanner-based splitter, with UTF-8 offsets mapped back to UTF-16.
QList<SqlStatement> splitPostgres(const QString &sql);

} // namespace Strata::Internal
