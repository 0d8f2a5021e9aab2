// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"

#include <QJsonObject>

namespace Strata::Cli {

// The `strata-cli schema --json` document for a Catalog (the CLI contract):
// {"engine", "serverVersion", "schemas": [{"name", "tables": [{"name", "kind", "columns":
// [{"name", "type", "nullable", "default"}], "primaryKey", "indexes": [{"name", "columns",
// "unique"}], "foreignKeys": [{"name", "columns", "refSchema", "refTable", "refColumns"}]}]}]}
namespace CatalogJson {

QJsonObject toJson(const Catalog &catalog);
QJsonObject tableToJson(const Table &table);
// Compact or indented UTF-8 text of toJson(), newline-terminated.
QByteArray toBytes(const Catalog &catalog, bool indented = true);

} // namespace CatalogJson
} // namespace Strata::Cli
