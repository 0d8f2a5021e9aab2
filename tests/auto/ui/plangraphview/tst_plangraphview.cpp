// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plangraphview.h"

#include "explain/plannodeselection.h"
#include "plangraphplans.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace Strata;

class tst_PlanGraphView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void clickingANodeSelectsIt();
    void clickingEmptySpaceKeepsTheSelection();
    void selectingElsewhereScrollsTheNodeIntoView();
    void ctrlWheelZoomsAboutTheCursor();
    void plainWheelScrolls();
    void draggingPans();
    void arrowKeysPan();
    void fitShowsTheWholeGraph();
    void zoomStaysWithinItsLimits();
    void searchHighlightsAndJumpsThroughMatches_data();
    void searchHighlightsAndJumpsThroughMatches();
    void toolTipShowsFindingsAsLiteralText();
    void darkPaletteGivesDarkGraph();
    void selectedNodeIsOutlined();
    void onlyVisibleNodesArePaintedSoLargePlansStayFast();
    void farOutTheHotNodeAndTheSelectionStillShow();
    void zoomedOutBoxesKeepReadableNodeTypes_data();
    void zoomedOutBoxesKeepReadableNodeTypes();
    void renderedImageHasTheWholeGraph();
    void emptyDocumentDrawsNothing();

private:
    PlanNodeSelection *m_selection = nullptr;
    PlanGraphView *m_view = nullptr;
};

void tst_PlanGraphView::init()
{
    m_selection = new PlanNodeSelection;
    m_view = new PlanGraphView(m_selection);
    m_view->resize(900, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void tst_PlanGraphView::cleanup()
{
    delete m_view;
    delete m_selection;
}

void tst_PlanGraphView::clickingANodeSelectsIt()
{
    m_view->setDocument(Test::smallPlan(QStringLiteral("orders")));
    QSignalSpy changed(m_selection, &PlanNodeSelection::currentNodeChanged);
    for (int id : {3, 1, 0}) {
        const QRectF r = m_view->nodeViewportRect(id);
        QVERIFY(QRectF(m_view->viewport()->rect()).contains(r));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, r.center().toPoint());
        QCOMPARE(m_selection->currentNode(), id);
    }
    QCOMPARE(changed.count(), 3);
}

void tst_PlanGraphView::clickingEmptySpaceKeepsTheSelection()
{
    m_view->setDocument(Test::smallPlan(QStringLiteral("orders")));
    m_selection->setCurrentNode(2);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(3, 3));
    QCOMPARE(m_selection->currentNode(), 2);
}

void tst_PlanGraphView::selectingElsewhereScrollsTheNodeIntoView()
{
    m_view->setDocument(Test::fanOutPlan(2000));
    const QRectF viewport(m_view->viewport()->rect());
    for (int id : {1777, 3, 2000, 0}) {
        m_selection->setCurrentNode(id);
        QVERIFY2(viewport.contains(m_view->nodeViewportRect(id)),
                 qPrintable(QStringLiteral("node %1 not visible").arg(id)));
    }
}

void tst_PlanGraphView::ctrlWheelZoomsAboutTheCursor()
{
    // Large enough at 2× to scroll both ways: the point under the cursor stays put.
    m_view->setDocument(Test::smallPlan(QStringLiteral("t")));
    m_view->setZoom(2.0);
    QVERIFY(m_view->horizontalScrollBar()->maximum() > 0);
    QVERIFY(m_view->verticalScrollBar()->maximum() > 0);
    const QPointF cursor(300, 200);
    const QPointF before = m_view->viewportToScene(cursor);
    QSignalSpy zoomed(m_view, &PlanGraphView::zoomChanged);
    QWheelEvent wheel(cursor, m_view->viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view->viewport(), &wheel);
    QCOMPARE(zoomed.count(), 1);
    QCOMPARE(m_view->zoom(), 2.5);
    const QPointF after = m_view->viewportToScene(cursor);
    QVERIFY2(QLineF(before, after).length() < 2.0 / m_view->zoom(),
             qPrintable(QStringLiteral("moved by %1").arg(QLineF(before, after).length())));
}

void tst_PlanGraphView::plainWheelScrolls()
{
    m_view->setDocument(Test::smallPlan(QStringLiteral("t")));
    m_view->setZoom(4.0);
    const int before = m_view->verticalScrollBar()->value();
    const QPointF at(200, 200);
    QWheelEvent wheel(at, m_view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view->viewport(), &wheel);
    QCOMPARE(m_view->zoom(), 4.0);
    QVERIFY(m_view->verticalScrollBar()->value() > before);
}

void tst_PlanGraphView::draggingPans()
{
    m_view->setDocument(Test::fanOutPlan(200));
    m_view->resetZoom();
    m_selection->setCurrentNode(100);
    const int h = m_view->horizontalScrollBar()->value();
    QWidget *vp = m_view->viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, QPoint(400, 300));
    QTest::mouseMove(vp, QPoint(380, 300));
    QTest::mouseMove(vp, QPoint(250, 280));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, QPoint(250, 280));
    QCOMPARE(m_view->horizontalScrollBar()->value(), h + 150);
    QCOMPARE(m_selection->currentNode(), 100); // a drag is not a click
}

