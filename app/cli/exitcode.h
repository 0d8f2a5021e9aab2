// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Strata::Cli {

// The process exit codes of strata-cli (DESIGN.md: scripts and tests depend on them).
enum ExitCode : int {
    ExitSuccess = 0,
    ExitFailed = 1,       // the operation failed: SQL error, cancelled, output error
    ExitUsage = 2,        // unknown command or option, missing --url, invalid URL
    ExitConnect = 3,      // cannot connect or authenticate
    ExitCheckFailed = 4,  // a check failed (validation, lint)
};

} // namespace Strata::Cli
