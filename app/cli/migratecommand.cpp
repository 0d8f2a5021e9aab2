// SPDX-License-Identifier: GPL-3.0-or-later
#include "migratecommand.h"

#include "console.h"
#include "exitcode.h"
#include "migratelintcommand.h"
#include "migratenewcommand.h"
#include "migraterun.h"
#include "migrateverifycommand.h"

#include <cstdio>

namespace Strata::Cli {

namespace {
const char Usage[] =
    "Usage: strata-cli migrate <command> [options]\n"
    "\n"
    "Commands:\n"
    "  new       --dir D --name N    write <UTC timestamp>_<name>.sql with up and down sections\n"
    "  status    --dir D [--json]    every migration with its state (applied, pending, changed,\n"
    "                                missing, failed)\n"
    "  validate  --dir D             report changed, missing, failed and out-of-order migrations;\n"
    "                                exit 4 when any is found\n"
    "  up        --dir D [--to V] [--allow-out-of-order] [--dry-run] [--lock-timeout S]\n"
    "                                apply pending migrations under a lock\n"
    "  down      --dir D [--steps N | --to V] [--dry-run] [--lock-timeout S]\n"
    "                                run down sections, newest first (default one)\n"
    "  repair    --dir D --version V fix one history row after a failure or a changed file\n"
    "  (status, validate, up, down and repair connect with --url or --profile)\n"
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
        Console::error(QStringLiteral("missing migrate command (new, status, validate, up, down, repair, verify, lint; see 'strata-cli migrate --help')"));
        return ExitUsage;
    }
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.value(0) + u' ' + sub);
    if (sub == u"lint")
        return MigrateLintCommand::run(rest);
    if (sub == u"new")
        return MigrateNewCommand::run(rest);
    if (sub == u"verify")
        return MigrateVerifyCommand::run(rest);
    if (sub == u"status" || sub == u"validate" || sub == u"up" || sub == u"down" || sub == u"repair")
        return MigrateRun::run(sub, rest);
    Console::error(QStringLiteral("unknown migrate command '%1' (expected new, status, validate, up, down, repair, verify or lint; see 'strata-cli migrate --help')")
                       .arg(sub));
    return ExitUsage;
}

} // namespace Strata::Cli
