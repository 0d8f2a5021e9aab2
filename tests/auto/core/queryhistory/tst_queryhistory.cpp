// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/queryhistory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Strata;

class tst_QueryHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addedEntriesComeBackWithAllFields();
    void recentIsNewestFirstAndLimited();
    void recentOnlyShowsTheGivenConnection();
    void searchMatchesSubstringsCaseInsensitively_data();
    void searchMatchesSubstringsCaseInsensitively();
    void searchTreatsWildcardsAndQuotesLiterally_data();
    void searchTreatsWildcardsAndQuotesLiterally();
    void clearRemovesOnlyThatConnection();
    void pruneKeepsTheNewestEntriesOfEachConnection();
    void reopeningKeepsEntries();
    void usesWriteAheadLogging();
    void searchOfTenThousandEntriesIsFast();
    void corruptFileGivesAClearError_data();
    void corruptFileGivesAClearError();
    void operationsOnAClosedHistoryFail();

private:
    HistoryEntry entry(const QString &connection, const QString &sql, int secondsAgo) const;
    QString file() const { return m_dir->filePath(QStringLiteral("sub/history.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QueryHistory> m_history;
    QDateTime m_now;
};

const QString Pg = QStringLiteral("postgresql://strata@127.0.0.1:54329/strata_test");
const QString My = QStringLiteral("mysql://strata@127.0.0.1:33069/strata_test");

HistoryEntry tst_QueryHistory::entry(const QString &connection, const QString &sql,
                                     int secondsAgo) const
{
    HistoryEntry e;
    e.connectionKey = connection;
    e.sql = sql;
    e.startedAt = m_now.addSecs(-secondsAgo);
    e.durationMs = 12;
    e.rows = 3;
    return e;
}

void tst_QueryHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_now = QDateTime::currentDateTimeUtc();
    m_history = std::make_unique<QueryHistory>(file());
    const Result<void> opened = m_history->open();
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
}

void tst_QueryHistory::cleanup()
{
    m_history.reset();
    m_dir.reset();
}

void tst_QueryHistory::addedEntriesComeBackWithAllFields()
{
    HistoryEntry ok = entry(Pg, QStringLiteral("SELECT 1"), 10);
    ok.startedAt = QDateTime(QDate(2026, 3, 1), QTime(10, 20, 30, 456), Qt::OffsetFromUTC, 3600);
    ok.durationMs = 1234;
    ok.rows = 42;
    HistoryEntry failed = entry(Pg, QStringLiteral("SELEC 1"), 5);
    failed.rows.reset();
    failed.error = QStringLiteral("syntax error at or near \"SELEC\"");

    const Result<qint64> first = m_history->add(ok);
    QVERIFY(first.ok());
    QVERIFY(first.value() > 0);
    QVERIFY(m_history->add(failed).ok());

    const Result<QList<HistoryEntry>> all = m_history->recent(Pg, 10);
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    const HistoryEntry &newest = all->at(0);
    QCOMPARE(newest.sql, failed.sql);
    QCOMPARE(newest.error, failed.error);
    QVERIFY(!newest.rows.has_value());
    const HistoryEntry &oldest = all->at(1);
    QCOMPARE(oldest.id, first.value());
    QCOMPARE(oldest.connectionKey, Pg);
    QCOMPARE(oldest.sql, QStringLiteral("SELECT 1"));
    QCOMPARE(oldest.startedAt, QDateTime(QDate(2026, 3, 1), QTime(9, 20, 30, 456), Qt::UTC));
    QCOMPARE(oldest.startedAt.timeSpec(), Qt::UTC);
    QCOMPARE(oldest.durationMs, 1234);
    QCOMPARE(oldest.rows, std::optional<qint64>(42));
    QVERIFY(oldest.error.isEmpty());

    // Stored as ISO-8601 UTC text, the error column NULL on success.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
    db.setDatabaseName(file());
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(
            QStringLiteral("SELECT started_at, error IS NULL FROM entries ORDER BY id")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("2026-03-01T09:20:30.456Z"));
        QCOMPARE(query.value(1).toInt(), 1);
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

void tst_QueryHistory::recentIsNewestFirstAndLimited()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_history->add(entry(Pg, QStringLiteral("SELECT %1").arg(i), 100 - i)).ok());
    const Result<QList<HistoryEntry>> recent = m_history->recent(Pg, 3);
    QVERIFY(recent.ok());
    QCOMPARE(recent->size(), 3);
    QCOMPARE(recent->at(0).sql, QStringLiteral("SELECT 4"));
    QCOMPARE(recent->at(1).sql, QStringLiteral("SELECT 3"));
    QCOMPARE(recent->at(2).sql, QStringLiteral("SELECT 2"));
}

