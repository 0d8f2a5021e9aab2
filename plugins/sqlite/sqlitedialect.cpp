// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitedialect.h"

#include <QRegularExpression>

#include <sqlite3.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

const QString AutoIndexPrefix = u"sqlite_autoindex_"_s;

// The N of "sqlite_autoindex_<table>_N": SQLite numbers the indexes behind PRIMARY KEY and
// UNIQUE in the order the constraints appear, so DDL keeps that order to keep the names.
int autoIndexNumber(const QString &indexName)
{
    return indexName.section(u'_', -1).toInt();
}

} // namespace

QString SqliteDialect::quoteIdentifier(const QString &name) const
{
    QString quoted = name;
    quoted.replace(u'"', "\"\""_L1);
    return u'"' + quoted + u'"';
}

QString SqliteDialect::quoteLiteral(const QString &value) const
{
    QString quoted = value;
    quoted.replace(u'\'', "''"_L1);
    return u'\'' + quoted + u'\'';
}

QString SqliteDialect::qualifiedName(const QString &schema, const QString &name) const
{
    if (schema.isEmpty() || schema.compare("main"_L1, Qt::CaseInsensitive) == 0)
        return quoteIdentifier(name);
    return quoteIdentifier(schema) + u'.' + quoteIdentifier(name);
}

QString SqliteDialect::createSchemaStatement(const QString &schema) const
{
    Q_UNUSED(schema)
    return {};
}

QString SqliteDialect::defaultExpression(const QString &expression) const
{
    // PRAGMA table_info gives defaults without their outer parentheses; literals may stand
    // alone, anything else must be parenthesised again.
    static const QRegularExpression literal(
        uR"(^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?0[xX][0-9a-fA-F]+|'([^']|'')*'|[xX]'[0-9a-fA-F]*'|NULL|TRUE|FALSE|CURRENT_TIME|CURRENT_DATE|CURRENT_TIMESTAMP)$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (literal.match(expression).hasMatch())
        return expression;
    return u'(' + expression + u')';
}

QString SqliteDialect::columnDefinition(const Column &column) const
{
    QString def = quoteIdentifier(column.name);
    if (!column.type.isEmpty())
        def += u' ' + column.type;
    if (!column.collation.isEmpty())
        def += u" COLLATE "_s + quoteIdentifier(column.collation);
    if (!column.nullable)
        def += u" NOT NULL"_s;
    if (!column.generated.isEmpty())
        def += u" GENERATED ALWAYS AS ("_s + column.generated + u')';
    else if (column.defaultValue)
        def += u" DEFAULT "_s + defaultExpression(*column.defaultValue);
    return def;
}

QString SqliteDialect::columnList(const QStringList &columns) const
{
    QStringList quoted;
    quoted.reserve(columns.size());
    for (const QString &c : columns)
        quoted.append(quoteIdentifier(c));
    return quoted.join(", "_L1);
}

QString SqliteDialect::indexTerms(const Table &table, const QStringList &terms) const
{
    // Terms naming a column are quoted; anything else is an expression kept as written.
    QStringList out;
    for (const QString &term : terms)
        out.append(table.column(term) ? quoteIdentifier(term) : term);
    return out.join(", "_L1);
}

QStringList SqliteDialect::constraintClauses(const Table &table) const
{
    auto named = [this](const QString &name) {
        return name.isEmpty() ? QString() : u"CONSTRAINT "_s + quoteIdentifier(name) + u' ';
    };

    // PRIMARY KEY and UNIQUE in the order of their automatic indexes.
    QList<std::pair<int, QString>> keyed;
    const auto backingIndex = [&table](const QStringList &columns, bool primary) {
        for (const Index &index : table.indexes) {
            if (index.name.startsWith(AutoIndexPrefix) && index.primary == primary
                && index.columns == columns)
                return autoIndexNumber(index.name);
        }
        return 0; // INTEGER PRIMARY KEY has no index: it is the rowid
    };
    if (!table.primaryKey.isEmpty())
        keyed.append({backingIndex(table.primaryKey, true),
                      named(table.primaryKeyName) + u"PRIMARY KEY ("_s
                          + columnList(table.primaryKey) + u')'});
    for (const UniqueConstraint &unique : table.uniqueConstraints)
        keyed.append({backingIndex(unique.columns, false),
                      named(unique.name) + u"UNIQUE ("_s + columnList(unique.columns) + u')'});
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });

    QStringList clauses;
    for (const auto &k : std::as_const(keyed))
        clauses.append(k.second);
    for (const CheckConstraint &check : table.checkConstraints)
        clauses.append(named(check.name) + u"CHECK ("_s + check.expression + u')');
    for (const ForeignKey &fk : table.foreignKeys) {
        QString clause = named(fk.name) + u"FOREIGN KEY ("_s + columnList(fk.columns)
                         + u") REFERENCES "_s + qualifiedName(fk.refSchema, fk.refTable);
        if (!fk.refColumns.isEmpty())
            clause += u" ("_s + columnList(fk.refColumns) + u')';
        if (!fk.onDelete.isEmpty() && fk.onDelete != "NO ACTION"_L1)
            clause += u" ON DELETE "_s + fk.onDelete;
        if (!fk.onUpdate.isEmpty() && fk.onUpdate != "NO ACTION"_L1)
            clause += u" ON UPDATE "_s + fk.onUpdate;
        clauses.append(clause);
    }
    return clauses;
}

