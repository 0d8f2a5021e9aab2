// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "history/queryhistory.h"
#include "sql/completionindex.h"
#include "sql/result.h"
#include "sql/statementsplitter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;

namespace Strata {

class ConnectionManager;
class ResultGridModel;
class ResultSetSink;
class ResultView;
class RowStore;
class SqlEditor;

// One query tab bound to one connection: a SQL editor above a results area with a "Result N"
// grid per result set and a plain-text "Messages" log. Statements run one by one on the
// connection's EngineSession; the GUI thread never waits for them.
class STRATA_UI_EXPORT QueryTab : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DefaultRowLimit = 100000;

    QueryTab(ConnectionManager *connections, const QString &connectionId, int number,
             QWidget *parent = nullptr);
    ~QueryTab() override;

    QString connectionId() const { return m_connectionId; }
    QString title() const { return m_title; }
    SqlEditor *editor() const { return m_editor; }
    QTabWidget *results() const { return m_results; }
    QPlainTextEdit *messages() const { return m_messages; }
    QSpinBox *rowLimit() const { return m_rowLimit; }
    QAction *runStatementAction() const { return m_runStatement; }
    QAction *runScriptAction() const { return m_runScript; }
    QAction *cancelAction() const { return m_cancel; }
    bool isRunning() const { return m_running; }
    // The grids of the last run, in order.
    int resultCount() const { return int(m_views.size()); }
    ResultGridModel *resultModel(int index) const;
    ResultView *resultView(int index) const;

    void runStatement();
    void runScript();
    void cancel();
    // Asks before edited but unsaved result rows are dropped (closing the tab, running again).
    bool confirmDiscardEdits();

Q_SIGNALS:
    void runningChanged(bool running);
    // The last statement of a run has finished, failed or was cancelled.
    void runFinished();

private:
    void start(const QList<SqlStatement> &statements);
    void runNext();
    void statementFinished();
    void addStore(RowStore *store);
    void clearResults();
    void log(const QString &line);
    void setRunning(bool running);
    void record(const SqlStatement &statement, qint64 durationMs, qint64 rows,
                const QString &error);
    // Prepares the connection's catalog for completion off the GUI thread.
    void loadCompletionIndex();

    ConnectionManager *m_connections;
    QString m_connectionId;
    QString m_title;
    SqlEditor *m_editor;
    QTabWidget *m_results;
    QPlainTextEdit *m_messages;
    QSpinBox *m_rowLimit;
    QAction *m_runStatement;
    QAction *m_runScript;
    QAction *m_cancel;

    QList<SqlStatement> m_queue;
    SqlStatement m_currentStatement;
    std::shared_ptr<ResultSetSink> m_sink;
    std::vector<std::shared_ptr<ResultSetSink>> m_sinks;  // keep the shown stores alive
    std::vector<ResultView *> m_views;
    QList<RowStore *> m_shownStores;
    QDateTime m_startedAt;
    QElapsedTimer m_elapsed;
    bool m_running = false;
    bool m_cancelled = false;
    QueryHistory m_history;
    QFutureWatcher<Result<void>> m_watcher;
    QFutureWatcher<std::shared_ptr<const CompletionIndex>> m_indexWatcher;
};

} // namespace Strata
