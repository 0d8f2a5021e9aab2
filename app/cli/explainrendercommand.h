// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// `strata-cli explain render --input FILE|- [--engine ID] [--format text|json]`: reads a plan
// that some tool already produced (a file or stdin, UTF-8, a BOM is fine), detects its engine
// among the loaded plugins unless --engine names it, analyzes it with that engine's rules and
// prints it. Input that is not a plan exits 1 with "not an EXPLAIN plan: <why>".
class ExplainRenderCommand
{
public:
    // arguments[0] is the command name ("strata-cli explain render"); returns the exit code.
    static int run(const QStringList &arguments);
};

} // namespace Strata::Cli
