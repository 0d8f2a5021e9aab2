// SPDX-License-Identifier: GPL-3.0-or-later
#include "migraterun.h"

#include "cliconnection.h"
#include "commandline.h"
#include "console.h"
#include "exitcode.h"
#include "interruptguard.h"

#include "connection/enginesession.h"
#include "export/outputbuffer.h"
#include "migrations/migrationplanner.h"
#include "migrations/migrationreader.h"
#include "migrations/migrationrunner.h"
#include "migrations/othertoolhistory.h"
#include "plugins/imigrations.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <atomic>

namespace Strata::Cli {

namespace {

QByteArray quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // ["..."] → "..."
}

bool write(const QByteArray &bytes)
{
    OutputBuffer out(stdout);
    out.write(bytes);
    if (!out.flush()) {
        if (!out.brokenPipe())
            Console::error(QStringLiteral("cannot write the output: %1").arg(out.errorString()));
        return false;
    }
    return true;
}

QString stepVerb(MigrationPlanner::Step::Kind kind)
{
    switch (kind) {
    case MigrationPlanner::Step::Kind::Apply:
        return QStringLiteral("applying");
    case MigrationPlanner::Step::Kind::Revert:
        return QStringLiteral("reverting");
    case MigrationPlanner::Step::Kind::DeleteRow:
        return QStringLiteral("repair: deleting the history row of");
    case MigrationPlanner::Step::Kind::UpdateChecksum:
        return QStringLiteral("repair: updating the checksum of");
    }
    return {};
}

QString statusText(const MigrationStatus &status)
{
    QString out;
    int versionWidth = 7;
    int nameWidth = 4;
    for (const MigrationStatus::Entry &entry : status.entries()) {
        versionWidth = std::max(versionWidth, int(entry.version.size()));
        nameWidth = std::max(nameWidth, int(entry.name.size()));
    }
    out += QStringLiteral("%1  %2  %3  %4\n")
               .arg(QStringLiteral("version"), -versionWidth)
               .arg(QStringLiteral("name"), -nameWidth)
               .arg(QStringLiteral("state"), -7)
               .arg(QStringLiteral("applied_at"));
    for (const MigrationStatus::Entry &entry : status.entries()) {
        QString applied;
        if (entry.applied)
            applied = entry.applied->appliedAt.toString(Qt::ISODate);
        QString state = MigrationStatus::stateName(entry.state);
        if (entry.outOfOrder)
            state += QStringLiteral(" (out of order)");
        out += QStringLiteral("%1  %2  %3  %4\n")
                   .arg(entry.version, -versionWidth)
                   .arg(entry.name, -nameWidth)
                   .arg(state, -7)
                   .arg(applied)
                   .trimmed()
               + u'\n';
    }
    return out;
}

} // namespace

QByteArray MigrateRun::statusJson(const MigrationStatus &status, const QJsonArray &otherTools)
{
    // Written by hand: the contract fixes the key order, which QJsonObject would sort.
    QByteArray out = "{\"migrations\": [";
    const QList<MigrationStatus::Entry> &entries = status.entries();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const MigrationStatus::Entry &entry = entries.at(i);
        out += i == 0 ? "\n  " : ",\n  ";
        out += "{\"version\": " + quoted(entry.version) + ", \"name\": " + quoted(entry.name)
               + ", \"state\": " + quoted(MigrationStatus::stateName(entry.state)) + ", \"appliedAt\": "
               + (entry.applied && entry.applied->appliedAt.isValid()
                      ? quoted(entry.applied->appliedAt.toString(Qt::ISODateWithMs))
                      : QByteArray("null"))
               + "}";
    }
    out += entries.isEmpty() ? "]" : "\n]";
    out += ", \"otherTools\": " + QJsonDocument(otherTools).toJson(QJsonDocument::Compact) + "}\n";
    return out;
}

