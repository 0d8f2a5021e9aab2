// SPDX-License-Identifier: GPL-3.0-or-later
#include "migratecommand.h"

#include "console.h"
#include "exitcode.h"
#include "migratelintcommand.h"

#include <cstdio>

namespace Strata::Cli {

namespace {
const char Usage[] =
    "Usage: strata-cli migrate <command> [options]\n"
    "\n"
    "Commands:\n"
    "  lint  (--dir D | --file F) [--engine postgresql|mysql|sqlite] [--server-version V] [--json]\n"
    "        check migration files for statements that lock, rewrite or destroy; exit 4 on errors\n"
    "\n"
    "'strata-cli migrate <command> --help' lists a command's options.\n";
} // namespace

int MigrateCommand::run(const QStringList &arguments)
{
    const QString sub = arguments.value(1);
    if (sub == u"--help" || sub == u"-h" || sub == u"help") {
        fputs(Usage, stdout);
        return ExitSuccess;
    }
    if (sub.isEmpty()) {
        Console::error(QStringLiteral("missing migrate command (lint; see 'strata-cli migrate --help')"));
        return ExitUsage;
    }
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.value(0) + u' ' + sub);
    if (sub == u"lint")
        return MigrateLintCommand::run(rest);
    Console::error(QStringLiteral("unknown migrate command '%1' (expected lint; see 'strata-cli migrate --help')")
                       .arg(sub));
    return ExitUsage;
}

} // namespace Strata::Cli
