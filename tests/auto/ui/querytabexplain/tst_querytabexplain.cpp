// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "explain/explainrunner.h"
#include "explain/plancomparemodel.h"
#include "explain/plancompareview.h"
#include "explain/planfeature.h"
#include "explain/plannodemodel.h"
#include "explain/planview.h"
#include "explain/querytabexplain.h"
#include "guitestsupport.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "plugins/idialect.h"
#include "shell/mainwindow.h"
#include "testservers.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_QueryTabExplain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void explainShowsThePlanAsAResultPage();
    void explainAnalyzeReportsActualTimes();
    void explainingAgainAddsPlanTwo();
    void explainTakesTheSelectionOverTheStatement();
    void analyzeOfAChangeAsksFirst_data();
    void analyzeOfAChangeAsksFirst();
    void errorsGoToMessagesAsPlainText();
    void escapeCancelsALongExplainAnalyze();
    void hostileTableNamesArePlainText();
    void queryMenuExplainsTheCurrentTab();
    void explainingAgainOffersTheComparison();
    void enginesWithoutExplainDisableTheActionsAndSayWhy();

private:
    QueryTab *newTab(const QString &connectionId);
    bool explain(QueryTab *tab, const QString &sql, bool analyze);
    Result<QList<ResultSet>> query(const QString &sql);
    qint64 quantity();

    std::unique_ptr<ConnectionManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    QString m_demo;
    QString m_pg;
    QPointer<QueryTab> m_tab;
};

namespace {
const QString OrdersTable = u"tst_planwin_orders"_s;
const QString HostileTable = u"tst_planwin a\"b <i>x</i>"_s;
} // namespace

void tst_QueryTabExplain::initTestCase()
{
    STRATA_REQUIRE_PG();
    m_manager = Test::freshGuiManager(u"strata-test-querytabexplain"_s);
    m_window = std::make_unique<MainWindow>(m_manager.get());
    m_window->installDefaultFeatures();
    m_window->feature<QueryFeature>()->setCloseAsker(
        [](const QString &, const QStringList &) { return QueryFeature::CloseChoice::Discard; });
    m_demo = Test::showWithDemo(*m_window, *m_manager);
    Result<ConnectionSettings> settings = ConnectionUrl::parse(Test::pgUrl());
    QVERIFY(settings);
    settings->password = Test::password();
    m_pg = m_manager->open(u"pg"_s, settings.value());
    QTRY_VERIFY_WITH_TIMEOUT(m_manager->state(m_pg) == ConnectionManager::State::Ready ||
                                 m_manager->state(m_pg) == ConnectionManager::State::Failed,
                             30000);
    QVERIFY2(m_manager->state(m_pg) == ConnectionManager::State::Ready,
             qPrintable(m_manager->errorText(m_pg)));
}

Result<QList<ResultSet>> tst_QueryTabExplain::query(const QString &sql)
{
    QFuture<Result<QList<ResultSet>>> future = m_manager->session(m_pg)->query(sql);
    future.waitForFinished();
    return future.result();
}

qint64 tst_QueryTabExplain::quantity()
{
    const Result<QList<ResultSet>> r = query(u"SELECT sum(qty) FROM %1"_s.arg(OrdersTable));
    return r ? r->first().text(0, 0).toLongLong() : -1;
}

void tst_QueryTabExplain::init()
{
    if (!m_manager)
        return;
    for (const QString &sql :
         {u"DROP TABLE IF EXISTS %1"_s.arg(OrdersTable),
          u"CREATE TABLE %1 (id serial PRIMARY KEY, customer text, qty integer NOT NULL)"_s.arg(OrdersTable),
          u"INSERT INTO %1 (customer, qty) SELECT 'c' || mod(g, 50), 1 FROM generate_series(1, 2000) g"_s
              .arg(OrdersTable),
          u"ANALYZE %1"_s.arg(OrdersTable)}) {
        const Result<QList<ResultSet>> r = query(sql);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    }
    m_tab = newTab(m_pg);
    QVERIFY(m_tab);
}

