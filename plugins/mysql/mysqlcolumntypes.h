// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "results/columninfo.h"

#include <mysql.h>

namespace Strata::MySql::Internal {

// Maps result metadata (MYSQL_FIELD) to ColumnInfo: which CellKind the raw text protocol
// bytes are, and the MariaDB type name a user expects ("bigint unsigned", "varbinary").
namespace MySqlColumnTypes {

ColumnInfo columnInfo(const MYSQL_FIELD &field);
ColumnList columns(MYSQL_RES *result);

// Character set number 63 ("binary") marks bytes rather than text.
constexpr unsigned int BinaryCharset = 63;

} // namespace MySqlColumnTypes
} // namespace Strata::MySql::Internal
