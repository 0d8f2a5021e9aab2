// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlexplain.h"

#include "mysqljsonplanparser.h"
#include "mysqlplanrules.h"
#include "mysqltreeplanparser.h"
#include "sql/statementsplitter.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QVersionNumber>

namespace Strata::MySql::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlExplain)
};

Error invalid(const QString &message)
{
    return Error(Error::Code::InvalidArgument, message);
}

// The first version number in a server version string, or a null version.
QVersionNumber versionOf(const QString &serverVersion)
{
    static const QRegularExpression number(QStringLiteral(R"re((\d+)\.(\d+)(?:\.(\d+))?)re"));
    QString text = serverVersion;
    if (text.startsWith(QLatin1String("5.5.5-")))
        text = text.mid(6); // MariaDB's replication prefix
    const QRegularExpressionMatch m = number.match(text);
    if (!m.hasMatch())
        return QVersionNumber();
    return QVersionNumber(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
}

} // namespace

bool MySqlExplain::isMariaDb(const QString &serverVersion)
{
    return serverVersion.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
}

QString MySqlExplain::codeOnly(const QString &sql)
{
    QString out;
    out.reserve(sql.size());
    const qsizetype n = sql.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (c == u'\'' || c == u'"' || c == u'`') {
            // A quoted string or name: doubled quotes stay inside; backslash escapes in strings.
            qsizetype j = i + 1;
            while (j < n) {
                if (c != u'`' && sql.at(j) == u'\\') {
                    j += 2;
                    continue;
                }
                if (sql.at(j) == c) {
                    if (j + 1 < n && sql.at(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            out += u' ';
            i = std::min(j + 1, n);
        } else if (c == u'#' ||
                   (c == u'-' && next == u'-' && (i + 2 >= n || sql.at(i + 2).isSpace()))) {
            const qsizetype end = sql.indexOf(u'\n', i);
            out += u' ';
            i = end < 0 ? n : end;
        } else if (c == u'/' && next == u'*') {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            const qsizetype stop = end < 0 ? n : end;
            if (i + 2 < n && sql.at(i + 2) == u'!') {
                // Executable comment: /*!80000 code */ runs on the server.
                qsizetype j = i + 3;
                while (j < stop && sql.at(j).isDigit())
                    ++j;
                out += u' ' + sql.mid(j, stop - j) + u' ';
            } else {
                out += u' ';
            }
            i = end < 0 ? n : end + 2;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

Result<QString> MySqlExplain::explainStatement(const QString &sql, const Options &options) const
{
    const QList<SqlStatement> statements = StatementSplitter::split(sql, SqlDialect::MySQL);
    if (statements.isEmpty())
        return invalid(Tr::tr("There is no statement to explain."));
    if (statements.size() > 1)
        return invalid(
            Tr::tr("EXPLAIN takes one statement; the text holds %1.").arg(statements.size()));
    const QString statement = statements.first().text;
    const QString code = codeOnly(statement);
    static const QRegularExpression alreadyExplain(
        QStringLiteral(R"re(^[\s(]*(EXPLAIN|ANALYZE|DESCRIBE|DESC)\b)re"),
        QRegularExpression::CaseInsensitiveOption);
    if (alreadyExplain.match(code).hasMatch())
        return invalid(Tr::tr("The statement is an EXPLAIN already."));
    static const QRegularExpression explainable(
        QStringLiteral(R"re(^[\s(]*(SELECT|WITH|INSERT|REPLACE|UPDATE|DELETE|TABLE|VALUES)\b)re"),
        QRegularExpression::CaseInsensitiveOption);
    if (!explainable.match(code).hasMatch())
        return invalid(Tr::tr("EXPLAIN works on SELECT, WITH, TABLE, INSERT, REPLACE, UPDATE and "
                              "DELETE statements."));

    if (isMariaDb(options.serverVersion)) {
        return (options.analyze ? QStringLiteral("ANALYZE FORMAT=JSON ")
                                : QStringLiteral("EXPLAIN FORMAT=JSON ")) +
               statement;
    }
    if (!options.analyze)
        return QStringLiteral("EXPLAIN FORMAT=JSON ") + statement;
    const QVersionNumber version = versionOf(options.serverVersion);
    if (!version.isNull() && version < QVersionNumber(8, 0, 18))
        return invalid(Tr::tr("EXPLAIN ANALYZE needs MySQL 8.0.18 or later; the server is %1.")
                           .arg(options.serverVersion));
    return QStringLiteral("EXPLAIN ANALYZE ") + statement;
}

bool MySqlExplain::changesData(const QString &sql) const
{
    QString code = codeOnly(sql);
    // Locking reads change nothing.
    static const QRegularExpression locking(QStringLiteral(R"re(\bFOR\s+UPDATE\b)re"),
                                            QRegularExpression::CaseInsensitiveOption);
    code.replace(locking, QStringLiteral(" "));
    // INSERT(str, pos, len, new) and REPLACE(str, from, to) are also string functions.
    static const QRegularExpression modifying(
        QStringLiteral(
            R"re(\b(UPDATE|DELETE)\b|\b(INSERT|REPLACE)\b(?!\s*\()|\bLOAD\s+(DATA|XML)\b)re"),
        QRegularExpression::CaseInsensitiveOption);
    return modifying.match(code).hasMatch();
}

Result<Plan> MySqlExplain::parsePlan(const QString &text) const
{
    if (text.trimmed().isEmpty())
        return invalid(Tr::tr("not an EXPLAIN plan: the input is empty"));
    // MySQL's EXPLAIN ANALYZE answers this for statements its iterator executor cannot run.
    if (text.contains(QLatin1String("<not executable by iterator executor>")))
        return invalid(Tr::tr("not an EXPLAIN plan: MySQL cannot EXPLAIN ANALYZE this statement "
                              "(\"not executable by iterator executor\"); use Explain without "
                              "Analyze"));
    if (MySqlJsonPlanParser::looksLikeJson(text))
        return MySqlJsonPlanParser::parse(text);
    if (MySqlTreePlanParser::looksLikeTree(text))
        return MySqlTreePlanParser::parse(text);
    static const QRegularExpression traditional(
        QStringLiteral(R"re(\bid\b.*\bselect_type\b.*\btable\b)re"));
    if (traditional.match(text.left(4096)).hasMatch())
        return invalid(Tr::tr("not an EXPLAIN plan: this is EXPLAIN's traditional table, which "
                              "has no tree; run EXPLAIN FORMAT=JSON instead"));
    return invalid(Tr::tr("not an EXPLAIN plan: expected EXPLAIN FORMAT=JSON output (a JSON "
                          "object) or EXPLAIN ANALYZE / FORMAT=TREE text (lines starting with "
                          "\"->\")"));
}

QList<PlanRule> MySqlExplain::planRules() const
{
    return MySqlPlanRules::rules();
}

} // namespace Strata::MySql::Internal
