// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// Dispatches `strata-cli <command> ...` to its command and handles --version and --help.
class CliApplication
{
public:
    // arguments as QCoreApplication::arguments(); returns the process exit code.
    static int run(const QStringList &arguments);
    static QString usage();
};

} // namespace Strata::Cli
