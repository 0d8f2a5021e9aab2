// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlcolumntypes.h"

namespace Strata::MySql::Internal::MySqlColumnTypes {

namespace {

// MariaDB 10.5+ sends extended metadata: "json" for JSON columns (stored as LONGTEXT),
// "uuid"/"inet6" for the new data types. Empty when the server does not say.
QString extendedAttr(const MYSQL_FIELD &field, enum mariadb_field_attr_t which)
{
    MARIADB_CONST_STRING attr{nullptr, 0};
    if (mariadb_field_attr(&attr, &field, which) != 0 || !attr.str)
        return {};
    return QString::fromUtf8(attr.str, qsizetype(attr.length));
}

QString stringTypeName(const MYSQL_FIELD &field, bool binary)
{
    switch (field.type) {
    case MYSQL_TYPE_STRING:
        return binary ? QStringLiteral("binary") : QStringLiteral("char");
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_VARCHAR:
        return binary ? QStringLiteral("varbinary") : QStringLiteral("varchar");
    case MYSQL_TYPE_TINY_BLOB:
        return binary ? QStringLiteral("tinyblob") : QStringLiteral("tinytext");
    case MYSQL_TYPE_MEDIUM_BLOB:
        return binary ? QStringLiteral("mediumblob") : QStringLiteral("mediumtext");
    case MYSQL_TYPE_LONG_BLOB:
        return binary ? QStringLiteral("longblob") : QStringLiteral("longtext");
    default:
        return binary ? QStringLiteral("blob") : QStringLiteral("text");
    }
}

} // namespace

ColumnInfo columnInfo(const MYSQL_FIELD &field)
{
    ColumnInfo info;
    info.name = QString::fromUtf8(field.name, qsizetype(field.name_length));
    info.table = QString::fromUtf8(field.org_table, qsizetype(field.org_table_length));
    info.schema = QString::fromUtf8(field.db, qsizetype(field.db_length));
    // org_name is empty for expressions; org_table is the base table even through an alias.
    info.sourceColumn = QString::fromUtf8(field.org_name, qsizetype(field.org_name_length));
    info.nativeType = int(field.type);
    const bool binary = field.charsetnr == BinaryCharset;
    const bool isUnsigned = (field.flags & UNSIGNED_FLAG) != 0;
    auto integer = [&](const char *name) {
        info.kind = CellKind::Integer;
        info.typeName =
            QLatin1String(name) + (isUnsigned ? QLatin1String(" unsigned") : QLatin1String(""));
    };

    switch (field.type) {
    case MYSQL_TYPE_TINY:
        integer("tinyint");
        break;
    case MYSQL_TYPE_SHORT:
        integer("smallint");
        break;
    case MYSQL_TYPE_INT24:
        integer("mediumint");
        break;
    case MYSQL_TYPE_LONG:
        integer("int");
        break;
    case MYSQL_TYPE_LONGLONG:
        integer("bigint");
        break;
    case MYSQL_TYPE_YEAR:
        info.kind = CellKind::Integer;
        info.typeName = QStringLiteral("year");
        break;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
        info.kind = CellKind::Float;
        info.typeName =
            field.type == MYSQL_TYPE_FLOAT ? QStringLiteral("float") : QStringLiteral("double");
        break;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
        info.kind = CellKind::Numeric;
        // length counts digits plus sign and point; decimals is the scale.
        info.typeName =
            QStringLiteral("decimal(%1,%2)")
                .arg(qMax<qint64>(1, qint64(field.length) - (field.decimals > 0 ? 1 : 0) -
                                         (isUnsigned ? 0 : 1)))
                .arg(field.decimals);
        break;
    case MYSQL_TYPE_BIT:
        info.kind = CellKind::Binary;
        info.typeName = QStringLiteral("bit(%1)").arg(field.length);
        break;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
        info.kind = CellKind::Date;
        info.typeName = QStringLiteral("date");
        break;
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2:
        info.kind = CellKind::Time;
        info.typeName = QStringLiteral("time");
        break;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_DATETIME2:
        info.kind = CellKind::DateTime;
        info.typeName = QStringLiteral("datetime");
        break;
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIMESTAMP2:
        info.kind = CellKind::DateTime;
        info.typeName = QStringLiteral("timestamp");
        break;
    case MYSQL_TYPE_JSON:
        info.kind = CellKind::Json;
        info.typeName = QStringLiteral("json");
        break;
    case MYSQL_TYPE_ENUM:
        info.typeName = QStringLiteral("enum");
        break;
    case MYSQL_TYPE_SET:
        info.typeName = QStringLiteral("set");
        break;
    case MYSQL_TYPE_GEOMETRY:
        info.kind = CellKind::Binary;
        info.typeName = QStringLiteral("geometry");
        break;
    case MYSQL_TYPE_NULL:
        info.typeName = QStringLiteral("null");
        break;
    default:
        // Strings and blobs; ENUM and SET arrive as strings with a flag.
        if (field.flags & ENUM_FLAG) {
            info.typeName = QStringLiteral("enum");
        } else if (field.flags & SET_FLAG) {
            info.typeName = QStringLiteral("set");
        } else {
            info.kind = binary ? CellKind::Binary : CellKind::Text;
            info.typeName = stringTypeName(field, binary);
        }
        break;
    }

    const QString format = extendedAttr(field, MARIADB_FIELD_ATTR_FORMAT_NAME);
    if (format == QLatin1String("json")) {
        info.kind = CellKind::Json;
        info.typeName = QStringLiteral("json");
    }
    const QString dataType = extendedAttr(field, MARIADB_FIELD_ATTR_DATA_TYPE_NAME);
    if (!dataType.isEmpty() && info.kind == CellKind::Text) {
        // uuid, inet4, inet6, ...: text on the wire, but named by the server.
        info.kind = CellKind::Text;
        info.typeName = dataType;
    }
    return info;
}

ColumnList columns(MYSQL_RES *result)
{
    ColumnList list;
    const unsigned int count = mysql_num_fields(result);
    const MYSQL_FIELD *fields = mysql_fetch_fields(result);
    list.reserve(int(count));
    for (unsigned int i = 0; i < count; ++i)
        list.append(columnInfo(fields[i]));
    return list;
}

} // namespace Strata::MySql::Internal::MySqlColumnTypes