int MigrateRun::run(const QString &command, const QStringList &arguments)
{
    const bool changes = command == u"up" || command == u"down" || command == u"repair";
    QCommandLineParser parser;
    if (command == u"status")
        parser.setApplicationDescription(QStringLiteral("List every migration of the folder and the history "
                                                        "with its state: applied, pending, changed, missing "
                                                        "or failed. Reads only."));
    else if (command == u"validate")
        parser.setApplicationDescription(QStringLiteral("Report changed and missing applied migrations, "
                                                        "failed ones, pending ones older than the newest "
                                                        "applied one and malformed files; exit 4 when any "
                                                        "is found. Reads only."));
    else if (command == u"up")
        parser.setApplicationDescription(QStringLiteral("Apply the pending migrations in version order, "
                                                        "under a lock on the database. Refuses, running "
                                                        "nothing, when validate finds problems."));
    else if (command == u"down")
        parser.setApplicationDescription(QStringLiteral("Run the down sections of the newest applied "
                                                        "migrations (default: one), newest first."));
    else
        parser.setApplicationDescription(QStringLiteral("Repair one history row: a failed migration's row "
                                                        "is removed (after you undid or finished it by "
                                                        "hand), a changed one gets the file's checksum, a "
                                                        "missing one's row is removed."));
    CliConnection::addOptions(parser);
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("The folder of migration files."),
                                 QStringLiteral("D"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print {\"migrations\": [...], \"otherTools\": [...]}."));
    const QCommandLineOption to(QStringLiteral("to"),
                                command == u"up" ? QStringLiteral("Apply up to and including version V.")
                                                 : QStringLiteral("Revert every migration newer than V."),
                                QStringLiteral("V"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Revert the N newest migrations (default 1)."),
                                   QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption outOfOrder(QStringLiteral("allow-out-of-order"),
                                        QStringLiteral("Apply pending migrations older than the newest applied one."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("Print the exact SQL that would run, in order; change nothing."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("The version to repair."),
                                     QStringLiteral("V"));
    const QCommandLineOption lockTimeout(QStringLiteral("lock-timeout"),
                                         QStringLiteral("Seconds to wait for another run's lock (default 60)."),
                                         QStringLiteral("SECONDS"), QStringLiteral("60"));
    parser.addOption(dir);
    if (command == u"status")
        parser.addOption(json);
    if (command == u"up")
        parser.addOptions({to, outOfOrder, dryRun});
    if (command == u"down")
        parser.addOptions({to, steps, dryRun});
    if (command == u"repair")
        parser.addOption(version);
    if (changes)
        parser.addOption(lockTimeout);
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;

    if (!parser.isSet(dir)) {
        Console::error(QStringLiteral("give --dir (see '%1 --help')").arg(arguments.value(0)));
        return ExitUsage;
    }
    MigrationPlanner::Options options;
    if (command == u"down") {
        bool ok = false;
        options.steps = parser.value(steps).toInt(&ok);
        if (!ok || options.steps < 1) {
            Console::error(QStringLiteral("--steps must be a positive number, not '%1'").arg(parser.value(steps)));
            return ExitUsage;
        }
        if (parser.isSet(steps) && parser.isSet(to)) {
            Console::error(QStringLiteral("give --steps or --to, not both"));
            return ExitUsage;
        }
    }
    if (command == u"up" || command == u"down")
        options.target = parser.value(to);
    if (command == u"up")
        options.allowOutOfOrder = parser.isSet(outOfOrder);
    if (command == u"repair") {
        if (!parser.isSet(version)) {
            Console::error(QStringLiteral("give --version (see '%1 --help')").arg(arguments.value(0)));
            return ExitUsage;
        }
        options.target = parser.value(version);
    }
    int lockSeconds = 60;
    if (changes) {
        bool ok = false;
        lockSeconds = parser.value(lockTimeout).toInt(&ok);
        if (!ok || lockSeconds < 0) {
            Console::error(QStringLiteral("--lock-timeout must be a number of seconds, not '%1'")
                               .arg(parser.value(lockTimeout)));
            return ExitUsage;
        }
    }
    if (!QFileInfo(parser.value(dir)).isDir()) {
        Console::error(QStringLiteral("folder '%1' does not exist").arg(parser.value(dir)));
        return ExitFailed;
    }
    const MigrationReader::Contents contents = MigrationReader::readDirectory(parser.value(dir));

    CliConnection connection;
    std::atomic<MigrationRunner *> running{nullptr};
    InterruptGuard guard([&connection, &running] {
        // Between statements: the runner finishes or rolls back what it runs, then stops.
        if (MigrationRunner *runner = running.load())
            runner->requestStop();
        else
            connection.cancel();
    });
    if (const int code = connection.connect(parser))
        return guard.interrupted() ? Console::cancelled() : code;
    if (guard.interrupted())
        return Console::cancelled();
    EngineSession *session = connection.session();
    const IMigrations *engine = qobject_cast<IMigrations *>(session->plugin());
    if (!engine) {
        Console::error(QStringLiteral("the %1 engine cannot run migrations").arg(session->engine()));
        return ExitFailed;
    }
    MigrationRunner::Options runnerOptions;
    runnerOptions.lockTimeoutSeconds = lockSeconds;
    runnerOptions.databaseLabel = connection.settings().database.isEmpty() ? connection.displayUrl()
                                                                            : connection.settings().database;
    MigrationRunner runner(engine, runnerOptions);

    const bool readOnly = !changes || (command != u"repair" && parser.isSet(dryRun));
    if (readOnly) {
        Result<QList<AppliedMigration>> history = runner.readHistory(session).result();
        if (!history) {
            if (guard.interrupted() || history.error().code() == Error::Code::Cancelled)
                return Console::cancelled();
            Console::error(QStringLiteral("cannot read the migration history of %1: %2")
                               .arg(runnerOptions.databaseLabel, history.error().toString()));
            return history.error().isConnectError() ? ExitConnect : ExitFailed;
        }
        const MigrationStatus status(contents.migrations, history.value());
        if (command == u"status") {
            for (const MigrationReader::Problem &problem : contents.problems)
                Console::status(QStringLiteral("warning: %1").arg(problem.toString()));
            // Other tools' histories are shown beside ours; failing to read them is a warning.
            QList<OtherToolHistory> others;
            if (Result<QList<OtherToolHistory>> read = OtherToolHistory::read(*session); read)
                others = read.value();
            else
                Console::status(QStringLiteral("warning: cannot read other tools' migration history: %1")
                                    .arg(read.error().toString()));
            if (parser.isSet(json))
                return write(statusJson(status, OtherToolHistory::toJson(others))) ? ExitSuccess : ExitFailed;
            QString text = statusText(status);
            for (const OtherToolHistory &other : std::as_const(others))
                text += QStringLiteral("%1 (%2): %3 migration(s) applied%4\n")
                            .arg(other.table, OtherToolHistory::toolName(other.tool))
                            .arg(other.applied.size())
                            .arg(other.problem.isEmpty() ? QString() : QStringLiteral("; ") + other.problem);
            return write(text.toUtf8()) ? ExitSuccess : ExitFailed;
        }
        if (command == u"validate") {
            QStringList problems;
            for (const MigrationReader::Problem &problem : contents.problems)
                problems << problem.toString();
            problems << status.problems();
            QString text;
            for (const QString &problem : std::as_const(problems))
                text += problem + u'\n';
            if (!write(text.toUtf8()))
                return ExitFailed;
            Console::status(QStringLiteral("%1 problem(s); %2 applied, %3 pending")
                                .arg(problems.size())
                                .arg(status.applied().size())
                                .arg(status.pending().size()));
            return problems.isEmpty() ? ExitSuccess : ExitCheckFailed;
        }
        // --dry-run: what up/down would run now (another run may change it before a real one).
        const MigrationPlanner planner(engine);
        const Result<MigrationPlanner::Plan> plan = planner.plan(
            status, contents.problems,
            command == u"up" ? MigrationPlanner::Command::Up : MigrationPlanner::Command::Down, options);
        if (!plan) {
            Console::error(plan.error().toString());
            return ExitFailed;
        }
        if (!write(planner.render(plan.value()).toUtf8()))
            return ExitFailed;
        Console::status(QStringLiteral("dry run: %1 migration(s) would run; nothing was changed")
                            .arg(plan.value().steps.size()));
        return ExitSuccess;
    }

    const MigrationPlanner::Command planned = command == u"up"     ? MigrationPlanner::Command::Up
                                              : command == u"down" ? MigrationPlanner::Command::Down
                                                                   : MigrationPlanner::Command::Repair;
    auto progress = [](const MigrationRunner::Progress &p) {
        const QString who = p.version + u'_' + p.name;
        switch (p.event) {
        case MigrationRunner::Progress::Event::Started:
            Console::status(QStringLiteral("%1 %2 ...").arg(stepVerb(p.kind), who));
            break;
        case MigrationRunner::Progress::Event::Finished:
            Console::status(QStringLiteral("  done %1 (%2 ms)").arg(who).arg(p.elapsedMs));
            break;
        case MigrationRunner::Progress::Event::Failed:
            Console::status(QStringLiteral("  FAILED %1 (%2 ms)").arg(who).arg(p.elapsedMs));
            break;
        case MigrationRunner::Progress::Event::Skipped:
            Console::status(QStringLiteral("  skipped %1: another run did it").arg(who));
            break;
        }
    };
    running = &runner;
    if (guard.interrupted())
        runner.requestStop();
    const Result<MigrationRunner::Outcome> result
        = runner.run(session, contents.migrations, contents.problems, planned, options, progress).result();
    running = nullptr;
    if (!result) {
        if (result.error().code() == Error::Code::Cancelled)
            return Console::cancelled();
        Console::error(result.error().toString());
        return ExitFailed;
    }
    const MigrationRunner::Outcome &outcome = result.value();
    if (!outcome.failure.isEmpty()) {
        Console::error(outcome.failure);
        return ExitFailed;
    }
    if (outcome.stopped) {
        Console::status(QStringLiteral("%1 of %2 step(s) finished before the stop")
                            .arg(outcome.finishedSteps)
                            .arg(outcome.plan.steps.size()));
        return Console::cancelled();
    }
    if (outcome.plan.steps.isEmpty())
        Console::status(command == u"up" ? QStringLiteral("nothing to apply: the database is up to date")
                                         : QStringLiteral("nothing to revert"));
    else
        Console::status(QStringLiteral("%1 step(s) finished").arg(outcome.finishedSteps));
    return ExitSuccess;
}

} // namespace Strata::Cli
