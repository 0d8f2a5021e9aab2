// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Strata::Postgres::Internal {

// Undoes what psql and GUI clients wrap around a plan when people copy it: the "QUERY PLAN"
// header, the dashed or box-drawing rule under it, "(1 row)" footers in any language,
// border-2 frames ("| ... |", "│ ... │"), the "|" that DBeaver-like grids end lines with, and
// the "+" or "↵" marks psql prints at the end of each line of a multi-line cell. What is left
// is the plan as PostgreSQL produced it.
class PgPsqlOutput
{
public:
    static QString plainText(const QString &pasted);
    // True for a line made only of rule characters (-, +, =, box drawing) and spaces.
    static bool isRuleLine(const QString &line);
};

} // namespace Strata::Postgres::Internal
