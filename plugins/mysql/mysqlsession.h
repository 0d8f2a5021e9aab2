// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mysqlconnection.h"
#include "plugins/isession.h"

#include <QMutex>

#include <atomic>

namespace Strata::MySql::Internal {

// One MariaDB/MySQL connection: streaming execution with mysql_use_result, bound parameters
// through the prepared statement API, cancellation with KILL QUERY from a second connection.
class MySqlSession final : public ISession
{
public:
    MySqlSession();
    ~MySqlSession() override;

    Result<void> open(const ConnectionSettings &settings) override;
    void close() override;
    bool isOpen() const override;
    QString serverVersion() const override;
    Result<void> execute(const QString &sql, const QVariantList &parameters,
                         IRowSink &sink) override;
    void cancel() override;

    bool isMariaDb() const { return m_mariadb; }
    // The server's own thread id for this connection (what KILL takes).
    unsigned long connectionId() const;
    MYSQL *handle() const { return m_connection.handle(); }

private:
    Result<void> runText(const QByteArray &sql, IRowSink &sink);
    void reportWarnings(IRowSink &sink, unsigned int count, bool last);
    // Sends KILL QUERY for this connection on a short-lived second connection. Caller holds
    // m_runMutex.
    void killRunningQuery();
    Result<void> finish(Result<void> result);

    MySqlConnection m_connection;
    QString m_serverVersion;
    bool m_mariadb = false;

    // Guards what cancel() reads from other threads: the settings for the side connection
    // (password in memory only), the thread id and whether a statement runs.
    mutable QMutex m_runMutex;
    ConnectionSettings m_killSettings;
    unsigned long m_threadId = 0;
    bool m_running = false;
    std::atomic<bool> m_cancelRequested{false};
};

} // namespace Strata::MySql::Internal
