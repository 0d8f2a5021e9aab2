// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "catalog/catalog.h"
#include "statementsplitter.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <vector>

namespace Strata {

class IDialect;

// A catalog prepared for completion lookups: per schema, the table, view and routine names as
// sorted lower-case keys (prefix lookups are binary searches), each with its text to insert,
// quoted by the dialect where needed; plus the dialect's keywords. Built once per loaded
// catalog, immutable afterwards and therefore safe to share between threads.
class STRATA_CORE_EXPORT CompletionIndex
{
public:
    struct Entry
    {
        QString key;     // lower case
        QString name;    // as the catalog spells it
        QString insert;  // name, quoted when it must be
        int item = -1;   // index into Schema::tables or Schema::routines; -1 for keywords
    };

    struct SchemaEntry
    {
        QString key;
        QString name;
        QString insert;
        std::vector<Entry> tables;    // tables, views and materialized views
        std::vector<Entry> routines;  // one entry per name (overloads merged)
    };

    using Range = std::pair<std::vector<Entry>::const_iterator, std::vector<Entry>::const_iterator>;

    // dialect may be null (then a standard double-quote / backtick rule is used).
    static std::shared_ptr<const CompletionIndex> build(const Catalog &catalog,
                                                        const IDialect *dialect,
                                                        SqlDialect sqlDialect);
    // Keywords only: for editors whose connection has no catalog yet.
    static std::shared_ptr<const CompletionIndex> build(const QStringList &keywords,
                                                        SqlDialect sqlDialect);

    const Catalog &catalog() const { return m_catalog; }
    SqlDialect sqlDialect() const { return m_sqlDialect; }
    const std::vector<SchemaEntry> &schemas() const { return m_schemas; }
    const std::vector<Entry> &keywords() const { return m_keywords; }
    int tableCount() const { return m_tableCount; }

    // Entries of a sorted list whose key starts with prefix (compared in lower case).
    static Range prefixRange(const std::vector<Entry> &entries, QStringView prefix);
    // The schema named name: exact spelling first, then case-insensitively; -1 if none.
    int findSchema(const QString &name) const;
    // A table or view of one schema; exact spelling first, then case-insensitively.
    const Table *findTable(int schema, const QString &name) const;
    // Looks in schema when given, else in the search path, else in every schema.
    const Table *resolveTable(const QString &schema, const QString &name,
                              const QStringList &searchPath) const;

    // The identifier as it must be written: bare when the engine reads it back unchanged,
    // else quoted through IDialect::quoteIdentifier.
    QString quote(const QString &name) const;
    // Words that cannot be a bare name or alias (upper-case argument not needed).
    static bool isReservedWord(QStringView word);

private:
    CompletionIndex() = default;
    void addKeywords(const QStringList &keywords);

    Catalog m_catalog;
    const IDialect *m_dialect = nullptr;
    SqlDialect m_sqlDialect = SqlDialect::PostgreSQL;
    std::vector<SchemaEntry> m_schemas;
    std::vector<Entry> m_keywords;
    int m_tableCount = 0;
};

} // namespace Strata
