// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlmigrationlint.h"

#include "migrations/lintwords.h"
#include "plugins/serverversion.h"
#include "sql/statementsplitter.h"

#include <QCoreApplication>
#include <QSet>

namespace Strata::MySql::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySqlMigrationLint)
};

using Word = LintWords::Word;

const QString AlterRule = QStringLiteral("alter-table-without-algorithm-lock");
const QString IndexRule = QStringLiteral("create-index-without-algorithm-lock");
const QString OptimizeRule = QStringLiteral("ban-optimize-table");

// The value after ALGORITHM / LOCK ([=] value) starting at words[i], upper-cased.
QString optionValue(const LintWords &w, int i)
{
    int j = i + 1;
    if (w.at(j).kind == Word::Kind::Other && w.at(j).text == QLatin1String("="))
        ++j;
    return w.at(j).text.toUpper();
}

bool safeHints(const QString &algorithm, const QString &lock)
{
    if (algorithm == QLatin1String("INSTANT") || algorithm == QLatin1String("NOCOPY"))
        return true;
    return lock == QLatin1String("NONE") && algorithm != QLatin1String("COPY");
}

class Linter
{
public:
    explicit Linter(const ServerVersion &version) : m_version(version) {}
    void lintSection(const IMigrations::LintSection &section);
    QList<LintFinding> findings;

private:
    void add(const QString &rule, int offset, const QString &message);
    void alterTable(const LintWords &w, int i);
    void createIndex(const LintWords &w, int i);
    bool columnAddIsInstant(bool atEnd) const;

    ServerVersion m_version;
    const IMigrations::LintSection *m_section = nullptr;
    QSet<QString> m_newTables;
};

void Linter::add(const QString &rule, int offset, const QString &message)
{
    LintFinding f;
    f.file = m_section->file;
    f.line = m_section->firstLine + int(QStringView(m_section->sql).left(offset).count(u'\n'));
    f.rule = rule;
    f.severity = LintFinding::Severity::Error;
    f.message = message;
    findings.append(f);
}

bool Linter::columnAddIsInstant(bool atEnd) const
{
    if (!m_version.known)
        return true;
    // Instant ADD COLUMN: MariaDB 10.3.2 (last column) and 10.4 (any position);
    // MySQL 8.0.12 (last column) and 8.0.29 (any position).
    if (m_version.mariaDb || m_version.major >= 10)
        return atEnd ? m_version.atLeast(10, 3, 2) : m_version.atLeast(10, 4, 0);
    return atEnd ? m_version.atLeast(8, 0, 12) : m_version.atLeast(8, 0, 29);
}

void Linter::lintSection(const IMigrations::LintSection &section)
{
    m_section = &section;
    m_newTables.clear();
    const QList<SqlStatement> statements = StatementSplitter::split(section.sql, SqlDialect::MySQL);
    for (const SqlStatement &statement : statements) {
        const LintWords w(section.sql, statement, SqlDialect::MySQL);
        if (w.at(0).is("CREATE")) {
            int i = 1;
            while (w.at(i).is("OR") || w.at(i).is("REPLACE") || w.at(i).is("TEMPORARY"))
                ++i;
            if (w.at(i).is("TABLE")) {
                ++i;
                if (w.at(i).is("IF"))
                    i += 3;
                QString name;
                w.readName(i, &name);
                m_newTables.insert(name);
                continue;
            }
            while (w.at(i).is("UNIQUE") || w.at(i).is("FULLTEXT") || w.at(i).is("SPATIAL") || w.at(i).is("ONLINE"))
                ++i;
            if (w.at(i).is("INDEX"))
                createIndex(w, i);
        } else if (w.at(0).is("ALTER")) {
            int i = 1;
            while (w.at(i).is("ONLINE") || w.at(i).is("IGNORE"))
                ++i;
            if (w.at(i).is("TABLE"))
                alterTable(w, i + 1);
        } else if (w.at(0).is("OPTIMIZE")) {
            add(OptimizeRule, w.at(0).offset,
                Tr::tr("OPTIMIZE TABLE rebuilds the whole table (for InnoDB, ALTER TABLE ... FORCE) and "
                       "blocks writes while it starts and ends; run it outside migrations, in a "
                       "maintenance window or with pt-online-schema-change."));
        }
    }
}

void Linter::createIndex(const LintWords &w, int i)
{
    QString algorithm;
    QString lock;
    QString table;
    for (int j = i; j < w.size(); ++j) {
        if (w.at(j).depth != 0)
            continue;
        if (w.at(j).is("ON") && table.isEmpty())
            w.readName(j + 1, &table);
        else if (w.at(j).is("ALGORITHM"))
            algorithm = optionValue(w, j);
        else if (w.at(j).is("LOCK"))
            lock = optionValue(w, j);
    }
    if (m_newTables.contains(table) || safeHints(algorithm, lock))
        return;
    add(IndexRule, w.at(0).offset,
        Tr::tr("CREATE INDEX without ALGORITHM/LOCK may fall back to copying the table or blocking "
               "writes while the index builds; add ALGORITHM=INPLACE LOCK=NONE so the server "
               "refuses instead of blocking."));
}

