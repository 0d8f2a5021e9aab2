// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "edittarget.h"

#include "catalog/catalog.h"
#include "sql/result.h"

namespace Strata {

// Decides whether a result can be edited: every column reads one base table (not a view) that
// has a primary key in the catalog, and every key column is in the result. Pure.
class STRATA_CORE_EXPORT Editability
{
public:
    // The target, or an Error whose message is the one plain reason why not.
    static Result<EditTarget> check(const ColumnList &columns, const Catalog &catalog);
};

} // namespace Strata
