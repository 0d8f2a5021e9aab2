// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "connection/connectionsettings.h"
#include "edit/applyoutcome.h"
#include "edit/editstatement.h"
#include "results/resultset.h"
#include "sql/result.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QVariantList>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>

namespace Strata {

class IDialect;
class ISession;

// One connection, driven on its own thread. The ISession (and the Qt SQL connection inside
// it) is created, used and destroyed on one dedicated worker thread; callers get futures and
// never block the GUI thread on the network. Work runs in the order it was submitted.
//
// Recovery: when the connection breaks, the running statement fails with one clear error and
// is never run again; the next call reconnects first.
class STRATA_CORE_EXPORT EngineSession : public QObject
{
    Q_OBJECT
public:
    // plugin: the engine plugin's QObject (implements IEnginePlugin). Not owned.
    EngineSession(QObject *plugin, const ConnectionSettings &settings, QObject *parent = nullptr);
    ~EngineSession() override;

    QString engine() const;
    const ConnectionSettings &settings() const { return m_settings; }
    QObject *plugin() const { return m_plugin; }
    IDialect *dialect() const;  // null when the engine has no IDialect

    // Connects; the result holds the server version.
    QFuture<Result<QString>> open();
    QFuture<Result<Catalog>> loadCatalog(const CatalogRequest &request = {});
    // Streams every result of sql to sink, on the worker thread. The sink must outlive the call;
    // the shared_ptr keeps it alive.
    QFuture<Result<void>> execute(const QString &sql, const QVariantList &parameters,
                                  std::shared_ptr<IRowSink> sink);
    // Small queries: every result set held in memory.
    QFuture<Result<QList<ResultSet>>> query(const QString &sql, const QVariantList &parameters = {});

    // Runs statements as one job on the worker, in one transaction: UPDATE and DELETE must
    // each touch exactly one row. The first error or conflict rolls everything back and is
    // reported with its statement and row; otherwise the transaction is committed. The
    // Error is for the session itself (not connected, connection lost) or for a transaction
    // the user left open on this connection: openTransactionProbe, when given, is a query whose
    // first cell is true then (EditPlanner::openTransactionProbe), and nothing runs.
    QFuture<Result<ApplyOutcome>> applyInTransaction(const QList<EditStatement> &statements,
                                                     const QString &openTransactionProbe = {});

    // Runs sql as one job on the worker inside a transaction that is always rolled back
    // (EXPLAIN ANALYZE of a statement that changes data), and returns its results. Refuses to
    // run, with InvalidArgument, when openTransactionProbe says the user has a transaction open
    // on this connection (our ROLLBACK would end it).
    QFuture<Result<QList<ResultSet>>> queryRolledBack(const QString &sql,
                                                      const QString &openTransactionProbe = {});

    // Runs job as one job on the worker with the open ISession (connecting first when
    // needed), in order with the other calls: for work of several statements that must share
    // the session (a lock, a transaction). The job must not keep the ISession. A connection
    // lost in the job is reported like every other call's and the session reconnects.
    template<typename T>
    QFuture<Result<T>> run(std::function<Result<T>(ISession &)> job)
    {
        std::shared_ptr<Worker> worker = m_worker;
        QPointer<EngineSession> self(this);
        return QtConcurrent::run(&m_thread, [worker, self, job]() -> Result<T> {
            Result<ISession *> session = readySession(*worker);
            if (!session)
                return session.error();
            Result<T> result = job(*session.value());
            if (!result && result.error().code() == Error::Code::ConnectionLost)
                return lostInJob(*worker, self, result.error());
            return result;
        });
    }

    // Thread-safe; stops the statement that runs now, if any.
    void cancel();

    QString serverVersion() const;

Q_SIGNALS:
    // Queued from the worker: the connection broke while a statement ran (plain text).
    void connectionLost(const QString &message);

private:
    struct Worker;
    template<typename T, typename Fn>
    QFuture<T> submit(Fn &&fn);
    // For run(), on the worker thread.
    static Result<ISession *> readySession(Worker &worker);
    static Error lostInJob(Worker &worker, const QPointer<EngineSession> &self, const Error &error);

    QPointer<QObject> m_plugin;
    ConnectionSettings m_settings;
    std::shared_ptr<Worker> m_worker;
    QThreadPool m_thread;
    mutable QMutex m_versionMutex;
    QString m_serverVersion;
};

} // namespace Strata
