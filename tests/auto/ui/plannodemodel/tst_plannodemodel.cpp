// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plannodemodel.h"
#include "plantestsupport.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTest>

using namespace Strata;

class tst_PlanNodeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpusPlansPassTheModelTesterInEveryOrder_data();
    void corpusPlansPassTheModelTesterInEveryOrder();
    void numbersSortAsNumbersAndNullsLast_data();
    void numbersSortAsNumbersAndNullsLast();
    void textColumnsSortByTextWithEmptyLast();
    void missingFiguresShowADash();
    void estimateShowsItsDirection_data();
    void estimateShowsItsDirection();
    void sortingKeepsPersistentIndexesOnTheirNode();
    void tenThousandNodesLoadAndSortFast();
    void findingsAreCountedPerNode();
};

namespace {

// Root "Hash Join" (no figures of its own for rows) over four scans with chosen rows.
Plan fourScans()
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.addNode(Test::syntheticNode(QStringLiteral("Hash Join"), QString(), 1000.0, 1000.0, 20.0),
                 -1);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("b"), 9.0, 9.0, 1.0), 0);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("a"), 100.0,
                                     std::nullopt, std::nullopt), 0);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QString(), 10.0, 80.0, 2.0), 0);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("c"), 1e6, 2.0, 10.0), 0);
    return plan;
}

QList<int> nodeOrder(const PlanNodeModel &model)
{
    QList<int> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.nodeIdAt(row));
    return ids;
}

} // namespace

void tst_PlanNodeModel::corpusPlansPassTheModelTesterInEveryOrder_data()
{
    if (!Test::addCorpusRows(Test::explainCorpusFiles(QStringLiteral("postgresql-json"),
                                                       QStringLiteral(".json"))))
        QSKIP("The EXPLAIN corpora are not there.");
}

void tst_PlanNodeModel::corpusPlansPassTheModelTesterInEveryOrder()
{
    QFETCH(QString, path);
    const Postgres::Internal::PgExplain explain;
    Result<Plan> plan = explain.parsePlan(Test::readCorpusFile(path));
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    PlanNodeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int count = plan.value().nodeCount();
    model.setDocument(Test::documentOf(std::move(plan.value())));
    QCOMPARE(model.rowCount(), count);
    for (int column = 0; column < PlanNodeModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(column, order);
            QList<int> ids = nodeOrder(model);
            std::sort(ids.begin(), ids.end());
            for (int i = 0; i < count; ++i)
                QCOMPARE(ids.at(i), i); // a permutation: every node once
            for (int row = 0; row < count; ++row)
                QCOMPARE(model.rowOf(model.nodeIdAt(row)), row);
        }
    }
}

void tst_PlanNodeModel::numbersSortAsNumbersAndNullsLast_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QList<int>>("expected");
    // Estimated rows: 1000, 9, 100, 10, 1e6 (as text "9" > "100" > "10"; as numbers not).
    QTest::newRow("estimated ascending") << int(PlanNodeModel::EstimatedRowsColumn)
                                         << int(Qt::AscendingOrder) << QList<int>{1, 3, 2, 0, 4};
    QTest::newRow("estimated descending") << int(PlanNodeModel::EstimatedRowsColumn)
                                          << int(Qt::DescendingOrder) << QList<int>{4, 0, 2, 3, 1};
    // Actual rows: 1000, 9, null, 80, 2: the null stays last either way.
    QTest::newRow("actual ascending") << int(PlanNodeModel::ActualRowsColumn)
                                      << int(Qt::AscendingOrder) << QList<int>{4, 1, 3, 0, 2};
    QTest::newRow("actual descending") << int(PlanNodeModel::ActualRowsColumn)
                                       << int(Qt::DescendingOrder) << QList<int>{0, 3, 1, 4, 2};
    // Inclusive ms: 20, 1, null, 2, 10.
    QTest::newRow("inclusive descending") << int(PlanNodeModel::InclusiveColumn)
                                          << int(Qt::DescendingOrder) << QList<int>{0, 4, 3, 1, 2};
    QTest::newRow("plan order back") << int(PlanNodeModel::NodeColumn) << int(Qt::AscendingOrder)
                                     << QList<int>{0, 1, 2, 3, 4};
}

void tst_PlanNodeModel::numbersSortAsNumbersAndNullsLast()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QList<int>, expected);
    PlanNodeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(Test::documentOf(fourScans()));
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(nodeOrder(model), expected);
}

