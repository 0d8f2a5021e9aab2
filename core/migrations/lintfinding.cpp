// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/lintfinding.h"

#include <algorithm>

namespace Strata {

QString LintFinding::severityName(Severity severity)
{
    return severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

QString LintFinding::toString() const
{
    return QStringLiteral("%1:%2: %3 %4: %5")
        .arg(file)
        .arg(line)
        .arg(severityName(severity), rule, message);
}

bool LintFinding::lessThan(const LintFinding &a, const LintFinding &b)
{
    if (a.file != b.file)
        return a.file < b.file;
    if (a.line != b.line)
        return a.line < b.line;
    return a.rule < b.rule;
}

void LintFinding::sort(QList<LintFinding> &findings)
{
    std::stable_sort(findings.begin(), findings.end(), &LintFinding::lessThan);
}

bool LintFinding::hasErrors(const QList<LintFinding> &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const LintFinding &f) { return f.severity == Severity::Error; });
}

} // namespace Strata
