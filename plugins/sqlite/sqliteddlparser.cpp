// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteddlparser.h"

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

using Token = SqliteDdlParser::Token;

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c.unicode() > 127;
}

// The index of the ')' closing the '(' at open, or -1.
int closingParen(const QList<Token> &tokens, int open)
{
    for (int i = open + 1; i < tokens.size(); ++i) {
        if (tokens[i].isSymbol(')') && tokens[i].depth == tokens[open].depth)
            return i;
    }
    return -1;
}

// The first '(' at depth 0 from index from, or -1.
int firstTopParen(const QList<Token> &tokens, int from = 0)
{
    for (int i = from; i < tokens.size(); ++i) {
        if (tokens[i].isSymbol('(') && tokens[i].depth == 0)
            return i;
    }
    return -1;
}

QString slice(const QString &sql, const QList<Token> &tokens, int first, int last)
{
    if (first > last)
        return {};
    return sql.mid(tokens[first].begin, tokens[last].end - tokens[first].begin).trimmed();
}

// Comma-separated ranges of tokens strictly inside the parentheses open..close.
QList<std::pair<int, int>> splitTerms(const QList<Token> &tokens, int open, int close)
{
    QList<std::pair<int, int>> terms;
    const int depth = tokens[open].depth + 1;
    int start = open + 1;
    for (int i = open + 1; i <= close; ++i) {
        if (i == close || (tokens[i].isSymbol(',') && tokens[i].depth == depth)) {
            if (start < i)
                terms.append({start, i - 1});
            start = i + 1;
        }
    }
    return terms;
}

// Column names of a "(a, b COLLATE x DESC)" list: the first token of each term.
QStringList columnNames(const QList<Token> &tokens, int open, int close)
{
    QStringList names;
    for (const auto &[first, last] : splitTerms(tokens, open, close))
        names.append(tokens[first].text);
    return names;
}

QString trimStatementEnd(QString text)
{
    text = text.trimmed();
    while (text.endsWith(u';'))
        text.chop(1);
    return text.trimmed();
}

} // namespace

