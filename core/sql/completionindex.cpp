// SPDX-License-Identifier: GPL-3.0-or-later
#include "completionindex.h"

#include "plugins/idialect.h"

#include <QSet>

#include <algorithm>

namespace Strata {

namespace {

bool keyLess(const CompletionIndex::Entry &a, const CompletionIndex::Entry &b)
{
    return a.key < b.key || (a.key == b.key && a.name < b.name);
}

bool isPlainAsciiIdentifier(QStringView name)
{
    if (name.isEmpty() || name.front().isDigit() || name.front() == u'$')
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                        (u >= u'0' && u <= u'9') || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

const QSet<QString> &reservedWords()
{
    // Words no engine reads as a bare table, column or alias name: the SQL reserved words
    // shared by PostgreSQL, MariaDB and SQLite, plus the clause words that end a FROM item.
    static const QSet<QString> words = [] {
        QSet<QString> set;
        static const char *const list[] = {
            "add", "all", "alter", "analyze", "and", "any", "as", "asc", "between", "both",
            "by", "case", "cast", "check", "collate", "column", "constraint", "create", "cross",
            "current_date", "current_time", "current_timestamp", "current_user", "database",
            "default", "delete", "desc", "distinct", "drop", "else", "end", "except", "exists",
            "false", "fetch", "for", "foreign", "from", "full", "grant", "group", "having",
            "ilike", "in", "index", "inner", "insert", "intersect", "interval", "into", "is",
            "join", "key", "lateral", "leading", "left", "like", "limit", "natural", "not",
            "null", "offset", "on", "only", "or", "order", "outer", "partition", "primary",
            "references", "returning", "right", "select", "set", "some", "straight_join",
            "table", "then", "to", "trailing", "true", "union", "unique", "update", "using",
            "values", "when", "where", "window", "with",
        };
        for (const char *word : list)
            set.insert(QString::fromLatin1(word));
        return set;
    }();
    return words;
}

} // namespace

bool CompletionIndex::isReservedWord(QStringView word)
{
    return reservedWords().contains(word.toString().toLower());
}

QString CompletionIndex::quote(const QString &name) const
{
    if (m_sqlDialect == SqlDialect::PostgreSQL) {
        // PgDialect keeps exactly the names PostgreSQL reads back unchanged bare.
        if (m_dialect)
            return m_dialect->quoteIdentifier(name);
        if (isPlainAsciiIdentifier(name) && name == name.toLower() && !isReservedWord(name))
            return name;
    } else if (isPlainAsciiIdentifier(name) && !isReservedWord(name)) {
        // MariaDB and SQLite compare names case-insensitively: mixed case stays bare.
        return name;
    }
    if (m_dialect)
        return m_dialect->quoteIdentifier(name);
    const QChar q = m_sqlDialect == SqlDialect::MySQL ? QChar(u'`') : QChar(u'"');
    QString escaped = name;
    escaped.replace(q, QString(2, q));
    return q + escaped + q;
}

std::shared_ptr<const CompletionIndex> CompletionIndex::build(const Catalog &catalog,
                                                              const IDialect *dialect,
                                                              SqlDialect sqlDialect)
{
    std::shared_ptr<CompletionIndex> index(new CompletionIndex);
    index->m_catalog = catalog;
    index->m_dialect = dialect;
    index->m_sqlDialect = sqlDialect;
    // Only const access from here on: the entries point into the shared catalog lists.
    const Catalog &cat = index->m_catalog;
    index->m_schemas.reserve(cat.schemas.size());
    for (const Schema &schema : cat.schemas) {
        SchemaEntry entry;
        entry.name = schema.name;
        entry.key = schema.name.toLower();
        entry.insert = index->quote(schema.name);
        entry.tables.reserve(schema.tables.size());
        for (int t = 0; t < schema.tables.size(); ++t) {
            const QString &name = schema.tables.at(t).name;
            entry.tables.push_back(Entry{name.toLower(), name, index->quote(name), t});
        }
        std::sort(entry.tables.begin(), entry.tables.end(), keyLess);
        index->m_tableCount += int(schema.tables.size());
        QSet<QString> seen;
        for (int r = 0; r < schema.routines.size(); ++r) {
            const QString &name = schema.routines.at(r).name;
            if (seen.contains(name))
                continue;
            seen.insert(name);
            entry.routines.push_back(Entry{name.toLower(), name, index->quote(name), r});
        }
        std::sort(entry.routines.begin(), entry.routines.end(), keyLess);
        index->m_schemas.push_back(std::move(entry));
    }
    if (dialect)
        index->addKeywords(dialect->keywords());
    return index;
}

std::shared_ptr<const CompletionIndex> CompletionIndex::build(const QStringList &keywords,
                                                              SqlDialect sqlDialect)
{
    std::shared_ptr<CompletionIndex> index(new CompletionIndex);
    index->m_sqlDialect = sqlDialect;
    index->addKeywords(keywords);
    return index;
}

void CompletionIndex::addKeywords(const QStringList &keywords)
{
    m_keywords.clear();
    m_keywords.reserve(keywords.size());
    for (const QString &word : keywords) {
        const QString upper = word.toUpper();
        m_keywords.push_back(Entry{word.toLower(), upper, upper, -1});
    }
    std::sort(m_keywords.begin(), m_keywords.end(), keyLess);
    m_keywords.erase(std::unique(m_keywords.begin(), m_keywords.end(),
                                 [](const Entry &a, const Entry &b) { return a.key == b.key; }),
                     m_keywords.end());
}

CompletionIndex::Range CompletionIndex::prefixRange(const std::vector<Entry> &entries,
                                                    QStringView prefix)
{
    const QString key = prefix.toString().toLower();
    const auto first = std::lower_bound(
        entries.cbegin(), entries.cend(), key,
        [](const Entry &e, const QString &k) { return e.key < k; });
    auto last = first;
    if (key.isEmpty())
        return {first, entries.cend()};
    // The end of the prefix range: the first key that no longer starts with the prefix.
    last = std::partition_point(first, entries.cend(),
                                [&key](const Entry &e) { return e.key.startsWith(key); });
    return {first, last};
}

int CompletionIndex::findSchema(const QString &name) const
{
    int folded = -1;
    for (int i = 0; i < int(m_schemas.size()); ++i) {
        if (m_schemas[i].name == name)
            return i;
        if (folded < 0 && m_schemas[i].key == name.toLower())
            folded = i;
    }
    return folded;
}

const Table *CompletionIndex::findTable(int schema, const QString &name) const
{
    if (schema < 0 || schema >= int(m_schemas.size()))
        return nullptr;
    const SchemaEntry &entry = m_schemas[schema];
    const QString key = name.toLower();
    auto it = std::lower_bound(entry.tables.cbegin(), entry.tables.cend(), key,
                               [](const Entry &e, const QString &k) { return e.key < k; });
    const Table *folded = nullptr;
    const QList<Table> &tables = m_catalog.schemas.at(schema).tables;
    for (; it != entry.tables.cend() && it->key == key; ++it) {
        const Table *table = &tables.at(it->item);
        if (it->name == name)
            return table;
        if (!folded)
            folded = table;
    }
    return folded;
}

const Table *CompletionIndex::resolveTable(const QString &schema, const QString &name,
                                           const QStringList &searchPath) const
{
    if (!schema.isEmpty())
        return findTable(findSchema(schema), name);
    for (const QString &s : searchPath) {
        if (const Table *table = findTable(findSchema(s), name))
            return table;
    }
    for (int i = 0; i < int(m_schemas.size()); ++i) {
        if (const Table *table = findTable(i, name))
            return table;
    }
    return nullptr;
}

} // namespace Strata
