// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "results/columninfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Strata {

class IDialect;

// One cell picked for the clipboard: the raw bytes as the server sent them, or NULL.
struct CopyCell
{
    QByteArray raw;
    bool isNull = true;

    static CopyCell null() { return {}; }
    static CopyCell value(const QByteArray &bytes) { return {bytes, false}; }
};
using CopyRow = QList<CopyCell>;

// Formats a rectangle of result cells as clipboard text: TSV, CSV, JSON or INSERT statements.
// Always the whole values (never the cut display text); pure functions, any thread.
namespace CopyFormat {

// How an engine writes a binary literal in INSERT statements.
enum class BinaryLiteral {
    PostgresBytea, // E'\\x0a1b'::bytea
    HexString,     // X'0a1b' (MySQL/MariaDB, SQLite)
};

// The literal style of an engine id ("postgresql", "mysql", "sqlite").
STRATA_CORE_EXPORT BinaryLiteral binaryLiteralFor(const QString &engine);

// Tab-separated, rows joined by LF. A lone cell without header is copied as it is. Otherwise
// a field holding a tab, CR, LF or double quote is quoted with doubled quotes (as spreadsheets
// read it), NULL is an empty field and the empty string is "".
STRATA_CORE_EXPORT QString tsv(const ColumnList &columns, const QList<CopyRow> &rows,
                               bool withHeader);
// RFC 4180 with a header row, byte for byte what CsvWriter (export, strata-cli) writes.
STRATA_CORE_EXPORT QString csv(const ColumnList &columns, const QList<CopyRow> &rows);
// A JSON array of objects (column name -> value). Integer, Float and Numeric values that are
// valid JSON numbers are written as numbers with the server's exact digits; booleans as
// true/false, NULL as null, binaries as "\\x..." strings, everything else as strings.
STRATA_CORE_EXPORT QString json(const ColumnList &columns, const QList<CopyRow> &rows);

// The table INSERT statements go to: the source table when every column comes from the same
// schema and table, else quoteIdentifier(fallbackTable) for the user to edit.
STRATA_CORE_EXPORT QString insertTarget(const ColumnList &columns, const IDialect &dialect,
                                        const QString &fallbackTable);
// One INSERT statement per row. Identifiers by IDialect::quoteIdentifier, text by
// IDialect::quoteLiteral, numbers raw, booleans TRUE/FALSE, binaries as engine hex literals.
STRATA_CORE_EXPORT QString insert(const ColumnList &columns, const QList<CopyRow> &rows,
                                  const IDialect &dialect, BinaryLiteral binary,
                                  const QString &fallbackTable);

// The table name used when the columns do not share one source table.
STRATA_CORE_EXPORT QString defaultTableName();

} // namespace CopyFormat
} // namespace Strata
