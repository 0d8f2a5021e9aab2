// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plancomparemodel.h"
#include "explain/plancompareview.h"
#include "explain/planfeature.h"
#include "explain/planrawview.h"
#include "explain/planview.h"
#include "guitestsupport.h"
#include "plancorpus.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_PlanFeature : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void actionsSitInTheMenusWithShortcutsAndTooltips();
    void openPlanOpensTheFileInItsOwnTab_data();
    void openPlanOpensTheFileInItsOwnTab();
    void pastePlanReadsTheClipboard();
    void badInputGivesOneMessageAndChangesNothing_data();
    void badInputGivesOneMessageAndChangesNothing();
    void cancelledFileDialogDoesNothing();
    void compareWithOffersTheOtherPlansAndAFile();

private:
    std::unique_ptr<ConnectionManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    PlanFeature *m_plans = nullptr;
    QStringList m_errors;
    QString m_clipboard;
    QString m_chosen;
};

void tst_PlanFeature::initTestCase()
{
    qRegisterMetaType<Strata::PlanView *>();
    m_manager = Test::freshGuiManager(u"strata-test-planfeature"_s);
    if (!m_manager->plugins()->pluginObject(u"postgresql"_s))
        QSKIP("the postgresql plugin is not built");
    m_window = std::make_unique<MainWindow>(m_manager.get());
    m_window->installDefaultFeatures();
    m_plans = m_window->feature<PlanFeature>();
    QVERIFY(m_plans);
    m_plans->setErrorReporter(
        [this](const QString &, const QString &message) { m_errors.append(message); });
    m_plans->setClipboardReader([this] { return m_clipboard; });
    m_plans->setFileChooser([this] { return m_chosen; });
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_PlanFeature::cleanupTestCase()
{
    m_window.reset();
    m_manager.reset();
}

void tst_PlanFeature::actionsSitInTheMenusWithShortcutsAndTooltips()
{
    QMenu *file = m_window->menu(MainWindow::Menu::File);
    QVERIFY(file->actions().contains(m_plans->openPlanAction()));
    QVERIFY(m_plans->queryMenu()->actions().contains(m_plans->pastePlanAction()));
    QVERIFY(m_window->menuBar()->actions().contains(m_plans->queryMenu()->menuAction()));
    for (QAction *action : {m_plans->openPlanAction(), m_plans->pastePlanAction(),
                            m_plans->explainAction(), m_plans->explainAnalyzeAction()}) {
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
        QVERIFY2(!action->toolTip().isEmpty(), qPrintable(action->text()));
    }
    // No query tab is current: Explain says what to do.
    QVERIFY(!m_plans->explainAction()->isEnabled());
    QVERIFY(m_plans->explainAction()->toolTip().contains(u"query tab"_s));
}

void tst_PlanFeature::openPlanOpensTheFileInItsOwnTab_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("engine");
    const QStringList json = Test::explainCorpusFiles(u"postgresql-json/pev2"_s, u".json"_s);
    const QStringList text = Test::explainCorpusFiles(u"postgresql-text/pev2_samples"_s, u".txt"_s);
    if (json.isEmpty())
        QSKIP("The EXPLAIN corpora are not there.");
    QTest::newRow("json") << json.value(1) << u"postgresql"_s;
    if (!text.isEmpty())
        QTest::newRow("text") << text.first() << u"postgresql"_s;
}

void tst_PlanFeature::openPlanOpensTheFileInItsOwnTab()
{
    QFETCH(QString, path);
    QFETCH(QString, engine);
    m_errors.clear();
    m_chosen = path;
    QSignalSpy opened(m_plans, &PlanFeature::planOpened);
    const int tabs = m_window->workspace()->count();
    m_plans->openPlanAction()->trigger();
    QVERIFY(opened.wait(30000));
    QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(u'\n')));
    auto *view = qobject_cast<PlanView *>(m_window->workspace()->currentWidget());
    QVERIFY(view);
    QCOMPARE(m_window->workspace()->count(), tabs + 1);
    QCOMPARE(m_window->workspace()->currentWidget(), view);
    const QString name = QFileInfo(path).fileName();
    QCOMPARE(m_window->workspace()->tabText(m_window->workspace()->currentIndex()), name);
    QCOMPARE(view->title(), name);
    QCOMPARE(view->document()->plan.engine, engine);
    QCOMPARE(view->rawView()->toPlainText(), Test::readCorpusFile(path));
    QVERIFY(m_plans->planViews().contains(view));
}

void tst_PlanFeature::pastePlanReadsTheClipboard()
{
    const QStringList json = Test::explainCorpusFiles(u"postgresql-json/pev2"_s, u".json"_s);
    if (json.isEmpty())
        QSKIP("The EXPLAIN corpora are not there.");
    m_errors.clear();
    const QString plan = Test::readCorpusFile(json.first());
    m_clipboard = plan;
    QSignalSpy opened(m_plans, &PlanFeature::planOpened);
    m_plans->pastePlanAction()->trigger();
    QVERIFY(opened.wait(30000));
    auto *view = qobject_cast<PlanView *>(m_window->workspace()->currentWidget());
    QVERIFY(view->title().startsWith(u"Pasted plan"_s));
    QVERIFY(view->document()->plan.nodeCount() > 1);
    QVERIFY(m_errors.isEmpty());
}

