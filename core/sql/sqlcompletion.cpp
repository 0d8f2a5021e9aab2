// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlcompletion.h"

#include "sqltokenizer.h"

#include <QSet>

#include <algorithm>

namespace Strata::SqlCompletion {

namespace {

using Kind = CompletionCandidate::Kind;
using Context = CompletionResult::Context;

// A table named in the statement's FROM/JOIN/UPDATE/INTO/TABLE clauses.
struct TableRef
{
    QString schema;
    QString name;
    QString alias;
    bool aliasQuoted = false;
    bool nameQuoted = false;
    int keyword = -1;  // token index of the FROM/JOIN/... that introduced it
    const Table *table = nullptr;
};

bool isWord(const SqlToken &t, QStringView text, QLatin1StringView word)
{
    return t.kind == SqlToken::Kind::Word &&
           text.mid(t.begin, t.end - t.begin).compare(word, Qt::CaseInsensitive) == 0;
}

bool isName(const SqlToken &t)
{
    return t.kind == SqlToken::Kind::Word || t.kind == SqlToken::Kind::QuotedIdentifier;
}

QString upperWord(QStringView text, const SqlToken &t)
{
    return t.kind == SqlToken::Kind::Word ? text.mid(t.begin, t.end - t.begin).toString().toUpper()
                                          : QString();
}

bool isTableKeyword(const QString &word)
{
    return word == QLatin1String("FROM") || word == QLatin1String("JOIN") ||
           word == QLatin1String("UPDATE") || word == QLatin1String("INTO") ||
           word == QLatin1String("TABLE") || word == QLatin1String("STRAIGHT_JOIN");
}

bool isColumnKeyword(const QString &word)
{
    static const QSet<QString> words{
        QStringLiteral("SELECT"), QStringLiteral("WHERE"),  QStringLiteral("ON"),
        QStringLiteral("BY"),     QStringLiteral("HAVING"), QStringLiteral("SET"),
        QStringLiteral("RETURNING"), QStringLiteral("USING"), QStringLiteral("WHEN"),
    };
    return words.contains(word);
}

// Clause words after which neither tables nor columns make sense.
bool isKeywordOnlyKeyword(const QString &word)
{
    static const QSet<QString> words{
        QStringLiteral("LIMIT"),  QStringLiteral("OFFSET"), QStringLiteral("CREATE"),
        QStringLiteral("DROP"),   QStringLiteral("ALTER"),  QStringLiteral("INSERT"),
        QStringLiteral("DELETE"), QStringLiteral("GRANT"),  QStringLiteral("REVOKE"),
        QStringLiteral("WITH"),   QStringLiteral("VALUES"), QStringLiteral("FETCH"),
    };
    return words.contains(word);
}

// Words that may follow a table name without being its alias.
bool endsTableItem(QStringView word)
{
    static const QSet<QString> words{
        QStringLiteral("tablesample"), QStringLiteral("use"),  QStringLiteral("force"),
        QStringLiteral("ignore"),      QStringLiteral("lock"), QStringLiteral("procedure"),
        QStringLiteral("do"),          QStringLiteral("if"),   QStringLiteral("add"),
        QStringLiteral("rename"),      QStringLiteral("owner"), QStringLiteral("cascade"),
        QStringLiteral("restrict"),    QStringLiteral("conflict"),
    };
    return CompletionIndex::isReservedWord(word) || words.contains(word.toString().toLower());
}

bool isCommonKeyword(const QString &lower)
{
    static const QSet<QString> words{
        QStringLiteral("select"), QStringLiteral("from"),   QStringLiteral("where"),
        QStringLiteral("join"),   QStringLiteral("left"),   QStringLiteral("inner"),
        QStringLiteral("on"),     QStringLiteral("and"),    QStringLiteral("or"),
        QStringLiteral("not"),    QStringLiteral("null"),   QStringLiteral("group"),
        QStringLiteral("order"),  QStringLiteral("by"),     QStringLiteral("having"),
        QStringLiteral("limit"),  QStringLiteral("insert"), QStringLiteral("into"),
        QStringLiteral("values"), QStringLiteral("update"), QStringLiteral("set"),
        QStringLiteral("delete"), QStringLiteral("create"), QStringLiteral("table"),
        QStringLiteral("as"),     QStringLiteral("distinct"), QStringLiteral("between"),
        QStringLiteral("like"),   QStringLiteral("in"),     QStringLiteral("is"),
        QStringLiteral("exists"), QStringLiteral("case"),   QStringLiteral("union"),  QStringLiteral("with"),   QStringLiteral("desc"),
        QStringLiteral("asc"),    QStringLiteral("count"),  QStringLiteral("alter"),
        QStringLiteral("drop"),   QStringLiteral("begin"),  QStringLiteral("commit"),
    };
    return words.contains(lower);
}

bool sameName(const QString &a, const QString &b, bool exact)
{
    return exact ? a == b : a.compare(b, Qt::CaseInsensitive) == 0;
}

// Where the cursor sits relative to one token.
bool cursorInside(QStringView text, const SqlToken &t, int cursor)
{
    if (t.kind == SqlToken::Kind::Comment) {
        const bool line = text.at(t.begin) != u'/';
        return t.begin < cursor && (line || !t.closed ? cursor <= t.end : cursor < t.end);
    }
    if (t.kind == SqlToken::Kind::String)
        return t.begin < cursor && (t.closed ? cursor < t.end : cursor <= t.end);
    return false;
}

class Completer
{
public:
    Completer(const QString &text, int cursor, SqlDialect dialect, const CompletionIndex &index,
              const QStringList &searchPath, int maxCandidates, int from, int to)
        : m_text(text)
        , m_cursor(cursor)
        , m_from(from)
        , m_to(to)
        , m_dialect(dialect)
        , m_index(index)
        , m_searchPath(searchPath)
        , m_max(maxCandidates)
    {}

