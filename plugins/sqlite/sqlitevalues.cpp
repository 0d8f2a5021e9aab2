// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitevalues.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

CellKind kindForDeclaredType(const QString &declaredType, bool *known)
{
    const QString type = declaredType.trimmed().toUpper();
    if (known)
        *known = !type.isEmpty();
    if (type.isEmpty())
        return CellKind::Text;
    // Date and time names first: SQLite gives them NUMERIC affinity, users expect dates.
    if (type.contains("DATETIME"_L1) || type.contains("TIMESTAMP"_L1))
        return CellKind::DateTime;
    if (type.contains("DATE"_L1))
        return CellKind::Date;
    if (type.contains("TIME"_L1))
        return CellKind::Time;
    // SQLite's affinity rules, in their order (section 3.1 of "Datatypes In SQLite").
    if (type.contains("INT"_L1))
        return CellKind::Integer;
    if (type.contains("CHAR"_L1) || type.contains("CLOB"_L1) || type.contains("TEXT"_L1))
        return CellKind::Text;
    if (type.contains("BLOB"_L1))
        return CellKind::Binary;
    if (type.contains("REAL"_L1) || type.contains("FLOA"_L1) || type.contains("DOUB"_L1))
        return CellKind::Float;
    if (type.contains("JSON"_L1))
        return CellKind::Json;
    return CellKind::Numeric;
}

CellKind kindForStorageClass(int storageClass)
{
    switch (storageClass) {
    case SQLITE_INTEGER:
        return CellKind::Integer;
    case SQLITE_FLOAT:
        return CellKind::Float;
    case SQLITE_BLOB:
        return CellKind::Binary;
    default:
        return CellKind::Text;
    }
}

ColumnList describeColumns(sqlite3_stmt *stmt)
{
    const int count = sqlite3_column_count(stmt);
    ColumnList columns;
    columns.reserve(count);
    for (int c = 0; c < count; ++c) {
        ColumnInfo info;
        info.name = QString::fromUtf8(sqlite3_column_name(stmt, c));
        info.typeName = QString::fromUtf8(sqlite3_column_decltype(stmt, c));
        info.kind = kindForDeclaredType(info.typeName);
        if (const char *table = sqlite3_column_table_name(stmt, c))
            info.table = QString::fromUtf8(table);
        if (const char *schema = sqlite3_column_database_name(stmt, c))
            info.schema = QString::fromUtf8(schema);
        if (const char *origin = sqlite3_column_origin_name(stmt, c))
            info.sourceColumn = QString::fromUtf8(origin);
        columns.append(info);
    }
    return columns;
}

void settleUntypedColumns(sqlite3_stmt *stmt, bool hasRow, ColumnList &columns)
{
    for (int c = 0; c < columns.size(); ++c) {
        const int storage = hasRow ? sqlite3_column_type(stmt, c) : SQLITE_NULL;
        ColumnInfo &info = columns[c];
        info.nativeType = storage;
        if (info.typeName.isEmpty())
            info.kind = kindForStorageClass(storage);
    }
}

int bindValue(sqlite3_stmt *stmt, int index, const QVariant &value)
{
    if (value.isNull())
        return sqlite3_bind_null(stmt, index);
    switch (value.typeId()) {
    case QMetaType::Bool:
        return sqlite3_bind_int(stmt, index, value.toBool() ? 1 : 0);
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Long:
    case QMetaType::LongLong:
        return sqlite3_bind_int64(stmt, index, value.toLongLong());
    case QMetaType::ULong:
    case QMetaType::ULongLong: {
        const qulonglong v = value.toULongLong();
        if (v > qulonglong(std::numeric_limits<qint64>::max())) {
            const QByteArray text = QByteArray::number(v);
            return sqlite3_bind_text(stmt, index, text.constData(), int(text.size()),
                                     SQLITE_TRANSIENT);
        }
        return sqlite3_bind_int64(stmt, index, qint64(v));
    }
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(stmt, index, value.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        return sqlite3_bind_blob64(stmt, index, bytes.constData(), sqlite3_uint64(bytes.size()),
                                   SQLITE_TRANSIENT);
    }
    case QMetaType::QDate: {
        const QByteArray text = value.toDate().toString(Qt::ISODate).toUtf8();
        return sqlite3_bind_text(stmt, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    case QMetaType::QTime: {
        const QByteArray text = value.toTime().toString(u"HH:mm:ss.zzz"_s).toUtf8();
        return sqlite3_bind_text(stmt, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    case QMetaType::QDateTime: {
        // SQLite's own date functions use "YYYY-MM-DD HH:MM:SS.SSS".
        const QByteArray text =
            value.toDateTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s).toUtf8();
        return sqlite3_bind_text(stmt, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    default: {
        const QByteArray text = value.toString().toUtf8();
        return sqlite3_bind_text64(stmt, index, text.constData(), sqlite3_uint64(text.size()),
                                   SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    }
}

QString statementVerb(sqlite3_stmt *stmt)
{
    const char *sql = sqlite3_sql(stmt);
    if (!sql)
        return {};
    const char *p = sql;
    // Skip whitespace and comments before the first keyword.
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            ++p;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                ++p;
        } else if (p[0] == '/' && p[1] == '*') {
            p += 2;
            while (*p && !(p[0] == '*' && p[1] == '/'))
                ++p;
            if (*p)
                p += 2;
        } else {
            break;
        }
    }
    const char *start = p;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
        ++p;
    return QString::fromLatin1(start, p - start).toUpper();
}

bool countsChanges(const QString &verb, sqlite3_stmt *stmt)
{
    if (verb == "INSERT"_L1 || verb == "UPDATE"_L1 || verb == "DELETE"_L1 || verb == "REPLACE"_L1)
        return true;
    // WITH ... INSERT/UPDATE/DELETE: the only writing statements that start with WITH.
    return verb == "WITH"_L1 && !sqlite3_stmt_readonly(stmt);
}

} // namespace Strata::Sqlite::Internal
