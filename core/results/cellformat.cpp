// SPDX-License-Identifier: GPL-3.0-or-later
#include "cellformat.h"

namespace Strata::CellFormat {

namespace {

bool isTrue(QByteArrayView raw)
{
    return raw == "t" || raw == "1" || raw == "true" || raw == "TRUE" || raw == "y";
}

QByteArray hexOf(const ColumnInfo &column, QByteArrayView raw)
{
    if (column.kind == CellKind::HexBinary)
        return raw.toByteArray();
    return QByteArrayLiteral("\\x") + raw.toByteArray().toHex();
}

QByteArray bytesOf(const ColumnInfo &column, QByteArrayView raw)
{
    if (column.kind == CellKind::HexBinary && raw.startsWith("\\x"))
        return QByteArray::fromHex(raw.sliced(2).toByteArray());
    return raw.toByteArray();
}

} // namespace

QByteArray utf8(const ColumnInfo &column, QByteArrayView raw)
{
    switch (column.kind) {
    case CellKind::Binary:
    case CellKind::HexBinary:
        return hexOf(column, raw);
    case CellKind::Boolean:
        return isTrue(raw) ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    default:
        return raw.toByteArray();
    }
}

QString text(const ColumnInfo &column, QByteArrayView raw)
{
    switch (column.kind) {
    case CellKind::Binary:
    case CellKind::HexBinary:
    case CellKind::Boolean:
        return QString::fromLatin1(utf8(column, raw));
    default:
        return QString::fromUtf8(raw);
    }
}

QVariant value(const ColumnInfo &column, QByteArrayView raw)
{
    bool ok = false;
    switch (column.kind) {
    case CellKind::Integer: {
        const qlonglong v = raw.toLongLong(&ok);
        if (ok)
            return v;
        return QString::fromUtf8(raw); // beyond 64 bits: keep the exact text
    }
    case CellKind::Float: {
        const double v = raw.toDouble(&ok);
        return ok ? QVariant(v) : QVariant(QString::fromUtf8(raw));
    }
    case CellKind::Boolean:
        return isTrue(raw);
    case CellKind::Binary:
    case CellKind::HexBinary:
        return bytesOf(column, raw);
    default:
        return QString::fromUtf8(raw);
    }
}

} // namespace Strata::CellFormat
