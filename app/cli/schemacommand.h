// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// `strata-cli schema --url URL [--json] [--all-schemas] [--stats]`: reads the catalog in a
// fixed number of bulk queries and prints it as JSON (CatalogJson) or as readable text.
class SchemaCommand
{
public:
    // arguments[0] is the command name; returns the exit code.
    static int run(const QStringList &arguments);
};

} // namespace Strata::Cli
