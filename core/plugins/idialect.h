// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"

#include <QList>
#include <QStringList>
#include <QVariantList>
#include <QtPlugin>

namespace Strata {

// The engine's SQL dialect: quoting and DDL generation. Pure functions, any thread.
// Identifiers are quoted here, never with Qt's escapeIdentifier (not safe for hostile names).
class IDialect
{
public:
    struct DdlOptions
    {
        // Put FOREIGN KEY clauses inside CREATE TABLE. When false, they come from
        // foreignKeyStatements() instead (so tables can be created in any order).
        bool inlineForeignKeys = true;
        bool includeIndexes = true;  // CREATE INDEX statements for non-constraint indexes
    };

    virtual ~IDialect() = default;

    virtual QString quoteIdentifier(const QString &name) const = 0;
    // A string literal, escaped for the engine (for DDL only; data is always bound).
    virtual QString quoteLiteral(const QString &value) const = 0;
    // schema.name quoted; engines without schemas (SQLite main) may omit the schema.
    virtual QString qualifiedName(const QString &schema, const QString &name) const = 0;
    virtual int maxIdentifierLength() const = 0;  // bytes; 63 for PostgreSQL, 64 for MySQL

    virtual QString createSchemaStatement(const QString &schema) const = 0;
    // CREATE TABLE (columns, PK, unique, check, and FKs if inline), then CREATE INDEX for
    // each index that does not back a constraint; or CREATE VIEW for views.
    virtual QStringList createTableStatements(const Table &table, const DdlOptions &options) const = 0;
    // ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY; empty where the engine cannot (SQLite).
    virtual QStringList foreignKeyStatements(const Table &table) const = 0;
    // Everything needed to show one table as a script, for the DDL pane.
    virtual QString tableDdl(const Table &table) const = 0;

    virtual QStringList keywords() const = 0;  // reserved and non-reserved, upper case

    // For engines that name a result column's source only by table id and column number
    // (ColumnInfo::tableOid/tableColumn): a query and its bound parameters returning rows of
    // (table id, column number, schema, table, column) for those tables. Empty where the
    // engine reports the names with the result itself.
    struct Query
    {
        QString sql;
        QVariantList parameters;
    };
    virtual Query columnOriginQuery(const QList<quint32> &tableIds) const
    {
        Q_UNUSED(tableIds)
        return {};
    }
};

} // namespace Strata

#define Strata_IDialect_iid "org.strata.Dialect/2"
Q_DECLARE_INTERFACE(Strata::IDialect, Strata_IDialect_iid)
