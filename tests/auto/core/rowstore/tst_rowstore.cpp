// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/enginesession.h"
#include "results/resultsetsink.h"
#include "results/rowstore.h"
#include "sqliteengine.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

// 3 columns: the row number, a 15-character name, and a number that is NULL on every tenth row.
QString rowsQuery(qint64 rows)
{
    return u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "_s
           + QString::number(rows)
           + u") SELECT x AS id, printf('name-%010d', x) AS name, "
             "CASE WHEN x % 10 = 0 THEN NULL ELSE printf('%.2f', x / 3.0) END AS amount FROM c"_s;
}

QString expectedName(qint64 row)
{
    return u"name-%1"_s.arg(row + 1, 10, 10, QLatin1Char('0'));
}

template<typename T>
T resultOf(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

class tst_RowStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void streamsAllRowsInOrderWithCoalescedNotifications();
    void rowLimitStopsAtExactlyTheLimit_data();
    void rowLimitStopsAtExactlyTheLimit();
    void readsWhileTheWorkerAppendsAreConsistent();
    void nullIsDistinctFromEmptyString();
    void byteSizeStaysCloseToThePayload();
    void oneStorePerResultSetAndSummariesForTheRest();

private:
    std::unique_ptr<EngineSession> openSession();
    // Runs sql into a fresh sink and waits until every store has delivered finished().
    std::shared_ptr<ResultSetSink> run(EngineSession &session, const QString &sql, qint64 limit);

    std::unique_ptr<QTemporaryDir> m_dir;
    Sqlite::SqliteEngine m_sqlite;
};

void tst_RowStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<EngineSession> tst_RowStore::openSession()
{
    ConnectionSettings s;
    s.engine = u"sqlite"_s;
    s.database = m_dir->filePath(u"rowstore.db"_s);
    auto session = std::make_unique<EngineSession>(&m_sqlite, s);
    const Result<QString> opened = resultOf(session->open());
    if (!opened.ok())
        qWarning("%s", qPrintable(opened.error().toString()));
    return opened.ok() ? std::move(session) : nullptr;
}

std::shared_ptr<ResultSetSink> tst_RowStore::run(EngineSession &session, const QString &sql, qint64 limit)
{
    auto sink = ResultSetSink::create(limit);
    const Result<void> done = resultOf(session.execute(sql, {}, sink));
    if (!done.ok()) {
        qWarning("%s", qPrintable(done.error().toString()));
        return nullptr;
    }
    for (int i = 0; i < sink->storeCount(); ++i) {
        RowStore *store = sink->store(i);
        if (!QTest::qWaitFor([store] { return store->publishedRowCount() == store->rowCount(); }, 5000))
            return nullptr;
    }
    QCoreApplication::processEvents();
    return sink;
}

void tst_RowStore::streamsAllRowsInOrderWithCoalescedNotifications()
{
    auto session = openSession();
    QVERIFY(session);
    auto sink = ResultSetSink::create(0);
    QList<qint64> totals;
    RowStore *store = nullptr;
    connect(sink.get(), &ResultSetSink::storeAdded, this, [&](RowStore *added) {
        store = added;
        connect(added, &RowStore::rowsAvailable, this, [&](qint64 total) { totals.append(total); });
    });
    QElapsedTimer timer;
    timer.start();
    QFuture<Result<void>> future = session->execute(rowsQuery(200000), {}, sink);
    QTRY_VERIFY_WITH_TIMEOUT(store && store->isFinished() && store->publishedRowCount() == 200000, 60000);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(future.result().ok());

    QCOMPARE(store->columnCount(), 3);
    QCOMPARE(store->columns().at(1).name, u"name"_s);
    QCOMPARE(store->rowCount(), 200000);
    QVERIFY(!store->isTruncated());
    QCOMPARE(store->summary().rowCount, 200000);
    for (qint64 row = 0; row < store->rowCount(); ++row) {
        if (store->raw(row, 0) != QByteArray::number(row + 1))
            QFAIL(qPrintable(u"row %1 out of order"_s.arg(row)));
    }
    QCOMPARE(store->text(199999, 1), expectedName(199999));
    QVERIFY(!totals.isEmpty());
    QCOMPARE(totals.last(), 200000);
    QVERIFY(std::is_sorted(totals.cbegin(), totals.cend()));
    QVERIFY(std::adjacent_find(totals.cbegin(), totals.cend()) == totals.cend());
    // At most one signal per interval, plus the first and the last.
    QVERIFY2(totals.size() <= elapsed / RowStore::NotifyIntervalMs + 2,
             qPrintable(u"%1 signals in %2 ms"_s.arg(totals.size()).arg(elapsed)));
}