void tst_QueryTabExplain::cleanup()
{
    delete m_tab.data();
    if (m_manager && m_manager->session(m_pg))
        (void)query(u"DROP TABLE IF EXISTS %1"_s.arg(OrdersTable));
}

void tst_QueryTabExplain::cleanupTestCase()
{
    m_window.reset();
    m_manager.reset();
}

QueryTab *tst_QueryTabExplain::newTab(const QString &connectionId)
{
    return m_window->feature<QueryFeature>()->newQueryTab(connectionId);
}

bool tst_QueryTabExplain::explain(QueryTab *tab, const QString &sql, bool analyze)
{
    QSignalSpy finished(tab->explainer(), &QueryTabExplain::finished);
    if (!sql.isNull())
        tab->editor()->setText(sql);
    QAction *action = analyze ? tab->explainer()->explainAnalyzeAction()
                              : tab->explainer()->explainAction();
    if (!action->isEnabled())
        return false;
    action->trigger();
    return finished.wait(30000) && !tab->explainer()->isRunning();
}

void tst_QueryTabExplain::explainShowsThePlanAsAResultPage()
{
    QVERIFY(explain(m_tab, u"SELECT * FROM %1 WHERE qty > 1"_s.arg(OrdersTable), false));
    QCOMPARE(m_tab->explainer()->planViews().size(), 1);
    PlanView *view = m_tab->explainer()->planViews().first();
    QCOMPARE(m_tab->results()->currentWidget(), view);
    QCOMPARE(m_tab->results()->tabText(m_tab->results()->indexOf(view)), u"Plan"_s);
    QVERIFY2(view->headerText().contains(u"estimate only"_s), qPrintable(view->headerText()));
    QCOMPARE(view->document()->plan.root().relation, OrdersTable);
    QVERIFY(!view->document()->plan.hasActuals());
    const QString log = m_tab->messages()->toPlainText();
    QVERIFY2(log.contains(u"Explain, line 1: SELECT * FROM %1"_s.arg(OrdersTable)), qPrintable(log));
    QVERIFY2(log.contains(u"Plan: 1 node"_s), qPrintable(log));
    // Running again clears the plan pages with the other results.
    QSignalSpy ran(m_tab.data(), &QueryTab::runFinished);
    m_tab->runStatementAction()->trigger();
    QVERIFY(ran.wait(30000));
    QVERIFY(m_tab->explainer()->planViews().isEmpty());
}

void tst_QueryTabExplain::explainAnalyzeReportsActualTimes()
{
    QVERIFY(explain(m_tab, u"SELECT customer, count(*) FROM %1 GROUP BY customer ORDER BY 2 DESC"_s.arg(OrdersTable),
                    true));
    PlanView *view = m_tab->explainer()->planViews().value(0);
    QVERIFY(view);
    const PlanDocument &document = *view->document();
    QVERIFY(document.plan.hasActuals());
    QVERIFY(document.plan.executionMs.has_value());
    QVERIFY2(view->headerText().contains(u"execution"_s), qPrintable(view->headerText()));
    const int scan = [&] {
        for (const PlanNode &n : document.plan.nodes) {
            if (n.relation == OrdersTable)
                return n.id;
        }
        return -1;
    }();
    QVERIFY(scan >= 0);
    QCOMPARE(document.plan.node(scan).totalActualRows().value_or(-1), 2000.0);
    QVERIFY(document.plan.node(scan).hasBuffers()); // BUFFERS with ANALYZE on PostgreSQL
    QVERIFY(view->nodeModel()->rowCount() == document.plan.nodeCount());
}

