// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/enginesession.h"
#include "plugins/idialect.h"
#include "sqliteengine.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Strata;

namespace {

// Fault injection over the real SQLite session: on request it closes the connection under
// a running call (as a server restart does) or refuses to reconnect.
struct Faults
{
    std::atomic<int> dropNextExecutes{0};
    std::atomic<int> failNextOpens{0};
    std::atomic<int> opens{0};
    std::atomic<int> executes{0};
    std::atomic<QThread *> openThread{nullptr};
    std::atomic<QThread *> executeThread{nullptr};
};

class DroppingSession final : public ISession
{
public:
    DroppingSession(std::unique_ptr<ISession> inner, Faults &faults)
        : m_inner(std::move(inner))
        , m_faults(faults)
    {
    }
    Result<void> open(const ConnectionSettings &settings) override
    {
        m_faults.openThread = QThread::currentThread();
        if (m_faults.failNextOpens > 0) {
            --m_faults.failNextOpens;
            return Error(Error::Code::HostUnreachable, QStringLiteral("server unreachable (injected)"));
        }
        ++m_faults.opens;
        return m_inner->open(settings);
    }
    void close() override { m_inner->close(); }
    bool isOpen() const override { return m_inner->isOpen(); }
    QString serverVersion() const override { return m_inner->serverVersion(); }
    Result<void> execute(const QString &sql, const QVariantList &parameters, IRowSink &sink) override
    {
        m_faults.executeThread = QThread::currentThread();
        ++m_faults.executes;
        if (m_faults.dropNextExecutes > 0) {
            --m_faults.dropNextExecutes;
            m_inner->close();
            Error lost(Error::Code::ConnectionLost, QStringLiteral("server closed the connection unexpectedly"));
            lost.setSqlState(QStringLiteral("57P01"));
            return lost;
        }
        return m_inner->execute(sql, parameters, sink);
    }
    void cancel() override { m_inner->cancel(); }

private:
    std::unique_ptr<ISession> m_inner;
    Faults &m_faults;
};

// An engine with sessions only: no ICatalog, no IDialect.
class DroppingEngine final : public QObject, public IEnginePlugin
{
    Q_OBJECT
    Q_INTERFACES(Strata::IEnginePlugin)
public:
    QString id() const override { return QStringLiteral("sqlite"); }
    QString displayName() const override { return QStringLiteral("SQLite with faults"); }
    int defaultPort() const override { return 0; }
    ConnectionOptionList connectionOptions() const override { return m_sqlite.connectionOptions(); }
    std::unique_ptr<ISession> createSession() override
    {
        return std::make_unique<DroppingSession>(m_sqlite.createSession(), faults);
    }
    Faults faults;

private:
    Sqlite::SqliteEngine m_sqlite;
};

template<typename T>
T resultOf(QFuture<T> future, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    if (!future.isFinished())
        qFatal("a future did not finish within %d ms", timeoutMs);
    return future.result();
}

const char *const InfiniteQuery
    = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

} // namespace

class tst_EngineSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void opensOnTheWorkerThread();
    void runsQueriesThroughFutures();
    void streamsResultsToASink();
    void keepsTheOrderOfSubmission();
    void cancelStopsARecursiveQueryWithinOneSecond();
    void destructorWithAStatementRunningDoesNotHang();
    void refusesWorkBeforeOpen();
    void reportsAFailedOpen();
    void openWithoutAnEngineFails();
    void lostConnectionFailsOnceAndIsNotReplayed();
    void failedReconnectIsRetriedByTheNextCall();
    void reconnectFailingAgainIsReported();
    void loadsTheCatalogWhenTheEngineCan();
    void offersTheDialectWhenTheEngineHasOne();
    void runsAJobWithTheSessionOnTheWorker();

private:
    ConnectionSettings settings() const;
    std::unique_ptr<QTemporaryDir> m_dir;
    Sqlite::SqliteEngine m_sqlite;
};

void tst_EngineSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

ConnectionSettings tst_EngineSession::settings() const
{
    ConnectionSettings s;
    s.engine = QStringLiteral("sqlite");
    s.database = m_dir->filePath(QStringLiteral("session.db"));
    return s;
}

void tst_EngineSession::opensOnTheWorkerThread()
{
    DroppingEngine engine;
    EngineSession session(&engine, settings());
    QCOMPARE(session.engine(), QStringLiteral("sqlite"));
    const Result<QString> opened = resultOf(session.open());
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QVERIFY2(opened.value().contains(QLatin1String("3.")), qPrintable(opened.value()));
    QCOMPARE(session.serverVersion(), opened.value());
    QVERIFY(resultOf(session.query(QStringLiteral("SELECT 1"))).ok());
    QVERIFY(engine.faults.openThread != QThread::currentThread());
    QCOMPARE(engine.faults.executeThread.load(), engine.faults.openThread.load());
}

