// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"

#include <QJsonObject>

namespace Strata {
class OutputBuffer;
}

namespace Strata::Cli {

// The `strata-cli schema --json` document for a Catalog (the CLI contract):
// {"engine", "serverVersion", "schemas": [{"name", "tables": [{"name", "kind", "columns":
// [{"name", "type", "nullable", "default"}], "primaryKey", "indexes": [{"name", "columns",
// "unique"}], "foreignKeys": [{"name", "columns", "refSchema", "refTable", "refColumns"}]}]}]}
namespace CatalogJson {

// As a QJsonObject, for callers that work on the document in memory.
QJsonObject toJson(const Catalog &catalog);
QJsonObject tableToJson(const Table &table);
// The same document written straight to out, keys in the contract's order, one line per
// table: no QJsonObject tree, so 10,000 tables cost milliseconds and little memory.
void write(OutputBuffer &out, const Catalog &catalog);
// write() into a byte array, newline-terminated.
QByteArray toBytes(const Catalog &catalog);

} // namespace CatalogJson
} // namespace Strata::Cli
