// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/idialect.h"

namespace Strata::MySql::Internal {

// MariaDB/MySQL quoting and DDL generation. Pure functions; any thread.
//
// Literals: quoteLiteral() must be right whatever the server's sql_mode, and
// NO_BACKSLASH_ESCAPES changes what a backslash means inside '...'. A value without a
// backslash is written '...' with quotes doubled (the same under both modes); a value with a
// backslash is written as a hex string, _utf8mb4 X'...', which contains no backslash at all.
// COMMENT clauses only accept a plain string: there, backslashes are escaped for the default
// sql_mode (see commentLiteral()).
class MySqlDialect final : public IDialect
{
public:
    QString quoteIdentifier(const QString &name) const override { return quote(name); }
    QString quoteLiteral(const QString &value) const override;
    QString qualifiedName(const QString &schema, const QString &name) const override;
    int maxIdentifierLength() const override { return 64; }

    QString createSchemaStatement(const QString &schema) const override;
    QStringList createTableStatements(const Table &table, const DdlOptions &options) const override;
    QStringList foreignKeyStatements(const Table &table) const override;
    QString tableDdl(const Table &table) const override;
    QStringList keywords() const override;

    // `name` with embedded backticks doubled.
    static QString quote(const QString &name);
    // A plain '...' string for COMMENT clauses, escaped for the default sql_mode.
    static QString commentLiteral(const QString &value);

private:
    QString columnDefinition(const Column &column) const;
    QString foreignKeyClause(const ForeignKey &fk) const;
    QString indexPart(const Table &table, const QString &part) const;
    QStringList indexStatements(const Table &table) const;
    QStringList triggerStatements(const Table &table) const;
};

} // namespace Strata::MySql::Internal