void tst_QueryTabExplain::explainingAgainAddsPlanTwo()
{
    const QString sql = u"SELECT * FROM %1 WHERE id = 5"_s.arg(OrdersTable);
    QVERIFY(explain(m_tab, sql, false));
    QVERIFY(explain(m_tab, QString(), true));
    const QList<PlanView *> views = m_tab->explainer()->planViews();
    QCOMPARE(views.size(), 2);
    QCOMPARE(m_tab->results()->tabText(m_tab->results()->indexOf(views.at(1))), u"Plan 2"_s);
    QCOMPARE(views.at(1)->title(), u"Plan 2"_s);
    QCOMPARE(m_tab->results()->currentWidget(), views.at(1));
    // The Messages page stays last.
    QCOMPARE(m_tab->results()->widget(m_tab->results()->count() - 1), m_tab->messages());
}

void tst_QueryTabExplain::explainTakesTheSelectionOverTheStatement()
{
    const QString text = u"SELECT 1;\nSELECT * FROM %1 ORDER BY qty;"_s.arg(OrdersTable);
    m_tab->editor()->setText(text);
    const int from = int(text.indexOf(u"SELECT *"_s));
    m_tab->editor()->setSelection(1, 0, 1, int(text.size() - from - 1));
    QVERIFY(explain(m_tab, QString(), false));
    const PlanDocument &document = *m_tab->explainer()->planViews().value(0)->document();
    QVERIFY2(document.plan.queryText.contains(OrdersTable), qPrintable(document.plan.queryText));
    QCOMPARE(document.plan.root().nodeType, u"Sort"_s);
}

void tst_QueryTabExplain::analyzeOfAChangeAsksFirst_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<qint64>("quantityAfter");
    QTest::addColumn<bool>("planShown");
    QTest::newRow("rolled back") << int(QueryTabExplain::AnalyzeChoice::RollBack) << qint64(2000)
                                 << true;
    QTest::newRow("committed") << int(QueryTabExplain::AnalyzeChoice::Commit) << qint64(4000)
                               << true;
    QTest::newRow("cancelled") << int(QueryTabExplain::AnalyzeChoice::Cancel) << qint64(2000)
                               << false;
}

void tst_QueryTabExplain::analyzeOfAChangeAsksFirst()
{
    QFETCH(int, choice);
    QFETCH(qint64, quantityAfter);
    QFETCH(bool, planShown);
    QStringList asked;
    m_tab->explainer()->setAnalyzeAsker([&](const QString &sql) {
        asked.append(sql);
        return QueryTabExplain::AnalyzeChoice(choice);
    });
    const QString sql = u"UPDATE %1 SET qty = qty + 1"_s.arg(OrdersTable);
    m_tab->editor()->setText(sql);
    QSignalSpy finished(m_tab->explainer(), &QueryTabExplain::finished);
    m_tab->explainer()->explainAnalyzeAction()->trigger();
    QCOMPARE(asked, QStringList{sql});
    if (planShown)
        QVERIFY(finished.wait(30000));
    else
        QVERIFY(!m_tab->explainer()->isRunning());
    QCOMPARE(m_tab->explainer()->planViews().size(), planShown ? 1 : 0);
    QCOMPARE(quantity(), quantityAfter);
    // A plain Explain (or an Analyze of a SELECT) never asks.
    asked.clear();
    QVERIFY(explain(m_tab, u"SELECT 1"_s, true));
    QVERIFY(explain(m_tab, sql, false));
    QVERIFY(asked.isEmpty());
}

void tst_QueryTabExplain::errorsGoToMessagesAsPlainText()
{
    QVERIFY(explain(m_tab, u"SELECT * FROM tst_planwin_missing_<b>x</b>"_s, false));
    QVERIFY(m_tab->explainer()->planViews().isEmpty());
    QCOMPARE(m_tab->results()->currentWidget(), m_tab->messages());
    const QString log = m_tab->messages()->toPlainText();
    QVERIFY2(log.contains(u"Error: "_s), qPrintable(log));
    QVERIFY2(log.contains(u"<b>x</b>"_s) || log.contains(u"tst_planwin_missing_"_s), qPrintable(log));
    // The tab works again afterwards.
    QVERIFY(m_tab->explainer()->explainAction()->isEnabled());
}

