// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "completionindex.h"
#include "statementsplitter.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Strata {

struct CompletionCandidate
{
    enum class Kind { Column, Alias, Table, View, Schema, Function, Keyword };

    QString name;    // what the list shows
    QString insert;  // what replaces the typed prefix (quoted where the engine needs it)
    Kind kind = Kind::Keyword;
    QString detail;  // the column's table, the table's schema, ...
};

struct CompletionResult
{
    enum class Context {
        None,             // inside a string, comment or number: nothing to offer
        Keyword,          // keywords only
        Table,            // after FROM/JOIN/UPDATE/INTO/TABLE: tables, views, schemas
        SchemaTable,      // after `schema.`: that schema's tables and views
        Column,           // SELECT list, WHERE, ON, GROUP/ORDER BY, SET: columns, then the rest
        QualifiedColumn,  // after `alias.` or `table.`: that table's columns
    };

    Context context = Context::None;
    int replaceFrom = 0;     // UTF-16 offset where the typed prefix (with its opening quote) starts
    int replaceLength = 0;   // up to the cursor (a closed quoted name: all of it)
    QString prefix;          // the typed prefix without quotes
    bool quotedPrefix = false;
    QList<CompletionCandidate> candidates;  // best first
};

// Catalog-aware SQL completion: which names fit at the cursor of the statement under it.
// Pure functions on a prepared CompletionIndex; any thread.
namespace SqlCompletion {

constexpr int DefaultMaxCandidates = 500;

// text and cursor: the editor's whole text and a UTF-16 offset into it. searchPath: the
// schemas unqualified names are looked up in, first match wins (see defaultSearchPath()).
// from/to limit the statement splitting to text[from, to) for long scripts: from must be a
// statement boundary (just after a terminator) at or before the cursor; to = -1 is the end.
STRATA_CORE_EXPORT CompletionResult complete(const QString &text, int cursor, SqlDialect dialect,
                                             const CompletionIndex &index,
                                             const QStringList &searchPath,
                                             int maxCandidates = DefaultMaxCandidates,
                                             int from = 0, int to = -1);

// PostgreSQL: public (when the catalog has it); MariaDB: the connection's database; SQLite:
// main. Falls back to the catalog's first schema.
STRATA_CORE_EXPORT QStringList defaultSearchPath(const Catalog &catalog);

} // namespace SqlCompletion
} // namespace Strata
