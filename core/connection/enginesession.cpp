// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginesession.h"

#include "opentransactionprobe.h"
#include "plugins/icatalog.h"
#include "plugins/idialect.h"
#include "plugins/iengineplugin.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::EngineSession)
};

// Keeps what applyInTransaction needs of one statement: the affected-row count and the first
// returned row (INSERT ... RETURNING).
class ApplySink : public IRowSink
{
public:
    void reset()
    {
        m_columns.clear();
        m_firstRow.clear();
        m_rowsAffected = -1;
    }
    qint64 rowsAffected() const { return m_rowsAffected; }
    const QVariantList &firstRow() const { return m_firstRow; }

    void beginResult(const ColumnList &columns) override { m_columns = columns; }
    bool rows(RowBlock &&block) override
    {
        if (m_firstRow.isEmpty() && block.rowCount() > 0) {
            for (int c = 0; c < block.columnCount(); ++c) {
                if (block.isNull(0, c)) {
                    m_firstRow.append(QVariant());
                    continue;
                }
                const QByteArrayView raw = block.raw(0, c);
                if (c < m_columns.size() && m_columns.at(c).kind == CellKind::Binary)
                    m_firstRow.append(QByteArray(raw.data(), raw.size()));
                else
                    m_firstRow.append(QString::fromUtf8(raw));
            }
        }
        return true;
    }
    void endResult(const ResultSummary &summary) override { m_rowsAffected = summary.rowsAffected; }

private:
    ColumnList m_columns;
    QVariantList m_firstRow;
    qint64 m_rowsAffected = -1;
};
// Refuses with InvalidArgument when probe says the user has a transaction open
// (OpenTransactionProbe); an empty probe means the engine needs no check.
Result<void> userTransactionClear(ISession &session, const QString &probe, const QString &purpose)
{
    const Result<bool> open = OpenTransactionProbe::isOpen(session, probe);
    if (!open)
        return open.error();
    if (open.value())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("This connection has an open transaction (a BEGIN without COMMIT); "
                            "commit or roll it back before %1.")
                         .arg(purpose));
    return {};
}

} // namespace

// State that lives on the worker thread. Only `current` (under cancelMutex) and `closing`
// are touched from other threads.
struct EngineSession::Worker
{
    IEnginePlugin *engine = nullptr;
    ICatalog *catalog = nullptr;
    ConnectionSettings settings;
    std::unique_ptr<ISession> session;
    // cancel() calls current->cancel() from another thread while the worker may be destroying
    // the session: the mutex keeps the session alive for the duration of that call.
    QMutex cancelMutex;
    ISession *current = nullptr;
    // Set by the destructor: work still queued returns at once instead of running.
    std::atomic<bool> closing{false};
    bool everOpened = false;

    Result<void> checkNotClosing() const
    {
        if (closing)
            return Error(Error::Code::Cancelled, Tr::tr("The session was closed before the statement ran."));
        return {};
    }

    void cancelRunning()
    {
        QMutexLocker lock(&cancelMutex);
        if (current)
            current->cancel();
    }

    void destroySession()
    {
        {
            QMutexLocker lock(&cancelMutex);
            current = nullptr;
        }
        if (session)
            session->close();
        session.reset();
    }

    Result<QString> open()
    {
        if (Result<void> live = checkNotClosing(); !live)
            return live.error();
        if (!engine)
            return Error(Error::Code::Plugin, Tr::tr("The engine plugin is not loaded."));
        if (!session) {
            session = engine->createSession();
            if (!session)
                return Error(Error::Code::Plugin, Tr::tr("The engine plugin could not create a session."));
            QMutexLocker lock(&cancelMutex);
            current = session.get();
        }
        if (session->isOpen())
            session->close();
        Result<void> opened = session->open(settings);
        if (!opened)
            return opened.error();
        everOpened = true;
        return session->serverVersion();
    }

    // Before a statement: a connection that broke earlier is re-established first.
    Result<void> ensureOpen()
    {
        if (Result<void> live = checkNotClosing(); !live)
            return live;
        if (session && session->isOpen())
            return {};
        if (!everOpened)
            return Error(Error::Code::ConnectionLost, Tr::tr("The session is not connected."));
        Result<QString> reopened = open();
        if (!reopened) {
            return Error(reopened.error().code(),
                         Tr::tr("The connection to the server was lost and reconnecting failed: %1")
                             .arg(reopened.error().toString()));
        }
        return {};
    }

    // After a statement failed because the connection broke: reconnect, never replay.
    Error recover(const Error &lost)
    {
        Result<QString> reopened = open();
        const QString message
            = Tr::tr("The connection to the server was lost while the statement ran; it was not run again.");
        const QString detail = reopened
                                   ? Tr::tr("reconnected; run the statement again if it is still needed")
                                   : Tr::tr("reconnecting failed: %1").arg(reopened.error().toString());
        Error error(Error::Code::ConnectionLost, message, detail);
        error.setSqlState(lost.sqlState());
        return error;
    }
};