void tst_QueryTabExplain::escapeCancelsALongExplainAnalyze()
{
    QSignalSpy finished(m_tab->explainer(), &QueryTabExplain::finished);
    m_tab->editor()->setText(u"SELECT pg_sleep(30)"_s);
    m_tab->explainer()->explainAnalyzeAction()->trigger();
    QVERIFY(m_tab->explainer()->isRunning());
    QVERIFY(!m_tab->explainer()->explainAction()->isEnabled());
    // Like a run: Cancel (Esc) is on, Run is off until the explain ends.
    QVERIFY(m_tab->cancelAction()->isEnabled());
    QVERIFY(!m_tab->runStatementAction()->isEnabled());
    QTest::qWait(300);
    QElapsedTimer timer;
    timer.start();
    m_tab->editor()->setFocus();
    QTest::keyClick(m_tab->editor(), Qt::Key_Escape);
    QVERIFY(finished.wait(10000));
    QVERIFY2(timer.elapsed() < 10000, "the cancel did not stop the statement");
    QVERIFY(!m_tab->explainer()->isRunning());
    QVERIFY2(m_tab->messages()->toPlainText().contains(u"Cancelled"_s),
             qPrintable(m_tab->messages()->toPlainText()));
    QVERIFY(m_tab->explainer()->planViews().isEmpty());
    QVERIFY(!m_tab->cancelAction()->isEnabled());
    QVERIFY(m_tab->runStatementAction()->isEnabled());
}

void tst_QueryTabExplain::hostileTableNamesArePlainText()
{
    const QString quoted = m_manager->dialect(m_pg)->quoteIdentifier(HostileTable);
    QVERIFY(query(u"DROP TABLE IF EXISTS %1"_s.arg(quoted)).ok());
    QVERIFY(query(u"CREATE TABLE %1 (id int)"_s.arg(quoted)).ok());
    const bool ok = explain(m_tab, u"SELECT * FROM %1"_s.arg(quoted), true);
    (void)query(u"DROP TABLE IF EXISTS %1"_s.arg(quoted));
    QVERIFY(ok);
    PlanView *view = m_tab->explainer()->planViews().value(0);
    QVERIFY(view);
    QCOMPARE(view->document()->plan.root().relation, HostileTable);
    QCOMPARE(view->nodeModel()->index(0, PlanNodeModel::RelationColumn).data().toString(),
             HostileTable);
    QCOMPARE(view->header()->textFormat(), Qt::PlainText);
}

void tst_QueryTabExplain::queryMenuExplainsTheCurrentTab()
{
    PlanFeature *plans = m_window->feature<PlanFeature>();
    QVERIFY(plans);
    QCOMPARE(plans->explainAction()->shortcut(), QKeySequence(Qt::Key_F7));
    QCOMPARE(plans->explainAnalyzeAction()->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F7));
    QVERIFY(plans->queryMenu()->actions().contains(plans->explainAction()));
    m_window->workspace()->setCurrentWidget(m_tab);
    QVERIFY(plans->explainAction()->isEnabled());
    m_tab->editor()->setText(u"SELECT count(*) FROM %1"_s.arg(OrdersTable));
    QSignalSpy finished(m_tab->explainer(), &QueryTabExplain::finished);
    m_tab->editor()->setFocus();
    QTest::keyClick(m_tab->editor(), Qt::Key_F7);
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_tab->explainer()->planViews().size(), 1);
}

