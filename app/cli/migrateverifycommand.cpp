// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrateverifycommand.h"

#include "cliconnection.h"
#include "commandline.h"
#include "console.h"
#include "exitcode.h"
#include "interruptguard.h"

#include "connection/enginesession.h"
#include "migrations/migrationreader.h"
#include "migrations/migrationverifier.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>

namespace Strata::Cli {

namespace {
// Tables and views a scratch database may not hold: verify runs every down on it.
int userObjectCount(const Catalog &catalog)
{
    int count = 0;
    for (const Schema &schema : catalog.schemas)
        count += int(schema.tables.size());
    return count;
}
} // namespace

int MigrateVerifyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "On an empty scratch database: apply every up, then every down (newest first), then "
        "every up again, comparing catalog snapshots; name each down that does not undo its up "
        "and each up that fails the second time. Exit 4 when any is found."));
    CliConnection::addOptions(parser);
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("The folder of migration files."),
                                 QStringLiteral("D"));
    parser.addOption(dir);
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(dir)) {
        Console::error(QStringLiteral("give --dir (see '%1 --help')").arg(arguments.value(0)));
        return ExitUsage;
    }
    if (!QFileInfo(parser.value(dir)).isDir()) {
        Console::error(QStringLiteral("folder '%1' does not exist").arg(parser.value(dir)));
        return ExitFailed;
    }
    const MigrationReader::Contents contents = MigrationReader::readDirectory(parser.value(dir));
    if (!contents.ok()) {
        for (const MigrationReader::Problem &problem : contents.problems)
            Console::error(problem.toString());
        return ExitCheckFailed;
    }

    CliConnection connection;
    InterruptGuard guard([&connection] { connection.cancel(); });
    if (const int code = connection.connect(parser))
        return guard.interrupted() ? Console::cancelled() : code;
    EngineSession *session = connection.session();
    const MigrationVerifier::Snapshot snapshot = MigrationVerifier::sessionSnapshot(*session);
    const Result<Catalog> before = snapshot();
    if (!before) {
        Console::error(QStringLiteral("cannot read the catalog: %1").arg(before.error().toString()));
        return ExitFailed;
    }
    if (const int objects = userObjectCount(before.value()); objects > 0) {
        Console::error(QStringLiteral("verify runs every migration up and down: give it an empty "
                                      "scratch database (this one holds %1 tables or views)")
                           .arg(objects));
        return ExitFailed;
    }
    const Result<MigrationVerifier::Report> report = MigrationVerifier::verify(
        contents.migrations, MigrationVerifier::sessionStepRunner(*session), snapshot);
    if (guard.interrupted())
        return Console::cancelled();
    if (!report) {
        Console::error(report.error().toString());
        return ExitFailed;
    }
    QByteArray out;
    for (const MigrationVerifier::Problem &problem : report.value().problems)
        out += problem.toString().toUtf8() + '\n';
    fwrite(out.constData(), 1, size_t(out.size()), stdout);
    fflush(stdout);
    Console::status(QStringLiteral("%1 migration(s), %2 step(s) run, %3 problem(s)")
                        .arg(contents.migrations.size())
                        .arg(report.value().stepsRun)
                        .arg(report.value().problems.size()));
    return report.value().ok() ? ExitSuccess : ExitCheckFailed;
}

} // namespace Strata::Cli