void tst_EngineSession::runsQueriesThroughFutures()
{
    EngineSession session(&m_sqlite, settings());
    QVERIFY(resultOf(session.open()).ok());
    QVERIFY(resultOf(session.query(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"))).ok());
    QVERIFY(resultOf(session.query(QStringLiteral("INSERT INTO t (name) VALUES (?), (?)"),
                                   {QStringLiteral("a"), QVariant()}))
                .ok());
    const Result<QList<ResultSet>> rows
        = resultOf(session.query(QStringLiteral("SELECT id, name FROM t ORDER BY id; SELECT 42 AS answer")));
    QVERIFY2(rows.ok(), qPrintable(rows.error().toString()));
    QCOMPARE(rows->size(), 2);
    const ResultSet &first = rows->at(0);
    QCOMPARE(first.rowCount(), 2);
    QCOMPARE(first.text(0, first.columnIndex(QStringLiteral("name"))), QStringLiteral("a"));
    QVERIFY(first.isNull(1, 1));
    QCOMPARE(rows->at(1).text(0, 0), QStringLiteral("42"));

    const Result<QList<ResultSet>> bad = resultOf(session.query(QStringLiteral("SELECT * FROM missing")));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code(), Error::Code::Query);
}

void tst_EngineSession::streamsResultsToASink()
{
    EngineSession session(&m_sqlite, settings());
    QVERIFY(resultOf(session.open()).ok());
    auto sink = std::make_shared<CollectingSink>();
    const Result<void> done = resultOf(session.execute(
        QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) "
                       "SELECT x FROM c"),
        {}, sink));
    QVERIFY2(done.ok(), qPrintable(done.error().toString()));
    QCOMPARE(sink->results().size(), 1);
    QCOMPARE(sink->results().at(0).rowCount(), 5000);
    QCOMPARE(sink->results().at(0).text(4999, 0), QStringLiteral("5000"));
}

void tst_EngineSession::keepsTheOrderOfSubmission()
{
    EngineSession session(&m_sqlite, settings());
    (void)session.open(); // not awaited: the queue keeps it first
    (void)session.query(QStringLiteral("CREATE TABLE log (seq INTEGER)"));
    QList<QFuture<Result<QList<ResultSet>>>> inserts;
    for (int i = 0; i < 100; ++i)
        inserts.append(session.query(QStringLiteral("INSERT INTO log VALUES (?)"), {i}));
    const Result<QList<ResultSet>> all
        = resultOf(session.query(QStringLiteral("SELECT group_concat(seq, ',') FROM (SELECT seq FROM log ORDER BY rowid)")));
    QVERIFY2(all.ok(), qPrintable(all.error().toString()));
    for (const auto &insert : std::as_const(inserts)) {
        QVERIFY(insert.isFinished());
        QVERIFY(insert.result().ok());
    }
    QStringList expected;
    for (int i = 0; i < 100; ++i)
        expected.append(QString::number(i));
    QCOMPARE(all->at(0).text(0, 0), expected.join(QLatin1Char(',')));
}

void tst_EngineSession::cancelStopsARecursiveQueryWithinOneSecond()
{
    EngineSession session(&m_sqlite, settings());
    QVERIFY(resultOf(session.open()).ok());
    auto running = session.query(QString::fromLatin1(InfiniteQuery));
    QTest::qWait(300);
    QVERIFY(!running.isFinished());
    QElapsedTimer timer;
    timer.start();
    session.cancel();
    const Result<QList<ResultSet>> result = resultOf(running, 5000);
    const qint64 elapsed = timer.elapsed();
    qInfo("cancel took %lld ms", elapsed);
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::Cancelled);
    // The session stays usable.
    const Result<QList<ResultSet>> after = resultOf(session.query(QStringLiteral("SELECT 7")));
    QVERIFY2(after.ok(), qPrintable(after.error().toString()));
    QCOMPARE(after->at(0).text(0, 0), QStringLiteral("7"));
    // Cancelling when nothing runs is harmless.
    session.cancel();
    QVERIFY(resultOf(session.query(QStringLiteral("SELECT 8"))).ok());
}