void tst_QueryHistory::recentOnlyShowsTheGivenConnection()
{
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("SELECT 'pg'"), 2)).ok());
    QVERIFY(m_history->add(entry(My, QStringLiteral("SELECT 'my'"), 1)).ok());
    const Result<QList<HistoryEntry>> recent = m_history->recent(My);
    QVERIFY(recent.ok());
    QCOMPARE(recent->size(), 1);
    QCOMPARE(recent->at(0).sql, QStringLiteral("SELECT 'my'"));
    QVERIFY(m_history->recent(QStringLiteral("nobody"))->isEmpty());
}

void tst_QueryHistory::searchMatchesSubstringsCaseInsensitively_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("word") << QStringLiteral("orders")
                          << QStringList{QStringLiteral("DELETE FROM Orders"),
                                         QStringLiteral("select * from orders")};
    QTest::newRow("upper finds lower")
        << QStringLiteral("SELECT *") << QStringList{QStringLiteral("select * from orders")};
    QTest::newRow("middle of a word")
        << QStringLiteral("ustom") << QStringList{QStringLiteral("UPDATE customers SET x = 1")};
    QTest::newRow("empty matches all") << QString()
                                       << QStringList{QStringLiteral("UPDATE customers SET x = 1"),
                                                      QStringLiteral("DELETE FROM Orders"),
                                                      QStringLiteral("select * from orders")};
    QTest::newRow("no match") << QStringLiteral("invoices") << QStringList{};
}

void tst_QueryHistory::searchMatchesSubstringsCaseInsensitively()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("select * from orders"), 30)).ok());
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("DELETE FROM Orders"), 20)).ok());
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("UPDATE customers SET x = 1"), 10)).ok());
    QVERIFY(m_history->add(entry(My, QStringLiteral("select * from orders"), 5)).ok());
    const Result<QList<HistoryEntry>> found = m_history->search(Pg, text, 50);
    QVERIFY(found.ok());
    QStringList sql;
    for (const HistoryEntry &e : *found)
        sql.append(e.sql);
    QCOMPARE(sql, expected);
}

void tst_QueryHistory::searchTreatsWildcardsAndQuotesLiterally_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("percent") << QStringLiteral("100%")
                             << QStringList{QStringLiteral("SELECT '100%' AS rate")};
    QTest::newRow("lone percent") << QStringLiteral("%")
                                  << QStringList{QStringLiteral("SELECT '100%' AS rate")};
    QTest::newRow("underscore") << QStringLiteral("a_b")
                                << QStringList{QStringLiteral("SELECT a_b FROM t")};
    QTest::newRow("lone underscore")
        << QStringLiteral("_") << QStringList{QStringLiteral("SELECT a_b FROM t")};
    QTest::newRow("single quote") << QStringLiteral("O'Brien")
                                  << QStringList{QStringLiteral("SELECT 'O'Brien' broken")};
    QTest::newRow("doubled quote")
        << QStringLiteral("O''Brien")
        << QStringList{QStringLiteral("SELECT * FROM p WHERE name = 'O''Brien'")};
    QTest::newRow("double quote") << QStringLiteral("\"Mixed\"")
                                  << QStringList{QStringLiteral("SELECT \"Mixed\" FROM t")};
    QTest::newRow("backslash") << QStringLiteral("\\n")
                               << QStringList{QStringLiteral("SELECT E'\\n'")};
    QTest::newRow("injection attempt") << QStringLiteral("' OR 1=1 --") << QStringList{};
}

void tst_QueryHistory::searchTreatsWildcardsAndQuotesLiterally()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const QStringList statements = {
        QStringLiteral("SELECT 'O'Brien' broken"),
        QStringLiteral("SELECT * FROM p WHERE name = 'O''Brien'"),
        QStringLiteral("SELECT a_b FROM t"),
        QStringLiteral("SELECT axb FROM t"),
        QStringLiteral("SELECT '100%' AS rate"),
        QStringLiteral("SELECT 1000 AS rate"),
        QStringLiteral("SELECT \"Mixed\" FROM t"),
        QStringLiteral("SELECT E'\\n'"),
    };
    for (int i = 0; i < statements.size(); ++i)
        QVERIFY(m_history->add(entry(Pg, statements.at(i), 100 - i)).ok());
    const Result<QList<HistoryEntry>> found = m_history->search(Pg, text, 50);
    QVERIFY2(found.ok(), qPrintable(found.error().toString()));
    QStringList sql;
    for (const HistoryEntry &e : *found)
        sql.append(e.sql);
    std::sort(sql.begin(), sql.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(sql, expected);
}

void tst_QueryHistory::clearRemovesOnlyThatConnection()
{
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("SELECT 1"), 3)).ok());
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("SELECT 2"), 2)).ok());
    QVERIFY(m_history->add(entry(My, QStringLiteral("SELECT 3"), 1)).ok());
    const Result<int> cleared = m_history->clear(Pg);
    QVERIFY(cleared.ok());
    QCOMPARE(cleared.value(), 2);
    QVERIFY(m_history->recent(Pg)->isEmpty());
    QCOMPARE(m_history->recent(My)->size(), 1);
}

