// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtextproperties.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Strata::Postgres::Internal;

class tst_PgTextProperties : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linesBecomeJsonProperties_data();
    void linesBecomeJsonProperties();
    void listsSplitOnlyAtTopLevelCommas_data();
    void listsSplitOnlyAtTopLevelCommas();
};

void tst_PgTextProperties::linesBecomeJsonProperties_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("json");
    QTest::newRow("filter") << "Filter: (a > 1)"
                            << R"J({"Filter":"(a > 1)"})J";
    QTest::newRow("number") << "Rows Removed by Filter: 4758"
                            << R"J({"Rows Removed by Filter":4758})J";
    QTest::newRow("time") << "Planning Time: 0.094 ms"
                          << R"J({"Planning Time":0.094})J";
    QTest::newRow("boolean") << "Disabled: true"
                             << R"J({"Disabled":true})J";
    QTest::newRow("sort memory")
        << "Sort Method:  top-N heapsort  Memory: 50kB"
        << R"J({"Sort Method":"top-N heapsort","Sort Space Type":"Memory","Sort Space Used":50})J";
    QTest::newRow("buffers")
        << "Buffers: shared hit=5 read=2, temp written=7"
        << R"J({"Shared Dirtied Blocks":0,"Shared Hit Blocks":5,"Shared Read Blocks":2,)J"
           R"J("Shared Written Blocks":0,"Temp Dirtied Blocks":0,"Temp Hit Blocks":0,)J"
           R"J("Temp Read Blocks":0,"Temp Written Blocks":7})J";
    QTest::newRow("old io timings") << "I/O Timings: read=1.5 write=0.25"
                                    << R"J({"I/O Read Time":1.5,"I/O Write Time":0.25})J";
    QTest::newRow("hash buckets")
        << "Buckets: 262144 (originally 262144)  Batches: 2048 (originally 8)  Memory Usage: "
           "35157kB"
        << R"J({"Hash Batches":2048,"Hash Buckets":262144,"Original Hash Batches":8,)J"
           R"J("Original Hash Buckets":262144,"Peak Memory Usage":35157})J";
    QTest::newRow("memoize")
        << "Hits: 998  Misses: 2  Evictions: 0  Overflows: 0  Memory Usage: 1kB"
        << R"J({"Cache Evictions":0,"Cache Hits":998,"Cache Misses":2,"Cache Overflows":0,)J"
           R"J("Peak Memory Usage":1})J";
    QTest::newRow("hash aggregate")
        << "Batches: 5  Memory Usage: 4153kB  Disk Usage: 31752kB"
        << R"J({"Disk Usage":31752,"HashAgg Batches":5,"Peak Memory Usage":4153})J";
    QTest::newRow("heap blocks") << "Heap Blocks: exact=2 lossy=3"
                                 << R"J({"Exact Heap Blocks":2,"Lossy Heap Blocks":3})J";
    QTest::newRow("wal") << "WAL: records=2 fpi=1 bytes=120"
                         << R"J({"WAL Bytes":120,"WAL FPI":1,"WAL Records":2})J";
    QTest::newRow("sort key") << "Sort Key: a, lower((b)::text) DESC"
                              << R"J({"Sort Key":["a","lower((b)::text) DESC"]})J";
    QTest::newRow("not a property") << "AND (c = 3))"
                                    << "{}";
}

void tst_PgTextProperties::linesBecomeJsonProperties()
{
    QFETCH(QString, line);
    QFETCH(QString, json);
    const QByteArray ours =
        QJsonDocument(PgTextProperties::read(line)).toJson(QJsonDocument::Compact);
    QCOMPARE(QString::fromUtf8(ours), json);
}

void tst_PgTextProperties::listsSplitOnlyAtTopLevelCommas_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("items");
    QTest::newRow("plain") << "a, b, c" << QStringList{"a", "b", "c"};
    QTest::newRow("function") << "f(a, b), c" << QStringList{"f(a, b)", "c"};
    QTest::newRow("string") << "'x, y'::text, z" << QStringList{"'x, y'::text", "z"};
    QTest::newRow("quoted name") << "\"a, b\", c" << QStringList{"\"a, b\"", "c"};
    QTest::newRow("array") << "ARRAY[1, 2], '{3,4}'" << QStringList{"ARRAY[1, 2]", "'{3,4}'"};
}

void tst_PgTextProperties::listsSplitOnlyAtTopLevelCommas()
{
    QFETCH(QString, text);
    QFETCH(QStringList, items);
    QCOMPARE(PgTextProperties::splitList(text), items);
}

QTEST_GUILESS_MAIN(tst_PgTextProperties)
#include "tst_pgtextproperties.moc"
