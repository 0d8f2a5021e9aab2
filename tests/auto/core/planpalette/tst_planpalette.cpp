// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/planpalette.h"

#include <QTest>

#include <cmath>

using namespace Strata;

class tst_PlanPalette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textIsReadableOnEveryBoxFill_data();
    void textIsReadableOnEveryBoxFill();
    void hotterNodesGetRedderBoxes();
    void heatIsTheExclusiveTimeShareWithAnalyze();
    void heatIsTheExclusiveCostShareWithoutAnalyze();
    void edgeWidthGrowsWithRowsOnALogScale_data();
    void edgeWidthGrowsWithRowsOnALogScale();
    void worstSeverityWinsPerNode();
    void hexIsSixDigits();
};

namespace {

double luminance(quint32 rgb)
{
    const auto channel = [](double v) {
        v /= 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff)
           + 0.0722 * channel(rgb & 0xff);
}

double contrast(quint32 a, quint32 b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

PlanDocument threeNodes(bool analyze)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    PlanNode root;
    root.nodeType = QStringLiteral("Hash Join");
    root.totalCost = 100;
    root.estimatedRows = 10;
    PlanNode a;
    a.nodeType = QStringLiteral("Seq Scan");
    a.totalCost = 70;
    a.estimatedRows = 1000000;
    PlanNode b = a;
    b.totalCost = 10;
    b.estimatedRows = 0;
    if (analyze) {
        for (PlanNode *n : {&root, &a, &b}) {
            n->actualLoops = 1;
            n->actualRows = 5;
        }
        root.actualTotalMs = 10;
        a.actualTotalMs = 2;
        b.actualTotalMs = 6;
    }
    plan.addNode(root, -1);
    plan.addNode(a, 0);
    plan.addNode(b, 0);
    return PlanDocument::analyze(plan, {});
}

} // namespace

void tst_PlanPalette::textIsReadableOnEveryBoxFill_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void tst_PlanPalette::textIsReadableOnEveryBoxFill()
{
    QFETCH(bool, dark);
    const PlanPalette p = dark ? PlanPalette::dark() : PlanPalette::light();
    QCOMPARE(p.isDark(), dark);
    for (int step = 0; step <= 20; ++step) {
        const quint32 fill = p.boxFill(step / 20.0);
        for (quint32 ink : {p.colors().text, p.colors().mutedText, p.colors().misestimate}) {
            const double ratio = contrast(ink, fill);
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3:1")
                                                  .arg(PlanPalette::hex(ink), PlanPalette::hex(fill))
                                                  .arg(ratio)));
        }
    }
    for (auto s : {PlanFinding::Severity::Info, PlanFinding::Severity::Warning,
                   PlanFinding::Severity::Critical})
        QVERIFY(contrast(p.badgeText(s), p.badgeFill(s)) >= 4.5);
    // Outlines and edges stand out from the background.
    QVERIFY(contrast(p.colors().selection, p.colors().background) >= 3.0);
    QVERIFY(contrast(p.colors().match, p.colors().background) >= 3.0);
    QVERIFY(contrast(p.colors().border, p.colors().background) >= 2.0);
}

void tst_PlanPalette::hotterNodesGetRedderBoxes()
{
    const PlanPalette p = PlanPalette::light();
    const auto redness = [](quint32 rgb) {
        return int((rgb >> 16) & 0xff) - int(rgb & 0xff); // red minus blue
    };
    int previous = redness(p.boxFill(0));
    for (int step = 1; step <= 10; ++step) {
        const int r = redness(p.boxFill(step / 10.0));
        QVERIFY(r >= previous);
        previous = r;
    }
    QVERIFY(redness(p.boxFill(1.0)) > redness(p.boxFill(0.0)) + 100);
    QCOMPARE(p.boxFill(-1), p.boxFill(0));
    QCOMPARE(p.boxFill(qQNaN()), p.boxFill(0));
}

void tst_PlanPalette::heatIsTheExclusiveTimeShareWithAnalyze()
{
    const QList<double> heats = PlanPalette::heats(threeNodes(true));
    QCOMPARE(heats.size(), 3);
    QCOMPARE(heats.at(0), 0.2); // 10 − 2 − 6 of 10
    QCOMPARE(heats.at(1), 0.2);
    QCOMPARE(heats.at(2), 0.6);
}

void tst_PlanPalette::heatIsTheExclusiveCostShareWithoutAnalyze()
{
    const QList<double> heats = PlanPalette::heats(threeNodes(false));
    QCOMPARE(heats.at(0), 0.2); // 100 − 70 − 10 of 100
    QCOMPARE(heats.at(1), 0.7);
    QCOMPARE(heats.at(2), 0.1);
}

void tst_PlanPalette::edgeWidthGrowsWithRowsOnALogScale_data()
{
    QTest::addColumn<double>("rows");
    QTest::addColumn<double>("width");
    QTest::newRow("none") << 0.0 << 1.0;
    QTest::newRow("nine") << 9.0 << 2.0;
    QTest::newRow("a million") << 999999.0 << 7.0;
    QTest::newRow("clamped") << 1e15 << 9.0;
}

void tst_PlanPalette::edgeWidthGrowsWithRowsOnALogScale()
{
    QFETCH(double, rows);
    QFETCH(double, width);
    Plan plan;
    plan.addNode(PlanNode(), -1);
    PlanNode child;
    child.estimatedRows = rows;
    plan.addNode(child, 0);
    QCOMPARE(PlanPalette::edgeWidth(PlanDocument::analyze(plan, {}), 1), width);
    // Actual rows (× loops) win over the estimate.
    plan.nodes[1].estimatedRows = 1;
    plan.nodes[1].actualRows = rows / 2;
    plan.nodes[1].actualLoops = 2;
    QCOMPARE(PlanPalette::edgeWidth(PlanDocument::analyze(plan, {}), 1), width);
}

void tst_PlanPalette::worstSeverityWinsPerNode()
{
    PlanDocument doc = threeNodes(true);
    doc.findings = {{2, QStringLiteral("a"), PlanFinding::Severity::Info, QStringLiteral("x")},
                    {2, QStringLiteral("b"), PlanFinding::Severity::Critical, QStringLiteral("y")},
                    {1, QStringLiteral("c"), PlanFinding::Severity::Warning, QStringLiteral("z")},
                    {99, QStringLiteral("d"), PlanFinding::Severity::Warning, QStringLiteral("w")}};
    const QList<int> worst = PlanPalette::worstSeverities(doc);
    QCOMPARE(worst, (QList<int>{-1, int(PlanFinding::Severity::Warning),
                                int(PlanFinding::Severity::Critical)}));
}

void tst_PlanPalette::hexIsSixDigits()
{
    QCOMPARE(PlanPalette::hex(0xff00a0ff), QStringLiteral("#00a0ff"));
    QCOMPARE(PlanPalette::hex(0xff000001), QStringLiteral("#000001"));
}

QTEST_GUILESS_MAIN(tst_PlanPalette)
#include "tst_planpalette.moc"
