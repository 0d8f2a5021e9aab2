// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Strata::MySql::Internal {

// Undoes what the mysql/mariadb command-line client and Strata's own result grid wrap around
// an EXPLAIN cell when people copy it: the "EXPLAIN"/"ANALYZE" header line, the "+----+" rules
// and "| ... |" frame of the table form, the "*** 1. row ***" line and "EXPLAIN: " label of the
// \G form, the prompt line and the "1 row in set" footer. What is left is the plan as the server
// produced it, or, from batch mode (-B), the cell on one line with its newlines escaped: see
// isBatchEscaped().
class MySqlClientOutput
{
public:
    static QString plainText(const QString &pasted);
    // True for one line holding "\n" escapes (a cell as batch mode prints it).
    static bool isBatchEscaped(const QString &plain);
    // Undoes batch mode's \n, \t, \0 and \\ escapes.
    static QString unescapeBatch(const QString &line);
};

} // namespace Strata::MySql::Internal
