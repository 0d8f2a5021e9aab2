// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QString>

namespace Strata {

// One problem spotted in a plan: the node, a stable kind id ("sort-spill") for tools and
// tests, a severity, and one plain-text sentence a DBA would write.
struct STRATA_CORE_EXPORT PlanFinding
{
    enum class Severity { Info, Warning, Critical };

    int nodeId = -1;
    QString kind;
    Severity severity = Severity::Info;
    QString message;

    static QString severityName(Severity s); // "info", "warning", "critical"
};

} // namespace Strata
