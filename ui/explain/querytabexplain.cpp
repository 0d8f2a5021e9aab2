// SPDX-License-Identifier: GPL-3.0-or-later
#include "querytabexplain.h"

#include "planview.h"

#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "query/querytab.h"
#include "shell/messages.h"

#include "connection/enginesession.h"
#include "explain/explainrunner.h"

#include <QAction>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace Strata {

namespace {

QString firstLine(const QString &sql)
{
    QString line = sql.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > 80 || sql.contains(QLatin1Char('\n')))
        line = line.left(80) + QStringLiteral("…");
    return line;
}

} // namespace

QueryTabExplain::QueryTabExplain(QueryTab *tab, ConnectionManager *connections)
    : QObject(tab)
    , m_tab(tab)
    , m_connections(connections)
    , m_explain(new QAction(tr("Explain"), this))
    , m_explainAnalyze(new QAction(tr("Explain Analyze"), this))
{
    // The keys (F7, Shift+F7) belong to the Query menu, which acts on the current tab: two
    // actions with one shortcut would cancel each other out.
    m_explain->setObjectName(QStringLiteral("ExplainAction"));
    m_explainAnalyze->setObjectName(QStringLiteral("ExplainAnalyzeAction"));
    connect(m_explain, &QAction::triggered, this, [this] { explain(false); });
    connect(m_explainAnalyze, &QAction::triggered, this, [this] { explain(true); });
    connect(m_tab->editor(), &SqlEditor::cancelRequested, this, &QueryTabExplain::cancel);
    connect(m_tab->cancelAction(), &QAction::triggered, this, &QueryTabExplain::cancel);
    connect(m_tab, &QueryTab::runningChanged, this, &QueryTabExplain::updateActions);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &QueryTabExplain::explained);
    m_tab->editor()->addContextAction(m_explain);
    m_tab->editor()->addContextAction(m_explainAnalyze);

    m_asker = [this](const QString &statement) {
        QMessageBox box(QMessageBox::Question, tr("Explain Analyze"),
                        tr("EXPLAIN ANALYZE runs the statement, and this one changes data."),
                        QMessageBox::Cancel, m_tab);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(firstLine(statement));
        QPushButton *rollBack =
            box.addButton(tr("Run in a transaction that is rolled back"), QMessageBox::AcceptRole);
        QPushButton *commit = box.addButton(tr("Run and commit"), QMessageBox::DestructiveRole);
        box.setDefaultButton(rollBack);
        box.exec();
        if (box.clickedButton() == rollBack)
            return AnalyzeChoice::RollBack;
        if (box.clickedButton() == commit)
            return AnalyzeChoice::Commit;
        return AnalyzeChoice::Cancel;
    };
    updateActions();
}

