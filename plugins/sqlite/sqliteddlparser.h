// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Strata::Sqlite::Internal {

// Reads what SQLite keeps only in the CREATE text of sqlite_schema (constraint names, CHECK
// expressions, generated columns, index expressions and predicates, view SELECTs, trigger
// timing) with a small tokenizer that respects quotes, comments and parentheses.
class SqliteDdlParser
{
public:
    struct Token
    {
        enum class Kind { Word, Identifier, String, Number, Symbol };
        Kind kind = Kind::Symbol;
        int begin = 0;   // offsets into the parsed text
        int end = 0;
        int depth = 0;   // parenthesis depth outside this token ('(' and ')' have the outer depth)
        QString text;    // identifiers unquoted, words as written, symbols as the character

        bool isWord(QLatin1String keyword) const
        {
            return kind == Kind::Word && text.compare(keyword, Qt::CaseInsensitive) == 0;
        }
        bool isSymbol(char c) const { return kind == Kind::Symbol && text == QLatin1Char(c); }
        bool isName() const { return kind == Kind::Word || kind == Kind::Identifier || kind == Kind::String; }
    };

    struct NamedColumns
    {
        QString name;
        QStringList columns;
    };
    struct Check
    {
        QString name;
        QString expression;
    };
    struct ForeignKey
    {
        QString name;
        QStringList columns;
        QString refTable;
    };
    struct ColumnExtras
    {
        QString collation;
        QString generated;
        bool stored = false;
    };
    struct TableDefinition
    {
        QString primaryKeyName;
        QList<NamedColumns> uniques;
        QList<Check> checks;
        QList<ForeignKey> foreignKeys;
        QHash<QString, ColumnExtras> columns; // by lower-case column name
        bool withoutRowid = false;
    };
    struct IndexDefinition
    {
        QStringList terms;   // each indexed term as written (column, expression, COLLATE, DESC)
        QString predicate;   // the partial-index WHERE, else empty
    };
    struct TriggerDefinition
    {
        QString timing;      // BEFORE, AFTER or INSTEAD OF
        QStringList events;  // INSERT, UPDATE or DELETE
    };

    static QList<Token> tokenize(const QString &sql);

    static TableDefinition parseCreateTable(const QString &sql);
    static IndexDefinition parseCreateIndex(const QString &sql);
    static QString parseViewSelect(const QString &sql);
    static TriggerDefinition parseCreateTrigger(const QString &sql);

private:
    static void parseColumnDefinition(const QString &sql, const QList<Token> &tokens, int first,
                                      int last, TableDefinition &table);
    static void parseTableConstraint(const QString &sql, const QList<Token> &tokens, int first,
                                     int last, TableDefinition &table);
};

} // namespace Strata::Sqlite::Internal
