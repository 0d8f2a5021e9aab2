// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// `strata-cli explain --url URL --sql TEXT [--analyze [--commit]] [--format text|json]`:
// explains one statement on the server (ExplainRunner) and prints the plan with its analysis
// and findings. --analyze runs the statement; one that changes data runs in a transaction
// that is rolled back unless --commit is given. `strata-cli explain render ...` goes to
// ExplainRenderCommand. Ctrl+C cancels the statement on the server.
class ExplainCommand
{
public:
    // arguments[0] is the command name; returns the exit code.
    static int run(const QStringList &arguments);
};

} // namespace Strata::Cli
