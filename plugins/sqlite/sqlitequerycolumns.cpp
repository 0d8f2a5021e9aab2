// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitequerycolumns.h"

#include "sql/sqltokenizer.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

enum class Region { None, From, Search, Using, OrderBy, GroupBy };

// Words that end a table reference, so they are never taken for an alias.
bool isClauseWord(const QString &upper)
{
    static const QSet<QString> words = {
        u"WHERE"_s,  u"ON"_s,        u"USING"_s,   u"JOIN"_s,    u"LEFT"_s,      u"RIGHT"_s,
        u"FULL"_s,   u"INNER"_s,     u"CROSS"_s,   u"NATURAL"_s, u"OUTER"_s,     u"GROUP"_s,
        u"ORDER"_s,  u"LIMIT"_s,     u"OFFSET"_s,  u"HAVING"_s,  u"WINDOW"_s,    u"UNION"_s,
        u"EXCEPT"_s, u"INTERSECT"_s, u"INDEXED"_s, u"NOT"_s,     u"RETURNING"_s, u"SET"_s,
        u"VALUES"_s, u"SELECT"_s,    u"FROM"_s,    u"AS"_s,      u"DO"_s,        u"DEFAULT"_s,
    };
    return words.contains(upper);
}

// Words of an expression that are not column names.
bool isExpressionWord(const QString &upper)
{
    static const QSet<QString> words = {
        u"AND"_s,      u"OR"_s,           u"NOT"_s,          u"IN"_s,
        u"IS"_s,       u"NULL"_s,         u"LIKE"_s,         u"GLOB"_s,
        u"REGEXP"_s,   u"MATCH"_s,        u"BETWEEN"_s,      u"EXISTS"_s,
        u"SELECT"_s,   u"CASE"_s,         u"WHEN"_s,         u"THEN"_s,
        u"ELSE"_s,     u"END"_s,          u"TRUE"_s,         u"FALSE"_s,
        u"ESCAPE"_s,   u"COLLATE"_s,      u"CAST"_s,         u"AS"_s,
        u"DISTINCT"_s, u"ALL"_s,          u"ISNULL"_s,       u"NOTNULL"_s,
        u"ASC"_s,      u"DESC"_s,         u"NULLS"_s,        u"FIRST"_s,
        u"LAST"_s,     u"CURRENT_DATE"_s, u"CURRENT_TIME"_s, u"CURRENT_TIMESTAMP"_s,
        u"ANY"_s,      u"SOME"_s,         u"ESCAPE"_s,       u"FILTER"_s,
        u"OVER"_s,     u"PARTITION"_s,    u"BY"_s,           u"RAISE"_s,
    };
    return words.contains(upper);
}

