// SPDX-License-Identifier: GPL-3.0-or-later
#include "guitestsupport.h"

#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "editor/findbar.h"
#include "editor/sqleditor.h"
#include "history/queryhistory.h"
#include "plugins/pluginmanager.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "results/resultgridmodel.h"
#include "shell/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QLineEdit>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace Strata;

class tst_QueryTab : public QObject
{
    Q_OBJECT

    std::unique_ptr<ConnectionManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    QString m_id;

    qint64 scalar(const QString &sql)
    {
        auto future = m_manager->session(m_id)->query(sql);
        future.waitForFinished();
        const auto result = future.result();
        if (!result || result.value().isEmpty())
            return -1;
        return result.value().constFirst().text(0, 0).toLongLong();
    }

    QueryTab *newTab()
    {
        QueryFeature *feature = m_window->feature<QueryFeature>();
        const int before = feature->tabs().size();
        feature->newTabAction()->trigger();
        if (feature->tabs().size() != before + 1)
            return nullptr;
        return feature->tabs().constLast();
    }

    static bool run(QueryTab *tab, const QString &sql, bool script)
    {
        QSignalSpy finished(tab, &QueryTab::runFinished);
        tab->editor()->setText(sql);
        if (script)
            tab->runScriptAction()->trigger();
        else
            tab->runStatementAction()->trigger();
        return finished.wait(30000) && !tab->isRunning();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_manager = Test::freshGuiManager(QStringLiteral("strata-test-querytab"));
        if (!m_manager->plugins()->pluginObject(QStringLiteral("sqlite")))
            QSKIP("the sqlite plugin is not built");
        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->installDefaultFeatures();
        QVERIFY(m_window->feature<QueryFeature>());
        // Closing a tab with text asks first; these tests discard.
        m_window->feature<QueryFeature>()->setCloseAsker(
            [](const QString &, const QStringList &) { return QueryFeature::CloseChoice::Discard; });
        QVERIFY(!m_window->feature<QueryFeature>()->newTabAction()->isEnabled());
        m_id = Test::showWithDemo(*m_window, *m_manager);
        QVERIFY(!m_id.isEmpty());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_manager.reset();
    }

