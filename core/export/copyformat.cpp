// SPDX-License-Identifier: GPL-3.0-or-later
#include "copyformat.h"

#include "csvwriter.h"
#include "jsonwriter.h"
#include "outputbuffer.h"

#include "plugins/idialect.h"
#include "results/cellformat.h"
#include "results/rowblock.h"

using namespace Qt::StringLiterals;

namespace Strata::CopyFormat {

namespace {

bool tsvNeedsQuotes(const QString &text)
{
    for (const QChar c : text) {
        if (c == u'\t' || c == u'\n' || c == u'\r' || c == u'"')
            return true;
    }
    return false;
}

QString tsvField(const QString &text)
{
    if (text.isEmpty())
        return u"\"\""_s;
    if (!tsvNeedsQuotes(text))
        return text;
    QString quoted = text;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString cellText(const ColumnInfo &column, const CopyCell &cell)
{
    return CellFormat::text(column, cell.raw);
}

RowBlock toBlock(int columnCount, const QList<CopyRow> &rows)
{
    RowBlock block(columnCount);
    for (const CopyRow &row : rows) {
        for (int c = 0; c < columnCount; ++c) {
            const CopyCell cell = c < row.size() ? row.at(c) : CopyCell::null();
            if (cell.isNull)
                block.appendNull();
            else
                block.appendCell(cell.raw);
        }
    }
    return block;
}

bool isBinary(CellKind kind)
{
    return kind == CellKind::Binary || kind == CellKind::HexBinary;
}

} // namespace

BinaryLiteral binaryLiteralFor(const QString &engine)
{
    return engine == u"postgresql" ? BinaryLiteral::PostgresBytea : BinaryLiteral::HexString;
}

QString defaultTableName()
{
    return u"target_table"_s;
}

QString tsv(const ColumnList &columns, const QList<CopyRow> &rows, bool withHeader)
{
    if (!withHeader && rows.size() == 1 && rows.constFirst().size() == 1 && columns.size() == 1) {
        const CopyCell &cell = rows.constFirst().constFirst();
        return cell.isNull ? QString() : cellText(columns.constFirst(), cell);
    }
    QStringList lines;
    lines.reserve(rows.size() + 1);
    if (withHeader) {
        QStringList names;
        for (const ColumnInfo &column : columns)
            names << tsvField(column.name);
        lines << names.join(u'\t');
    }
    for (const CopyRow &row : rows) {
        QStringList fields;
        fields.reserve(columns.size());
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const CopyCell cell = c < row.size() ? row.at(c) : CopyCell::null();
            fields << (cell.isNull ? QString() : tsvField(cellText(columns.at(c), cell)));
        }
        lines << fields.join(u'\t');
    }
    return lines.join(u'\n');
}

QString csv(const ColumnList &columns, const QList<CopyRow> &rows)
{
    QByteArray bytes;
    {
        OutputBuffer out(&bytes);
        CsvWriter writer(out);
        writer.beginResult(columns);
        writer.rows(toBlock(int(columns.size()), rows));
        ResultSummary summary;
        summary.hasRows = true;
        summary.rowCount = rows.size();
        writer.endResult(summary);
        writer.finish();
    }
    return QString::fromUtf8(bytes);
}

QString json(const ColumnList &columns, const QList<CopyRow> &rows)
{
    QByteArray bytes;
    {
        OutputBuffer out(&bytes);
        QList<QByteArray> keys;
        for (const ColumnInfo &column : columns) {
            QByteArray key;
            {
                OutputBuffer keyOut(&key, 256);
                JsonWriter::writeString(keyOut, column.name.toUtf8());
                keyOut.write(QByteArrayView(": "));
            }
            keys << key;
        }
        out.put('[');
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const CopyRow &row = rows.at(r);
            out.write(r > 0 ? QByteArrayView(",\n {") : QByteArrayView("\n {"));
            for (qsizetype c = 0; c < columns.size(); ++c) {
                if (c > 0)
                    out.write(", ", 2);
                out.write(keys.at(c));
                const CopyCell cell = c < row.size() ? row.at(c) : CopyCell::null();
                if (cell.isNull) {
                    out.write("null", 4);
                    continue;
                }
                const ColumnInfo &column = columns.at(c);
                if (column.isNumeric() && JsonWriter::isJsonNumber(cell.raw))
                    out.write(cell.raw);
                else if (column.kind == CellKind::Boolean)
                    out.write(CellFormat::utf8(column, cell.raw));
                else if (isBinary(column.kind))
                    JsonWriter::writeString(out, CellFormat::utf8(column, cell.raw));
                else
                    JsonWriter::writeString(out, cell.raw);
            }
            out.put('}');
        }
        out.write(rows.isEmpty() ? QByteArrayView("]\n") : QByteArrayView("\n]\n"));
    }
    return QString::fromUtf8(bytes);
}

QString insertTarget(const ColumnList &columns, const IDialect &dialect,
                     const QString &fallbackTable)
{
    bool same = !columns.isEmpty() && !columns.constFirst().table.isEmpty();
    for (const ColumnInfo &column : columns) {
        if (!same)
            break;
        same = column.table == columns.constFirst().table
               && column.schema == columns.constFirst().schema;
    }
    if (!same)
        return dialect.quoteIdentifier(fallbackTable);
    const ColumnInfo &first = columns.constFirst();
    if (first.schema.isEmpty())
        return dialect.quoteIdentifier(first.table);
    return dialect.qualifiedName(first.schema, first.table);
}

QString insert(const ColumnList &columns, const QList<CopyRow> &rows, const IDialect &dialect,
               BinaryLiteral binary, const QString &fallbackTable)
{
    QStringList names;
    for (const ColumnInfo &column : columns)
        names << dialect.quoteIdentifier(column.name);
    const QString head = u"INSERT INTO "_s + insertTarget(columns, dialect, fallbackTable)
                         + u" ("_s + names.join(u", "_s) + u") VALUES ("_s;
    QString sql;
    for (const CopyRow &row : rows) {
        QStringList values;
        values.reserve(columns.size());
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const CopyCell cell = c < row.size() ? row.at(c) : CopyCell::null();
            const ColumnInfo &column = columns.at(c);
            if (cell.isNull) {
                values << u"NULL"_s;
            } else if (column.isNumeric() && JsonWriter::isJsonNumber(cell.raw)) {
                values << QString::fromLatin1(cell.raw);
            } else if (column.kind == CellKind::Boolean) {
                values << (CellFormat::value(column, cell.raw).toBool() ? u"TRUE"_s : u"FALSE"_s);
            } else if (isBinary(column.kind)) {
                const QByteArray hex = CellFormat::value(column, cell.raw).toByteArray().toHex();
                if (binary == BinaryLiteral::PostgresBytea)
                    values << dialect.quoteLiteral(u"\\x"_s + QString::fromLatin1(hex)) + u"::bytea"_s;
                else
                    values << u"X'"_s + QString::fromLatin1(hex) + u'\'';
            } else {
                values << dialect.quoteLiteral(cellText(column, cell));
            }
        }
        sql += head + values.join(u", "_s) + u");\n"_s;
    }
    return sql;
}

} // namespace Strata::CopyFormat
