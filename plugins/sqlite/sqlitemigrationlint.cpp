// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitemigrationlint.h"

#include "migrations/lintwords.h"
#include "sql/statementsplitter.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace Strata::Sqlite::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::SqliteMigrationLint)
};

using Word = LintWords::Word;

const QString RebuildRule = QStringLiteral("table-rebuild-required");

QString rebuildAdvice()
{
    return Tr::tr("rebuild the table instead (create the new table, copy the rows, drop the old one, "
                  "rename; SQLite's 12-step procedure).");
}

class Linter
{
public:
    void lintSection(const IMigrations::LintSection &section);
    QList<LintFinding> findings;

private:
    void add(int offset, const QString &what);
    void createTable(const LintWords &w, int i);
    void createIndex(const LintWords &w, int i);
    void alterTable(const LintWords &w, int i);
    void addColumn(const LintWords &w, int begin, int end);

    const IMigrations::LintSection *m_section = nullptr;
    // table → columns that an index, key or constraint uses (DROP COLUMN fails on them)
    QHash<QString, QSet<QString>> m_constrained;
};

void Linter::add(int offset, const QString &what)
{
    LintFinding f;
    f.file = m_section->file;
    f.line = m_section->firstLine + int(QStringView(m_section->sql).left(offset).count(u'\n'));
    f.rule = RebuildRule;
    f.severity = LintFinding::Severity::Error;
    f.message = what + QLatin1String("; ") + rebuildAdvice();
    findings.append(f);
}

void Linter::lintSection(const IMigrations::LintSection &section)
{
    m_section = &section;
    const QList<SqlStatement> statements = StatementSplitter::split(section.sql, SqlDialect::SQLite);
    for (const SqlStatement &statement : statements) {
        const LintWords w(section.sql, statement, SqlDialect::SQLite);
        if (w.at(0).is("CREATE")) {
            int i = 1;
            while (w.at(i).is("TEMP") || w.at(i).is("TEMPORARY") || w.at(i).is("UNIQUE"))
                ++i;
            if (w.at(i).is("TABLE"))
                createTable(w, i + 1);
            else if (w.at(i).is("INDEX"))
                createIndex(w, i + 1);
        } else if (w.at(0).is("ALTER") && w.at(1).is("TABLE")) {
            alterTable(w, 2);
        }
    }
}

void Linter::createTable(const LintWords &w, int i)
{
    if (w.at(i).is("IF"))
        i += 3;
    QString table;
    i = w.readName(i, &table);
    QSet<QString> &constrained = m_constrained[table];
    constrained.clear();
    if (w.at(i).kind != Word::Kind::Open)
        return; // CREATE TABLE ... AS SELECT
    // Elements at depth 1, split at depth-1 commas.
    int begin = i + 1;
    for (int j = i + 1; j <= w.size(); ++j) {
        const bool endOfElement = j == w.size() || (w.at(j).depth == 1 && w.at(j).kind == Word::Kind::Comma)
                                  || (w.at(j).depth == 0 && w.at(j).kind == Word::Kind::Close);
        if (!endOfElement)
            continue;
        const Word &first = w.at(begin);
        const bool tableConstraint = first.is("CONSTRAINT") || first.is("PRIMARY") || first.is("UNIQUE")
                                     || first.is("CHECK") || first.is("FOREIGN");
        if (tableConstraint) {
            // Every name inside the constraint's parentheses (its columns, a CHECK's operands).
            for (int k = begin; k < j; ++k) {
                if (w.at(k).depth >= 2 && w.at(k).isName())
                    constrained.insert(w.at(k).identifier());
            }
        } else if (first.isName()) {
            for (int k = begin + 1; k < j; ++k) {
                if (w.at(k).is("PRIMARY") || w.at(k).is("UNIQUE") || w.at(k).is("REFERENCES") || w.at(k).is("CHECK")) {
                    constrained.insert(first.identifier());
                    break;
                }
            }
        }
        begin = j + 1;
        if (j < w.size() && w.at(j).depth == 0)
            break;
    }
}

