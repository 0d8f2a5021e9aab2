// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/lintfinding.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace Strata::Cli {

// `strata-cli migrate lint (--dir D | --file F) [--engine E] [--server-version V] [--json]`:
// the findings as `file:line: severity rule: message` lines or as a JSON array; exit 4 when
// any finding is an error (a malformed migration file is one: rule `malformed-migration`).
class MigrateLintCommand
{
public:
    // arguments[0] is "strata-cli migrate lint"; returns the exit code.
    static int run(const QStringList &arguments);
    // `[{"file", "line", "rule", "severity", "message"}]`, one finding per line.
    static QByteArray toJson(const QList<LintFinding> &findings);
};

} // namespace Strata::Cli
