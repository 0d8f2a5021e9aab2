// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/planlayout.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace Strata;

class tst_PlanLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nodesNeverOverlap_data();
    void nodesNeverOverlap();
    void parentsAreCentredOverTheirChildren_data();
    void parentsAreCentredOverTheirChildren();
    void siblingsStayInPlanOrder();
    void aWideParentPushesItsNeighboursAside();
    void sameInputGivesTheSameLayout();
    void edgesRunFromParentBottomToChildTop();
    void lookupsFindWhatIsThere_data();
    void lookupsFindWhatIsThere();
    void edgesCrossingTheViewAreFound();
    void deepChainDoesNotOverflowTheStack();
    void tenThousandNodesTakeMilliseconds();
    void emptyPlanGivesEmptyLayout();
};

namespace {

PlanNode typed(const QString &type)
{
    PlanNode n;
    n.nodeType = type;
    return n;
}

// A random tree of n nodes, each attached to a random earlier node (seeded: reproducible).
Plan randomPlan(int n, quint32 seed, QList<QSizeF> *sizes)
{
    QRandomGenerator rng(seed);
    Plan plan;
    plan.addNode(typed(QStringLiteral("Root")), -1);
    for (int i = 1; i < n; ++i)
        plan.addNode(typed(QStringLiteral("N")), int(rng.bounded(quint32(i))));
    sizes->clear();
    for (int i = 0; i < n; ++i)
        sizes->append(QSizeF(40 + rng.bounded(200), 30 + rng.bounded(40)));
    return plan;
}

// One Append over count scans (the 10,000-partition shape).
Plan fanOut(int count, QList<QSizeF> *sizes)
{
    Plan plan;
    plan.addNode(typed(QStringLiteral("Append")), -1);
    for (int i = 0; i < count; ++i)
        plan.addNode(typed(QStringLiteral("Seq Scan")), 0);
    *sizes = QList<QSizeF>(count + 1, QSizeF(180, 64));
    return plan;
}

Plan chain(int length, QList<QSizeF> *sizes)
{
    Plan plan;
    plan.addNode(typed(QStringLiteral("Limit")), -1);
    for (int i = 1; i < length; ++i)
        plan.addNode(typed(QStringLiteral("Nested Loop")), i - 1);
    *sizes = QList<QSizeF>(length, QSizeF(120, 50));
    return plan;
}

void addShapes()
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("small random") << 12 << 1u;
    QTest::newRow("bushy random") << 400 << 7u;
    QTest::newRow("large random") << 3000 << 42u;
}

} // namespace

void tst_PlanLayout::nodesNeverOverlap_data()
{
    addShapes();
}

