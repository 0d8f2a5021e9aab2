// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/imigrations.h"

#include <QList>
#include <QStringList>

namespace Strata::Postgres::Internal {

// PostgreSQL's migration lint rules, from libpg_query's parse tree (never from regexes):
// squawk's rules under squawk's ids, plus the eugene hints squawk lacks. The server version
// decides the ones whose danger depends on it (a constant default is safe from 11 on).
class PgMigrationLint
{
public:
    static QStringList ruleIds();
    QList<LintFinding> lint(const QList<IMigrations::LintSection> &sections,
                            const IMigrations::LintOptions &options) const;
};

} // namespace Strata::Postgres::Internal
