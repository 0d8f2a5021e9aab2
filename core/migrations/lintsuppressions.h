// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/lintfinding.h"
#include "sql/statementsplitter.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Strata {

// The ignore comments of migration files. A comment line `-- strata-lint: ignore rule-a, rule-b`
// between two statements silences those rules on the statement after it (`-- strata-lint:
// ignore` alone silences every rule there); `-- strata-lint: ignore-file rule-a` anywhere in a
// section silences the rules in its whole file. eugene's `-- eugene: ignore E4, W12` is honoured
// too, its hint codes mapped to our rule ids, so an eugene-annotated folder lints the same.
class STRATA_CORE_EXPORT LintSuppressions
{
public:
    // Reads the ignore comments of one section; firstLine is the file line of sql's first line.
    void addSection(const QString &file, int firstLine, const QString &sql, SqlDialect dialect);
    bool isSuppressed(const LintFinding &finding) const;
    // Drops the suppressed findings.
    QList<LintFinding> filter(const QList<LintFinding> &findings) const;

    // Our rule ids for one eugene hint code ("E4"); empty for an unknown code.
    static QStringList rulesForEugeneHint(const QString &code);

private:
    struct Range
    {
        int firstLine = 0;
        int lastLine = 0;
        QStringList rules; // empty: every rule
    };
    QHash<QString, QList<Range>> m_ranges; // by file
};

} // namespace Strata
