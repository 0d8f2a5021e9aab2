// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/genericlintrules.h"

#include "sql/sqltokenizer.h"

#include <QCoreApplication>

namespace Strata::GenericLintRules {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::GenericLintRules)
};

const QString BanDropTable = QStringLiteral("ban-drop-table");
const QString BanDropSchema = QStringLiteral("ban-drop-schema");
const QString BanDropDatabase = QStringLiteral("ban-drop-database");
const QString BanDropColumn = QStringLiteral("ban-drop-column");
const QString BanTruncate = QStringLiteral("ban-truncate-table");
const QString MissingDown = QStringLiteral("missing-down-section");
const QString EmptyDown = QStringLiteral("empty-down-section");

// The words of one statement at parenthesis depth 0, upper-cased, with their line offsets.
struct Word
{
    QString text;    // upper-cased for Word tokens, the name for quoted identifiers
    bool keyword = false;
    bool comma = false;
    int offset = 0;  // in the section
};

QList<Word> topLevelWords(const QString &sql, const SqlStatement &statement, SqlDialect dialect)
{
    QList<Word> words;
    const SqlTokenizer tokenizer(dialect);
    const QList<SqlToken> tokens =
        tokenizer.tokenize(sql, statement.offset, statement.offset + statement.length);
    int depth = 0;
    for (const SqlToken &token : tokens) {
        if (token.kind == SqlToken::Kind::Comment)
            continue;
        if (token.is(u'(')) {
            ++depth;
            continue;
        }
        if (token.is(u')')) {
            depth = qMax(0, depth - 1);
            continue;
        }
        if (depth > 0)
            continue;
        Word word;
        word.offset = token.begin;
        if (token.is(u',')) {
            word.comma = true;
        } else if (token.kind == SqlToken::Kind::Word) {
            word.text = QStringView(sql).mid(token.begin, token.end - token.begin).toString().toUpper();
            word.keyword = true;
        } else if (token.kind == SqlToken::Kind::QuotedIdentifier) {
            word.text = SqlTokenizer::identifier(sql, token);
        } else {
            word.text = QStringView(sql).mid(token.begin, token.end - token.begin).toString();
        }
        words.append(word);
    }
    return words;
}

int lineAt(const QString &sql, int offset, int firstLine)
{
    return firstLine + int(QStringView(sql).left(offset).count(u'\n'));
}

bool isKeyword(const Word &word, const char *keyword)
{
    return word.keyword && word.text == QLatin1String(keyword);
}

// After ALTER TABLE [IF EXISTS] [ONLY] name: the index of the first action word.
int alterActionsStart(const QList<Word> &words)
{
    int i = 2;
    if (i + 1 < words.size() && isKeyword(words.at(i), "IF") && isKeyword(words.at(i + 1), "EXISTS"))
        i += 2;
    if (i < words.size() && isKeyword(words.at(i), "ONLY"))
        ++i;
    // The (possibly qualified) name: name [. name]
    ++i;
    while (i + 1 < words.size() && words.at(i).text == QLatin1String(".")) 
        i += 2;
    return i;
}

} // namespace

QStringList ruleIds()
{
    return {MissingDown, EmptyDown, BanDropTable, BanDropSchema, BanDropDatabase, BanDropColumn,
            BanTruncate};
}

QList<LintFinding> checkDown(const Migration &migration, SqlDialect dialect)
{
    QList<LintFinding> findings;
    if (!migration.down.present) {
        LintFinding f;
        f.file = migration.up.file;
        f.line = qMax(1, migration.layout == Migration::Layout::Dbmate ? migration.up.firstLine - 1 : 1);
        f.rule = MissingDown;
        f.severity = LintFinding::Severity::Warning;
        f.message = migration.layout == Migration::Layout::Dbmate
            ? Tr::tr("There is no \"-- migrate:down\" section, so this migration cannot be rolled back; "
                     "add one that undoes the up section (or says why it cannot).")
            : Tr::tr("There is no %1_%2.down.sql file, so this migration cannot be rolled back; "
                     "add one that undoes the up file.")
                  .arg(migration.version, migration.name);
        findings.append(f);
        return findings;
    }
    if (StatementSplitter::split(migration.down.sql, dialect).isEmpty()) {
        LintFinding f;
        f.file = migration.down.file;
        f.line = qMax(1, migration.layout == Migration::Layout::Dbmate ? migration.down.firstLine - 1 : 1);
        f.rule = EmptyDown;
        f.severity = LintFinding::Severity::Warning;
        f.message = Tr::tr("The down section has no statements, so rolling back changes nothing; "
                           "write the statements that undo the up section.");
        findings.append(f);
    }
    return findings;
}

