// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtypecache.h"

#include "pgerrors.h"

#include <QStringList>

#include <libpq-fe.h>

namespace Strata::Postgres::Internal {

namespace {
// Built-in type OIDs (pg_type.dat); stable across server versions.
enum : unsigned int {
    BoolOid = 16, ByteaOid = 17, Int8Oid = 20, Int2Oid = 21, Int4Oid = 23, OidOid = 26,
    JsonOid = 114, Float4Oid = 700, Float8Oid = 701, BpcharOid = 1042, VarcharOid = 1043,
    DateOid = 1082, TimeOid = 1083, TimestampOid = 1114, TimestamptzOid = 1184,
    IntervalOid = 1186, TimetzOid = 1266, BitOid = 1560, VarbitOid = 1562, NumericOid = 1700,
    JsonbOid = 3802,
};

// The type modifier as format_type prints it, for the types that have one.
QString withModifier(unsigned int oid, int typmod, const QString &name)
{
    if (typmod < 0)
        return name;
    switch (oid) {
    case BpcharOid:
    case VarcharOid:
        return QStringLiteral("%1(%2)").arg(name).arg(typmod - 4);
    case BitOid:
    case VarbitOid:
        return QStringLiteral("%1(%2)").arg(name).arg(typmod);
    case NumericOid: {
        const int precision = ((typmod - 4) >> 16) & 0xffff;
        const int scale = (typmod - 4) & 0xffff;
        return QStringLiteral("numeric(%1,%2)").arg(precision).arg(scale);
    }
    case TimestampOid:
        return QStringLiteral("timestamp(%1) without time zone").arg(typmod);
    case TimestamptzOid:
        return QStringLiteral("timestamp(%1) with time zone").arg(typmod);
    case TimeOid:
        return QStringLiteral("time(%1) without time zone").arg(typmod);
    case TimetzOid:
        return QStringLiteral("time(%1) with time zone").arg(typmod);
    default:
        return name;
    }
}
} // namespace

CellKind PgTypeCache::kindFor(unsigned int oid)
{
    switch (oid) {
    case Int2Oid:
    case Int4Oid:
    case Int8Oid:
    case OidOid:
        return CellKind::Integer;
    case Float4Oid:
    case Float8Oid:
        return CellKind::Float;
    case NumericOid:
        return CellKind::Numeric;
    case BoolOid:
        return CellKind::Boolean;
    case ByteaOid:
        return CellKind::HexBinary;
    case DateOid:
        return CellKind::Date;
    case TimeOid:
    case TimetzOid:
        return CellKind::Time;
    case TimestampOid:
    case TimestamptzOid:
        return CellKind::DateTime;
    case JsonOid:
    case JsonbOid:
        return CellKind::Json;
    default:
        return CellKind::Text;
    }
}

void PgTypeCache::clear()
{
    m_names.clear();
    m_missing.clear();
}

Result<void> PgTypeCache::load(PGconn *conn, const QByteArray &sql, const QByteArray &param)
{
    const char *values[1] = {param.constData()};
    PGresult *result = param.isNull()
                           ? PQexec(conn, sql.constData())
                           : PQexecParams(conn, sql.constData(), 1, nullptr, values, nullptr, nullptr, 0);
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        Error error = PgErrors::resultError(result, conn);
        PQclear(result);
        return error;
    }
    const int rows = PQntuples(result);
    for (int row = 0; row < rows; ++row) {
        const unsigned int oid = QByteArrayView(PQgetvalue(result, row, 0)).toUInt();
        m_names.insert(oid, QString::fromUtf8(PQgetvalue(result, row, 1)));
        m_missing.remove(oid);
    }
    PQclear(result);
    return {};
}

Result<void> PgTypeCache::preload(PGconn *conn)
{
    // Built-in types plus user scalar types (enums, domains, ranges, base types); table row
    // types and arrays, of which a big database has thousands, are resolved on first sight.
    return load(conn,
                "SELECT oid, format_type(oid, NULL) FROM pg_catalog.pg_type "
                "WHERE oid < 16384 OR (typrelid = 0 AND typarray <> 0)",
                QByteArray());
}

Result<void> PgTypeCache::resolveMissing(PGconn *conn)
{
    if (m_missing.isEmpty())
        return {};
    QStringList oids;
    for (unsigned int oid : std::as_const(m_missing))
        oids << QString::number(oid);
    const QByteArray array = '{' + oids.join(u',').toLatin1() + '}';
    Result<void> loaded = load(conn,
                               "SELECT oid, format_type(oid, NULL) FROM pg_catalog.pg_type "
                               "WHERE oid = ANY($1::oid[])",
                               array);
    // OIDs the server does not know (dropped types) are not asked again and again.
    m_missing.clear();
    return loaded;
}

QString PgTypeCache::typeName(unsigned int oid, int typmod)
{
    const auto it = m_names.constFind(oid);
    if (it == m_names.constEnd()) {
        m_missing.insert(oid);
        return {};
    }
    return withModifier(oid, typmod, *it);
}

ColumnList PgTypeCache::columns(const PGresult *result)
{
    const int count = PQnfields(result);
    ColumnList columns;
    columns.reserve(count);
    for (int i = 0; i < count; ++i) {
        ColumnInfo column;
        column.name = QString::fromUtf8(PQfname(result, i));
        column.nativeType = int(PQftype(result, i));
        column.kind = kindFor(PQftype(result, i));
        column.typeName = typeName(PQftype(result, i), PQfmod(result, i));
        // InvalidOid and 0 for expressions; names are resolved when editing starts.
        column.tableOid = quint32(PQftable(result, i));
        column.tableColumn = PQftablecol(result, i);
        columns.append(std::move(column));
    }
    return columns;
}

} // namespace Strata::Postgres::Internal
