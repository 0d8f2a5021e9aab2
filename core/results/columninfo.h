// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QList>
#include <QString>

namespace Strata {

// How the raw bytes of a cell are to be read. Engines map their own types onto these;
// the raw bytes are kept as the server sent them and converted only when shown.
enum class CellKind : quint8 {
    Text,     // any text; also the fallback
    Integer,  // decimal digits with optional sign
    Float,    // text form of a float/double
    Numeric,  // exact decimal as text: never converted through double
    Boolean,  // "t"/"f", "true"/"false" or "1"/"0"
    Binary,   // raw bytes (shown as hex)
    HexBinary,// bytes already as PostgreSQL hex text ("\\x0a1b")
    Date,
    Time,
    DateTime,
    Json,
};

struct STRATA_CORE_EXPORT ColumnInfo
{
    QString name;
    QString typeName;    // the engine's own type name, e.g. "timestamptz", "varchar(20)"
    CellKind kind = CellKind::Text;
    int nativeType = 0;  // engine type id (PostgreSQL OID, MYSQL_TYPE_*, SQLite column type)
    QString table;       // source table when the engine knows it, else empty
    QString schema;
    // The base-table column this result column reads, when the engine knows it; empty for
    // expressions and aliases of expressions. PostgreSQL gives only tableOid/tableColumn
    // (PQftable/PQftablecol); table, schema and sourceColumn are then filled in later.
    QString sourceColumn;
    quint32 tableOid = 0;
    int tableColumn = 0;

    bool hasSource() const { return !table.isEmpty() && !sourceColumn.isEmpty(); }

    bool isNumeric() const
    {
        return kind == CellKind::Integer || kind == CellKind::Float || kind == CellKind::Numeric;
    }
};

using ColumnList = QList<ColumnInfo>;

} // namespace Strata
