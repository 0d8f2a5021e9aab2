// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plangraphpage.h"

#include "explain/plangraphview.h"
#include "explain/plannodeselection.h"
#include "plangraphplans.h"

#include <QAction>
#include <QFile>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QXmlStreamReader>

using namespace Strata;

class tst_PlanGraphPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void everyActionHasATooltipAndIsOnTheToolBar();
    void shortcutsZoomFitAndReset_data();
    void shortcutsZoomFitAndReset();
    void ctrlFFocusesSearchAndEnterSelectsTheNextMatch();
    void matchCountIsShown();
    void exportSvgWritesTheChosenFile();
    void exportPngWritesAnImageOfTheWholeGraph();
    void cancellingTheFileDialogWritesNothing();
    void tooLargeForPngIsRefusedWithOneSentence();
    void unwritablePathIsReported();
    void actionsAreDisabledWithoutAPlan();

private:
    PlanNodeSelection *m_selection = nullptr;
    PlanGraphPage *m_page = nullptr;
    QTemporaryDir *m_dir = nullptr;
    QStringList m_errors;
    QString m_chosen;
    int m_asked = 0;
};

void tst_PlanGraphPage::init()
{
    m_selection = new PlanNodeSelection;
    m_page = new PlanGraphPage(m_selection);
    m_dir = new QTemporaryDir;
    m_errors.clear();
    m_chosen.clear();
    m_asked = 0;
    m_page->setFileChooser([this](const QString &, const QString &, const QString &) {
        ++m_asked;
        return m_chosen;
    });
    m_page->setErrorReporter([this](const QString &message) { m_errors.append(message); });
    m_page->resize(1000, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
    m_page->activateWindow();
    m_page->view()->setFocus();
}

void tst_PlanGraphPage::cleanup()
{
    delete m_page;
    delete m_selection;
    delete m_dir;
}

void tst_PlanGraphPage::everyActionHasATooltipAndIsOnTheToolBar()
{
    const QList<QAction *> onBar = m_page->toolBar()->actions();
    for (QAction *a : {m_page->zoomInAction(), m_page->zoomOutAction(), m_page->fitAction(),
                       m_page->actualSizeAction(), m_page->nextMatchAction(),
                       m_page->previousMatchAction(), m_page->exportSvgAction(),
                       m_page->exportPngAction()}) {
        QVERIFY2(!a->toolTip().isEmpty(), qPrintable(a->text()));
        QVERIFY2(onBar.contains(a), qPrintable(a->text()));
    }
    QVERIFY(!m_page->findAction()->shortcut().isEmpty());
    QVERIFY(!m_page->searchField()->toolTip().isEmpty());
    QMenu *menu = m_page->contextMenu();
    for (QAction *a : {m_page->zoomInAction(), m_page->fitAction(), m_page->findAction(),
                       m_page->exportSvgAction(), m_page->exportPngAction()})
        QVERIFY2(menu->actions().contains(a), qPrintable(a->text()));
    delete menu;
}

void tst_PlanGraphPage::shortcutsZoomFitAndReset_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<double>("zoom"); // -1: the fit zoom
    QTest::newRow("ctrl+=") << int(Qt::Key_Equal) << 1.25;
    QTest::newRow("ctrl+-") << int(Qt::Key_Minus) << 0.8;
    QTest::newRow("ctrl+0") << int(Qt::Key_0) << -1.0;
    QTest::newRow("ctrl+1") << int(Qt::Key_1) << 1.0;
}

void tst_PlanGraphPage::shortcutsZoomFitAndReset()
{
    QFETCH(int, key);
    QFETCH(double, zoom);
    m_page->setDocument(Test::fanOutPlan(100));
    m_page->view()->resetZoom();
    if (key == Qt::Key_1)
        m_page->view()->setZoom(0.5);
    QTest::keyClick(m_page->view(), Qt::Key(key), Qt::ControlModifier);
    QCOMPARE(m_page->view()->zoom(), zoom < 0 ? m_page->view()->fitZoom() : zoom);
}