QStringList SqliteDialect::createTableStatements(const Table &table,
                                                 const IDialect::DdlOptions &options) const
{
    const QString name = qualifiedName(table.schema, table.name);
    QStringList statements;
    if (table.kind != Table::Kind::Table) {
        statements.append(u"CREATE VIEW "_s + name + u" AS\n"_s + table.viewDefinition);
        appendTriggers(table, statements);
        return statements;
    }

    QStringList lines;
    for (const Column &column : table.columns)
        lines.append(u"    "_s + columnDefinition(column));
    for (const QString &clause : constraintClauses(table))
        lines.append(u"    "_s + clause);
    statements.append(u"CREATE TABLE "_s + name + u" (\n"_s + lines.join(",\n"_L1) + u"\n)"_s);
    if (options.includeIndexes) {
        for (const Index &index : table.indexes) {
            if (index.primary || index.name.startsWith(AutoIndexPrefix))
                continue; // created by the PRIMARY KEY / UNIQUE clauses above
            QString statement = (index.unique ? u"CREATE UNIQUE INDEX "_s : u"CREATE INDEX "_s)
                                + qualifiedName(table.schema, index.name) + u" ON "_s
                                + quoteIdentifier(table.name) + u" ("_s
                                + indexTerms(table, index.columns) + u')';
            if (!index.predicate.isEmpty())
                statement += u" WHERE "_s + index.predicate;
            statements.append(statement);
        }
    }
    appendTriggers(table, statements);
    return statements;
}

void SqliteDialect::appendTriggers(const Table &table, QStringList &statements) const
{
    // Trigger bodies are SQLite SQL that only the stored CREATE TRIGGER text holds.
    for (const Trigger &trigger : table.triggers) {
        if (!trigger.definition.isEmpty())
            statements.append(trigger.definition);
    }
}

QStringList SqliteDialect::foreignKeyStatements(const Table &table) const
{
    Q_UNUSED(table)
    return {};
}

QString SqliteDialect::tableDdl(const Table &table) const
{
    const QStringList statements = createTableStatements(table, IDialect::DdlOptions{});
    return statements.join(";\n\n"_L1) + u";\n"_s;
}

QStringList SqliteDialect::keywords() const
{
    QStringList words;
    const int count = sqlite3_keyword_count();
    words.reserve(count);
    for (int i = 0; i < count; ++i) {
        const char *word = nullptr;
        int length = 0;
        if (sqlite3_keyword_name(i, &word, &length) == SQLITE_OK)
            words.append(QString::fromLatin1(word, length).toUpper());
    }
    words.sort();
    return words;
}

} // namespace Strata::Sqlite::Internal
