// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Strata::Cli {

// `strata-cli migrate new --dir D --name N`: writes `<UTC YYYYMMDDHHMMSS>_<name>.sql` with
// empty `-- migrate:up` and `-- migrate:down` sections (MigrationFile) and prints its path.
class MigrateNewCommand
{
public:
    // arguments[0] is "strata-cli migrate new"; returns the exit code.
    static int run(const QStringList &arguments);
};

} // namespace Strata::Cli
