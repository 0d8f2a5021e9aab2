// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Strata::Postgres::Internal {

// A script parsed by libpg_query (PostgreSQL's own parser) into its JSON parse tree, with the
// byte offsets of the tree turned into line numbers. For the migration lint rules.
class PgParseTree
{
public:
    struct Statement
    {
        QString kind;     // "CreateStmt", "AlterTableStmt", ...
        QJsonObject node; // the statement's fields
        int location = 0; // UTF-8 byte offset of its first token (comments skipped)
        int line = 1;     // 1-based line of that token in the script
    };

    // Parses sql; ok() false with errorMessage()/errorLine() when PostgreSQL would refuse it.
    explicit PgParseTree(const QString &sql);

    bool ok() const { return m_error.isEmpty(); }
    QString errorMessage() const { return m_error; }
    int errorLine() const { return m_errorLine; }
    const QList<Statement> &statements() const { return m_statements; }

    // 1-based line of a "location" byte offset; the statement's line when location < 0.
    int lineOf(int location, int fallbackLine = 1) const;

    // {"Kind": {...}} → "Kind" and its object; empty for anything else.
    static QString kindOf(const QJsonValue &wrapped);
    static QJsonObject fieldsOf(const QJsonValue &wrapped);
    // The last part of a name list ([{"String": {"sval": "pg_catalog"}}, {"String": ...}]).
    static QString lastName(const QJsonValue &names);
    // Every sval of a name list joined with '.'.
    static QString joinedName(const QJsonValue &names);

private:
    int skipSpaceAndComments(int offset) const;

    QByteArray m_utf8;
    QList<int> m_lineStarts; // byte offset of each line's start
    QList<Statement> m_statements;
    QString m_error;
    int m_errorLine = 1;
};

} // namespace Strata::Postgres::Internal