void Linter::alterTable(const LintWords &w, int i)
{
    if (w.at(i).is("IF"))
        i += 2;
    QString table;
    const int actionsStart = w.readName(i, &table);
    if (m_newTables.contains(table))
        return;
    QString algorithm;
    QString lock;
    QStringList risky;
    auto risk = [&risky](const QString &what) {
        if (!risky.contains(what))
            risky.append(what);
    };
    const QList<QPair<int, int>> actions = w.splitAtCommas(actionsStart);
    for (const auto &[begin, end] : actions) {
        // Options may share an action with others (ALTER TABLE t FORCE, ALGORITHM=INPLACE).
        bool atEnd = true;
        for (int j = begin; j < end; ++j) {
            if (w.at(j).depth != 0)
                continue;
            if (w.at(j).is("ALGORITHM"))
                algorithm = optionValue(w, j);
            else if (w.at(j).is("LOCK") && j == begin)
                lock = optionValue(w, j);
            else if (w.at(j).is("FIRST") || w.at(j).is("AFTER"))
                atEnd = false;
        }
        const Word &first = w.at(begin);
        const Word &second = w.at(begin + 1);
        const Word &third = w.at(begin + 2);
        if (first.is("ADD")) {
            const Word &what = second.is("CONSTRAINT") ? (third.isName() && !third.is("PRIMARY") && !third.is("UNIQUE")
                                                           && !third.is("FOREIGN") && !third.is("CHECK")
                                                           ? w.at(begin + 3) : third)
                                                       : second;
            if (what.is("PRIMARY"))
                risk(Tr::tr("adding a primary key"));
            else if (what.is("FOREIGN"))
                risk(Tr::tr("adding a foreign key"));
            else if (what.is("CHECK"))
                risk(Tr::tr("adding a check constraint"));
            else if (what.is("INDEX") || what.is("KEY") || what.is("UNIQUE") || what.is("FULLTEXT") || what.is("SPATIAL"))
                risk(Tr::tr("adding an index"));
            else if (what.is("PARTITION"))
                risk(Tr::tr("adding a partition"));
            else if (!columnAddIsInstant(atEnd))
                risk(atEnd ? Tr::tr("adding a column before MariaDB 10.3.2/MySQL 8.0.12")
                           : Tr::tr("adding a column not at the end before MariaDB 10.4/MySQL 8.0.29"));
        } else if (first.is("MODIFY")) {
            risk(Tr::tr("changing a column's type"));
        } else if (first.is("CHANGE")) {
            risk(Tr::tr("changing or renaming a column"));
        } else if (first.is("DROP")) {
            if (second.is("PRIMARY"))
                risk(Tr::tr("dropping the primary key"));
            else if (!(second.is("INDEX") || second.is("KEY") || second.is("FOREIGN") || second.is("CONSTRAINT")
                       || second.is("CHECK") || second.is("PARTITION")))
                risk(Tr::tr("dropping a column"));
        } else if (first.is("RENAME")) {
            if (second.is("COLUMN"))
                risk(Tr::tr("renaming a column"));
        } else if (first.is("CONVERT")) {
            risk(Tr::tr("converting the character set"));
        } else if (first.is("ENGINE") || first.is("FORCE") || first.is("ROW_FORMAT")) {
            risk(Tr::tr("rebuilding the table"));
        } else if (first.is("ORDER")) {
            risk(Tr::tr("reordering the rows"));
        }
    }
    if (risky.isEmpty() || safeHints(algorithm, lock))
        return;
    add(AlterRule, w.at(0).offset,
        Tr::tr("This ALTER TABLE may copy the table or block writes while it runs (%1); add "
               "ALGORITHM=INSTANT or ALGORITHM=INPLACE, LOCK=NONE so the server refuses instead, and use "
               "pt-online-schema-change or gh-ost for what it cannot do online.")
            .arg(risky.join(QLatin1String(", "))));
}

} // namespace

QStringList MySqlMigrationLint::ruleIds()
{
    return {AlterRule, IndexRule, OptimizeRule};
}

QList<LintFinding> MySqlMigrationLint::lint(const QList<IMigrations::LintSection> &sections,
                                            const IMigrations::LintOptions &options) const
{
    Linter linter(ServerVersion::parse(options.serverVersion));
    for (const IMigrations::LintSection &section : sections)
        linter.lintSection(section);
    return linter.findings;
}

} // namespace Strata::MySql::Internal
