// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/lintfinding.h"
#include "migrations/migration.h"
#include "sql/statementsplitter.h"

#include <QList>
#include <QStringList>

namespace Strata {

// The lint rules every engine shares, from the statement splitter and the tokenizer: a
// missing or empty down section, and destructive statements flagged for review.
namespace GenericLintRules {

// Every rule id below.
STRATA_CORE_EXPORT QStringList ruleIds();
// missing-down-section, empty-down-section.
STRATA_CORE_EXPORT QList<LintFinding> checkDown(const Migration &migration, SqlDialect dialect);
// ban-drop-table, ban-drop-schema, ban-drop-database, ban-drop-column, ban-truncate-table over
// one section, except the ids in skip (the engine reports those itself).
STRATA_CORE_EXPORT QList<LintFinding> checkDestructive(const Migration::Section &section,
                                                       SqlDialect dialect,
                                                       const QStringList &skip = {});

} // namespace GenericLintRules
} // namespace Strata
