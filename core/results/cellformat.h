// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "columninfo.h"

#include <QByteArrayView>
#include <QString>
#include <QVariant>

namespace Strata {

// Converts a raw cell to text or a typed value, only when asked. NULL is the caller's business
// (RowBlock::isNull); these functions see non-NULL cells.
namespace CellFormat {

// The text a user sees and CSV carries: binary as "\x" + lowercase hex, booleans as
// true/false, numerics exactly as the server sent them.
STRATA_CORE_EXPORT QString text(const ColumnInfo &column, QByteArrayView raw);
// Same as text() but as UTF-8 bytes, without a QString round trip where possible (CSV export).
STRATA_CORE_EXPORT QByteArray utf8(const ColumnInfo &column, QByteArrayView raw);
// A typed value: qint64 for integers, double for floats, QString for Numeric (exact),
// bool, QByteArray for binaries, QString otherwise.
STRATA_CORE_EXPORT QVariant value(const ColumnInfo &column, QByteArrayView raw);

} // namespace CellFormat
} // namespace Strata
