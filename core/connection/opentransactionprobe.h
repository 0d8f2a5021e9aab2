// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "sql/result.h"

#include <QString>

namespace Strata {

class ISession;

// Asks a connection whether the user left a transaction open on it (a BEGIN typed in a query
// tab without COMMIT), before work that would end it with its own COMMIT or ROLLBACK.
class STRATA_CORE_EXPORT OpenTransactionProbe
{
public:
    // probe: EditPlanner::openTransactionProbe(), a query whose first cell is true inside such
    // a transaction; empty means the engine needs no check (false). On the session's thread.
    static Result<bool> isOpen(ISession &session, const QString &probe);
};

} // namespace Strata