QList<LintFinding> checkDestructive(const Migration::Section &section, SqlDialect dialect,
                                    const QStringList &skip)
{
    QList<LintFinding> findings;
    if (!section.present)
        return findings;
    auto add = [&](const QString &rule, int offset, const QString &message) {
        if (skip.contains(rule))
            return;
        LintFinding f;
        f.file = section.file;
        f.line = lineAt(section.sql, offset, section.firstLine);
        f.rule = rule;
        f.severity = LintFinding::Severity::Warning;
        f.message = message;
        findings.append(f);
    };
    const QList<SqlStatement> statements = StatementSplitter::split(section.sql, dialect);
    for (const SqlStatement &statement : statements) {
        const QList<Word> words = topLevelWords(section.sql, statement, dialect);
        if (words.size() < 2)
            continue;
        const Word &first = words.at(0);
        if (isKeyword(first, "TRUNCATE")) {
            add(BanTruncate, first.offset,
                Tr::tr("TRUNCATE deletes every row of the table; check that no data is still needed "
                       "and that a backup exists before this runs in production."));
            continue;
        }
        if (isKeyword(first, "DROP")) {
            int i = 1;
            if (isKeyword(words.at(i), "TEMPORARY") || isKeyword(words.at(i), "TEMP"))
                continue; // a session's own scratch table
            if (isKeyword(words.at(i), "TABLE")) {
                add(BanDropTable, first.offset,
                    Tr::tr("DROP TABLE deletes the table and its data for good, and code still "
                           "using it fails; check that nothing reads it any more and that a backup "
                           "exists."));
            } else if (isKeyword(words.at(i), "SCHEMA")) {
                add(BanDropSchema, first.offset,
                    Tr::tr("DROP SCHEMA deletes the schema (with CASCADE, every object in it); check "
                           "that nothing in it is still used and that a backup exists."));
            } else if (isKeyword(words.at(i), "DATABASE")) {
                add(BanDropDatabase, first.offset,
                    Tr::tr("DROP DATABASE deletes the whole database; a migration should never do "
                           "this, remove the statement."));
            }
            continue;
        }
        if (isKeyword(first, "ALTER") && isKeyword(words.at(1), "TABLE")) {
            // DROP starts an action right after the table name or a comma; "ALTER COLUMN c
            // DROP DEFAULT" is no drop of a column.
            for (int i = alterActionsStart(words); i < words.size(); ++i) {
                const bool actionStart = i == alterActionsStart(words) || words.at(i - 1).comma;
                if (!actionStart || !isKeyword(words.at(i), "DROP"))
                    continue;
                const Word *next = i + 1 < words.size() ? &words.at(i + 1) : nullptr;
                static const char *const notColumns[] = {
                    "CONSTRAINT", "INDEX", "KEY", "PRIMARY", "FOREIGN", "CHECK", "PARTITION",
                    "DEFAULT", "SYSTEM", "PERIOD", "UNIQUE", "FULLTEXT", "SPATIAL"};
                bool isColumn = next != nullptr;
                for (const char *word : notColumns) {
                    if (next && isKeyword(*next, word))
                        isColumn = false;
                }
                if (isColumn) {
                    add(BanDropColumn, words.at(i).offset,
                        Tr::tr("Dropping a column deletes its data for good, and code that still "
                               "reads or writes it fails; deploy code that no longer uses the column "
                               "first, and check that a backup exists."));
                }
            }
        }
    }
    return findings;
}

} // namespace Strata::GenericLintRules