    CompletionResult run();

private:
    void tokenizeStatement();
    void collectTableRefs();
    int parseTableItem(int keyword, int j);
    Context clauseContext(int prev, int *intoKeyword) const;
    const TableRef *findRef(const QString &qualifier, bool quoted) const;

    void addColumns(const Table *table, int group, const QString &detail);
    void addTables(int schema, int group);
    void addSchemas(int group);
    void addFunctions(int group);
    void addKeywords(int group);
    void add(const QString &name, const QString &insert, Kind kind, const QString &detail,
             int group);
    void finish();

    struct Ranked
    {
        CompletionCandidate candidate;
        int group;
        int order;
    };

    const QString &m_text;
    int m_cursor;
    int m_from;
    int m_to;
    SqlDialect m_dialect;
    const CompletionIndex &m_index;
    QStringList m_searchPath;
    int m_max;

    QList<SqlToken> m_tokens;
    int m_prefixToken = -1;
    QList<TableRef> m_refs;
    CompletionResult m_result;
    std::vector<Ranked> m_ranked;
    QSet<QString> m_seen;
};

void Completer::tokenizeStatement()
{
    const int size = int(m_text.size());
    const int windowFrom = std::clamp(m_from, 0, m_cursor);
    const int windowTo = m_to < 0 ? size : std::clamp(m_to, m_cursor, size);
    QList<SqlStatement> statements;
    if (windowFrom == 0 && windowTo == size) {
        statements = StatementSplitter::split(m_text, m_dialect);
    } else {
        statements = StatementSplitter::split(m_text.mid(windowFrom, windowTo - windowFrom),
                                              m_dialect);
        for (SqlStatement &s : statements)
            s.offset += windowFrom;
    }
    const int at = StatementSplitter::statementAt(statements, m_cursor);
    int from = windowFrom;
    int to = windowTo;
    if (at >= 0) {
        const SqlStatement &s = statements.at(at);
        from = s.offset <= m_cursor ? s.offset : windowFrom;
        to = std::max(s.offset + s.length, m_cursor);
    }
    m_tokens = SqlTokenizer(m_dialect).tokenize(m_text, from, to);
    // Only the statement the cursor is in counts: cut at the terminators around it.
    int first = 0;
    int last = int(m_tokens.size());
    for (int i = 0; i < m_tokens.size(); ++i) {
        if (!m_tokens.at(i).is(u';'))
            continue;
        if (m_tokens.at(i).end <= m_cursor) {
            first = i + 1;
        } else {
            last = i;
            break;
        }
    }
    m_tokens = m_tokens.mid(first, last - first);
}

int Completer::parseTableItem(int keyword, int j)
{
    const int n = int(m_tokens.size());
    while (j < n && (isWord(m_tokens.at(j), m_text, QLatin1String("ONLY")) ||
                     isWord(m_tokens.at(j), m_text, QLatin1String("LATERAL"))))
        ++j;
    if (j >= n)
        return j;
    if (m_tokens.at(j).is(u'(')) {
        // A derived table: its columns are unknown; skip it and its alias.
        int depth = 0;
        for (; j < n; ++j) {
            if (m_tokens.at(j).is(u'('))
                ++depth;
            else if (m_tokens.at(j).is(u')') && --depth == 0)
                break;
        }
        ++j;
        if (j < n && isWord(m_tokens.at(j), m_text, QLatin1String("AS")))
            ++j;
        if (j < n && isName(m_tokens.at(j)) && !endsTableItem(QStringView(m_text).mid(
                                                   m_tokens.at(j).begin,
                                                   m_tokens.at(j).end - m_tokens.at(j).begin)))
            ++j;
        return j;
    }
    const SqlToken &first = m_tokens.at(j);
    const QStringView firstText = QStringView(m_text).mid(first.begin, first.end - first.begin);
    if (!isName(first) || j == m_prefixToken ||
        (first.kind == SqlToken::Kind::Word && endsTableItem(firstText)))
        return j;
    TableRef ref;
    ref.keyword = keyword;
    ref.name = SqlTokenizer::identifier(m_text, first);
    ref.nameQuoted = first.kind == SqlToken::Kind::QuotedIdentifier;
    ++j;
    if (j + 1 < n && m_tokens.at(j).is(u'.') && isName(m_tokens.at(j + 1))) {
        if (j + 1 == m_prefixToken)
            return j + 2;
        ref.schema = ref.name;
        ref.name = SqlTokenizer::identifier(m_text, m_tokens.at(j + 1));
        ref.nameQuoted = m_tokens.at(j + 1).kind == SqlToken::Kind::QuotedIdentifier;
        j += 2;
    }
    if (j < n && isWord(m_tokens.at(j), m_text, QLatin1String("AS")))
        ++j;
    if (j < n && j != m_prefixToken && isName(m_tokens.at(j))) {
        const SqlToken &a = m_tokens.at(j);
        const bool quoted = a.kind == SqlToken::Kind::QuotedIdentifier;
        if (quoted || !endsTableItem(QStringView(m_text).mid(a.begin, a.end - a.begin))) {
            ref.alias = SqlTokenizer::identifier(m_text, a);
            ref.aliasQuoted = quoted;
            ++j;
        }
    }
    ref.table = m_index.resolveTable(ref.schema, ref.name, m_searchPath);
    m_refs.append(ref);
    return j;
}

void Completer::collectTableRefs()
{
    const int n = int(m_tokens.size());
    for (int i = 0; i < n; ++i) {
        const QString word = upperWord(m_text, m_tokens.at(i));
        if (!isTableKeyword(word))
            continue;
        int j = parseTableItem(i, i + 1);
        // FROM a, b, c (and MariaDB's multi-table UPDATE a, b).
        while ((word == QLatin1String("FROM") || word == QLatin1String("UPDATE")) && j < n &&
               m_tokens.at(j).is(u',')) {
            const int next = parseTableItem(i, j + 1);
            if (next == j + 1)
                break;
            j = next;
        }
        i = std::max(i, j - 1);
    }
}

Context Completer::clauseContext(int prev, int *intoKeyword) const
{
    int depth = 0;
    bool openParen = false;
    for (int k = prev; k >= 0; --k) {
        const SqlToken &t = m_tokens.at(k);
        if (t.is(u')')) {
            ++depth;
            continue;
        }
        if (t.is(u'(')) {
            if (depth > 0)
                --depth;
            else
                openParen = true;
            continue;
        }
        if (depth > 0 || t.kind != SqlToken::Kind::Word)
            continue;
        const QString word = upperWord(m_text, t);
        if (isTableKeyword(word)) {
            const SqlToken &p = m_tokens.at(prev);
            const QString prevWord = upperWord(m_text, p);
            if (k == prev || prevWord == QLatin1String("ONLY") ||
                prevWord == QLatin1String("LATERAL") ||
                (p.is(u',') && word == QLatin1String("FROM") && !openParen))
                return Context::Table;
            // INSERT INTO t (a, b, |: the columns of t.
            if (word == QLatin1String("INTO") && openParen) {
                *intoKeyword = k;
                return Context::Column;
            }
            return Context::Keyword;
        }
        if (isColumnKeyword(word))
            return Context::Column;
        if (isKeywordOnlyKeyword(word))
            return Context::Keyword;
    }
    return Context::Keyword;
}

const TableRef *Completer::findRef(const QString &qualifier, bool quoted) const
{
    for (const TableRef &ref : m_refs) {
        if (!ref.alias.isEmpty() && sameName(ref.alias, qualifier, quoted && ref.aliasQuoted))
            return &ref;
    }
    for (const TableRef &ref : m_refs) {
        if (sameName(ref.name, qualifier, quoted && ref.nameQuoted))
            return &ref;
    }
    return nullptr;
}

void Completer::add(const QString &name, const QString &insert, Kind kind,
                    const QString &detail, int group)
{
    const QString key = name.toLower();
    if (m_seen.contains(key))
        return;
    const QString &prefix = m_result.prefix;
    if (!name.startsWith(prefix, Qt::CaseInsensitive))
        return;
    m_seen.insert(key);
    // Within a group, the words typed most often go first (WHERE before WHEN).
    const int rank = group * 2 + (kind == Kind::Keyword && !isCommonKeyword(key) ? 1 : 0);
    m_ranked.push_back(Ranked{CompletionCandidate{name, insert, kind, detail}, rank,
                              int(m_ranked.size())});
}

void Completer::addColumns(const Table *table, int group, const QString &detail)
{
    if (!table)
        return;
    for (const Column &column : table->columns)
        add(column.name, m_index.quote(column.name), Kind::Column, detail, group);
}

void Completer::addTables(int schema, int group)
{
    if (schema < 0)
        return;
    const CompletionIndex::SchemaEntry &entry = m_index.schemas().at(schema);
    const QList<Table> &tables = m_index.catalog().schemas.at(schema).tables;
    const auto range = CompletionIndex::prefixRange(entry.tables, m_result.prefix);
    int taken = 0;
    for (auto it = range.first; it != range.second && taken < m_max; ++it, ++taken) {
        const Table &table = tables.at(it->item);
        add(it->name, it->insert,
            table.kind == Table::Kind::Table ? Kind::Table : Kind::View, entry.name, group);
    }
}

void Completer::addSchemas(int group)
{
    for (const CompletionIndex::SchemaEntry &entry : m_index.schemas())
        add(entry.name, entry.insert, Kind::Schema, QString(), group);
}

void Completer::addFunctions(int group)
{
    QStringList path = m_searchPath;
    if (path.isEmpty()) {
        for (const CompletionIndex::SchemaEntry &entry : m_index.schemas())
            path.append(entry.name);
    }
    for (const QString &schemaName : std::as_const(path)) {
        const int schema = m_index.findSchema(schemaName);
        if (schema < 0)
            continue;
        const auto &routines = m_index.schemas().at(schema).routines;
        const auto range = CompletionIndex::prefixRange(routines, m_result.prefix);
        int taken = 0;
        for (auto it = range.first; it != range.second && taken < m_max; ++it, ++taken)
            add(it->name, it->insert, Kind::Function, schemaName, group);
    }
    static const char *const builtins[] = {"avg",   "coalesce", "count",  "lower",  "max",
                                           "min",   "nullif",   "round",  "sum",    "upper",
                                           "length", "abs",     "concat", "replace", "substr"};
    for (const char *name : builtins) {
        const QString function = QString::fromLatin1(name);
        add(function, function, Kind::Function, QString(), group);
    }
}

void Completer::addKeywords(int group)
{
    // Follow the user's case: a lower-case prefix gets lower-case keywords.
    const QString &prefix = m_result.prefix;
    const bool lower = !prefix.isEmpty() && prefix == prefix.toLower();
    const auto range = CompletionIndex::prefixRange(m_index.keywords(), prefix);
    int taken = 0;
    for (auto it = range.first; it != range.second && taken < m_max; ++it, ++taken) {
        const QString word = lower ? it->key : it->name;
        add(word, word, Kind::Keyword, QString(), group);
    }
}

void Completer::finish()
{
    const QString &prefix = m_result.prefix;
    // By group (columns before keywords in a WHERE, ...), then an exact match, then names
    // that start with the prefix as typed (case included), then alphabetically.
    std::sort(m_ranked.begin(), m_ranked.end(), [&prefix](const Ranked &a, const Ranked &b) {
        if (a.group != b.group)
            return a.group < b.group;
        const bool ea = a.candidate.name.compare(prefix, Qt::CaseInsensitive) == 0;
        const bool eb = b.candidate.name.compare(prefix, Qt::CaseInsensitive) == 0;
        if (ea != eb)
            return ea;
        const bool ca = a.candidate.name.startsWith(prefix);
        const bool cb = b.candidate.name.startsWith(prefix);
        if (ca != cb)
            return ca;
        const int c = a.candidate.name.compare(b.candidate.name, Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
        return a.order < b.order;
    });
    const int count = std::min(int(m_ranked.size()), m_max);
    m_result.candidates.reserve(count);
    for (int i = 0; i < count; ++i)
        m_result.candidates.append(std::move(m_ranked[i].candidate));
}

CompletionResult Completer::run()
{
    m_cursor = std::clamp(m_cursor, 0, int(m_text.size()));
    tokenizeStatement();

    // What the cursor is in, and the prefix typed before it.
    m_result.replaceFrom = m_cursor;
    for (int i = 0; i < m_tokens.size(); ++i) {
        const SqlToken &t = m_tokens.at(i);
        if (t.begin >= m_cursor)
            break;
        if (cursorInside(m_text, t, m_cursor))
            return m_result;  // Context::None
        if (t.kind == SqlToken::Kind::Number && m_cursor <= t.end)
            return m_result;
        const bool inWord = t.kind == SqlToken::Kind::Word && m_cursor <= t.end;
        const bool inQuoted = t.kind == SqlToken::Kind::QuotedIdentifier &&
                              (t.closed ? m_cursor < t.end : m_cursor <= t.end);
        if (inWord || inQuoted) {
            m_prefixToken = i;
            m_result.replaceFrom = t.begin;
            m_result.quotedPrefix = inQuoted;
            SqlToken typed = t;
            typed.end = m_cursor;
            typed.closed = false;
            m_result.prefix = SqlTokenizer::identifier(m_text, typed);
            break;
        }
    }
    m_result.replaceLength = m_cursor - m_result.replaceFrom;
    // Inside a closed quoted name the whole name, closing quote included, is replaced.
    if (m_result.quotedPrefix && m_prefixToken >= 0 && m_tokens.at(m_prefixToken).closed)
        m_result.replaceLength = m_tokens.at(m_prefixToken).end - m_result.replaceFrom;
    // From here on comments do not count.
    m_tokens.erase(std::remove_if(m_tokens.begin(), m_tokens.end(),
                                  [](const SqlToken &t) {
                                      return t.kind == SqlToken::Kind::Comment;
                                  }),
                   m_tokens.end());
    int prev = -1;
    m_prefixToken = -1;
    for (int i = 0; i < m_tokens.size(); ++i) {
        if (m_tokens.at(i).begin == m_result.replaceFrom && m_result.replaceLength > 0)
            m_prefixToken = i;
        else if (m_tokens.at(i).end <= m_result.replaceFrom)
            prev = i;
    }

    collectTableRefs();

    // alias. / table. / schema. / schema.table.
    if (prev >= 1 && m_tokens.at(prev).is(u'.') && isName(m_tokens.at(prev - 1))) {
        const SqlToken &q = m_tokens.at(prev - 1);
        const QString qualifier = SqlTokenizer::identifier(m_text, q);
        const bool quoted = q.kind == SqlToken::Kind::QuotedIdentifier;
        if (prev >= 3 && m_tokens.at(prev - 2).is(u'.') && isName(m_tokens.at(prev - 3))) {
            const QString schema = SqlTokenizer::identifier(m_text, m_tokens.at(prev - 3));
            if (const Table *table = m_index.resolveTable(schema, qualifier, m_searchPath)) {
                m_result.context = Context::QualifiedColumn;
                addColumns(table, 0, table->name);
            }
            finish();
            return m_result;
        }
        int intoKeyword = -1;
        const bool tableClause =
            prev >= 2 && clauseContext(prev - 2, &intoKeyword) == Context::Table;
        const int schema = m_index.findSchema(qualifier);
        if (tableClause && schema >= 0) {
            m_result.context = Context::SchemaTable;
            addTables(schema, 0);
        } else if (const TableRef *ref = findRef(qualifier, quoted); ref && ref->table) {
            m_result.context = Context::QualifiedColumn;
            addColumns(ref->table, 0, ref->table->name);
        } else if (schema >= 0) {
            m_result.context = Context::SchemaTable;
            addTables(schema, 0);
        } else if (const Table *table = m_index.resolveTable(QString(), qualifier, m_searchPath)) {
            m_result.context = Context::QualifiedColumn;
            addColumns(table, 0, table->name);
        }
        finish();
        return m_result;
    }

    int intoKeyword = -1;
    m_result.context = prev < 0 ? Context::Keyword : clauseContext(prev, &intoKeyword);
    switch (m_result.context) {
    case Context::Table: {
        int group = 0;
        for (const QString &schemaName : std::as_const(m_searchPath))
            addTables(m_index.findSchema(schemaName), group++);
        if (m_searchPath.isEmpty()) {
            for (int s = 0; s < int(m_index.schemas().size()); ++s)
                addTables(s, group);
            ++group;
        }
        addSchemas(group);
        break;
    }
    case Context::Column:
        if (intoKeyword >= 0) {
            for (const TableRef &ref : std::as_const(m_refs)) {
                if (ref.keyword == intoKeyword)
                    addColumns(ref.table, 0, ref.name);
            }
            break;
        }
        for (const TableRef &ref : std::as_const(m_refs))
            addColumns(ref.table, 0, ref.name);
        for (const TableRef &ref : std::as_const(m_refs)) {
            if (!ref.alias.isEmpty())
                add(ref.alias, m_index.quote(ref.alias), Kind::Alias, ref.name, 1);
        }
        addFunctions(2);
        addKeywords(3);
        break;
    case Context::Keyword:
        addKeywords(0);
        break;
    case Context::None:
    case Context::SchemaTable:
    case Context::QualifiedColumn:
        break;
    }
    finish();
    return m_result;
}

} // namespace

CompletionResult complete(const QString &text, int cursor, SqlDialect dialect,
                          const CompletionIndex &index, const QStringList &searchPath,
                          int maxCandidates, int from, int to)
{
    return Completer(text, cursor, dialect, index, searchPath, maxCandidates, from, to).run();
}

QStringList defaultSearchPath(const Catalog &catalog)
{
    // The session's own path, as far as the catalog holds its schemas.
    QStringList path;
    for (const QString &name : catalog.searchPath) {
        if (catalog.schema(name))
            path << name;
    }
    if (!path.isEmpty())
        return path;
    QString preferred;
    if (catalog.engine == QLatin1String("postgresql"))
        preferred = QStringLiteral("public");
    else if (catalog.engine == QLatin1String("sqlite"))
        preferred = QStringLiteral("main");
    else
        preferred = catalog.database;
    if (catalog.schema(preferred))
        return {preferred};
    if (!catalog.schemas.isEmpty())
        return {catalog.schemas.constFirst().name};
    return {};
}

} // namespace Strata::SqlCompletion
