// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliapplication.h"

#include "console.h"
#include "exitcode.h"
#include "explaincommand.h"
#include "migratecommand.h"
#include "querycommand.h"
#include "schemacommand.h"

#include <cstdio>

namespace Strata::Cli {

namespace {

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    fflush(stdout);
}

} // namespace

QString CliApplication::usage()
{
    return QStringLiteral(
        "Usage: strata-cli <command> [options]\n"
        "\n"
        "Commands:\n"
        "  schema  --url URL [--json] [--all-schemas]          print the schema of a database\n"
        "  query   --url URL (--sql TEXT | --file F) [--format csv|json|table]\n"
        "                                                      run SQL and print the results\n"
        "  explain --url URL --sql TEXT [--analyze [--commit]] [--format text|json|svg]\n"
        "                                                      explain a statement on the server\n"
        "  explain render --input FILE|- [--engine ID] [--format text|json|svg]\n"
        "                                                      print a saved EXPLAIN plan\n"
        "  migrate lint (--dir D | --file F) [--engine E] [--json]\n"
        "                                                      check migration files (exit 4 on errors)\n"
        "\n"
        "--profile NAME may replace --url. Passwords: STRATA_PASSWORD, PGPASSWORD or ~/.pgpass\n"
        "(PostgreSQL), MYSQL_PWD (MariaDB), or a prompt on a terminal.\n"
        "Exit codes: 0 success, 1 failed, 2 usage error, 3 cannot connect, 4 check failed.\n"
        "'strata-cli <command> --help' lists a command's options.\n");
}

int CliApplication::run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command == u"--version" || command == u"-v" || command == u"version") {
        printOut(QStringLiteral("strata-cli %1\n").arg(QStringLiteral(STRATA_VERSION)));
        return ExitSuccess;
    }
    if (command == u"--help" || command == u"-h" || command == u"help") {
        printOut(usage());
        return ExitSuccess;
    }
    if (command.isEmpty()) {
        Console::error(QStringLiteral("missing command (schema, query or explain; see 'strata-cli --help')"));
        return ExitUsage;
    }
    // The subcommand parser sees "strata-cli <command>" as its program name.
    QStringList rest = arguments.mid(2);
    rest.prepend(QStringLiteral("strata-cli ") + command);
    if (command == u"schema")
        return SchemaCommand::run(rest);
    if (command == u"query")
        return QueryCommand::run(rest);
    if (command == u"explain")
        return ExplainCommand::run(rest);
    if (command == u"migrate")
        return MigrateCommand::run(rest);
    Console::error(QStringLiteral("unknown command '%1' (expected schema, query, explain or migrate; see 'strata-cli --help')")
                       .arg(command));
    return ExitUsage;
}

} // namespace Strata::Cli
