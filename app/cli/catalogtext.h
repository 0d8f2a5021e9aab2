// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"

namespace Strata::Cli {

// The readable listing of `strata-cli schema` without --json: one indented block per schema
// and table, with columns, keys, indexes and foreign keys.
namespace CatalogText {

QString toText(const Catalog &catalog);

} // namespace CatalogText
} // namespace Strata::Cli
