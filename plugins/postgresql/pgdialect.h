// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/idialect.h"
#include "sql/result.h"

namespace Strata::Postgres::Internal {

// PostgreSQL quoting and DDL generation. Pure functions.
//
// Identifiers stay bare only when PostgreSQL would read them back unchanged: lower-case ASCII
// letters, digits and underscores, not starting with a digit, and not a keyword that is
// restricted anywhere. Everything else is double-quoted with '"' doubled.
//
// Names longer than 63 bytes are truncated by the server, which could silently merge two
// names into one; DDL for a table with such a name is refused (see checkIdentifiers()).
class PgDialect final : public IDialect
{
public:
    static constexpr int MaxIdentifierBytes = 63;

    QString quoteIdentifier(const QString &name) const override;
    QString quoteLiteral(const QString &value) const override;
    QString qualifiedName(const QString &schema, const QString &name) const override;
    int maxIdentifierLength() const override { return MaxIdentifierBytes; }

    QString createSchemaStatement(const QString &schema) const override;
    QStringList createTableStatements(const Table &table, const DdlOptions &options) const override;
    QStringList foreignKeyStatements(const Table &table) const override;
    QString tableDdl(const Table &table) const override;
    QStringList keywords() const override;
    Query columnOriginQuery(const QList<quint32> &tableIds) const override;

    // An InvalidArgument error naming the first identifier of table (schema, table, columns,
    // constraints, indexes, referenced names) that PostgreSQL would truncate.
    Result<void> checkIdentifiers(const Table &table) const;

private:
    QString columnDefinition(const Table &table, const Column &column) const;
    QString foreignKeyClause(const ForeignKey &fk) const;
    QString indexStatement(const Table &table, const Index &index) const;
    QStringList commentStatements(const Table &table) const;
    QString quoteList(const QStringList &names) const;
    QString failingStatement(const QString &message) const;
};

} // namespace Strata::Postgres::Internal
