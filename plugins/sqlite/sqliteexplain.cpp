// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteexplain.h"

#include "sql/sqltokenizer.h"
#include "sql/statementsplitter.h"
#include "sqliteeqpparser.h"
#include "sqliteplanrules.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Sqlite::SqliteExplain)
};

Error invalid(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

// The statement's words in upper case, comments, strings and quoted names left out.
QStringList codeWords(const QString &sql)
{
    QStringList words;
    for (const SqlToken &t : SqlTokenizer(SqlDialect::SQLite).tokenize(sql)) {
        if (t.kind == SqlToken::Kind::Word)
            words.append(sql.mid(t.begin, t.end - t.begin).toUpper());
        else if (t.kind != SqlToken::Kind::Comment)
            words.append(QString()); // keeps "REPLACE (" apart from "REPLACE INTO"
    }
    return words;
}

} // namespace

Result<QString> SqliteExplain::explainStatement(const QString &sql, const Options &options) const
{
    if (options.analyze)
        return invalid(Tr::tr("SQLite has no EXPLAIN ANALYZE: it cannot run a statement and report "
                              "what each step did; use Explain for the query plan."));
    const QList<SqlStatement> statements = StatementSplitter::split(sql, SqlDialect::SQLite);
    if (statements.isEmpty())
        return invalid(Tr::tr("There is no statement to explain."));
    if (statements.size() > 1)
        return invalid(
            Tr::tr("EXPLAIN takes one statement; the text holds %1.").arg(statements.size()));
    const QString statement = statements.first().text;
    const QStringList words = codeWords(statement);
    if (!words.isEmpty() && words.first() == "EXPLAIN"_L1)
        return invalid(Tr::tr("The statement is an EXPLAIN already."));
    return u"EXPLAIN QUERY PLAN "_s + statement;
}

bool SqliteExplain::changesData(const QString &sql) const
{
    const QStringList words = codeWords(sql);
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (w == "INSERT"_L1 || w == "UPDATE"_L1 || w == "DELETE"_L1)
            return true;
        // REPLACE INTO changes data; replace(x, y, z) is a string function.
        if (w == "REPLACE"_L1 && (i == 0 || (i + 1 < words.size() && words.at(i + 1) == "INTO"_L1)))
            return true;
    }
    return false;
}

Result<Plan> SqliteExplain::parsePlan(const QString &text) const
{
    return SqliteEqpParser::parse(text);
}

QList<PlanRule> SqliteExplain::planRules() const
{
    return SqlitePlanRules::rules();
}

} // namespace Strata::Sqlite::Internal