void tst_EngineSession::destructorWithAStatementRunningDoesNotHang()
{
    auto session = std::make_unique<EngineSession>(&m_sqlite, settings());
    QVERIFY(resultOf(session->open()).ok());
    auto running = session->query(QString::fromLatin1(InfiniteQuery));
    auto queued = session->query(QString::fromLatin1(InfiniteQuery));
    QTest::qWait(200);
    QElapsedTimer timer;
    timer.start();
    session.reset();
    const qint64 elapsed = timer.elapsed();
    qInfo("destructor took %lld ms", elapsed);
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
    QVERIFY(running.isFinished());
    QVERIFY(queued.isFinished());
    QCOMPARE(running.result().error().code(), Error::Code::Cancelled);
    QCOMPARE(queued.result().error().code(), Error::Code::Cancelled);
    QVERIFY(queued.result().error().message().contains(QLatin1String("closed before")));
}

void tst_EngineSession::refusesWorkBeforeOpen()
{
    EngineSession session(&m_sqlite, settings());
    const Result<QList<ResultSet>> early = resultOf(session.query(QStringLiteral("SELECT 1")));
    QVERIFY(!early.ok());
    QVERIFY(early.error().message().contains(QLatin1String("not connected")));
    QVERIFY(!resultOf(session.loadCatalog()).ok());
}

void tst_EngineSession::reportsAFailedOpen()
{
    ConnectionSettings missing = settings();
    missing.database = m_dir->filePath(QStringLiteral("absent.db"));
    missing.options.insert(QStringLiteral("mode"), QStringLiteral("rw"));
    EngineSession session(&m_sqlite, missing);
    const Result<QString> opened = resultOf(session.open());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code(), Error::Code::UnknownDatabase);
    QVERIFY(!resultOf(session.query(QStringLiteral("SELECT 1"))).ok());
    QVERIFY(session.serverVersion().isEmpty());
}

void tst_EngineSession::openWithoutAnEngineFails()
{
    QObject notAnEngine;
    EngineSession session(&notAnEngine, settings());
    const Result<QString> opened = resultOf(session.open());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code(), Error::Code::Plugin);
}

void tst_EngineSession::lostConnectionFailsOnceAndIsNotReplayed()
{
    DroppingEngine engine;
    EngineSession session(&engine, settings());
    QSignalSpy lost(&session, &EngineSession::connectionLost);
    QVERIFY(resultOf(session.open()).ok());
    QVERIFY(resultOf(session.query(QStringLiteral("CREATE TABLE t (x INTEGER)"))).ok());

    engine.faults.dropNextExecutes = 1;
    const int executesBefore = engine.faults.executes;
    auto sink = std::make_shared<CollectingSink>();
    const Result<void> failed = resultOf(session.execute(QStringLiteral("INSERT INTO t VALUES (1)"), {}, sink));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code(), Error::Code::ConnectionLost);
    QVERIFY(failed.error().message().contains(QLatin1String("it was not run again")));
    QVERIFY2(failed.error().detail().startsWith(QLatin1String("reconnected")), qPrintable(failed.error().detail()));
    QCOMPARE(failed.error().sqlState(), QStringLiteral("57P01"));
    QCOMPARE(engine.faults.executes - executesBefore, 1); // never replayed
    QCOMPARE(engine.faults.opens.load(), 2);              // reconnected at once
    QTRY_COMPARE(lost.count(), 1);
    QVERIFY(lost.at(0).at(0).toString().contains(QLatin1String("reconnected")));

    const Result<QList<ResultSet>> count = resultOf(session.query(QStringLiteral("SELECT count(*) FROM t")));
    QVERIFY2(count.ok(), qPrintable(count.error().toString()));
    QCOMPARE(count->at(0).text(0, 0), QStringLiteral("0"));

    // query() and its lost connection: the same single error and signal.
    engine.faults.dropNextExecutes = 1;
    const Result<QList<ResultSet>> failedQuery = resultOf(session.query(QStringLiteral("SELECT 1")));
    QCOMPARE(failedQuery.error().code(), Error::Code::ConnectionLost);
    QTRY_COMPARE(lost.count(), 2);
}