void tst_PlanLayout::nodesNeverOverlap()
{
    QFETCH(int, nodes);
    QFETCH(quint32, seed);
    QList<QSizeF> sizes;
    const Plan plan = randomPlan(nodes, seed, &sizes);
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    QCOMPARE(layout.nodeCount(), nodes);
    // Rows are disjoint in y, so overlaps can only happen inside a row: sort each row by x.
    QMap<double, QList<QRectF>> rows;
    for (int i = 0; i < nodes; ++i) {
        const QRectF r = layout.nodeRect(i);
        QCOMPARE(r.size(), sizes.at(i));
        QVERIFY(layout.boundingRect().contains(r));
        rows[r.top()].append(r);
    }
    for (QList<QRectF> &row : rows) {
        std::sort(row.begin(), row.end(),
                  [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
        for (int i = 1; i < row.size(); ++i)
            QVERIFY2(row.at(i - 1).right() + 24.0 <= row.at(i).left() + 1e-9,
                     qPrintable(QStringLiteral("overlap at x=%1").arg(row.at(i).left())));
    }
}

void tst_PlanLayout::parentsAreCentredOverTheirChildren_data()
{
    addShapes();
}

void tst_PlanLayout::parentsAreCentredOverTheirChildren()
{
    QFETCH(int, nodes);
    QFETCH(quint32, seed);
    QList<QSizeF> sizes;
    const Plan plan = randomPlan(nodes, seed, &sizes);
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    for (const PlanNode &n : plan.nodes) {
        if (n.childIds.isEmpty())
            continue;
        const double first = layout.nodeRect(n.childIds.first()).center().x();
        const double last = layout.nodeRect(n.childIds.last()).center().x();
        QCOMPARE(layout.nodeRect(n.id).center().x(), (first + last) / 2);
        for (int child : n.childIds)
            QVERIFY(layout.nodeRect(child).top() >= layout.nodeRect(n.id).bottom() + 44.0);
    }
}

void tst_PlanLayout::siblingsStayInPlanOrder()
{
    QList<QSizeF> sizes;
    const Plan plan = randomPlan(500, 3, &sizes);
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    for (const PlanNode &n : plan.nodes) {
        for (int i = 1; i < n.childIds.size(); ++i)
            QVERIFY(layout.nodeRect(n.childIds.at(i - 1)).right()
                    < layout.nodeRect(n.childIds.at(i)).left());
    }
}

void tst_PlanLayout::aWideParentPushesItsNeighboursAside()
{
    // Root with two children; the first child is very wide and has one narrow child.
    Plan plan;
    plan.addNode(typed(QStringLiteral("Hash Join")), -1);
    plan.addNode(typed(QStringLiteral("Hash")), 0);
    plan.addNode(typed(QStringLiteral("Seq Scan")), 0);
    plan.addNode(typed(QStringLiteral("Seq Scan")), 1);
    const QList<QSizeF> sizes{QSizeF(100, 40), QSizeF(600, 40), QSizeF(100, 40), QSizeF(20, 40)};
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    QVERIFY(layout.nodeRect(1).right() + 24.0 <= layout.nodeRect(2).left());
    QCOMPARE(layout.nodeRect(3).center().x(), layout.nodeRect(1).center().x());
    QCOMPARE(layout.boundingRect().left(), 0.0);
    QCOMPARE(layout.boundingRect().width(), 600.0 + 24.0 + 100.0);
}

void tst_PlanLayout::sameInputGivesTheSameLayout()
{
    QList<QSizeF> sizes;
    const Plan plan = randomPlan(800, 11, &sizes);
    const PlanLayout a = PlanLayout::compute(plan, sizes);
    const PlanLayout b = PlanLayout::compute(plan, sizes);
    for (int i = 0; i < plan.nodeCount(); ++i) {
        QCOMPARE(a.nodeRect(i), b.nodeRect(i));
        QCOMPARE(a.edge(i), b.edge(i));
    }
    QCOMPARE(a.boundingRect(), b.boundingRect());
}

void tst_PlanLayout::edgesRunFromParentBottomToChildTop()
{
    QList<QSizeF> sizes;
    const Plan plan = randomPlan(50, 5, &sizes);
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    QVERIFY(layout.edge(0).isEmpty());
    for (int i = 1; i < plan.nodeCount(); ++i) {
        const QList<QPointF> e = layout.edge(i);
        QCOMPARE(e.size(), 4);
        const QRectF parent = layout.nodeRect(plan.node(i).parentId);
        const QRectF child = layout.nodeRect(i);
        QCOMPARE(e.first(), QPointF(parent.center().x(), parent.bottom()));
        QCOMPARE(e.last(), QPointF(child.center().x(), child.top()));
        QCOMPARE(e.at(1).y(), e.at(2).y());
        QVERIFY(e.at(1).y() > parent.bottom() && e.at(1).y() < child.top());
    }
}

void tst_PlanLayout::lookupsFindWhatIsThere_data()
{
    addShapes();
}

void tst_PlanLayout::lookupsFindWhatIsThere()
{
    QFETCH(int, nodes);
    QFETCH(quint32, seed);
    QList<QSizeF> sizes;
    const Plan plan = randomPlan(nodes, seed, &sizes);
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    QRandomGenerator rng(seed + 100);
    const QRectF bounds = layout.boundingRect();
    for (int probe = 0; probe < 50; ++probe) {
        const QRectF view(bounds.left() + rng.bounded(bounds.width()),
                          bounds.top() + rng.bounded(bounds.height()), 50 + rng.bounded(900.0),
                          50 + rng.bounded(700.0));
        QList<int> expected;
        for (int i = 0; i < nodes; ++i) {
            if (layout.nodeRect(i).intersects(view))
                expected.append(i);
        }
        QList<int> found = layout.nodesIn(view);
        std::sort(found.begin(), found.end());
        QCOMPARE(found, expected);
        const QPointF point = view.center();
        int under = -1;
        for (int i = 0; i < nodes; ++i) {
            if (layout.nodeRect(i).contains(point))
                under = i;
        }
        QCOMPARE(layout.nodeAt(point), under);
    }
    QCOMPARE(layout.nodeAt(layout.nodeRect(0).center()), 0);
    QCOMPARE(layout.nodeAt(QPointF(-10, -10)), -1);
}

void tst_PlanLayout::edgesCrossingTheViewAreFound()
{
    QList<QSizeF> sizes;
    const Plan plan = randomPlan(2000, 9, &sizes);
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    QRandomGenerator rng(99);
    const QRectF bounds = layout.boundingRect();
    // Brute force: an edge crosses the view when one of its three segments does.
    const auto crosses = [&layout](int id, const QRectF &view) {
        const QList<QPointF> e = layout.edge(id);
        for (int s = 0; s + 1 < e.size(); ++s) {
            const QRectF seg = QRectF(e.at(s), e.at(s + 1)).normalized().adjusted(0, 0, 0.001, 0.001);
            if (seg.intersects(view))
                return true;
        }
        return false;
    };
    for (int probe = 0; probe < 60; ++probe) {
        const QRectF view(bounds.left() + rng.bounded(bounds.width()),
                          bounds.top() + rng.bounded(bounds.height()), 20 + rng.bounded(600.0),
                          20 + rng.bounded(300.0));
        const QList<int> found = layout.edgesIn(view);
        // Siblings share the parent's stem and, on one side, the bus: one of them drawn
        // covers the part of the others that crosses the view.
        for (int i = 1; i < plan.nodeCount(); ++i) {
            if (!crosses(i, view) || found.contains(i))
                continue;
            const QList<int> siblings = plan.node(plan.node(i).parentId).childIds;
            const bool covered = std::any_of(siblings.cbegin(), siblings.cend(), [&](int s) {
                return found.contains(s)
                       && (layout.nodeRect(s).center().x() < layout.nodeRect(plan.node(i).parentId).center().x())
                              == (layout.nodeRect(i).center().x() < layout.nodeRect(plan.node(i).parentId).center().x());
            });
            QVERIFY2(covered, qPrintable(QStringLiteral("edge %1 missed").arg(i)));
        }
        QVERIFY(found.size() <= layout.nodesIn(view.adjusted(0, -100, 0, 100)).size() + 400);
    }
}

void tst_PlanLayout::deepChainDoesNotOverflowTheStack()
{
    QList<QSizeF> sizes;
    const Plan plan = chain(20000, &sizes);
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    QCOMPARE(layout.nodeRect(19999).center().x(), layout.nodeRect(0).center().x());
    QCOMPARE(layout.boundingRect().width(), 120.0);
    QCOMPARE(layout.nodeAt(layout.nodeRect(12345).center()), 12345);
}

void tst_PlanLayout::tenThousandNodesTakeMilliseconds()
{
    QList<QSizeF> fanSizes;
    const Plan fan = fanOut(10000, &fanSizes);
    QList<QSizeF> randomSizes;
    const Plan random = randomPlan(10000, 17, &randomSizes);
    QElapsedTimer timer;
    timer.start();
    const PlanLayout a = PlanLayout::compute(fan, fanSizes);
    const PlanLayout b = PlanLayout::compute(random, randomSizes);
    const qint64 ms = timer.elapsed();
    QCOMPARE(a.nodeCount(), 10001);
    QCOMPARE(b.nodeCount(), 10000);
    // A few ms in Release; the bound leaves room for Debug, sanitizers and a busy machine.
    QVERIFY2(ms < 500, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    QCOMPARE(a.boundingRect().width(), 10000 * 180.0 + 9999 * 24.0);
    const QRectF view(900000, 0, 1000, 400);
    QVERIFY(a.nodesIn(view).size() <= 7);
    QVERIFY(a.edgesIn(view).size() <= 9);
}

void tst_PlanLayout::emptyPlanGivesEmptyLayout()
{
    const PlanLayout layout = PlanLayout::compute(Plan(), {});
    QVERIFY(layout.isEmpty());
    QVERIFY(layout.nodesIn(QRectF(0, 0, 100, 100)).isEmpty());
    QCOMPARE(layout.nodeAt(QPointF(1, 1)), -1);
}

QTEST_GUILESS_MAIN(tst_PlanLayout)
#include "tst_planlayout.moc"