QueryTabExplain::~QueryTabExplain()
{
    if (m_running) {
        if (EngineSession *session = m_connections->session(m_connectionId))
            session->cancel();
    }
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

QList<PlanView *> QueryTabExplain::planViews() const
{
    QList<PlanView *> views;
    for (const QPointer<PlanView> &view : m_views) {
        if (view)
            views.append(view);
    }
    return views;
}

void QueryTabExplain::updateActions()
{
    EngineSession *session =
        m_tab->isBound() ? m_connections->session(m_tab->connectionId()) : nullptr;
    const IExplain *explain = session ? ExplainRunner::explainOf(*session) : nullptr;
    const bool idle = !m_running && !m_tab->isRunning();
    QString why;
    if (!m_tab->isBound() || !session)
        why = tr("The tab has no open connection.");
    else if (!explain)
        why = tr("The %1 engine cannot explain statements.").arg(session->engine());
    m_explain->setEnabled(idle && why.isEmpty());
    m_explain->setToolTip(why.isEmpty()
                              ? tr("Show the plan of the statement under the cursor or the "
                                   "selection, without running it (F7)")
                              : tr("Explain: %1").arg(why));
    QString analyzeWhy = why;
    if (analyzeWhy.isEmpty() && !explain->supportsAnalyze())
        analyzeWhy = tr("The %1 engine cannot report actual figures; use Explain.")
                         .arg(session->engine());
    m_explainAnalyze->setEnabled(idle && analyzeWhy.isEmpty());
    m_explainAnalyze->setToolTip(
        analyzeWhy.isEmpty()
            ? tr("Run the statement under the cursor or the selection and show its plan with "
                 "actual times and rows (Shift+F7)")
            : tr("Explain Analyze: %1").arg(analyzeWhy));
}

void QueryTabExplain::explain(bool analyze)
{
    if (m_running || m_tab->isRunning())
        return;
    const SqlStatement statement = m_tab->editor()->currentStatement();
    if (statement.text.isEmpty())
        return;
    m_connectionId = m_tab->connectionId();
    EngineSession *session = m_connections->session(m_connectionId);
    if (!session || m_connections->state(m_connectionId) != ConnectionManager::State::Ready) {
        m_tab->log(tr("Error: the connection %1 is not open.")
                       .arg(m_connections->title(m_connectionId)));
        m_tab->results()->setCurrentWidget(m_tab->messages());
        return;
    }
    const IExplain *explain = ExplainRunner::explainOf(*session);
    if (!explain)
        return;
    ExplainRunner::Request request;
    request.sql = statement.text;
    request.options.analyze = analyze;
    request.options.buffers = analyze && session->engine() == QLatin1String("postgresql");
    if (analyze && explain->changesData(statement.text)) {
        switch (m_asker(statement.text)) {
        case AnalyzeChoice::RollBack:
            request.rollBack = true;
            break;
        case AnalyzeChoice::Commit:
            break;
        case AnalyzeChoice::Cancel:
            return;
        }
    }
    m_statement = statement;
    m_cancelled = false;
    m_tab->log(tr("%1, line %2: %3")
                   .arg(analyze ? tr("Explain Analyze") : tr("Explain"))
                   .arg(statement.line)
                   .arg(firstLine(statement.text)));
    if (request.rollBack)
        m_tab->log(tr("Running in a transaction that is rolled back."));
    m_tab->editor()->highlightStatement(statement);
    const QList<PlanRule> rules = explain->planRules();
    setRunning(true);
    m_watcher.setFuture(ExplainRunner::run(*session, request)
                            .then(QtFuture::Launch::Async,
                                  [rules](const Result<Plan> &plan)
                                      -> Result<std::shared_ptr<const PlanDocument>> {
                                      if (!plan)
                                          return plan.error();
                                      return std::make_shared<const PlanDocument>(
                                          PlanDocument::analyze(plan.value(), rules));
                                  }));
}

void QueryTabExplain::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (EngineSession *session = m_connections->session(m_connectionId))
        session->cancel();
}

void QueryTabExplain::explained()
{
    const QFuture<Result<std::shared_ptr<const PlanDocument>>> future = m_watcher.future();
    const Result<std::shared_ptr<const PlanDocument>> result =
        future.resultCount() > 0
            ? future.result()
            : Result<std::shared_ptr<const PlanDocument>>(
                  Error(Error::Code::Cancelled, tr("The explain was interrupted.")));
    setRunning(false);
    if (!result) {
        const Error &e = result.error();
        if (m_cancelled || e.code() == Error::Code::Cancelled)
            m_tab->log(tr("Cancelled: %1").arg(e.toString()));
        else
            m_tab->log(tr("Error: %1").arg(e.toString()));
        m_tab->results()->setCurrentWidget(m_tab->messages());
        Q_EMIT finished();
        return;
    }
    const std::shared_ptr<const PlanDocument> &document = result.value();
    ++m_planCount;
    const QString title = m_planCount == 1 ? tr("Plan") : tr("Plan %1").arg(m_planCount);
    auto *view = new PlanView(m_tab->results());
    view->setDocument(document, QString(), title);
    QTabWidget *results = m_tab->results();
    const int index = results->insertTab(results->indexOf(m_tab->messages()), view, title);
    results->setTabToolTip(index, Messages::literalRichText(firstLine(document->plan.queryText)));
    results->setCurrentIndex(index);
    m_views.append(view);
    const int nodes = document->plan.nodeCount();
    QString summary = nodes == 1 ? tr("%1: 1 node").arg(title)
                                 : tr("%1: %L2 nodes").arg(title).arg(nodes);
    if (document->plan.executionMs)
        summary += tr(", execution %L1 ms").arg(*document->plan.executionMs, 0, 'f', 3);
    if (!document->findings.isEmpty())
        summary += tr(", %L1 findings").arg(document->findings.size());
    m_tab->log(summary);
    Q_EMIT planShown(view);
    Q_EMIT finished();
}

void QueryTabExplain::setRunning(bool running)
{
    m_running = running;
    updateActions();
    Q_EMIT runningChanged(running);
}

} // namespace Strata
