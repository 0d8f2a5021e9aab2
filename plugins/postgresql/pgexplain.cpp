// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgexplain.h"

#include "pgjsonplanparser.h"
#include "pgplanrules.h"
#include "pgtextplanparser.h"
#include "sql/statementsplitter.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace Strata::Postgres::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgExplain)
};

Error invalid(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

// The statement with string literals, quoted identifiers, dollar quotes and comments
// blanked out, so keywords are only found where they are keywords.
QString codeOnly(const QString &sql)
{
    static const QRegularExpression noise(
        QStringLiteral(
            R"re('(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/|\$([A-Za-z_]\w*)?\$.*?\$\1\$)re"),
        QRegularExpression::DotMatchesEverythingOption);
    QString code = sql;
    return code.replace(noise, QStringLiteral(" "));
}

} // namespace

Result<QString> PgExplain::explainStatement(const QString &sql, const Options &options) const
{
    const QList<SqlStatement> statements = StatementSplitter::split(sql, SqlDialect::PostgreSQL);
    if (statements.isEmpty())
        return invalid(Tr::tr("There is no statement to explain."));
    if (statements.size() > 1)
        return invalid(
            Tr::tr("EXPLAIN takes one statement; the text holds %1.").arg(statements.size()));
    if (options.wal && !options.analyze)
        return invalid(Tr::tr("EXPLAIN option WAL requires ANALYZE."));
    if (!options.timing && !options.analyze)
        return invalid(Tr::tr("EXPLAIN option TIMING requires ANALYZE."));
    static const QRegularExpression alreadyExplain(QStringLiteral(R"re(^\s*EXPLAIN\b)re"),
                                                   QRegularExpression::CaseInsensitiveOption);
    if (alreadyExplain.match(codeOnly(statements.first().text)).hasMatch())
        return invalid(Tr::tr("The statement is an EXPLAIN already."));

    QStringList list{QStringLiteral("FORMAT JSON")};
    if (options.analyze)
        list << QStringLiteral("ANALYZE");
    if (options.buffers)
        list << QStringLiteral("BUFFERS");
    if (options.verbose)
        list << QStringLiteral("VERBOSE");
    if (options.settings)
        list << QStringLiteral("SETTINGS");
    if (options.wal)
        list << QStringLiteral("WAL");
    if (options.analyze && !options.timing)
        list << QStringLiteral("TIMING FALSE");
    // SUMMARY is on by default with ANALYZE and off without it; say what the caller wants.
    list << (options.summary ? QStringLiteral("SUMMARY TRUE") : QStringLiteral("SUMMARY FALSE"));
    return QStringLiteral("EXPLAIN (%1) %2")
        .arg(list.join(QStringLiteral(", ")), statements.first().text);
}

bool PgExplain::changesData(const QString &sql) const
{
    static const QRegularExpression modifying(
        QStringLiteral(R"re(\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b)re"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression selectInto(QStringLiteral(R"re(^\s*SELECT\b.*\bINTO\b)re"),
                                               QRegularExpression::CaseInsensitiveOption |
                                                   QRegularExpression::DotMatchesEverythingOption);
    const QString code = codeOnly(sql);
    // "FOR UPDATE" locks rows but changes nothing.
    QString withoutLocks = code;
    withoutLocks.replace(QRegularExpression(QStringLiteral(R"re(\bFOR\s+(NO\s+KEY\s+)?UPDATE\b)re"),
                                            QRegularExpression::CaseInsensitiveOption),
                         QStringLiteral(" "));
    return modifying.match(withoutLocks).hasMatch() || selectInto.match(code).hasMatch();
}

Result<Plan> PgExplain::parsePlan(const QString &text) const
{
    if (PgJsonPlanParser::looksLikeJson(text))
        return PgJsonPlanParser::parse(text);
    return PgTextPlanParser::parse(text);
}

QList<PlanRule> PgExplain::planRules() const
{
    return PgPlanRules::rules();
}

} // namespace Strata::Postgres::Internal