void tst_RowStore::rowLimitStopsAtExactlyTheLimit_data()
{
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<bool>("truncated");
    QTest::newRow("limit of one") << qint64(5000) << qint64(1) << qint64(1) << true;
    QTest::newRow("inside a block") << qint64(5000) << qint64(1500) << qint64(1500) << true;
    QTest::newRow("on a block boundary") << qint64(5000) << qint64(2000) << qint64(2000) << true;
    QTest::newRow("default limit") << qint64(150000) << RowStore::DefaultRowLimit << RowStore::DefaultRowLimit
                                   << true;
    QTest::newRow("exactly the row count") << qint64(3000) << qint64(3000) << qint64(3000) << false;
    QTest::newRow("cut inside the last block") << qint64(2500) << qint64(2400) << qint64(2400) << true;
    QTest::newRow("above the row count") << qint64(2500) << qint64(3000) << qint64(2500) << false;
    QTest::newRow("no limit") << qint64(120000) << qint64(0) << qint64(120000) << false;
}

void tst_RowStore::rowLimitStopsAtExactlyTheLimit()
{
    QFETCH(qint64, rows);
    QFETCH(qint64, limit);
    QFETCH(qint64, expected);
    QFETCH(bool, truncated);
    auto session = openSession();
    QVERIFY(session);
    auto sink = ResultSetSink::create(limit);
    RowStore *store = nullptr;
    QList<ResultSummary> finished;
    connect(sink.get(), &ResultSetSink::storeAdded, this, [&](RowStore *added) {
        store = added;
        connect(added, &RowStore::finished, this,
                [&](const ResultSummary &summary) { finished.append(summary); });
    });
    const QFuture<Result<void>> future = session->execute(rowsQuery(rows), {}, sink);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(future.result().ok());
    QCOMPARE(store->rowLimit(), limit);
    const ResultSummary summary = finished.at(0);
    QCOMPARE(store->rowCount(), expected);
    QCOMPARE(store->publishedRowCount(), expected);
    QCOMPARE(store->isTruncated(), truncated);
    QCOMPARE(summary.truncated, truncated);
    QCOMPARE(summary.rowCount, expected);
    QCOMPARE(store->text(expected - 1, 1), expectedName(expected - 1));
}

void tst_RowStore::readsWhileTheWorkerAppendsAreConsistent()
{
    auto session = openSession();
    QVERIFY(session);
    auto sink = ResultSetSink::create(0);
    QFuture<Result<void>> future = session->execute(rowsQuery(200000), {}, sink);
    // No event loop here: the store is read from this thread while the worker appends.
    QRandomGenerator random(42);
    qint64 reads = 0;
    int countsSeen = 0;
    qint64 lastCount = 0;
    while (!future.isFinished() || reads == 0) {
        RowStore *store = sink->storeCount() > 0 ? sink->store(0) : nullptr;
        if (!store)
            continue;
        const qint64 count = store->rowCount();
        QVERIFY(count >= lastCount);
        if (count != lastCount)
            ++countsSeen;
        lastCount = count;
        if (count == 0)
            continue;
        for (int i = 0; i < 64; ++i) {
            const qint64 row = i == 0 ? count - 1 : qint64(random.bounded(quint64(count)));
            if (store->raw(row, 0) != QByteArray::number(row + 1) || store->text(row, 1) != expectedName(row)
                || store->isNull(row, 2) != ((row + 1) % 10 == 0))
                QFAIL(qPrintable(u"row %1 of %2 is inconsistent"_s.arg(row).arg(count)));
            ++reads;
        }
    }
    QVERIFY(future.result().ok());
    QCOMPARE(sink->store(0)->rowCount(), 200000);
    QVERIFY2(countsSeen > 1, "the reads never overlapped the appends");
}

