// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plancomparemodel.h"
#include "explain/plancompareview.h"
#include "plantestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>
#include <QTreeView>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_PlanCompareView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelsPassTheTester();
    void changesAreSpelledOutAndColoured_data();
    void changesAreSpelledOutAndColoured();
    void selectingANodeSelectsItsMatch();
    void summaryAndFindingsArePlainText();
    void widePlansStayResponsive();
    void rendersAChangedPlan();
};

namespace {

// Limit → Seq Scan on `relation` (slow) vs Limit → Sort → Index Scan (fast): the scan is
// matched and changed, the Sort only in the second plan.
std::pair<std::shared_ptr<const PlanDocument>, std::shared_ptr<const PlanDocument>>
scanBecameIndexScan(const QString &relation)
{
    Plan a;
    a.engine = u"postgresql"_s;
    a.executionMs = 18.2;
    a.addNode(Test::syntheticNode(u"Limit"_s, QString(), 10.0, 10.0, 18.2), -1);
    a.addNode(Test::syntheticNode(u"Seq Scan"_s, relation, 10.0, 10.0, 18.0), 0);
    Plan b;
    b.engine = u"postgresql"_s;
    b.executionMs = 2.1;
    b.addNode(Test::syntheticNode(u"Limit"_s, QString(), 10.0, 10.0, 2.1), -1);
    b.addNode(Test::syntheticNode(u"Sort"_s, QString(), 10.0, 10.0, 2.05), 0);
    PlanNode index = Test::syntheticNode(u"Index Scan"_s, relation, 10.0, 10.0, 2.0);
    index.index = u"orders_customer_idx"_s;
    b.addNode(index, 1);
    PlanDocument before = PlanDocument::analyze(a, {});
    before.findings.append({1, u"seq-scan"_s, PlanFinding::Severity::Warning,
                            u"Sequential scan on %1 <b>reads everything</b>."_s.arg(relation)});
    return {std::make_shared<const PlanDocument>(before),
            std::make_shared<const PlanDocument>(PlanDocument::analyze(b, {}))};
}

} // namespace

