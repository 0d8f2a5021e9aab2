// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// `strata-cli migrate <subcommand>`: versioned migrations. For now `lint`.
class MigrateCommand
{
public:
    // arguments[0] is "strata-cli migrate"; returns the exit code.
    static int run(const QStringList &arguments);
};

} // namespace Strata::Cli
