// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// `strata-cli migrate verify --url SCRATCH --dir D`: on an empty scratch database, applies
// every up, every down (newest first) and every up again, comparing catalog snapshots, and
// names each down that does not undo its up. Exit 4 when it finds any.
namespace MigrateVerifyCommand {
int run(const QStringList &arguments);
}

} // namespace Strata::Cli