void tst_PlanGraphView::arrowKeysPan()
{
    m_view->setDocument(Test::fanOutPlan(200));
    m_view->resetZoom();
    m_view->setFocus();
    const int h = m_view->horizontalScrollBar()->value();
    QTest::keyClick(m_view, Qt::Key_Right);
    QCOMPARE(m_view->horizontalScrollBar()->value(), h + m_view->horizontalScrollBar()->singleStep());
    QTest::keyClick(m_view, Qt::Key_Left);
    QCOMPARE(m_view->horizontalScrollBar()->value(), h);
}

void tst_PlanGraphView::fitShowsTheWholeGraph()
{
    m_view->setDocument(Test::fanOutPlan(300));
    m_view->fitToView();
    const QRectF viewport(m_view->viewport()->rect());
    for (int id : {0, 1, 150, 300})
        QVERIFY(viewport.contains(m_view->nodeViewportRect(id)));
    QCOMPARE(m_view->zoom(), m_view->fitZoom());
    QVERIFY(m_view->zoom() < 0.1);
    // A small plan is never blown up beyond 100%.
    m_view->setDocument(Test::smallPlan(QStringLiteral("t")));
    m_view->fitToView();
    QCOMPARE(m_view->zoom(), 1.0);
}

void tst_PlanGraphView::zoomStaysWithinItsLimits()
{
    m_view->setDocument(Test::fanOutPlan(20));
    for (int i = 0; i < 40; ++i)
        m_view->zoomIn();
    QCOMPARE(m_view->zoom(), PlanGraphView::maxZoom);
    for (int i = 0; i < 80; ++i)
        m_view->zoomOut();
    QCOMPARE(m_view->zoom(), m_view->minZoom());
    m_view->resetZoom();
    QCOMPARE(m_view->zoom(), 1.0);
}

void tst_PlanGraphView::searchHighlightsAndJumpsThroughMatches_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<QList<int>>("matches");
    QTest::newRow("type") << "scan" << QList<int>{1, 3};
    QTest::newRow("relation") << "<SCRIPT>" << QList<int>{1};
    QTest::newRow("index") << "customers_pkey" << QList<int>{3};
    QTest::newRow("condition") << "'late'" << QList<int>{1};
    QTest::newRow("alias") << "o" << QList<int>{0, 1, 3}; // "Hash Join", "Seq Scan", "customers"
    QTest::newRow("none") << "lineitem" << QList<int>{};
}

void tst_PlanGraphView::searchHighlightsAndJumpsThroughMatches()
{
    QFETCH(QString, needle);
    QFETCH(QList<int>, matches);
    m_view->setDocument(Test::smallPlan(QStringLiteral("<script>&\"'")));
    QSignalSpy changed(m_view, &PlanGraphView::matchesChanged);
    m_view->setSearchText(needle);
    QCOMPARE(m_view->matches(), matches);
    QCOMPARE(changed.last().at(1).toInt(), int(matches.size()));
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < matches.size(); ++i) {
            m_view->nextMatch();
            QCOMPARE(m_selection->currentNode(), matches.at(i));
            QCOMPARE(m_view->currentMatchIndex(), i);
        }
    }
    if (!matches.isEmpty()) {
        m_view->previousMatch();
        QCOMPARE(m_selection->currentNode(), matches.at((matches.size() * 2 - 2) % matches.size()));
    }
}

void tst_PlanGraphView::toolTipShowsFindingsAsLiteralText()
{
    const QString hostile = QStringLiteral("<b>x</b>&\"'");
    m_view->setDocument(Test::smallPlan(hostile));
    const QString tip = m_view->toolTipFor(1);
    QVERIFY(!tip.contains(hostile));
    QVERIFY(tip.contains(hostile.toHtmlEscaped()));
    QVERIFY(tip.contains(QStringLiteral("critical: Seq Scan on ") + hostile.toHtmlEscaped()));
    QVERIFY(m_view->toolTipFor(-1).isEmpty());
}

void tst_PlanGraphView::darkPaletteGivesDarkGraph()
{
    m_view->setDocument(Test::smallPlan(QStringLiteral("t")));
    QVERIFY(!m_view->isDarkTheme());
    const QColor lightBackground = m_view->viewport()->grab().toImage().pixelColor(2, 2);
    QPalette dark = m_view->palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, Qt::white);
    m_view->setPalette(dark);
    QVERIFY(m_view->isDarkTheme());
    const QColor darkBackground = m_view->viewport()->grab().toImage().pixelColor(2, 2);
    QVERIFY(lightBackground.lightness() > 200);
    QVERIFY(darkBackground.lightness() < 60);
}

void tst_PlanGraphView::selectedNodeIsOutlined()
{
    m_view->setDocument(Test::smallPlan(QStringLiteral("t")));
    const QRectF r = m_view->nodeViewportRect(3);
    const QPoint justOutside(int(r.center().x()), int(r.top()) - 3);
    const QColor before = m_view->viewport()->grab().toImage().pixelColor(justOutside);
    m_selection->setCurrentNode(3);
    const QColor after = m_view->viewport()->grab().toImage().pixelColor(justOutside);
    QVERIFY(before != after);
    QCOMPARE(after, QColor::fromRgb(PlanPalette::light().colors().selection));
}