QList<SqliteDdlParser::Token> SqliteDdlParser::tokenize(const QString &sql)
{
    QList<Token> tokens;
    const int n = int(sql.size());
    int depth = 0;
    int i = 0;
    while (i < n) {
        const QChar c = sql[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'-' && i + 1 < n && sql[i + 1] == u'-') {
            while (i < n && sql[i] != u'\n')
                ++i;
            continue;
        }
        if (c == u'/' && i + 1 < n && sql[i + 1] == u'*') {
            const int close = int(sql.indexOf("*/"_L1, i + 2));
            i = close < 0 ? n : close + 2;
            continue;
        }
        Token token;
        token.begin = i;
        token.depth = depth;
        if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            const QChar quote = c == u'[' ? u']' : c;
            token.kind = c == u'\'' ? Token::Kind::String : Token::Kind::Identifier;
            ++i;
            while (i < n) {
                if (sql[i] == quote) {
                    // A doubled quote is an escaped quote, except for [brackets].
                    if (quote != u']' && i + 1 < n && sql[i + 1] == quote) {
                        token.text += quote;
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                token.text += sql[i++];
            }
        } else if (c.isDigit() || (c == u'.' && i + 1 < n && sql[i + 1].isDigit())) {
            token.kind = Token::Kind::Number;
            while (i < n && (sql[i].isLetterOrNumber() || sql[i] == u'.'
                             || ((sql[i] == u'+' || sql[i] == u'-')
                                 && (sql[i - 1] == u'e' || sql[i - 1] == u'E'))))
                ++i;
            token.text = sql.mid(token.begin, i - token.begin);
        } else if (isWordChar(c)) {
            token.kind = Token::Kind::Word;
            while (i < n && isWordChar(sql[i]))
                ++i;
            token.text = sql.mid(token.begin, i - token.begin);
        } else {
            token.kind = Token::Kind::Symbol;
            token.text = QString(c);
            ++i;
            if (c == u'(') {
                ++depth;
            } else if (c == u')') {
                depth = qMax(0, depth - 1);
                token.depth = depth;
            }
        }
        token.end = i;
        tokens.append(token);
    }
    return tokens;
}

SqliteDdlParser::TableDefinition SqliteDdlParser::parseCreateTable(const QString &sql)
{
    TableDefinition table;
    const QList<Token> tokens = tokenize(sql);
    const int open = firstTopParen(tokens);
    if (open < 0)
        return table; // CREATE TABLE ... AS SELECT
    const int close = closingParen(tokens, open);
    if (close < 0)
        return table;
    for (const auto &[first, last] : splitTerms(tokens, open, close)) {
        const Token &head = tokens[first];
        const bool constraint = head.isWord("CONSTRAINT"_L1) || head.isWord("PRIMARY"_L1)
                                || head.isWord("UNIQUE"_L1) || head.isWord("CHECK"_L1)
                                || head.isWord("FOREIGN"_L1);
        if (constraint)
            parseTableConstraint(sql, tokens, first, last, table);
        else
            parseColumnDefinition(sql, tokens, first, last, table);
    }
    for (int i = close + 1; i + 1 < tokens.size(); ++i) {
        if (tokens[i].isWord("WITHOUT"_L1) && tokens[i + 1].isWord("ROWID"_L1))
            table.withoutRowid = true;
    }
    return table;
}

void SqliteDdlParser::parseColumnDefinition(const QString &sql, const QList<Token> &tokens,
                                            int first, int last, TableDefinition &table)
{
    const QString column = tokens[first].text;
    ColumnExtras extras;
    QString pendingName;
    const int depth = tokens[first].depth;
    for (int i = first + 1; i <= last; ++i) {
        const Token &t = tokens[i];
        if (t.depth != depth)
            continue;
        if (t.isWord("CONSTRAINT"_L1) && i + 1 <= last) {
            pendingName = tokens[++i].text;
        } else if (t.isWord("PRIMARY"_L1)) {
            table.primaryKeyName = pendingName;
            pendingName.clear();
        } else if (t.isWord("UNIQUE"_L1)) {
            table.uniques.append({pendingName, {column}});
            pendingName.clear();
        } else if (t.isWord("CHECK"_L1) && i + 1 <= last && tokens[i + 1].isSymbol('(')) {
            const int close = closingParen(tokens, i + 1);
            if (close < 0 || close > last)
                break;
            table.checks.append({pendingName, slice(sql, tokens, i + 2, close - 1)});
            pendingName.clear();
            i = close;
        } else if (t.isWord("REFERENCES"_L1) && i + 1 <= last) {
            table.foreignKeys.append({pendingName, {column}, tokens[i + 1].text});
            pendingName.clear();
        } else if (t.isWord("COLLATE"_L1) && i + 1 <= last) {
            extras.collation = tokens[++i].text;
        } else if (t.isWord("DEFAULT"_L1) && i + 1 <= last) {
            // Skip the default value so its words are not read as constraint keywords.
            ++i;
            if (tokens[i].isSymbol('-') || tokens[i].isSymbol('+'))
                ++i;
            if (i <= last && tokens[i].isSymbol('('))
                i = qMax(i, closingParen(tokens, i));
            pendingName.clear();
        } else if (t.isWord("AS"_L1) && i + 1 <= last && tokens[i + 1].isSymbol('(')) {
            const int close = closingParen(tokens, i + 1);
            if (close < 0 || close > last)
                break;
            extras.generated = slice(sql, tokens, i + 2, close - 1);
            i = close;
        } else if (t.isWord("STORED"_L1)) {
            extras.stored = true;
        }
    }
    table.columns.insert(column.toLower(), extras);
}

void SqliteDdlParser::parseTableConstraint(const QString &sql, const QList<Token> &tokens,
                                           int first, int last, TableDefinition &table)
{
    QString name;
    int i = first;
    if (tokens[i].isWord("CONSTRAINT"_L1) && i + 1 <= last) {
        name = tokens[i + 1].text;
        i += 2;
    }
    if (i > last)
        return;
    const int open = [&] {
        for (int j = i; j <= last; ++j) {
            if (tokens[j].isSymbol('('))
                return j;
        }
        return -1;
    }();
    if (open < 0)
        return;
    const int close = closingParen(tokens, open);
    if (close < 0 || close > last)
        return;
    const Token &kind = tokens[i];
    if (kind.isWord("PRIMARY"_L1)) {
        table.primaryKeyName = name;
    } else if (kind.isWord("UNIQUE"_L1)) {
        table.uniques.append({name, columnNames(tokens, open, close)});
    } else if (kind.isWord("CHECK"_L1)) {
        table.checks.append({name, slice(sql, tokens, open + 1, close - 1)});
    } else if (kind.isWord("FOREIGN"_L1)) {
        for (int j = close + 1; j + 1 <= last; ++j) {
            if (tokens[j].isWord("REFERENCES"_L1)) {
                table.foreignKeys.append({name, columnNames(tokens, open, close), tokens[j + 1].text});
                break;
            }
        }
    }
}

SqliteDdlParser::IndexDefinition SqliteDdlParser::parseCreateIndex(const QString &sql)
{
    IndexDefinition index;
    const QList<Token> tokens = tokenize(sql);
    int on = -1;
    for (int i = 0; i < tokens.size(); ++i) {
        if (tokens[i].isWord("ON"_L1) && tokens[i].depth == 0) {
            on = i;
            break;
        }
    }
    const int open = on < 0 ? -1 : firstTopParen(tokens, on);
    const int close = open < 0 ? -1 : closingParen(tokens, open);
    if (close < 0)
        return index;
    for (const auto &[first, last] : splitTerms(tokens, open, close))
        index.terms.append(slice(sql, tokens, first, last));
    for (int i = close + 1; i < tokens.size(); ++i) {
        if (tokens[i].isWord("WHERE"_L1) && tokens[i].depth == 0) {
            index.predicate = trimStatementEnd(sql.mid(tokens[i].end));
            break;
        }
    }
    return index;
}

QString SqliteDdlParser::parseViewSelect(const QString &sql)
{
    const QList<Token> tokens = tokenize(sql);
    for (const Token &t : tokens) {
        if (t.isWord("AS"_L1) && t.depth == 0)
            return trimStatementEnd(sql.mid(t.end));
    }
    return {};
}

SqliteDdlParser::TriggerDefinition SqliteDdlParser::parseCreateTrigger(const QString &sql)
{
    TriggerDefinition trigger;
    const QList<Token> tokens = tokenize(sql);
    // CREATE [TEMP] TRIGGER [IF NOT EXISTS] name [BEFORE|AFTER|INSTEAD OF] event [OF cols] ON t
    int i = 0;
    while (i < tokens.size() && !tokens[i].isWord("TRIGGER"_L1))
        ++i;
    i += 2; // the name
    if (i < tokens.size() && tokens[i - 1].isWord("IF"_L1))
        i += 3; // IF NOT EXISTS name
    for (; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.isWord("ON"_L1))
            break;
        if (t.isWord("BEFORE"_L1) || t.isWord("AFTER"_L1))
            trigger.timing = t.text.toUpper();
        else if (t.isWord("INSTEAD"_L1))
            trigger.timing = u"INSTEAD OF"_s;
        else if (t.isWord("INSERT"_L1) || t.isWord("UPDATE"_L1) || t.isWord("DELETE"_L1))
            trigger.events.append(t.text.toUpper());
    }
    if (trigger.timing.isEmpty())
        trigger.timing = u"BEFORE"_s; // SQLite's default
    return trigger;
}

} // namespace Strata::Sqlite::Internal
