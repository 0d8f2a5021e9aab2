// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/imigrations.h"

#include <QList>
#include <QStringList>

namespace Strata::MySql::Internal {

// MariaDB/MySQL migration lint rules: DDL that may copy the table or block writes unless it
// says ALGORITHM/LOCK (so the server refuses instead of copying), and OPTIMIZE TABLE. Read
// from tokens (MariaDB has no parser library to lean on); the server version decides which
// column additions are instant.
class MySqlMigrationLint
{
public:
    static QStringList ruleIds();
    QList<LintFinding> lint(const QList<IMigrations::LintSection> &sections,
                            const IMigrations::LintOptions &options) const;
};

} // namespace Strata::MySql::Internal
