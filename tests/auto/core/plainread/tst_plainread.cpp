// SPDX-License-Identifier: GPL-3.0-or-later
#include "sql/plainread.h"

#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_PlainRead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlyReadsCountAsPlain_data();
    void onlyReadsCountAsPlain();
};

void tst_PlainRead::onlyReadsCountAsPlain_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("plain");
    QTest::newRow("select") << u"SELECT * FROM t"_s << true;
    QTest::newRow("lower case, comments first") << u"-- hi\n/* x */ select 1;"_s << true;
    QTest::newRow("parenthesised") << u"(SELECT 1) UNION (SELECT 2)"_s << true;
    QTest::newRow("with select") << u"WITH a AS (SELECT 1) SELECT * FROM a"_s << true;
    QTest::newRow("values") << u"VALUES (1), (2)"_s << true;
    QTest::newRow("table") << u"TABLE t"_s << true;
    QTest::newRow("show") << u"SHOW TABLES"_s << true;
    QTest::newRow("explain") << u"EXPLAIN SELECT 1"_s << true;
    QTest::newRow("pragma read") << u"PRAGMA table_info(t)"_s << true;
    QTest::newRow("keyword in a string") << u"SELECT 'DELETE FROM t' AS x"_s << true;
    QTest::newRow("keyword in a quoted name") << u"SELECT \"update\" FROM t"_s << true;
    QTest::newRow("keyword in a comment") << u"SELECT 1 -- then DELETE\n"_s << true;
    QTest::newRow("insert") << u"INSERT INTO t VALUES (1)"_s << false;
    QTest::newRow("update") << u"update t set a = 1"_s << false;
    QTest::newRow("delete") << u"DELETE FROM t"_s << false;
    QTest::newRow("with delete") << u"WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"_s << false;
    QTest::newRow("select into") << u"SELECT * INTO t2 FROM t"_s << false;
    QTest::newRow("select for update") << u"SELECT * FROM t FOR UPDATE"_s << false;
    QTest::newRow("select for share") << u"SELECT * FROM t FOR SHARE"_s << false;
    QTest::newRow("explain analyze") << u"EXPLAIN ANALYZE DELETE FROM t"_s << false;
    QTest::newRow("explain analyse select") << u"EXPLAIN (ANALYSE) SELECT 1"_s << false;
    QTest::newRow("pragma write") << u"PRAGMA journal_mode = WAL"_s << false;
    QTest::newRow("two statements") << u"SELECT 1; DROP TABLE t"_s << false;
    QTest::newRow("call") << u"CALL p()"_s << false;
    QTest::newRow("empty") << u"  -- nothing\n"_s << false;
    QTest::newRow("unterminated string") << u"SELECT 'abc"_s << true;
}

void tst_PlainRead::onlyReadsCountAsPlain()
{
    QFETCH(QString, sql);
    QFETCH(bool, plain);
    QCOMPARE(isPlainRead(sql), plain);
}

QTEST_GUILESS_MAIN(tst_PlainRead)
#include "tst_plainread.moc"
