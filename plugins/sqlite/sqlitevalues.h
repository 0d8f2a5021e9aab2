// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "results/columninfo.h"

#include <QString>
#include <QVariant>

struct sqlite3_stmt;

// Conversions between SQLite statements and Strata's column/parameter types.
namespace Strata::Sqlite::Internal {

// The cell kind for a declared column type, following SQLite's affinity rules, with DATE/TIME
// names split out. Returns false in `known` when the declared type is empty (expressions).
CellKind kindForDeclaredType(const QString &declaredType, bool *known = nullptr);
// The cell kind for a storage class (SQLITE_INTEGER, ...), for columns without declared type.
CellKind kindForStorageClass(int storageClass);

// Column descriptions of a prepared statement, from the declared types.
ColumnList describeColumns(sqlite3_stmt *stmt);
// After the first sqlite3_step: columns without a declared type take the kind of the first
// row's value (Text when there is no row).
void settleUntypedColumns(sqlite3_stmt *stmt, bool hasRow, ColumnList &columns);

// Binds one parameter; returns the sqlite3_bind_* result code.
int bindValue(sqlite3_stmt *stmt, int index, const QVariant &value);

// The statement's first keyword in upper case ("SELECT", "INSERT", ...).
QString statementVerb(sqlite3_stmt *stmt);
// True when sqlite3_changes() means something for this statement (INSERT/UPDATE/DELETE...).
bool countsChanges(const QString &verb, sqlite3_stmt *stmt);

} // namespace Strata::Sqlite::Internal
