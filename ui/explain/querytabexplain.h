// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"
#include "sql/result.h"
#include "sql/statementsplitter.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;

namespace Strata {

class ConnectionManager;
class PlanView;
class QueryTab;

// Explain and Explain Analyze for one query tab: the statement under the cursor (or the
// selection) goes through ExplainRunner on the tab's session, off the GUI thread and
// cancellable, and its plan opens as a "Plan" page in the tab's results (each further
// explain adds "Plan 2", "Plan 3", ... so two plans can be compared). Errors go to the
// Messages page as plain text, like Run. Analyzing a statement that changes data asks first.
class STRATA_UI_EXPORT QueryTabExplain : public QObject
{
    Q_OBJECT
public:
    enum class AnalyzeChoice { RollBack, Commit, Cancel };
    // Asked before EXPLAIN ANALYZE runs a statement that changes data (a seam for tests).
    using AnalyzeAsker = std::function<AnalyzeChoice(const QString &statement)>;

    QueryTabExplain(QueryTab *tab, ConnectionManager *connections);
    ~QueryTabExplain() override;

    QAction *explainAction() const { return m_explain; }
    QAction *explainAnalyzeAction() const { return m_explainAnalyze; }
    bool isRunning() const { return m_running; }

    void explain(bool analyze);
    void cancel();
    // Enables the actions for the tab's connection and state; says why when they are not.
    void updateActions();

    void setAnalyzeAsker(AnalyzeAsker asker) { m_asker = std::move(asker); }
    // The plan pages shown in the tab, oldest first.
    QList<PlanView *> planViews() const;

Q_SIGNALS:
    void runningChanged(bool running);
    // A plan page was added to the tab (after a successful explain).
    void planShown(Strata::PlanView *view);
    // The explain finished: with a plan, an error, or cancelled.
    void finished();

private:
    void explained();
    void setRunning(bool running);

    QueryTab *m_tab;
    ConnectionManager *m_connections;
    QAction *m_explain;
    QAction *m_explainAnalyze;
    AnalyzeAsker m_asker;
    bool m_running = false;
    bool m_cancelled = false;
    SqlStatement m_statement;
    QString m_connectionId;
    QFutureWatcher<Result<std::shared_ptr<const PlanDocument>>> m_watcher;
    QList<QPointer<PlanView>> m_views;
    int m_planCount = 0;
};

} // namespace Strata
