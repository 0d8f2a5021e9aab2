// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schematreemodel.h"
#include "syntheticcatalog.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLocale>
#include <QTest>

using namespace Strata;
using NodeKind = SchemaTreeModel::NodeKind;

namespace {

// Names of the objects under every folder of every schema of the first connection.
QStringList visibleObjects(const SchemaTreeModel &model)
{
    QStringList names;
    const QModelIndex connection = model.index(0, 0);
    for (int s = 0; s < model.rowCount(connection); ++s) {
        const QModelIndex schema = model.index(s, 0, connection);
        for (int f = 0; f < model.rowCount(schema); ++f) {
            const QModelIndex folder = model.index(f, 0, schema);
            for (int o = 0; o < model.rowCount(folder); ++o)
                names << model.index(o, 0, folder).data(SchemaTreeModel::ObjectNameRole).toString();
        }
    }
    return names;
}

// Walks every node (what a fully expanded view would do).
int walk(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    int count = 0;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex child = model.index(r, 0, parent);
        (void)child.data();
        count += 1 + walk(model, child);
    }
    return count;
}

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent, const QString &prefix)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex child = model.index(r, 0, parent);
        if (child.data().toString().startsWith(prefix))
            return child;
    }
    return {};
}

} // namespace

class tst_SchemaTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void passesModelTesterThroughAddFilterReplaceRemove()
    {
        SchemaTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConnection(QStringLiteral("a"), QStringLiteral("A"));
        model.setStatus(QStringLiteral("a"), QStringLiteral("connecting…"));
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        model.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(20, 4));
        model.setCatalog(QStringLiteral("b"), Test::syntheticCatalog(5, 2, QStringLiteral("other")));
        QVERIFY(walk(model) > 100);
        model.setFilter(QStringLiteral("table_0001"));
        walk(model);
        model.setFilter(QStringLiteral("col_01"));
        walk(model);
        model.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(3, 1));
        walk(model);
        model.setFilter(QString());
        walk(model);
        model.removeConnection(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.connectionIds(), QStringList{QStringLiteral("b")});
        walk(model);
    }

    void foldersShowCountsWithThousandsSeparators()
    {
        SchemaTreeModel model;
        model.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(1204, 1));
        const QModelIndex schema = model.index(0, 0, model.index(0, 0));
        QCOMPARE(model.index(0, 0, schema).data().toString(), QStringLiteral("Tables (1,204)"));
        QCOMPARE(model.index(1, 0, schema).data().toString(), QStringLiteral("Views (1)"));
        QCOMPARE(model.index(2, 0, schema).data().toString(), QStringLiteral("Sequences (3)"));
        QCOMPARE(model.index(3, 0, schema).data().toString(), QStringLiteral("Routines (3)"));
        QCOMPARE(model.rowCount(schema), 4); // no empty materialized views folder
        model.setFilter(QStringLiteral("table_0001"));
        const QModelIndex filtered = model.index(0, 0, model.index(0, 0));
        QCOMPARE(model.index(0, 0, filtered).data().toString(),
                 QStringLiteral("Tables (10 of 1,204)"));
    }

    void filterMatchesObjectAndColumnNames_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("visible");
        QTest::newRow("none") << QString() << 100 + 1 + 3 + 3;
        QTest::newRow("table prefix") << QStringLiteral("table_0001") << 10;
        QTest::newRow("case-insensitive") << QStringLiteral("TABLE_00042") << 1;
        QTest::newRow("column name matches every table") << QStringLiteral("col_03") << 100;
        QTest::newRow("view") << QStringLiteral("zz_") << 1;
        QTest::newRow("routines") << QStringLiteral("fn_") << 3;
        QTest::newRow("nothing") << QStringLiteral("no such thing") << 0;
        QTest::newRow("whitespace is trimmed") << QStringLiteral("  seq_1 ") << 1;
    }
    void filterMatchesObjectAndColumnNames()
    {
        QFETCH(QString, filter);
        QFETCH(int, visible);
        SchemaTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(100, 5));
        model.setFilter(filter);
        QCOMPARE(visibleObjects(model).size(), visible);
    }

    void narrowingAndWideningGiveTheSameResultAsAFreshFilter()
    {
        SchemaTreeModel model;
        model.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(300, 3));
        for (const QString &f : {QStringLiteral("t"), QStringLiteral("ta"), QStringLiteral("table_00"),
                                 QStringLiteral("table_001"), QStringLiteral("table_00"),
                                 QStringLiteral("e_2")}) {
            model.setFilter(f);
            SchemaTreeModel fresh;
            fresh.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(300, 3));
            fresh.setFilter(f);
            QCOMPARE(visibleObjects(model), visibleObjects(fresh));
        }
    }

    void columnOnlyMatchShowsOnlyMatchingColumns()
    {
        SchemaTreeModel model;
        model.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(2, 10));
        model.setFilter(QStringLiteral("col_07"));
        const QModelIndex tables = model.index(0, 0, model.index(0, 0, model.index(0, 0)));
        const QModelIndex table = model.index(0, 0, tables);
        QCOMPARE(model.rowCount(table), 1); // Columns only, no Indexes
        const QModelIndex columns = model.index(0, 0, table);
        QCOMPARE(columns.data().toString(), QStringLiteral("Columns (1 of 10)"));
        QCOMPARE(model.index(0, 0, columns).data().toString(), QStringLiteral("col_07 (text)"));
    }

    void tableBehindAnyNodeBelowAnObject()
    {
        SchemaTreeModel model;
        model.setCatalog(QStringLiteral("a"), Test::syntheticCatalog(3, 2));
        const QModelIndex object = model.objectIndex(QStringLiteral("a"), QStringLiteral("public"),
                                                     QStringLiteral("table_00002"));
        QVERIFY(object.isValid());
        QCOMPARE(model.table(object)->name, QStringLiteral("table_00002"));
        const QModelIndex column = model.index(0, 0, model.index(0, 0, object));
        QCOMPARE(model.table(column)->name, QStringLiteral("table_00002"));
        QCOMPARE(model.table(object.parent()), nullptr);
        QVERIFY(!model.objectIndex(QStringLiteral("a"), QStringLiteral("public"),
                                   QStringLiteral("missing")).isValid());
    }

    void hostileNamesAreEscapedInToolTips()
    {
        Catalog catalog = Test::syntheticCatalog(0, 0);
        Table hostile;
        hostile.schema = QStringLiteral("public");
        hostile.name = QStringLiteral("<b>bold</b><img src=x>");
        catalog.schemas[0].tables.prepend(hostile);
        SchemaTreeModel model;
        model.setCatalog(QStringLiteral("a"), catalog);
        const QModelIndex tables = childNamed(model, model.index(0, 0, model.index(0, 0)),
                                              QStringLiteral("Tables"));
        const QModelIndex object = model.index(0, 0, tables);
        QCOMPARE(object.data().toString(), hostile.name);
        const QString tip = object.data(Qt::ToolTipRole).toString();
        QVERIFY(!tip.contains(QStringLiteral("<b>")));
        QVERIFY(tip.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;&lt;img src=x&gt;")));
    }

    void filtersTenThousandTablesWithinBudget()
    {
        SchemaTreeModel model;
        QElapsedTimer timer;
        timer.start();
        model.setCatalog(QStringLiteral("big"), Test::syntheticCatalog(10000, 10));
        const qint64 load = timer.elapsed();
        qint64 worst = 0;
        for (const QString &f : {QStringLiteral("t"), QStringLiteral("ta"), QStringLiteral("tab"),
                                 QStringLiteral("table_0"), QStringLiteral("table_01"),
                                 QStringLiteral("table_012"), QStringLiteral("col_09"),
                                 QStringLiteral("x"), QString()}) {
            timer.restart();
            model.setFilter(f);
            // What the browser does next: list the objects of every visible folder.
            visibleObjects(model);
            worst = qMax(worst, timer.elapsed());
        }
        qInfo("load %lld ms, worst filter keystroke %lld ms", load, worst);
        QVERIFY2(worst <= 100, qPrintable(QStringLiteral("%1 ms").arg(worst)));
    }
};

QTEST_MAIN(tst_SchemaTreeModel)
#include "tst_schematreemodel.moc"
