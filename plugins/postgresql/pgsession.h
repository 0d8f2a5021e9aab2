// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pgtypecache.h"
#include "plugins/isession.h"

#include <QMutex>
#include <QString>

#include <atomic>

typedef struct pg_conn PGconn;
typedef struct pg_cancel PGcancel;

namespace Strata::Postgres::Internal {

// One PostgreSQL connection. Qt SQL (QPSQL) owns the connection; statements run on its native
// PGconn with libpq, because QPSQL buffers whole results, converts every cell through QVariant
// and cannot cancel.
class PgSession final : public ISession
{
public:
    PgSession();
    ~PgSession() override;

    Result<void> open(const ConnectionSettings &settings) override;
    void close() override;
    bool isOpen() const override;
    QString serverVersion() const override;
    Result<void> execute(const QString &sql, const QVariantList &parameters, IRowSink &sink) override;
    void cancel() override;

    // The server's numeric version, e.g. 150020; 0 when closed.
    int serverVersionNumber() const;
    // The database this session is connected to.
    QString database() const { return m_database; }
    // The native handle while open (for the catalog reader and tests), else null.
    PGconn *handle() const { return m_conn; }

private:
    Result<void> prepareConnection();

    QString m_connectionName;
    QString m_database;
    QString m_serverVersion;
    PGconn *m_conn = nullptr;
    PgTypeCache m_types;

    // cancel() runs on any thread: the PGcancel is made right after connecting and only
    // replaced or freed under the mutex.
    mutable QMutex m_cancelMutex;
    PGcancel *m_cancel = nullptr;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_cancelRequested{false};
};

} // namespace Strata::Postgres::Internal
