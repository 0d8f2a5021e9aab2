// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QList>
#include <QString>

namespace Strata {

// One lint finding in a migration file: where (file and 1-based line in that file), which rule,
// how bad, and one sentence naming the danger and the fix. A plain value.
struct STRATA_CORE_EXPORT LintFinding
{
    enum class Severity { Error, Warning };

    QString file;
    int line = 0;
    QString rule;     // kebab-case rule id, squawk's where squawk has the rule
    Severity severity = Severity::Warning;
    QString message;

    static QString severityName(Severity severity); // "error" / "warning"
    // "file:line: severity rule: message"
    QString toString() const;
    // By file, then line, then rule id: the order every report uses.
    static bool lessThan(const LintFinding &a, const LintFinding &b);
    static void sort(QList<LintFinding> &findings);
    static bool hasErrors(const QList<LintFinding> &findings);
};

} // namespace Strata
