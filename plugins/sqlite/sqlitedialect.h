// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/idialect.h"

namespace Strata::Sqlite::Internal {

// SQLite's SQL: double-quoted identifiers, single-quoted literals, and DDL generated from
// the catalog (the same code path as the other engines, not the stored CREATE text).
class SqliteDialect
{
public:
    QString quoteIdentifier(const QString &name) const;
    QString quoteLiteral(const QString &value) const;
    // Omits "main" (and an empty schema): SQLite resolves unqualified names there first.
    QString qualifiedName(const QString &schema, const QString &name) const;
    // SQLite has no identifier length limit; 1024 bytes keeps generated names sensible.
    int maxIdentifierLength() const { return 1024; }
    // SQLite has no CREATE SCHEMA (a schema is an ATTACHed file): always empty.
    QString createSchemaStatement(const QString &schema) const;
    // Foreign keys are always inline: SQLite cannot ALTER TABLE ADD CONSTRAINT.
    QStringList createTableStatements(const Table &table,
                                      const IDialect::DdlOptions &options) const;
    QStringList foreignKeyStatements(const Table &table) const;
    QString tableDdl(const Table &table) const;
    QStringList keywords() const;

private:
    QString columnDefinition(const Column &column) const;
    QString columnList(const QStringList &columns) const;
    QString indexTerms(const Table &table, const QStringList &terms) const;
    QString defaultExpression(const QString &expression) const;
    QStringList constraintClauses(const Table &table) const;
    void appendTriggers(const Table &table, QStringList &statements) const;
};

} // namespace Strata::Sqlite::Internal