void tst_PlanFeature::badInputGivesOneMessageAndChangesNothing_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("random text") << u"hello <b>world</b>; DROP TABLE t; --"_s;
    QTest::newRow("other json") << u"{\"name\": \"x\", \"items\": [1, 2]}"_s;
    QTest::newRow("truncated plan") << u"[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Rel"_s;
}

void tst_PlanFeature::badInputGivesOneMessageAndChangesNothing()
{
    QFETCH(QString, text);
    m_errors.clear();
    const int tabs = m_window->workspace()->count();
    QWidget *current = m_window->workspace()->currentWidget();
    m_clipboard = text;
    QSignalSpy failed(m_plans, &PlanFeature::openFailed);
    m_plans->pastePlanAction()->trigger();
    QVERIFY(failed.wait(30000));
    QCOMPARE(m_errors.size(), 1);
    QVERIFY2(m_errors.first().contains(u"not an EXPLAIN plan"_s), qPrintable(m_errors.first()));
    QCOMPARE(m_window->workspace()->count(), tabs);
    QCOMPARE(m_window->workspace()->currentWidget(), current);

    // A file that is not there, or not a plan: the same.
    m_errors.clear();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bad <plan>.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    file.close();
    QSignalSpy failedAgain(m_plans, &PlanFeature::openFailed);
    m_plans->openPlanFile(path);
    QVERIFY(failedAgain.count() > 0 || failedAgain.wait(30000));
    QCOMPARE(m_errors.size(), 1);
    QVERIFY(m_errors.first().contains(u"bad <plan>.json"_s));
    m_errors.clear();
    m_plans->openPlanFile(dir.filePath(u"missing.json"_s));
    QCOMPARE(m_errors.size(), 1);
    QCOMPARE(m_window->workspace()->count(), tabs);
}

void tst_PlanFeature::cancelledFileDialogDoesNothing()
{
    m_errors.clear();
    m_chosen.clear();
    const int tabs = m_window->workspace()->count();
    m_plans->openPlanAction()->trigger();
    QTest::qWait(50);
    QCOMPARE(m_window->workspace()->count(), tabs);
    QVERIFY(m_errors.isEmpty());
}

void tst_PlanFeature::compareWithOffersTheOtherPlansAndAFile()
{
    const QStringList json = Test::explainCorpusFiles(u"postgresql-json/pev2"_s, u".json"_s);
    if (json.size() < 5)
        QSKIP("The EXPLAIN corpora are not there.");
    m_errors.clear();
    QSignalSpy opened(m_plans, &PlanFeature::planOpened);
    // Files no other test here opens, so the titles are unique.
    m_plans->openPlanFile(json.at(2));
    QVERIFY(opened.wait(30000));
    auto *first = qobject_cast<PlanView *>(m_window->workspace()->currentWidget());
    m_plans->openPlanFile(json.at(3));
    QVERIFY(opened.wait(30000));
    auto *second = qobject_cast<PlanView *>(m_window->workspace()->currentWidget());
    QVERIFY(first && second && first != second);
    QVERIFY(!second->compareButton()->isHidden());
    QVERIFY(second->quickCompareButton()->isHidden()); // not explained in a query tab

    QMenu menu;
    m_plans->fillCompareMenu(second, &menu);
    QStringList texts;
    for (QAction *action : menu.actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    QVERIFY2(texts.contains(first->title()), qPrintable(texts.join(u", "_s)));
    QVERIFY(!texts.contains(second->title()));
    QCOMPARE(texts.last(), u"A plan from a &file…"_s);

    // Another open plan: the comparison opens in its own tab, the other plan first.
    QSignalSpy compared(m_plans, &PlanFeature::compareOpened);
    for (QAction *action : menu.actions()) {
        if (action->text() == first->title())
            action->trigger();
    }
    QCOMPARE(compared.size(), 1);
    auto *view = qobject_cast<PlanCompareView *>(m_window->workspace()->currentWidget());
    QVERIFY(view);
    QCOMPARE(m_window->workspace()->tabText(m_window->workspace()->currentIndex()),
             u"Compare: %1 ↔ %2"_s.arg(first->title(), second->title()));
    QCOMPARE(view->beforeModel()->rowCount(), first->document()->plan.nodeCount());
    QCOMPARE(view->afterModel()->rowCount(), second->document()->plan.nodeCount());

    // A plan from a file: read in the background, then compared.
    m_chosen = json.at(4);
    menu.actions().last()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(compared.size(), 2, 30000);
    view = qobject_cast<PlanCompareView *>(m_window->workspace()->currentWidget());
    QVERIFY(view);
    QCOMPARE(view->afterModel()->rowCount(), second->document()->plan.nodeCount());
    // Not a plan: one message, no tab.
    QTemporaryDir dir;
    const QString bad = dir.filePath(u"notes.txt"_s);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some notes");
    file.close();
    m_chosen = bad;
    const int tabs = m_window->workspace()->count();
    QSignalSpy failed(m_plans, &PlanFeature::openFailed);
    menu.actions().last()->trigger();
    QVERIFY(failed.wait(30000));
    QCOMPARE(m_errors.size(), 1);
    QCOMPARE(m_window->workspace()->count(), tabs);
    QCOMPARE(compared.size(), 2);
}

QTEST_MAIN(tst_PlanFeature)
#include "tst_planfeature.moc"