void tst_RowStore::nullIsDistinctFromEmptyString()
{
    auto session = openSession();
    QVERIFY(session);
    auto sink = run(*session, u"SELECT NULL AS a, '' AS b, 'x' AS c UNION ALL SELECT '', NULL, NULL"_s, 0);
    QVERIFY(sink);
    QCOMPARE(sink->storeCount(), 1);
    const RowStore *store = sink->store(0);
    QCOMPARE(store->rowCount(), 2);
    QVERIFY(store->isNull(0, 0));
    QVERIFY(store->text(0, 0).isNull());
    QVERIFY(!store->isNull(0, 1));
    QVERIFY(!store->text(0, 1).isNull());
    QVERIFY(store->text(0, 1).isEmpty());
    QCOMPARE(store->text(0, 2), u"x"_s);
    QVERIFY(!store->isNull(1, 0));
    QVERIFY(store->raw(1, 0).isEmpty());
    QVERIFY(store->isNull(1, 1));
    QVERIFY(store->isNull(1, 2));
}

void tst_RowStore::byteSizeStaysCloseToThePayload()
{
    auto session = openSession();
    QVERIFY(session);
    auto sink = run(*session, rowsQuery(200000), 0);
    QVERIFY(sink);
    const RowStore *store = sink->store(0);
    QCOMPARE(store->rowCount(), 200000);
    qint64 payload = 0;
    for (qint64 row = 0; row < store->rowCount(); ++row) {
        for (int column = 0; column < store->columnCount(); ++column)
            payload += store->raw(row, column).size();
    }
    const double ratio = double(store->byteSize()) / double(payload);
    qInfo("store %lld bytes for %lld payload bytes: %.2fx", store->byteSize(), payload, ratio);
    QVERIFY2(ratio <= 1.6, qPrintable(QString::number(ratio)));
    QVERIFY(ratio >= 1.0);
}

void tst_RowStore::oneStorePerResultSetAndSummariesForTheRest()
{
    auto session = openSession();
    QVERIFY(session);
    auto sink = run(*session,
                    u"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);"
                    "INSERT INTO t (name) VALUES ('a'), ('b'), ('c');"
                    "SELECT name FROM t ORDER BY id;"
                    "UPDATE t SET name = 'z' WHERE id > 1;"
                    "SELECT count(*) AS n FROM t"_s,
                    0);
    QVERIFY(sink);
    QCOMPARE(sink->storeCount(), 2);
    QCOMPARE(sink->store(0)->columns().at(0).name, u"name"_s);
    QCOMPARE(sink->store(0)->rowCount(), 3);
    QCOMPARE(sink->store(0)->text(2, 0), u"c"_s);
    QCOMPARE(sink->store(1)->text(0, 0), u"3"_s);
    QVERIFY(sink->store(2) == nullptr);
    QCOMPARE(sink->store(0)->thread(), thread());
    const QList<ResultSummary> summaries = sink->summaries();
    QCOMPARE(summaries.size(), 3);
    QVERIFY(!summaries.at(0).hasRows);
    QCOMPARE(summaries.at(1).rowsAffected, 3);
    QCOMPARE(summaries.at(2).rowsAffected, 2);
}

QTEST_GUILESS_MAIN(tst_RowStore)
#include "tst_rowstore.moc"