bool equalNames(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

SqliteQueryColumns::SqliteQueryColumns(const QString &sql)
{
    QList<SqlToken> tokens;
    for (const SqlToken &t : SqlTokenizer(SqlDialect::SQLite).tokenize(sql)) {
        if (t.kind != SqlToken::Kind::Comment)
            tokens.append(t);
    }
    const int n = int(tokens.size());
    auto isName = [&](int i) {
        return i >= 0 && i < n &&
               (tokens.at(i).kind == SqlToken::Kind::Word ||
                tokens.at(i).kind == SqlToken::Kind::QuotedIdentifier);
    };
    auto word = [&](int i) {
        return i >= 0 && i < n && tokens.at(i).kind == SqlToken::Kind::Word
                   ? sql.mid(tokens.at(i).begin, tokens.at(i).end - tokens.at(i).begin).toUpper()
                   : QString();
    };
    auto name = [&](int i) { return SqlTokenizer::identifier(sql, tokens.at(i)); };
    auto is = [&](int i, QChar c) { return i >= 0 && i < n && tokens.at(i).is(c); };
    // ":name", "@name", "$name" are parameters, not columns.
    auto isParameter = [&](int i) {
        const int begin = tokens.at(i).begin;
        return begin > 0 && QStringView(u":@$").contains(sql.at(begin - 1)) && i > 0 &&
               tokens.at(i - 1).end == begin;
    };

    struct Saved
    {
        Region region;
        int scope;
        bool inJoin;
        bool sourcePosition; // the parenthesis opened where a table was expected
    };
    QList<Saved> stack;
    Region region = Region::None;
    bool expectSource = false;
    bool expectAlias = false;
    bool inJoin = false; // the search region is an ON clause
    // Each parenthesised SELECT is a scope of its own: a correlated subquery's reference to
    // an outer table joins the subquery's table to it, it does not search the outer table.
    int scope = 0;
    int scopes = 0;
    int clauseDepth = 0;
    QList<ColumnRef> clause;
    QList<int> term; // token indexes of the ORDER BY / GROUP BY term being read
    bool termNested = false;

    auto flushTerm = [&] {
        if (term.isEmpty())
            return;
        ColumnRef ref;
        int k = 0;
        if (isName(term.at(0)) && !isExpressionWord(word(term.at(0)))) {
            if (term.size() >= 3 && is(term.at(1), u'.') && isName(term.at(2))) {
                ref = {name(term.at(0)), name(term.at(2))};
                k = 3;
            } else {
                ref = {QString(), name(term.at(0))};
                k = 1;
            }
        }
        for (; k < term.size() && !ref.column.isEmpty(); ++k) {
            const QString w = word(term.at(k));
            if (w == "COLLATE"_L1)
                ++k; // and the collation's name
            else if (w != "ASC"_L1 && w != "DESC"_L1 && w != "NULLS"_L1 && w != "FIRST"_L1 &&
                     w != "LAST"_L1)
                ref.column.clear();
        }
        if (termNested)
            ref.column.clear();
        ref.scope = scope;
        clause.append(ref);
        term.clear();
        termNested = false;
    };
    auto closeClause = [&] {
        if (region != Region::OrderBy && region != Region::GroupBy)
            return;
        flushTerm();
        (region == Region::OrderBy ? m_orderBys : m_groupBys).append(clause);
        clause.clear();
        region = Region::None;
    };

    for (int i = 0; i < n; ++i) {
        const SqlToken &t = tokens.at(i);
        const QString w = word(i);

        // CTE names: "name AS (", "name(columns) AS (", "name AS [NOT] MATERIALIZED (".
        if (w == "AS"_L1 && (is(i + 1, u'(') || word(i + 1) == "MATERIALIZED"_L1 ||
                             (word(i + 1) == "NOT"_L1 && word(i + 2) == "MATERIALIZED"_L1))) {
            int j = i - 1;
            if (is(j, u')')) {
                for (int depth = 0; j >= 0; --j) {
                    depth += is(j, u')') ? 1 : is(j, u'(') ? -1 : 0;
                    if (depth == 0)
                        break;
                }
                --j;
            }
            if (isName(j))
                m_ctes.append(name(j));
            continue;
        }
        if (t.is(u'(')) {
            if (region == Region::OrderBy || region == Region::GroupBy)
                termNested = true;
            stack.append({region, scope, inJoin, region == Region::From && expectSource});
            if (word(i + 1) == "SELECT"_L1 || word(i + 1) == "WITH"_L1 ||
                word(i + 1) == "VALUES"_L1)
                scope = ++scopes;
            expectSource = false;
            expectAlias = false;
            continue;
        }
        if (t.is(u')')) {
            if (stack.isEmpty())
                continue;
            if (int(stack.size()) <= clauseDepth)
                closeClause();
            const Saved saved = stack.takeLast();
            region = saved.region;
            scope = saved.scope;
            inJoin = saved.inJoin;
            if (saved.sourcePosition) {
                m_sources.append(
                    Source{QString(), QString(), scope}); // a subquery; its alias may follow
                expectAlias = true;
            }
            continue;
        }
        if (t.is(u';')) {
            closeClause();
            region = Region::None;
            stack.clear();
            continue;
        }
        // UPDATE [OR action] table, but not ON CONFLICT DO UPDATE or a trigger's UPDATE OF.
        const bool update = w == "UPDATE"_L1 && word(i - 1) != "DO"_L1 && word(i - 1) != "ON"_L1 &&
                            word(i + 1) != "OF"_L1;
        if ((w == "FROM"_L1 && word(i - 1) != "DISTINCT"_L1) || update) {
            closeClause();
            region = Region::From;
            expectSource = true;
            expectAlias = false;
            if (update && word(i + 1) == "OR"_L1)
                i += 2;
            continue;
        }
        if (w == "JOIN"_L1) {
            region = Region::From;
            expectSource = true;
            expectAlias = false;
            continue;
        }
        if (w == "WHERE"_L1 || w == "ON"_L1) {
            closeClause();
            region = Region::Search;
            inJoin = w == "ON"_L1;
            continue;
        }
        if (w == "USING"_L1 && region == Region::From) {
            region = Region::Using;
            expectAlias = false;
            continue;
        }
        if ((w == "ORDER"_L1 || w == "GROUP"_L1) && word(i + 1) == "BY"_L1) {
            closeClause();
            region = w == "ORDER"_L1 ? Region::OrderBy : Region::GroupBy;
            clauseDepth = int(stack.size());
            ++i;
            continue;
        }
        if (w == "LIMIT"_L1 || w == "OFFSET"_L1 || w == "HAVING"_L1 || w == "WINDOW"_L1 ||
            w == "UNION"_L1 || w == "EXCEPT"_L1 || w == "INTERSECT"_L1 || w == "SELECT"_L1 ||
            w == "VALUES"_L1 || w == "SET"_L1 || w == "RETURNING"_L1 || w == "INTO"_L1) {
            closeClause();
            region = Region::None;
            expectSource = false;
            expectAlias = false;
            continue;
        }

        switch (region) {
        case Region::None:
            break;
        case Region::From:
            if (expectSource && isName(i) && !isClauseWord(w)) {
                QString table = name(i);
                if (is(i + 1, u'.') && isName(i + 2)) {
                    table = name(i + 2);
                    i += 2;
                }
                if (is(i + 1, u'('))
                    table.clear(); // a table-valued function
                m_sources.append(Source{table, QString(), scope});
                expectSource = false;
                expectAlias = true;
            } else if (expectAlias && w == "AS"_L1) {
                // the alias follows
            } else if (expectAlias && isName(i) && !isClauseWord(w)) {
                m_sources.last().alias = name(i);
                expectAlias = false;
            } else if (t.is(u',')) {
                expectSource = true;
                expectAlias = false;
            } else if (w == "INDEXED"_L1 && word(i + 1) == "BY"_L1) {
                i += 2; // INDEXED BY index
                expectAlias = false;
            } else {
                expectAlias = false;
            }
            break;
        case Region::Search:
            if (w == "OR"_L1 && !m_orScopes.contains(scope))
                m_orScopes.append(scope);
            if (w == "COLLATE"_L1 || w == "AS"_L1) {
                ++i; // a collation or a type name
            } else if (isName(i) && !isExpressionWord(w) && !isParameter(i) && !is(i + 1, u'(')) {
                if (is(i + 1, u'.') && isName(i + 2)) {
                    m_searched.append({name(i), name(i + 2), inJoin, scope});
                    i += 2;
                } else {
                    m_searched.append({QString(), name(i), inJoin, scope});
                }
            }
            break;
        case Region::Using:
            if (isName(i)) {
                // USING (a, b) compares the column of both tables it joins.
                for (qsizetype s = m_sources.size() - 1; s >= 0 && s >= m_sources.size() - 2; --s) {
                    if (!m_sources.at(s).key().isEmpty())
                        m_searched.append({m_sources.at(s).key(), name(i), true, scope});
                }
            }
            break;
        case Region::OrderBy:
        case Region::GroupBy:
            if (t.is(u',') && int(stack.size()) == clauseDepth)
                flushTerm();
            else
                term.append(i);
            break;
        }
    }
    closeClause();
}

const SqliteQueryColumns::Source *SqliteQueryColumns::sourceNamed(const QString &relation,
                                                                  int scope) const
{
    for (const Source &s : m_sources) {
        if (!s.key().isEmpty() && equalNames(s.key(), relation) && (scope < 0 || s.scope == scope))
            return &s;
    }
    return nullptr;
}

const SqliteQueryColumns::Source *SqliteQueryColumns::sourceOf(const ColumnRef &ref) const
{
    if (!ref.qualifier.isEmpty())
        return sourceNamed(ref.qualifier, ref.scope);
    // An unqualified column belongs to the only table of its SELECT, else it is ambiguous
    // without the catalog.
    const Source *only = nullptr;
    for (const Source &s : m_sources) {
        if (s.scope != ref.scope)
            continue;
        if (only)
            return nullptr;
        only = &s;
    }
    return only;
}

QString SqliteQueryColumns::tableOf(const QString &relation) const
{
    const Source *source = sourceNamed(relation);
    if (!source || source->table.isEmpty())
        return QString();
    for (const QString &cte : m_ctes) {
        if (equalNames(cte, source->table))
            return QString();
    }
    return source->table;
}

bool SqliteQueryColumns::isDerived(const QString &relation) const
{
    const Source *source = sourceNamed(relation);
    return source && tableOf(relation).isEmpty();
}

bool SqliteQueryColumns::searchesWithOr(const QString &relation) const
{
    const Source *source = sourceNamed(relation);
    return source && m_orScopes.contains(source->scope);
}

QStringList SqliteQueryColumns::searchedColumns(const QString &relation, bool joins) const
{
    QStringList columns;
    if (tableOf(relation).isEmpty())
        return columns;
    const Source *source = sourceNamed(relation);
    for (const ColumnRef &ref : m_searched) {
        if (sourceOf(ref) != source || (ref.join && !joins))
            continue;
        const bool seen = std::any_of(columns.cbegin(), columns.cend(),
                                      [&](const QString &c) { return equalNames(c, ref.column); });
        if (!seen)
            columns.append(ref.column);
    }
    return columns;
}

SqliteQueryColumns::Ordering
SqliteQueryColumns::ordering(const QList<QList<ColumnRef>> &clauses) const
{
    if (clauses.size() != 1 || clauses.first().isEmpty())
        return {};
    Ordering out;
    const Source *table = nullptr;
    for (const ColumnRef &ref : clauses.first()) {
        const Source *source = ref.column.isEmpty() ? nullptr : sourceOf(ref);
        if (!source || (table && source != table))
            return {};
        table = source;
        out.columns.append(ref.column);
    }
    out.table = tableOf(table->key());
    return out.table.isEmpty() ? Ordering{} : out;
}

SqliteQueryColumns::Ordering SqliteQueryColumns::orderBy() const
{
    return ordering(m_orderBys);
}

SqliteQueryColumns::Ordering SqliteQueryColumns::groupBy() const
{
    return ordering(m_groupBys);
}

} // namespace Strata::Sqlite::Internal
