// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "statementsplitter.h"

namespace Strata::Internal {

// MySQL/MariaDB: the command-line client's rules, including the DELIMITER command.
QList<SqlStatement> splitMySql(const QString &sql);

} // namespace Strata::Internal