void tst_EngineSession::failedReconnectIsRetriedByTheNextCall()
{
    DroppingEngine engine;
    EngineSession session(&engine, settings());
    QSignalSpy lost(&session, &EngineSession::connectionLost);
    QVERIFY(resultOf(session.open()).ok());
    engine.faults.dropNextExecutes = 1;
    engine.faults.failNextOpens = 1;
    const Result<QList<ResultSet>> failed = resultOf(session.query(QStringLiteral("SELECT 1")));
    QCOMPARE(failed.error().code(), Error::Code::ConnectionLost);
    QVERIFY2(failed.error().detail().contains(QLatin1String("reconnecting failed: server unreachable (injected)")),
             qPrintable(failed.error().detail()));
    QTRY_COMPARE(lost.count(), 1);

    // The next call reconnects first, then runs.
    const Result<QList<ResultSet>> next = resultOf(session.query(QStringLiteral("SELECT 2")));
    QVERIFY2(next.ok(), qPrintable(next.error().toString()));
    QCOMPARE(next->at(0).text(0, 0), QStringLiteral("2"));
    QCOMPARE(engine.faults.opens.load(), 2);
}

void tst_EngineSession::reconnectFailingAgainIsReported()
{
    DroppingEngine engine;
    EngineSession session(&engine, settings());
    QVERIFY(resultOf(session.open()).ok());
    engine.faults.dropNextExecutes = 1;
    engine.faults.failNextOpens = 2;
    QVERIFY(!resultOf(session.query(QStringLiteral("SELECT 1"))).ok());
    const int executes = engine.faults.executes;
    const Result<QList<ResultSet>> next = resultOf(session.query(QStringLiteral("SELECT 2")));
    QVERIFY(!next.ok());
    QCOMPARE(next.error().code(), Error::Code::HostUnreachable);
    QVERIFY(next.error().message().contains(QLatin1String("lost and reconnecting failed")));
    QCOMPARE(engine.faults.executes, executes); // nothing ran without a connection
    QVERIFY(resultOf(session.query(QStringLiteral("SELECT 3"))).ok());
}

void tst_EngineSession::loadsTheCatalogWhenTheEngineCan()
{
    EngineSession session(&m_sqlite, settings());
    QVERIFY(resultOf(session.open()).ok());
    QVERIFY(resultOf(session.query(QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT)"))).ok());
    const Result<Catalog> catalog = resultOf(session.loadCatalog());
    QVERIFY2(catalog.ok(), qPrintable(catalog.error().toString()));
    QCOMPARE(catalog->tableCount(), 1);

    DroppingEngine sessionsOnly;
    EngineSession limited(&sessionsOnly, settings());
    QVERIFY(resultOf(limited.open()).ok());
    const Result<Catalog> none = resultOf(limited.loadCatalog());
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code(), Error::Code::NotSupported);
}

void tst_EngineSession::offersTheDialectWhenTheEngineHasOne()
{
    EngineSession withDialect(&m_sqlite, settings());
    QVERIFY(withDialect.dialect());
    QCOMPARE(withDialect.dialect()->quoteIdentifier(QStringLiteral("a\"b")), QStringLiteral("\"a\"\"b\""));
    DroppingEngine sessionsOnly;
    EngineSession without(&sessionsOnly, settings());
    QVERIFY(!without.dialect());
}

void tst_EngineSession::runsAJobWithTheSessionOnTheWorker()
{
    EngineSession session(&m_sqlite, settings());
    // Before open(): the job is refused, never handed a session.
    bool ran = false;
    const Result<int> early = resultOf(session.run<int>([&ran](ISession &) -> Result<int> {
        ran = true;
        return 1;
    }));
    QVERIFY(!early.ok());
    QVERIFY(!ran);
    QVERIFY(resultOf(session.open()).ok());
    QThread *jobThread = nullptr;
    // Several statements on one session in one job: a transaction spans them.
    const Result<qint64> rows = resultOf(session.run<qint64>([&jobThread](ISession &s) -> Result<qint64> {
        jobThread = QThread::currentThread();
        CollectingSink sink;
        for (const char *sql : {"CREATE TABLE j (x INTEGER)", "BEGIN", "INSERT INTO j VALUES (1), (2)",
                                "ROLLBACK", "INSERT INTO j VALUES (3)", "SELECT count(*) FROM j"}) {
            if (Result<void> done = s.execute(QString::fromLatin1(sql), {}, sink); !done)
                return done.error();
        }
        return sink.results().last().text(0, 0).toLongLong();
    }));
    QVERIFY2(rows.ok(), qPrintable(rows.error().toString()));
    QCOMPARE(rows.value(), 1);
    QVERIFY(jobThread && jobThread != QThread::currentThread());
    // A job's own error comes back as is.
    const Result<void> failed = resultOf(session.run<void>([](ISession &s) -> Result<void> {
        CollectingSink sink;
        return s.execute(QStringLiteral("SELECT * FROM no_such_table"), {}, sink);
    }));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code(), Error::Code::Query);
}

QTEST_GUILESS_MAIN(tst_EngineSession)
#include "tst_enginesession.moc"
