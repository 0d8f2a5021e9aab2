// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionsettings.h"

#include <tuple>

namespace Strata {

bool ConnectionSettings::operator==(const ConnectionSettings &o) const
{
    return std::tie(engine, host, port, database, user, password, options)
           == std::tie(o.engine, o.host, o.port, o.database, o.user, o.password, o.options);
}

} // namespace Strata