EngineSession::EngineSession(QObject *plugin, const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_plugin(plugin)
    , m_settings(settings)
    , m_worker(std::make_shared<Worker>())
{
    // One thread that never expires: every call runs on the same thread, in order.
    m_thread.setMaxThreadCount(1);
    m_thread.setExpiryTimeout(-1);
    m_thread.setObjectName(QStringLiteral("EngineSession"));
    m_worker->engine = qobject_cast<IEnginePlugin *>(plugin);
    m_worker->catalog = qobject_cast<ICatalog *>(plugin);
    m_worker->settings = settings;
}

EngineSession::~EngineSession()
{
    // Queued work returns Cancelled without running; the running statement is cancelled.
    m_worker->closing = true;
    cancel();
    // Close on the thread that owns the connection, then wait for it.
    std::shared_ptr<Worker> worker = m_worker;
    QThreadPool *pool = &m_thread;
    (void)QtConcurrent::run(pool, [worker] { worker->destroySession(); });
    // A cancel that arrives just before a statement starts is lost (engines reset their
    // cancel state when execute() begins), so keep asking until the worker is done.
    while (!m_thread.waitForDone(100))
        cancel();
}

QString EngineSession::engine() const
{
    return m_settings.engine;
}

IDialect *EngineSession::dialect() const
{
    return qobject_cast<IDialect *>(m_plugin.data());
}

// Queued to the owner's thread; dropped when the session is gone by then.
static void notifyConnectionLost(const QPointer<EngineSession> &self, const Error &error)
{
    if (!self)
        return;
    const QString message = error.toString();
    QMetaObject::invokeMethod(self.data(), [self, message] {
        if (self)
            Q_EMIT self->connectionLost(message);
    }, Qt::QueuedConnection);
}

template<typename T, typename Fn>
QFuture<T> EngineSession::submit(Fn &&fn)
{
    return QtConcurrent::run(&m_thread, std::forward<Fn>(fn));
}

QFuture<Result<QString>> EngineSession::open()
{
    std::shared_ptr<Worker> worker = m_worker;
    QPointer<EngineSession> self(this);
    return submit<Result<QString>>([worker, self, this]() -> Result<QString> {
        Result<QString> result = worker->open();
        if (result && self) {
            QMutexLocker lock(&m_versionMutex);
            m_serverVersion = result.value();
        }
        return result;
    });
}

QFuture<Result<Catalog>> EngineSession::loadCatalog(const CatalogRequest &request)
{
    std::shared_ptr<Worker> worker = m_worker;
    QPointer<EngineSession> self(this);
    return submit<Result<Catalog>>([worker, self, request]() -> Result<Catalog> {
        if (!worker->catalog)
            return Error(Error::Code::NotSupported, Tr::tr("This engine cannot read a catalog."));
        if (Result<void> ready = worker->ensureOpen(); !ready)
            return ready.error();
        Result<Catalog> catalog = worker->catalog->loadCatalog(*worker->session, request);
        if (!catalog && catalog.error().code() == Error::Code::ConnectionLost) {
            const Error error = worker->recover(catalog.error());
            notifyConnectionLost(self, error);
            return error;
        }
        return catalog;
    });
}

QFuture<Result<void>> EngineSession::execute(const QString &sql, const QVariantList &parameters,
                                             std::shared_ptr<IRowSink> sink)
{
    std::shared_ptr<Worker> worker = m_worker;
    QPointer<EngineSession> self(this);
    return submit<Result<void>>([worker, self, sql, parameters, sink]() -> Result<void> {
        if (Result<void> ready = worker->ensureOpen(); !ready)
            return ready;
        Result<void> result = worker->session->execute(sql, parameters, *sink);
        if (!result && result.error().code() == Error::Code::ConnectionLost) {
            const Error error = worker->recover(result.error());
            notifyConnectionLost(self, error);
            return error;
        }
        return result;
    });
}

QFuture<Result<QList<ResultSet>>> EngineSession::query(const QString &sql,
                                                       const QVariantList &parameters)
{
    auto sink = std::make_shared<CollectingSink>();
    std::shared_ptr<Worker> worker = m_worker;
    QPointer<EngineSession> self(this);
    return submit<Result<QList<ResultSet>>>([worker, self, sql, parameters, sink]() -> Result<QList<ResultSet>> {
        if (Result<void> ready = worker->ensureOpen(); !ready)
            return ready.error();
        Result<void> result = worker->session->execute(sql, parameters, *sink);
        if (!result) {
            if (result.error().code() == Error::Code::ConnectionLost) {
                const Error error = worker->recover(result.error());
                notifyConnectionLost(self, error);
                return error;
            }
            return result.error();
        }
        return sink->takeResults();
    });
}

QFuture<Result<ApplyOutcome>>
EngineSession::applyInTransaction(const QList<EditStatement> &statements,
                                  const QString &openTransactionProbe)
{
    std::shared_ptr<Worker> worker = m_worker;
    QPointer<EngineSession> self(this);
    return submit<Result<ApplyOutcome>>([worker, self, statements,
                                         openTransactionProbe]() -> Result<ApplyOutcome> {
        if (Result<void> ready = worker->ensureOpen(); !ready)
            return ready.error();
        ApplySink sink;
        auto run = [&](const QString &sql, const QVariantList &parameters) {
            sink.reset();
            return worker->session->execute(sql, parameters, sink);
        };
        auto lost = [&](const Error &error) {
            const Error recovered = worker->recover(error);
            notifyConnectionLost(self, recovered);
            return recovered;
        };
        // Our COMMIT or ROLLBACK would end a transaction the user began by hand.
        if (Result<void> clear = userTransactionClear(*worker->session, openTransactionProbe,
                                                      Tr::tr("saving edits"));
            !clear)
            return clear.error().code() == Error::Code::ConnectionLost ? lost(clear.error())
                                                                       : clear.error();
        if (Result<void> begun = run(QStringLiteral("BEGIN"), {}); !begun)
            return begun.error().code() == Error::Code::ConnectionLost ? lost(begun.error())
                                                                       : begun.error();

        ApplyOutcome outcome;
        for (int i = 0; i < statements.size(); ++i) {
            const EditStatement &statement = statements.at(i);
            Result<void> done = run(statement.sql, statement.parameters);
            if (!done && done.error().code() == Error::Code::ConnectionLost)
                return lost(done.error()); // the server rolled the transaction back
            if (!done) {
                outcome.status = ApplyOutcome::Status::Failed;
                outcome.message = done.error().toString();
            } else if (statement.requiresOneRow() && sink.rowsAffected() != 1) {
                outcome.status = ApplyOutcome::Status::Conflict;
                outcome.message =
                    sink.rowsAffected() == 0
                        ? Tr::tr(
                              "The row was changed or deleted by someone else since it was read.")
                        : Tr::tr("The statement would change %1 rows instead of one.")
                              .arg(sink.rowsAffected());
            } else {
                if (statement.kind == EditStatement::Kind::Insert)
                    outcome.insertedValues.insert(statement.row, sink.firstRow());
                continue;
            }
            outcome.failedStatement = i;
            outcome.failedRow = statement.row;
            outcome.insertedValues.clear();
            if (Result<void> rolledBack = run(QStringLiteral("ROLLBACK"), {});
                !rolledBack && rolledBack.error().code() == Error::Code::ConnectionLost)
                return lost(rolledBack.error());
            return outcome;
        }
        if (Result<void> committed = run(QStringLiteral("COMMIT"), {}); !committed) {
            if (committed.error().code() == Error::Code::ConnectionLost)
                return lost(committed.error());
            // Deferred constraints fail here; the transaction is gone either way.
            (void)run(QStringLiteral("ROLLBACK"), {});
            outcome.status = ApplyOutcome::Status::Failed;
            outcome.message = committed.error().toString();
            outcome.insertedValues.clear();
        }
        return outcome;
    });
}

QFuture<Result<QList<ResultSet>>> EngineSession::queryRolledBack(const QString &sql,
                                                                const QString &openTransactionProbe)
{
    std::shared_ptr<Worker> worker = m_worker;
    QPointer<EngineSession> self(this);
    return submit<Result<QList<ResultSet>>>([worker, self, sql, openTransactionProbe]()
                                                -> Result<QList<ResultSet>> {
        if (Result<void> ready = worker->ensureOpen(); !ready)
            return ready.error();
        auto failed = [&](const Error &error) {
            if (error.code() != Error::Code::ConnectionLost)
                return error;
            const Error recovered = worker->recover(error);
            notifyConnectionLost(self, recovered);
            return recovered;
        };
        ISession &session = *worker->session;
        if (Result<void> clear = userTransactionClear(
                session, openTransactionProbe, Tr::tr("running a statement that is rolled back"));
            !clear)
            return failed(clear.error());
        CollectingSink control;
        if (Result<void> begun = session.execute(QStringLiteral("BEGIN"), {}, control); !begun)
            return failed(begun.error());
        CollectingSink sink;
        const Result<void> ran = session.execute(sql, {}, sink);
        // Roll back whatever happened; after an error PostgreSQL needs it to leave the
        // aborted transaction.
        const Result<void> rolledBack = session.execute(QStringLiteral("ROLLBACK"), {}, control);
        if (!ran)
            return failed(ran.error());
        if (!rolledBack)
            return failed(rolledBack.error());
        return sink.takeResults();
    });
}

Result<ISession *> EngineSession::readySession(Worker &worker)
{
    if (Result<void> ready = worker.ensureOpen(); !ready)
        return ready.error();
    return worker.session.get();
}

Error EngineSession::lostInJob(Worker &worker, const QPointer<EngineSession> &self,
                               const Error &error)
{
    const Error recovered = worker.recover(error);
    notifyConnectionLost(self, recovered);
    return recovered;
}

void EngineSession::cancel()
{
    m_worker->cancelRunning();
}

QString EngineSession::serverVersion() const
{
    QMutexLocker lock(&m_versionMutex);
    return m_serverVersion;
}

} // namespace Strata