void tst_QueryTabExplain::explainingAgainOffersTheComparison()
{
    QVERIFY(query(u"INSERT INTO %1 (customer, qty) SELECT 'c' || mod(g, 5000), 1 "
                  "FROM generate_series(1, 200000) g"_s.arg(OrdersTable)).ok());
    QVERIFY(query(u"ANALYZE %1"_s.arg(OrdersTable)).ok());
    const QString sql =
        u"SELECT customer, sum(qty) FROM %1 WHERE customer IN ('c42', 'c43') GROUP BY customer "
        "ORDER BY 2 DESC"_s.arg(OrdersTable);
    QVERIFY(explain(m_tab, sql, true));
    QVERIFY(query(u"CREATE INDEX tst_planwin_orders_customer_idx ON %1 (customer)"_s.arg(OrdersTable)).ok());
    QVERIFY(query(u"ANALYZE %1"_s.arg(OrdersTable)).ok());
    QVERIFY(explain(m_tab, sql, true));
    const QList<PlanView *> views = m_tab->explainer()->planViews();
    QCOMPARE(views.size(), 2);
    QVERIFY(views.at(0)->quickCompareButton()->isHidden());
    QToolButton *offer = views.at(1)->quickCompareButton();
    QVERIFY(!offer->isHidden());
    QCOMPARE(offer->text(), u"Compare with Plan"_s);
    QVERIFY(!views.at(1)->compareButton()->isHidden());

    QSignalSpy opened(m_window->feature<PlanFeature>(), &PlanFeature::compareOpened);
    offer->click();
    QCOMPARE(opened.size(), 1);
    auto *compare = qobject_cast<PlanCompareView *>(m_window->workspace()->currentWidget());
    QVERIFY(compare);
    const QString summary = compare->summary()->text();
    QVERIFY2(summary.startsWith(u"Execution "_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"Seq Scan on %1 → "_s.arg(OrdersTable)), qPrintable(summary));
    // The scan is matched with its replacement, and selecting it shows the match.
    int scan = -1;
    for (const PlanNode &n : views.at(0)->document()->plan.nodes) {
        if (n.nodeType == u"Seq Scan"_s)
            scan = n.id;
    }
    QVERIFY(scan >= 0);
    const int match = compare->diff()->afterOf(scan);
    QVERIFY(match >= 0);
    QCOMPARE(views.at(1)->document()->plan.node(match).relation, OrdersTable);
    compare->beforeView()->setCurrentIndex(compare->beforeModel()->index(scan, 0));
    QCOMPARE(compare->afterView()->currentIndex().row(), match);
    const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        const QSize size = m_window->size();
        m_window->resize(1500, 760);
        QTest::qWait(50);
        m_window->grab().save(shots + u"/plan-compare-window.png"_s);
        m_window->workspace()->setCurrentWidget(m_tab);
        m_window->grab().save(shots + u"/plan-in-query-tab.png"_s);
        m_window->resize(size);
    }
    delete compare;
}

void tst_QueryTabExplain::enginesWithoutExplainDisableTheActionsAndSayWhy()
{
    if (m_demo.isEmpty())
        QSKIP("the demo database did not open");
    EngineSession *session = m_manager->session(m_demo);
    QVERIFY(session);
    QueryTab *tab = newTab(m_demo);
    QVERIFY(tab);
    PlanFeature *plans = m_window->feature<PlanFeature>();
    const IExplain *explain = ExplainRunner::explainOf(*session);
    if (explain && explain->supportsAnalyze())
        QSKIP("this build's SQLite engine explains with ANALYZE");
    QVERIFY(!tab->explainer()->explainAnalyzeAction()->isEnabled());
    QVERIFY2(tab->explainer()->explainAnalyzeAction()->toolTip().contains(u"sqlite"_s),
             qPrintable(tab->explainer()->explainAnalyzeAction()->toolTip()));
    QCOMPARE(plans->explainAnalyzeAction()->isEnabled(), false);
    QCOMPARE(plans->explainAnalyzeAction()->toolTip(),
             tab->explainer()->explainAnalyzeAction()->toolTip());
    QCOMPARE(tab->explainer()->explainAction()->isEnabled(), explain != nullptr);
    delete tab;
}

QTEST_MAIN(tst_QueryTabExplain)
#include "tst_querytabexplain.moc"
