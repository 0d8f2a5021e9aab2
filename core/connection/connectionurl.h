// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionsettings.h"
#include "sql/result.h"

namespace Strata {

// Parses and prints connection URLs:
//   postgresql://user:pass@host:port/db?sslmode=verify-full   (also postgres://)
//   postgresql:///db?host=/var/run/postgresql                 (Unix socket)
//   postgresql://user@[::1]:5433/db
//   mysql://user@host:port/db   mariadb://...                 (engine "mysql")
//   sqlite:///absolute/path.db   sqlite:relative.db
// User and password may be percent-encoded. Printing never shows the password.
namespace ConnectionUrl {

// Invalid input gives an Error whose message names the problem ("unknown scheme 'foo'",
// "port '99999' is out of range", ...).
STRATA_CORE_EXPORT Result<ConnectionSettings> parse(const QString &url);

// The URL without the password, options sorted; parse(toString(s)) == s minus the password.
STRATA_CORE_EXPORT QString toString(const ConnectionSettings &settings);

} // namespace ConnectionUrl
} // namespace Strata
