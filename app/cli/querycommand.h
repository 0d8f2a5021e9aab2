// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// `strata-cli query --url URL (--sql TEXT | --file F) [--format csv|json|table] [--stats]`:
// runs the SQL and streams every result to stdout as it arrives (CsvWriter, JsonWriter,
// TableWriter). Ctrl+C cancels the statement on the server.
class QueryCommand
{
public:
    // arguments[0] is the command name; returns the exit code.
    static int run(const QStringList &arguments);
};

} // namespace Strata::Cli