void Linter::createIndex(const LintWords &w, int i)
{
    if (w.at(i).is("IF"))
        i += 3;
    QString index;
    i = w.readName(i, &index);
    if (!w.at(i).is("ON"))
        return;
    QString table;
    i = w.readName(i + 1, &table);
    // Indexed columns and the names a partial index's WHERE uses.
    for (int j = i; j < w.size(); ++j) {
        if (w.at(j).isName() && (w.at(j).depth > 0 || w.at(j).kind == Word::Kind::Name))
            m_constrained[table].insert(w.at(j).identifier());
        else if (w.at(j).depth == 0 && w.at(j).is("WHERE"))
            for (int k = j + 1; k < w.size(); ++k) {
                if (w.at(k).isName())
                    m_constrained[table].insert(w.at(k).identifier());
            }
    }
}

void Linter::alterTable(const LintWords &w, int i)
{
    QString table;
    i = w.readName(i, &table);
    const Word &action = w.at(i);
    const Word &next = w.at(i + 1);
    if (action.is("RENAME"))
        return;
    if (action.is("ADD")) {
        if (next.is("CONSTRAINT") || next.is("PRIMARY") || next.is("UNIQUE") || next.is("FOREIGN") || next.is("CHECK")) {
            add(action.offset, Tr::tr("SQLite's ALTER TABLE cannot add a constraint or key to an existing table"));
            return;
        }
        addColumn(w, next.is("COLUMN") ? i + 2 : i + 1, w.size());
        return;
    }
    if (action.is("DROP")) {
        if (next.is("CONSTRAINT") || next.is("PRIMARY") || next.is("CHECK") || next.is("FOREIGN")) {
            add(action.offset, Tr::tr("SQLite's ALTER TABLE cannot drop a constraint or key"));
            return;
        }
        const Word &column = next.is("COLUMN") ? w.at(i + 2) : next;
        if (m_constrained.value(table).contains(column.identifier()))
            add(action.offset, Tr::tr("SQLite refuses to drop column %1 because an index, key or constraint uses it")
                                   .arg(column.text));
        return;
    }
    if (action.is("ALTER") || action.is("MODIFY") || action.is("CHANGE")) {
        add(action.offset, Tr::tr("SQLite's ALTER TABLE cannot change a column's type, default or constraints"));
        return;
    }
    if (action.kind == Word::Kind::Keyword)
        add(action.offset, Tr::tr("SQLite's ALTER TABLE has no %1 action").arg(action.text));
}

void Linter::addColumn(const LintWords &w, int begin, int end)
{
    const int offset = w.at(0).offset;
    const QString column = w.at(begin).text;
    bool notNull = false;
    bool defaultValue = false;
    for (int j = begin + 1; j < end; ++j) {
        const Word &word = w.at(j);
        if (word.depth != 0)
            continue;
        if (word.is("PRIMARY") || word.is("UNIQUE")) {
            add(offset, Tr::tr("SQLite cannot add column %1 with a PRIMARY KEY or UNIQUE constraint").arg(column));
            return;
        }
        if (word.is("STORED")) {
            add(offset, Tr::tr("SQLite cannot add the stored generated column %1 (only VIRTUAL ones)").arg(column));
            return;
        }
        if (word.is("NOT") && w.at(j + 1).is("NULL"))
            notNull = true;
        if (word.is("DEFAULT")) {
            const Word &value = w.at(j + 1);
            if (value.kind == Word::Kind::Open || value.is("CURRENT_TIME") || value.is("CURRENT_DATE")
                || value.is("CURRENT_TIMESTAMP")) {
                add(offset, Tr::tr("SQLite cannot add column %1 with a non-constant default").arg(column));
                return;
            }
            defaultValue = !value.is("NULL");
        }
    }
    if (notNull && !defaultValue)
        add(offset, Tr::tr("SQLite cannot add the NOT NULL column %1 without a non-NULL default").arg(column));
}

} // namespace

QStringList SqliteMigrationLint::ruleIds()
{
    return {RebuildRule};
}

QList<LintFinding> SqliteMigrationLint::lint(const QList<IMigrations::LintSection> &sections,
                                             const IMigrations::LintOptions &options) const
{
    Q_UNUSED(options);
    Linter linter;
    for (const IMigrations::LintSection &section : sections)
        linter.lintSection(section);
    return linter.findings;
}

} // namespace Strata::Sqlite::Internal
