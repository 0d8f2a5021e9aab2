// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionsettings.h"
#include "sql/result.h"

#include <QStringList>

namespace Strata {

// Parses and prints connection URLs:
//   postgresql://user:pass@host:port/db?sslmode=verify-full   (also postgres://)
//   postgresql:///db?host=/var/run/postgresql                 (Unix socket)
//   postgresql://user@[::1]:5433/db
//   mysql://user@host:port/db   mariadb://...                 (engine "mysql")
//   sqlite:///absolute/path.db   sqlite:relative.db
// User and password may be percent-encoded. Printing never shows the password.
//
// Decisions (the URL is a user interface, so it is strict and says what is wrong):
// - sqlite:relative.db keeps the relative path as written; the engine resolves it against
//   the current directory. sqlite:/abs and sqlite:///abs are absolute. sqlite://name is an
//   error (SQLite URLs have no host).
// - A host that is a path (postgresql://%2Fvar%2Frun%2Fpostgresql/db) is a Unix socket: it is
//   stored as the "host" option for PostgreSQL and the "socket" option for MySQL, with
//   ConnectionSettings::host left empty, the same as ?host=/dir and ?socket=/file.
// - PostgreSQL accepts an empty host with a port (the local socket of that port); MySQL does
//   not (its socket ignores the port).
// - Unknown options, repeated options and invalid values of known options are errors.
//   Boolean options are normalised to "on"/"off".
namespace ConnectionUrl {

// Invalid input gives an Error whose message names the problem ("unknown scheme 'foo'",
// "port '99999' is out of range", ...).
STRATA_CORE_EXPORT Result<ConnectionSettings> parse(const QString &url);

// The URL without the password, options sorted; parse(toString(s)) == s minus the password.
STRATA_CORE_EXPORT QString toString(const ConnectionSettings &settings);

// The engine id for a URL scheme ("postgres" -> "postgresql", "mariadb" -> "mysql"), or empty.
STRATA_CORE_EXPORT QString engineForScheme(const QString &scheme);
// The option names a URL of this engine accepts, sorted.
STRATA_CORE_EXPORT QStringList optionNames(const QString &engine);
// Checks one option value for an engine, as parse() does.
STRATA_CORE_EXPORT Result<QString> normalizedOption(const QString &engine, const QString &name,
                                                    const QString &value);

} // namespace ConnectionUrl
} // namespace Strata