void tst_PlanGraphPage::ctrlFFocusesSearchAndEnterSelectsTheNextMatch()
{
    m_page->setDocument(Test::smallPlan(QStringLiteral("orders")));
    QTest::keyClick(m_page->view(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_page->searchField()->hasFocus());
    QTest::keyClicks(m_page->searchField(), QStringLiteral("scan"));
    QTest::keyClick(m_page->searchField(), Qt::Key_Return);
    QCOMPARE(m_selection->currentNode(), 1);
    QTest::keyClick(m_page->searchField(), Qt::Key_F3);
    QCOMPARE(m_selection->currentNode(), 3);
    QTest::keyClick(m_page->searchField(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(m_selection->currentNode(), 1);
    QTest::keyClick(m_page->searchField(), Qt::Key_Escape);
    QVERIFY(m_page->searchField()->text().isEmpty());
    QVERIFY(m_page->view()->matches().isEmpty());
    QTRY_VERIFY(m_page->view()->hasFocus());
    QCOMPARE(m_selection->currentNode(), 1); // the selection stays
}

void tst_PlanGraphPage::matchCountIsShown()
{
    m_page->setDocument(Test::smallPlan(QStringLiteral("orders")));
    QVERIFY(m_page->matchLabel()->text().isEmpty());
    m_page->searchField()->setText(QStringLiteral("scan"));
    QCOMPARE(m_page->matchLabel()->text(), QStringLiteral("2 matches"));
    QVERIFY(m_page->nextMatchAction()->isEnabled());
    m_page->nextMatchAction()->trigger();
    QCOMPARE(m_page->matchLabel()->text(), QStringLiteral("1 of 2"));
    m_page->searchField()->setText(QStringLiteral("nothing like it"));
    QCOMPARE(m_page->matchLabel()->text(), QStringLiteral("No matches"));
    QVERIFY(!m_page->nextMatchAction()->isEnabled());
    QCOMPARE(m_page->matchLabel()->textFormat(), Qt::PlainText);
}

void tst_PlanGraphPage::exportSvgWritesTheChosenFile()
{
    const QString hostile = QStringLiteral("<script>&\"'");
    m_page->setDocument(Test::smallPlan(hostile));
    m_chosen = m_dir->filePath(QStringLiteral("plan.svg"));
    m_page->exportSvgAction()->trigger();
    QCOMPARE(m_asked, 1);
    QVERIFY(m_errors.isEmpty());
    QFile file(m_chosen);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(file.readAll());
    int nodes = 0;
    bool hostileText = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"g"
            && xml.attributes().value(QLatin1String("class")) == u"node")
            ++nodes;
        if (xml.isStartElement() && xml.name() == u"text")
            hostileText = hostileText || xml.readElementText().contains(hostile);
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(nodes, 4);
    QVERIFY(hostileText);
}

void tst_PlanGraphPage::exportPngWritesAnImageOfTheWholeGraph()
{
    m_page->setDocument(Test::smallPlan(QStringLiteral("orders")));
    m_chosen = m_dir->filePath(QStringLiteral("plan.png"));
    m_page->exportPngAction()->trigger();
    QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(u'\n')));
    QImageReader reader(m_chosen);
    QCOMPARE(reader.format(), QByteArray("png"));
    const std::optional<double> scale = m_page->pngScale();
    QVERIFY(scale);
    QCOMPARE(*scale, 2.0);
    QCOMPARE(reader.size(), m_page->view()->imageSize(*scale));
}

void tst_PlanGraphPage::cancellingTheFileDialogWritesNothing()
{
    m_page->setDocument(Test::smallPlan(QStringLiteral("orders")));
    m_page->exportSvgAction()->trigger();
    m_page->exportPngAction()->trigger();
    QCOMPARE(m_asked, 2);
    QVERIFY(m_errors.isEmpty());
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void tst_PlanGraphPage::tooLargeForPngIsRefusedWithOneSentence()
{
    m_page->setDocument(Test::fanOutPlan(10000));
    QVERIFY(!m_page->pngScale());
    m_chosen = m_dir->filePath(QStringLiteral("huge.png"));
    m_page->exportPngAction()->trigger();
    QCOMPARE(m_errors.size(), 1);
    QVERIFY2(m_errors.first().contains(QStringLiteral("too large for a PNG")), qPrintable(m_errors.first()));
    QVERIFY(m_errors.first().contains(QStringLiteral("SVG")));
    QVERIFY(!QFile::exists(m_chosen));
    // SVG has no such limit.
    m_chosen = m_dir->filePath(QStringLiteral("huge.svg"));
    m_page->exportSvgAction()->trigger();
    QCOMPARE(m_errors.size(), 1);
    QVERIFY(QFileInfo(m_chosen).size() > 1000000);
}

void tst_PlanGraphPage::unwritablePathIsReported()
{
    m_page->setDocument(Test::smallPlan(QStringLiteral("orders")));
    m_chosen = m_dir->filePath(QStringLiteral("no/such/folder/plan.svg"));
    m_page->exportSvgAction()->trigger();
    m_chosen = m_dir->filePath(QStringLiteral("no/such/folder/plan.png"));
    m_page->exportPngAction()->trigger();
    QCOMPARE(m_errors.size(), 2);
    for (const QString &e : std::as_const(m_errors))
        QVERIFY2(e.startsWith(QStringLiteral("Cannot write ")), qPrintable(e));
}

void tst_PlanGraphPage::actionsAreDisabledWithoutAPlan()
{
    for (QAction *a : {m_page->zoomInAction(), m_page->fitAction(), m_page->exportSvgAction(),
                       m_page->exportPngAction(), m_page->nextMatchAction()})
        QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
    m_page->setDocument(Test::smallPlan(QStringLiteral("orders")));
    for (QAction *a : {m_page->zoomInAction(), m_page->fitAction(), m_page->exportSvgAction(),
                       m_page->exportPngAction()})
        QVERIFY2(a->isEnabled(), qPrintable(a->text()));
}

QTEST_MAIN(tst_PlanGraphPage)
#include "tst_plangraphpage.moc"
