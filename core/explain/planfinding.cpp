// SPDX-License-Identifier: GPL-3.0-or-later
#include "planfinding.h"

namespace Strata {

QString PlanFinding::severityName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Critical:
        return QStringLiteral("critical");
    }
    return QString();
}

} // namespace Strata
