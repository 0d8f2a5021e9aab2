// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QString>

namespace Strata {

// Whether running a statement again only reads: SELECT, WITH ... SELECT, VALUES, TABLE, SHOW,
// DESCRIBE, EXPLAIN without ANALYZE, PRAGMA without "=". Words inside quotes and comments are
// skipped; a read that mentions INSERT, UPDATE, DELETE, MERGE, INTO or a locking FOR UPDATE/SHARE
// counts as not plain. Errs on the side of "not plain" (the caller then asks first).
STRATA_CORE_EXPORT bool isPlainRead(const QString &sql);

} // namespace Strata