void tst_PlanNodeModel::textColumnsSortByTextWithEmptyLast()
{
    PlanNodeModel model;
    model.setDocument(Test::documentOf(fourScans()));
    model.sort(PlanNodeModel::RelationColumn, Qt::AscendingOrder);
    QCOMPARE(nodeOrder(model).mid(0, 3), (QList<int>{2, 1, 4}));
    model.sort(PlanNodeModel::RelationColumn, Qt::DescendingOrder);
    QCOMPARE(nodeOrder(model).mid(0, 3), (QList<int>{4, 1, 2}));
}

void tst_PlanNodeModel::missingFiguresShowADash()
{
    PlanNodeModel model;
    model.setDocument(Test::documentOf(fourScans()));
    const int row = model.rowOf(2);
    QCOMPARE(model.index(row, PlanNodeModel::ActualRowsColumn).data().toString(),
             QStringLiteral("—"));
    QCOMPARE(model.index(row, PlanNodeModel::InclusiveColumn).data().toString(),
             QStringLiteral("—"));
    QVERIFY(!model.index(row, PlanNodeModel::InclusiveColumn).data(PlanNodeModel::SortRole).isValid());
    QCOMPARE(model.index(model.rowOf(1), PlanNodeModel::EstimatedRowsColumn)
                 .data(PlanNodeModel::SortRole).toDouble(), 9.0);
}

void tst_PlanNodeModel::estimateShowsItsDirection_data()
{
    QTest::addColumn<int>("node");
    QTest::addColumn<QString>("text");
    QTest::newRow("exact") << 1 << QStringLiteral("1.0×");
    QTest::newRow("under-estimated") << 3 << QStringLiteral("↓ 8.0×");
    QTest::newRow("over-estimated") << 4 << QStringLiteral("↑ 500,000×");
    QTest::newRow("no actuals") << 2 << QStringLiteral("—");
}

void tst_PlanNodeModel::estimateShowsItsDirection()
{
    QFETCH(int, node);
    QFETCH(QString, text);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    PlanNodeModel model;
    model.setDocument(Test::documentOf(fourScans()));
    QCOMPARE(model.index(model.rowOf(node), PlanNodeModel::EstimateColumn).data().toString(), text);
}

void tst_PlanNodeModel::sortingKeepsPersistentIndexesOnTheirNode()
{
    PlanNodeModel model;
    model.setDocument(Test::documentOf(fourScans()));
    const QPersistentModelIndex kept(model.index(model.rowOf(3), PlanNodeModel::CostColumn));
    model.sort(PlanNodeModel::EstimatedRowsColumn, Qt::DescendingOrder);
    QCOMPARE(kept.data(PlanNodeModel::NodeIdRole).toInt(), 3);
    QCOMPARE(kept.column(), int(PlanNodeModel::CostColumn));
    QCOMPARE(kept.row(), model.rowOf(3));
}

void tst_PlanNodeModel::tenThousandNodesLoadAndSortFast()
{
    const std::shared_ptr<const PlanDocument> document = Test::documentOf(Test::widePlan(10000));
    PlanNodeModel model;
    QElapsedTimer timer;
    timer.start();
    model.setDocument(document);
    for (int column = 0; column < PlanNodeModel::ColumnCount; ++column)
        model.sort(column, Qt::DescendingOrder);
    const qint64 ms = timer.elapsed();
    QCOMPARE(model.rowCount(), 10001);
    // Every column sorted once: well under a second even in a Debug build.
    QVERIFY2(ms < 1500, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    qInfo("10,001 nodes: load and sort by all %d columns in %lld ms",
          int(PlanNodeModel::ColumnCount), ms);
}

void tst_PlanNodeModel::findingsAreCountedPerNode()
{
    PlanDocument document = PlanDocument::analyze(fourScans(), {});
    document.findings = {{4, QStringLiteral("misestimate"), PlanFinding::Severity::Warning,
                          QStringLiteral("off")},
                         {4, QStringLiteral("other"), PlanFinding::Severity::Info,
                          QStringLiteral("also")}};
    PlanNodeModel model;
    model.setDocument(std::make_shared<const PlanDocument>(document));
    QCOMPARE(model.index(model.rowOf(4), PlanNodeModel::FindingsColumn).data().toString(),
             QStringLiteral("2"));
    QCOMPARE(model.index(model.rowOf(1), PlanNodeModel::FindingsColumn).data().toString(),
             QString());
    model.sort(PlanNodeModel::FindingsColumn, Qt::DescendingOrder);
    QCOMPARE(model.nodeIdAt(0), 4);
}

QTEST_MAIN(tst_PlanNodeModel)
#include "tst_plannodemodel.moc"
