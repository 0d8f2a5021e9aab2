// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connection/connectionsettings.h"
#include "results/irowsink.h"
#include "sql/result.h"

#include <QString>
#include <QVariantList>

namespace Strata {

// One connection to a server. Required capability of every engine.
//
// Threading: an ISession is created, used and destroyed on ONE thread (EngineSession's
// worker), because Qt SQL connections belong to the thread that made them. The only
// exception is cancel(), which any thread may call while execute() runs.
class ISession
{
public:
    virtual ~ISession() = default;

    // Connects; settings.password is used, never stored beyond the connection.
    // Errors carry HostUnreachable, Authentication, UnknownDatabase, Tls or Timeout codes
    // with a message a user understands.
    virtual Result<void> open(const ConnectionSettings &settings) = 0;
    virtual void close() = 0;
    // False after close() and after the connection was found broken (ConnectionLost).
    virtual bool isOpen() const = 0;
    virtual QString serverVersion() const = 0;

    // Runs sql (which may hold several statements where the engine allows) and streams
    // every result to sink in RowBlocks of raw bytes. parameters are bound, never spliced
    // (positional: $1.. for PostgreSQL, ? for MySQL/SQLite). When the connection breaks,
    // returns Error::Code::ConnectionLost and isOpen() becomes false; nothing is retried.
    virtual Result<void> execute(const QString &sql, const QVariantList &parameters,
                                 IRowSink &sink)
        = 0;

    // Thread-safe: asks the server to stop the running statement. execute() then returns
    // Error::Code::Cancelled within about a second. A no-op when nothing runs.
    virtual void cancel() = 0;
};

} // namespace Strata
