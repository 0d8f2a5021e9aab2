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
class FindBar;
class QueryTabExplain;
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
    FindBar *findBar() const { return m_findBar; }
    QTabWidget *results() const { return m_results; }
    QPlainTextEdit *messages() const { return m_messages; }
    QSpinBox *rowLimit() const { return m_rowLimit; }
    QAction *runStatementAction() const { return m_runStatement; }
    QAction *runScriptAction() const { return m_runScript; }
    QAction *cancelAction() const { return m_cancel; }
    // Explain / Explain Analyze of the statement under the cursor, plans as result pages.
    QueryTabExplain *explainer() const { return m_explainer; }
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

    // The document: a stable id (the journal's key), the .sql file it was opened from or saved
    // to, and whether its text is unsaved (untitled and not empty, or changed since the file).
    QString tabId() const { return m_tabId; }
    void setTabId(const QString &id) { m_tabId = id; }
    QString filePath() const { return m_filePath; }
    // After opening or saving (saved): the editor's text now equals that file.
    void setFilePath(const QString &path, bool saved = true);
    bool isModified() const;
    // File name (or "Query N"), a "*" when modified, the connection, "disconnected".
    QString displayTitle() const;

    // The tab keeps its text while its connection is gone; Run comes back on bindConnection().
    bool isBound() const { return !m_connectionId.isEmpty(); }
    QString connectionTitle() const { return m_connectionTitle; }
    void bindConnection(const QString &connectionId);
    // A running statement is reported as interrupted; `notice` goes to the Messages pane.
    void unbindConnection(const QString &connectionTitle, const QString &notice);
    void log(const QString &line);

Q_SIGNALS:
    void runningChanged(bool running);
    // The last statement of a run has finished, failed or was cancelled.
    void runFinished();
    // A statement finished and is in the query history.
    void statementRecorded();
    void displayTitleChanged(const QString &title);

private:
    void start(const QList<SqlStatement> &statements);
    void runNext();
    void statementFinished();
    void addStore(RowStore *store);
    void clearResults();
    void setRunning(bool running);
    void updateRunActions();
    void updateDisplayTitle();
    void record(const SqlStatement &statement, qint64 durationMs, qint64 rows,
                const QString &error);
    // Prepares the connection's catalog for completion off the GUI thread.
    void loadCompletionIndex();

    ConnectionManager *m_connections;
    QString m_connectionId;
    QString m_title;
    QString m_tabId;
    QString m_filePath;
    QString m_connectionTitle;
    QString m_displayTitle;
    int m_number;
    bool m_interrupted = false;
    SqlEditor *m_editor;
    FindBar *m_findBar;
    QTabWidget *m_results;
    QPlainTextEdit *m_messages;
    QSpinBox *m_rowLimit;
    QAction *m_runStatement;
    QAction *m_runScript;
    QAction *m_cancel;
    QueryTabExplain *m_explainer = nullptr;

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