void tst_PlanGraphView::onlyVisibleNodesArePaintedSoLargePlansStayFast()
{
    QElapsedTimer timer;
    timer.start();
    m_view->setDocument(Test::fanOutPlan(10000));
    (void)m_view->viewport()->grab();
    const qint64 first = timer.elapsed();
    m_view->resetZoom();
    timer.restart();
    for (int i = 0; i < 20; ++i) {
        m_view->horizontalScrollBar()->setValue(m_view->horizontalScrollBar()->value() + 37);
        (void)m_view->viewport()->grab();
    }
    const qint64 pans = timer.elapsed();
    // Generous bounds (Debug build, shared machine); tests/bench/explain measures for real.
    QVERIFY2(first < 5000, qPrintable(QStringLiteral("first %1 ms").arg(first)));
    QVERIFY2(pans < 2000, qPrintable(QStringLiteral("20 pans %1 ms").arg(pans)));
    QCOMPARE(m_view->planLayout().nodeCount(), 10001);
}

void tst_PlanGraphView::farOutTheHotNodeAndTheSelectionStillShow()
{
    Plan plan = Test::fanOutPlan(3000)->plan;
    plan.nodes[1500].actualTotalMs = 150; // most of the Append's 180 ms
    auto doc = std::make_shared<const PlanDocument>(PlanDocument::analyze(plan, {}));
    m_view->setDocument(doc);
    m_view->fitToView();
    QVERIFY(m_view->zoom() < 0.01); // thousands of boxes per pixel column band
    m_selection->setCurrentNode(2999);
    const QImage image = m_view->viewport()->grab().toImage();
    const PlanPalette palette = PlanPalette::light();
    const QColor hot = QColor::fromRgb(palette.boxFill(PlanPalette::heats(*doc).at(1500)));
    const QColor selection = QColor::fromRgb(palette.colors().selection);
    bool sawHot = false;
    bool sawSelection = false;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            sawHot = sawHot || c == hot;
            sawSelection = sawSelection || c == selection;
        }
    }
    QVERIFY(sawHot);
    QVERIFY(sawSelection);
}

void tst_PlanGraphView::zoomedOutBoxesKeepReadableNodeTypes_data()
{
    QTest::addColumn<double>("zoom");
    QTest::addColumn<bool>("text");
    QTest::newRow("100%") << 1.0 << true;
    QTest::newRow("30%: node types") << 0.3 << true;
    QTest::newRow("10%: boxes only") << 0.1 << false;
}

void tst_PlanGraphView::zoomedOutBoxesKeepReadableNodeTypes()
{
    QFETCH(double, zoom);
    QFETCH(bool, text);
    m_view->setDocument(Test::smallPlan(QStringLiteral("t")));
    m_view->setZoom(zoom);
    const QImage image = m_view->viewport()->grab().toImage();
    // Text ink is the only dark colour inside a box (borders are mid-grey).
    const QRect box = m_view->nodeViewportRect(2).toAlignedRect().adjusted(2, 2, -2, -2);
    int dark = 0;
    for (int y = box.top(); y <= box.bottom(); ++y) {
        for (int x = box.left(); x <= box.right(); ++x)
            dark += image.pixelColor(x, y).lightness() < 90 ? 1 : 0;
    }
    QCOMPARE(dark > 5, text);
}

void tst_PlanGraphView::renderedImageHasTheWholeGraph()
{
    m_view->setDocument(Test::smallPlan(QStringLiteral("t")));
    const QImage image = m_view->renderImage(2.0);
    QCOMPARE(image.size(), m_view->imageSize(2.0));
    const QImage half = m_view->renderImage(0.5);
    QVERIFY(std::abs(half.width() * 4 - image.width()) <= 4);
    // The hottest node's fill is in the picture.
    const QColor hot = QColor::fromRgb(PlanPalette::light().boxFill(PlanPalette::heats(*m_view->document()).at(1)));
    const QRectF box = m_view->planLayout().nodeRect(1);
    const QPointF inBox = (box.bottomLeft() + QPointF(3, -3) - m_view->planLayout().boundingRect().topLeft()
                           + QPointF(24, 24)) * 2.0;
    QCOMPARE(image.pixelColor(inBox.toPoint()), hot);
}

void tst_PlanGraphView::emptyDocumentDrawsNothing()
{
    m_view->setDocument(nullptr);
    QVERIFY(m_view->planLayout().isEmpty());
    (void)m_view->viewport()->grab();
    m_view->setSearchText(QStringLiteral("x"));
    m_view->nextMatch();
    m_view->zoomIn();
    m_view->fitToView();
    QCOMPARE(m_selection->currentNode(), -1);
    m_view->setDocument(std::make_shared<PlanDocument>());
    QVERIFY(m_view->planLayout().isEmpty());
}

QTEST_MAIN(tst_PlanGraphView)
#include "tst_plangraphview.moc"