    void newQueryTabActionOpensAClosableTabForTheCurrentConnection()
    {
        QAction *action = m_window->feature<QueryFeature>()->newTabAction();
        QVERIFY(action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
        QueryTab *tab = newTab();
        QVERIFY(tab);
        QCOMPARE(tab->connectionId(), m_id);
        QCOMPARE(tab->title(), QStringLiteral("Query 1 — %1").arg(m_manager->title(m_id)));
        QTabWidget *workspace = m_window->workspace();
        QCOMPARE(workspace->currentWidget(), tab);
        QCOMPARE(workspace->tabText(workspace->currentIndex()), tab->title());
        QCOMPARE(workspace->tabText(0), QStringLiteral("Object"));
        QVERIFY(!workspace->tabBar()->tabButton(0, QTabBar::RightSide));
        QVERIFY(workspace->tabBar()->tabButton(workspace->currentIndex(), QTabBar::RightSide));
        QCOMPARE(tab->editor()->dialect(), SqlDialect::SQLite);
        QCOMPARE(tab->rowLimit()->value(), 100000);
        QVERIFY(!tab->cancelAction()->isEnabled());
    }

    void runScriptShowsOneResultTabPerResultSetAndTheMessages()
    {
        QueryTab *tab = newTab();
        QVERIFY(tab);
        QVERIFY(run(tab,
                    QStringLiteral("select * from products order by id;\n"
                                   "select count(*) from customers;\n"
                                   "update categories set sort_order = sort_order where id = 1"),
                    true));
        QCOMPARE(tab->resultCount(), 2);
        QCOMPARE(tab->results()->count(), 3);
        QCOMPARE(tab->results()->tabText(0), QStringLiteral("Result 1"));
        QCOMPARE(tab->results()->tabText(1), QStringLiteral("Result 2"));
        QCOMPARE(tab->results()->tabText(2), QStringLiteral("Messages"));
        const qint64 products = scalar(QStringLiteral("select count(*) from products"));
        QVERIFY(products > 10);
        QTRY_COMPARE(tab->resultModel(0)->rowCount(), int(products));
        QTRY_COMPARE(tab->resultModel(1)->rowCount(), 1);
        QCOMPARE(tab->resultModel(1)->index(0, 0).data().toLongLong(),
                 scalar(QStringLiteral("select count(*) from customers")));
        QAbstractItemModelTester tester(tab->resultModel(0),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString messages = tab->messages()->toPlainText();
        QVERIFY2(messages.contains(QStringLiteral("1 row affected")), qPrintable(messages));
        QVERIFY(messages.contains(QStringLiteral("%1 rows returned").arg(products)));
        QVERIFY(tab->messages()->isReadOnly());
        QVERIFY(!tab->editor()->hasErrors());

        m_window->workspace()->setCurrentWidget(tab);
        const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            tab->findBar()->findAction()->trigger();
            tab->findBar()->searchField()->setText(QStringLiteral("customers"));
            QVERIFY(tab->findBar()->findNext());
            QTest::qWait(100);
            m_window->grab().save(QDir(dir).filePath(QStringLiteral("screenshot-query.png")));
        }
    }

    void failingStatementMarksItsLineAndStopsTheScript()
    {
        QueryTab *tab = newTab();
        QVERIFY(tab);
        QVERIFY(run(tab,
                    QStringLiteral("select 1;\n\nselect * from no_such_table;\nselect 2"), true));
        QVERIFY(tab->editor()->hasErrors());
        QVERIFY(tab->editor()->markersAtLine(2) & (1 << SqlEditor::ErrorMarker));
        QVERIFY(!(tab->editor()->markersAtLine(0) & (1 << SqlEditor::ErrorMarker)));
        QCOMPARE(tab->resultCount(), 1);  // "select 2" never ran
        const QString messages = tab->messages()->toPlainText();
        QVERIFY2(messages.contains(QStringLiteral("no such table")), qPrintable(messages));
        QVERIFY(messages.contains(QStringLiteral("Error:")));
        // A good run clears the marks.
        QVERIFY(run(tab, QStringLiteral("select 3"), false));
        QVERIFY(!tab->editor()->hasErrors());
    }

    void cancelStopsARunningStatementQuickly()
    {
        QueryTab *tab = newTab();
        QVERIFY(tab);
        QSignalSpy finished(tab, &QueryTab::runFinished);
        tab->editor()->setText(QStringLiteral(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"));
        tab->runStatementAction()->trigger();
        QVERIFY(tab->isRunning());
        QVERIFY(tab->cancelAction()->isEnabled());
        QVERIFY(!tab->runScriptAction()->isEnabled());
        QTest::qWait(300);
        QVERIFY(tab->isRunning());
        QElapsedTimer timer;
        timer.start();
        tab->cancelAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 1000);
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!tab->cancelAction()->isEnabled());
        QVERIFY(tab->messages()->toPlainText().contains(QStringLiteral("Cancelled")));
        QVERIFY(run(tab, QStringLiteral("select 42"), false));
        QTRY_COMPARE(tab->resultModel(0)->rowCount(), 1);
        QCOMPARE(tab->resultModel(0)->index(0, 0).data().toInt(), 42);
    }

    void rowLimitCutsTheResult_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("cut");
        QTest::newRow("ten") << 10 << true;
        QTest::newRow("all") << 0 << false;
    }

    void rowLimitCutsTheResult()
    {
        QFETCH(int, limit);
        QFETCH(bool, cut);
        QueryTab *tab = newTab();
        QVERIFY(tab);
        tab->rowLimit()->setValue(limit);
        QVERIFY(run(tab, QStringLiteral("select * from products"), false));
        const qint64 products = scalar(QStringLiteral("select count(*) from products"));
        QTRY_COMPARE(tab->resultModel(0)->rowCount(), cut ? limit : int(products));
        QCOMPARE(tab->messages()->toPlainText().contains(QStringLiteral("cut")), cut);
    }

    void closingARunningTabCancelsIt()
    {
        QueryTab *tab = newTab();
        QVERIFY(tab);
        QPointer<QueryTab> guard(tab);
        tab->editor()->setText(QStringLiteral(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"));
        tab->runStatementAction()->trigger();
        QVERIFY(tab->isRunning());
        QTabWidget *workspace = m_window->workspace();
        const int count = workspace->count();
        QElapsedTimer timer;
        timer.start();
        Q_EMIT workspace->tabCloseRequested(workspace->indexOf(tab));
        QCOMPARE(workspace->count(), count - 1);
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 2000);
        QVERIFY(timer.elapsed() < 2000);
        // The session is free again.
        QCOMPARE(scalar(QStringLiteral("select 7")), 7);
    }

    void executedStatementsAreInTheHistory()
    {
        QueryHistory history;
        QVERIFY(history.open());
        const auto entries = history.recent(m_manager->title(m_id));
        QVERIFY(entries);
        bool failed = false;
        bool update = false;
        for (const HistoryEntry &entry : entries.value()) {
            failed |= entry.sql.contains(QStringLiteral("no_such_table")) && !entry.error.isEmpty();
            update |= entry.sql.startsWith(QStringLiteral("update categories"))
                      && entry.rows == 1 && entry.error.isEmpty();
        }
        QVERIFY(failed);
        QVERIFY(update);
        QVERIFY(entries.value().size() >= 8);
    }
};

QTEST_MAIN(tst_QueryTab)
#include "tst_querytab.moc"