void tst_QueryHistory::pruneKeepsTheNewestEntriesOfEachConnection()
{
    for (int i = 0; i < 10; ++i) {
        QVERIFY(m_history->add(entry(Pg, QStringLiteral("pg %1").arg(i), 100 - i)).ok());
        QVERIFY(m_history->add(entry(My, QStringLiteral("my %1").arg(i), 100 - i)).ok());
    }
    QVERIFY(m_history->add(entry(QStringLiteral("demo"), QStringLiteral("demo"), 1)).ok());
    const Result<int> pruned = m_history->prune(3);
    QVERIFY(pruned.ok());
    QCOMPARE(pruned.value(), 14);
    for (const QString &key : {Pg, My}) {
        const Result<QList<HistoryEntry>> left = m_history->recent(key);
        QVERIFY(left.ok());
        QCOMPARE(left->size(), 3);
        QVERIFY(left->at(0).sql.endsWith(QLatin1String(" 9")));
        QVERIFY(left->at(2).sql.endsWith(QLatin1String(" 7")));
    }
    QCOMPARE(m_history->recent(QStringLiteral("demo"))->size(), 1);
    QVERIFY(!m_history->prune(-1).ok());
}

void tst_QueryHistory::reopeningKeepsEntries()
{
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("SELECT 'kept'"), 1)).ok());
    m_history.reset();
    QueryHistory again(file());
    QVERIFY(again.open().ok());
    const Result<QList<HistoryEntry>> recent = again.recent(Pg);
    QVERIFY(recent.ok());
    QCOMPARE(recent->size(), 1);
    QCOMPARE(recent->at(0).sql, QStringLiteral("SELECT 'kept'"));
}

void tst_QueryHistory::usesWriteAheadLogging()
{
    QVERIFY(m_history->add(entry(Pg, QStringLiteral("SELECT 1"), 1)).ok());
    QVERIFY(QFile::exists(file() + QStringLiteral("-wal")));
}

void tst_QueryHistory::searchOfTenThousandEntriesIsFast()
{
    const QStringList tables = {QStringLiteral("orders"), QStringLiteral("customers"),
                                QStringLiteral("invoices"), QStringLiteral("line_items")};
    for (int i = 0; i < 10000; ++i) {
        const QString sql = QStringLiteral("SELECT id, total FROM %1 WHERE id = %2;")
                                .arg(tables.at(i % tables.size()))
                                .arg(i);
        QVERIFY(m_history->add(entry(Pg, sql, 20000 - i)).ok());
    }
    QElapsedTimer timer;
    timer.start();
    const Result<QList<HistoryEntry>> found =
        m_history->search(Pg, QStringLiteral("LINE_items WHERE id = 999"), 200);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(found.ok());
    // 999, 9991, 9995 and 9999 are the line_items rows (i % 4 == 3) that match; newest first.
    QCOMPARE(found->size(), 4);
    QCOMPARE(found->at(0).sql, QStringLiteral("SELECT id, total FROM line_items WHERE id = 9999;"));
    QCOMPARE(found->at(3).sql, QStringLiteral("SELECT id, total FROM line_items WHERE id = 999;"));
    qInfo("search over 10,000 entries: %lld ms", elapsed);
    // About 7 ms on an idle machine; the bound only catches a lost index or a scan per row,
    // with room for a loaded CI box.
    QVERIFY2(elapsed < 500, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
}

void tst_QueryHistory::corruptFileGivesAClearError_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArray("this is not a database\n").repeated(200);
    QByteArray header("SQLite format 3");
    header.append('\0');
    QTest::newRow("damaged sqlite header") << header + QByteArray(4080, '\xff');
}

void tst_QueryHistory::corruptFileGivesAClearError()
{
    QFETCH(QByteArray, content);
    const QString path = m_dir->filePath(QStringLiteral("corrupt.sqlite"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(content);
    out.close();

    QueryHistory history(path);
    const Result<void> opened = history.open();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code(), Error::Code::Io);
    QVERIFY2(opened.error().message().contains(path), qPrintable(opened.error().toString()));
    QVERIFY(!opened.error().detail().isEmpty());
    QVERIFY(!history.isOpen());
    QVERIFY(!history.add(entry(Pg, QStringLiteral("SELECT 1"), 1)).ok());
    // The user's file is left as it was.
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll(), content);
}

void tst_QueryHistory::operationsOnAClosedHistoryFail()
{
    m_history->close();
    QVERIFY(!m_history->add(entry(Pg, QStringLiteral("SELECT 1"), 1)).ok());
    QVERIFY(!m_history->search(Pg, QStringLiteral("x")).ok());
    QVERIFY(!m_history->recent(Pg).ok());
    QVERIFY(!m_history->clear(Pg).ok());
    QVERIFY(!m_history->prune(1).ok());
    QVERIFY(m_history->open().ok());
    QVERIFY(!m_history->add(entry(QString(), QStringLiteral("SELECT 1"), 1)).ok());
}

QTEST_GUILESS_MAIN(tst_QueryHistory)
#include "tst_queryhistory.moc"
