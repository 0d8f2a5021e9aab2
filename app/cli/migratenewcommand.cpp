// SPDX-License-Identifier: GPL-3.0-or-later
#include "migratenewcommand.h"

#include "commandline.h"
#include "console.h"
#include "exitcode.h"

#include "migrations/migrationfile.h"

#include <QCommandLineParser>

#include <cstdio>

namespace Strata::Cli {

int MigrateNewCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write a new migration file <UTC YYYYMMDDHHMMSS>_<name>.sql with '-- migrate:up' and "
        "'-- migrate:down' sections, and print its path."));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("The folder of migration files (created when missing)."),
                                 QStringLiteral("D"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("The migration's name: letters, digits, '_' and '-'."),
                                  QStringLiteral("N"));
    parser.addOptions({dir, name});
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(dir) || !parser.isSet(name)) {
        Console::error(QStringLiteral("give --dir and --name (see '%1 --help')").arg(arguments.value(0)));
        return ExitUsage;
    }
    const QString problem = MigrationFile::nameProblem(parser.value(name));
    if (!problem.isEmpty()) {
        Console::error(problem);
        return ExitUsage;
    }
    const Result<QString> written =
        MigrationFile::write(parser.value(dir), parser.value(name), MigrationFile::templateText());
    if (!written) {
        Console::error(written.error().message());
        return ExitFailed;
    }
    const QString path = *written;
    fputs((path + u'\n').toUtf8().constData(), stdout);
    return ExitSuccess;
}

} // namespace Strata::Cli
