// SPDX-License-Identifier: GPL-3.0-or-later
#include "explaincommand.h"

#include "cliconnection.h"
#include "commandline.h"
#include "console.h"
#include "exitcode.h"
#include "explainrendercommand.h"
#include "interruptguard.h"
#include "planoutput.h"

#include "connection/enginesession.h"
#include "explain/explainrunner.h"
#include "explain/plandocument.h"

#include <QCommandLineParser>

namespace Strata::Cli {

int ExplainCommand::run(const QStringList &arguments)
{
    if (arguments.value(1) == u"render") {
        QStringList rest = arguments.mid(2);
        rest.prepend(arguments.value(0) + QStringLiteral(" render"));
        return ExplainRenderCommand::run(rest);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Explain one statement on the server and print its plan with the time per node and the "
        "findings. 'strata-cli explain render --input FILE' prints a plan saved earlier."));
    CliConnection::addOptions(parser);
    const QCommandLineOption sqlOption(
        QStringLiteral("sql"), QStringLiteral("The statement to explain."), QStringLiteral("TEXT"));
    const QCommandLineOption analyzeOption(
        QStringLiteral("analyze"),
        QStringLiteral("Run the statement and report actual rows and times (EXPLAIN ANALYZE). A "
                       "statement that changes data runs in a transaction that is rolled back."));
    const QCommandLineOption commitOption(
        QStringLiteral("commit"),
        QStringLiteral("With --analyze: keep the changes of a statement that changes data."));
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("%1 (default %2).")
            .arg(PlanOutput::formats().join(QStringLiteral(" or ")), PlanOutput::defaultFormat()),
        QStringLiteral("FORMAT"), PlanOutput::defaultFormat());
    parser.addOptions({sqlOption, analyzeOption, commitOption, formatOption});
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;

    const QString format = parser.value(formatOption);
    if (!PlanOutput::writerFor(format)) {
        Console::error(PlanOutput::unknownFormatMessage(format));
        return ExitUsage;
    }
    const QString sql = parser.value(sqlOption);
    if (sql.trimmed().isEmpty()) {
        Console::error(parser.isSet(sqlOption) ? QStringLiteral("the SQL is empty")
                                               : QStringLiteral("missing --sql TEXT"));
        return ExitUsage;
    }
    const bool analyze = parser.isSet(analyzeOption);
    if (parser.isSet(commitOption) && !analyze) {
        Console::error(QStringLiteral("--commit only applies with --analyze"));
        return ExitUsage;
    }

    CliConnection connection;
    // Installed before connecting, so that Ctrl+C at any moment ends with "cancelled".
    InterruptGuard guard([&connection] { connection.cancel(); });
    if (const int code = connection.connect(parser))
        return guard.interrupted() ? Console::cancelled() : code;
    if (guard.interrupted())
        return Console::cancelled();

    EngineSession *session = connection.session();
    const IExplain *explain = ExplainRunner::explainOf(*session);
    if (!explain) {
        Console::error(
            QStringLiteral("the %1 engine cannot explain statements").arg(session->engine()));
        return ExitUsage;
    }
    if (analyze && !explain->supportsAnalyze()) {
        Console::error(
            QStringLiteral("the %1 engine cannot run EXPLAIN ANALYZE; leave out --analyze")
                .arg(session->engine()));
        return ExitUsage;
    }

    ExplainRunner::Request request;
    request.sql = sql;
    request.options.analyze = analyze;
    request.options.buffers = analyze; // the buffer findings need them, and they cost little
    request.rollBack = analyze && !parser.isSet(commitOption) && explain->changesData(sql);
    // Refusals of the statement itself (several statements, an EXPLAIN already) are usage
    // errors; everything the runner reports later is the operation failing.
    request.options.serverVersion = connection.serverVersion();
    if (const Result<QString> statement = explain->explainStatement(sql, request.options);
        !statement) {
        Console::error(statement.error().toString());
        return ExitUsage;
    }
    Result<Plan> plan = ExplainRunner::run(*session, request).result();
    if (!plan) {
        if (guard.interrupted() || plan.error().code() == Error::Code::Cancelled)
            return Console::cancelled();
        Console::error(plan.error().toString());
        return plan.error().isConnectError() ? ExitConnect : ExitFailed;
    }
    if (request.rollBack)
        Console::status(QStringLiteral("strata-cli: the statement changes data; its changes were "
                                       "rolled back (--commit keeps them)"));
    const PlanDocument document =
        PlanDocument::analyze(std::move(plan).value(), explain->planRules());
    return PlanOutput::print(document, format);
}

} // namespace Strata::Cli
