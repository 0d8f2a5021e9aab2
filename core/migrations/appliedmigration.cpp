// SPDX-License-Identifier: GPL-3.0-or-later
#include "appliedmigration.h"

namespace Strata {

QString AppliedMigration::statusName(Status status)
{
    return status == Status::Failed ? QStringLiteral("failed") : QStringLiteral("applied");
}

std::optional<AppliedMigration::Status> AppliedMigration::statusFromName(const QString &name)
{
    if (name == QLatin1String("applied"))
        return Status::Applied;
    if (name == QLatin1String("failed"))
        return Status::Failed;
    return std::nullopt;
}

} // namespace Strata