void tst_PlanCompareView::modelsPassTheTester()
{
    PlanCompareView view;
    QAbstractItemModelTester before(view.beforeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester after(view.afterModel(),
                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto [a, b] = scanBecameIndexScan(u"orders"_s);
    view.setPlans(a, u"Plan"_s, b, u"Plan 2"_s);
    QCOMPARE(view.beforeModel()->rowCount(), 2);
    QCOMPARE(view.afterModel()->rowCount(), 3);
    if (const auto corpus = Test::corpusDocument(u"pev2/03_aggregate_four_joins.json"_s))
        view.setPlans(corpus, u"a"_s, corpus, u"b"_s);
}

void tst_PlanCompareView::changesAreSpelledOutAndColoured_data()
{
    QTest::addColumn<bool>("beforeSide");
    QTest::addColumn<int>("node");
    QTest::addColumn<QString>("change");
    QTest::addColumn<int>("verdict");
    QTest::newRow("root got faster") << true << 0 << u"inclusive time ↓ 8.7×"_s
                                     << int(PlanDiff::Verdict::Better);
    QTest::newRow("scan became an index scan")
        << true << 1
        << u"Seq Scan on orders → Index Scan using orders_customer_idx on orders; inclusive time "
           "↓ 9.0×"_s
        << int(PlanDiff::Verdict::Better);
    QTest::newRow("sort only in the second plan") << false << 1 << u"only in the second plan"_s
                                                  << int(PlanDiff::Verdict::Changed);
}

void tst_PlanCompareView::changesAreSpelledOutAndColoured()
{
    QFETCH(bool, beforeSide);
    QFETCH(int, node);
    QFETCH(QString, change);
    QFETCH(int, verdict);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    PlanCompareView view;
    const auto [a, b] = scanBecameIndexScan(u"orders"_s);
    view.setPlans(a, u"Plan"_s, b, u"Plan 2"_s);
    PlanCompareModel *model = beforeSide ? view.beforeModel() : view.afterModel();
    const QModelIndex index = model->index(node, PlanCompareModel::ChangeColumn);
    QCOMPARE(index.data().toString(), change);
    QCOMPARE(index.data(PlanCompareModel::VerdictRole).toInt(), verdict);
    QCOMPARE(index.data(Qt::BackgroundRole).value<QBrush>().color(),
             PlanCompareModel::verdictColor(PlanDiff::Verdict(verdict)));
    // Better and worse never share a colour.
    QVERIFY(PlanCompareModel::verdictColor(PlanDiff::Verdict::Better) !=
            PlanCompareModel::verdictColor(PlanDiff::Verdict::Worse));
}

void tst_PlanCompareView::selectingANodeSelectsItsMatch()
{
    PlanCompareView view;
    view.resize(1000, 500);
    const auto [a, b] = scanBecameIndexScan(u"orders"_s);
    view.setPlans(a, u"Plan"_s, b, u"Plan 2"_s);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.beforeView()->setCurrentIndex(view.beforeModel()->index(1, 0));
    QCOMPARE(view.afterView()->currentIndex().row(), 2);
    view.afterView()->setCurrentIndex(view.afterModel()->index(0, 0));
    QCOMPARE(view.beforeView()->currentIndex().row(), 0);
    // A node only in one plan clears the other side.
    view.afterView()->setCurrentIndex(view.afterModel()->index(1, 0));
    QVERIFY(!view.beforeView()->currentIndex().isValid());
}

void tst_PlanCompareView::summaryAndFindingsArePlainText()
{
    const QString hostile = u"a\"b <i>x</i>; DROP TABLE t; --"_s;
    PlanCompareView view;
    const auto [a, b] = scanBecameIndexScan(hostile);
    view.setPlans(a, u"<b>Plan</b>"_s, b, u"Plan 2"_s);
    QCOMPARE(view.summary()->textFormat(), Qt::PlainText);
    QCOMPARE(view.summary()->text(),
             u"Execution 18.2 ms → 2.1 ms (8.7× faster); Seq Scan on %1 → Index Scan using "
             "orders_customer_idx on %1; 1 node only in the second plan; 1 finding went away"_s
                 .arg(hostile));
    const QString findings = view.findings()->toPlainText();
    QVERIFY2(findings.startsWith(u"Went away warning (#1 Seq Scan on %1): Sequential scan on"_s.arg(hostile)),
             qPrintable(findings));
    QVERIFY(findings.contains(u"<b>reads everything</b>"_s));
    for (QLabel *label : view.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
}

void tst_PlanCompareView::widePlansStayResponsive()
{
    const auto a = Test::documentOf(Test::widePlan(10000));
    const auto b = Test::documentOf(Test::widePlan(9990));
    PlanCompareView view;
    view.resize(1200, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer timer;
    timer.start();
    view.setPlans(a, u"a"_s, b, u"b"_s);
    view.grab();
    view.beforeView()->setCurrentIndex(view.beforeModel()->index(9000, 0));
    QCOMPARE(view.afterView()->currentIndex().row(), 9000);
    QVERIFY(view.afterView()->verticalScrollBar()->value() > 0);
    const qint64 ms = timer.elapsed();
    QVERIFY2(ms < 5000, qPrintable(u"%1 ms"_s.arg(ms)));
    qInfo("10,001 against 9,991 nodes: compared, shown and linked in %lld ms", ms);
}

void tst_PlanCompareView::rendersAChangedPlan()
{
    QString source;
    const auto corpus = Test::corpusDocument(u"pev2/02_three_joins_missing_index.json"_s, &source);
    if (!corpus)
        QSKIP("The EXPLAIN corpora are not there.");
    // The same query after an index: the slowest scan becomes an index scan, 10× faster.
    Plan faster = corpus->plan;
    const int slow = corpus->analysis.slowestNode();
    for (PlanNode &n : faster.nodes) {
        if (n.actualTotalMs)
            n.actualTotalMs = *n.actualTotalMs / (n.id == slow ? 40.0 : 3.0);
        if (n.actualStartupMs)
            n.actualStartupMs = *n.actualStartupMs / 3.0;
    }
    if (faster.executionMs)
        faster.executionMs = *faster.executionMs / 6.0;
    if (slow >= 0 && faster.nodes[slow].nodeType == u"Seq Scan"_s) {
        faster.nodes[slow].nodeType = u"Index Scan"_s;
        faster.nodes[slow].index = faster.nodes[slow].relation + u"_user_idx"_s;
    }
    PlanCompareView view;
    view.resize(1400, 620);
    view.setPlans(corpus, u"before.json"_s, Test::documentOf(faster), u"after.json"_s);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.beforeView()->setCurrentIndex(view.beforeModel()->index(std::max(slow, 0), 0));
    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(view.diff()->summary().contains(u"faster"_s));
    // The selected row is linked across, and changed rows are tinted.
    QCOMPARE(view.afterView()->currentIndex().row(), view.diff()->afterOf(std::max(slow, 0)));
}

QTEST_MAIN(tst_PlanCompareView)
#include "tst_plancompareview.moc"
