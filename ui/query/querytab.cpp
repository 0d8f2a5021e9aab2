// SPDX-License-Identifier: GPL-3.0-or-later
#include "querytab.h"

#include "connections/connectionmanager.h"
#include "editor/findbar.h"
#include "editor/qscintilla_p.h"
#include "editor/sqlcompleter.h"
#include "editor/sqleditor.h"
#include "explain/querytabexplain.h"
#include "results/resulteditor.h"
#include "results/resultgridmodel.h"
#include "results/resultview.h"

#include "connection/enginesession.h"
#include "plugins/idialect.h"
#include "results/resultsetsink.h"
#include "sql/sqlcompletion.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QUuid>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Strata {

namespace {

QString firstLine(const QString &sql)
{
    QString line = sql.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > 80 || sql.contains(QLatin1Char('\n')))
        line = line.left(80) + QStringLiteral("…");
    return line;
}

QString rowsText(qint64 rows, const char *one, const char *many)
{
    return rows == 1 ? QString::fromLatin1(one) : QString::fromLatin1(many).arg(rows);
}

} // namespace

QueryTab::QueryTab(ConnectionManager *connections, const QString &connectionId, int number,
                   QWidget *parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_connectionId(connectionId)
    , m_tabId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_connectionTitle(connections->title(connectionId))
    , m_number(number)
    , m_editor(new SqlEditor(this))
    , m_findBar(new FindBar(m_editor, this))
    , m_results(new QTabWidget(this))
    , m_messages(new QPlainTextEdit(this))
    , m_rowLimit(new QSpinBox(this))
    , m_runStatement(new QAction(tr("Run statement"), this))
    , m_runScript(new QAction(tr("Run script"), this))
    , m_cancel(new QAction(tr("Cancel"), this))
{
    m_title = tr("Query %1 — %2").arg(number).arg(connections->title(connectionId));
    if (EngineSession *session = connections->session(connectionId))
        m_editor->setDialect(sqlDialectForEngine(session->engine()));
    if (const IDialect *dialect = connections->dialect(connectionId))
        m_editor->setKeywords(dialect->keywords());

    m_runStatement->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_runScript->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    for (QAction *action : {m_runStatement, m_runScript, m_cancel}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            action->text(), action->shortcut().toString(QKeySequence::NativeText)));
    }
    m_cancel->setEnabled(false);
    connect(m_runStatement, &QAction::triggered, this, &QueryTab::runStatement);
    connect(m_runScript, &QAction::triggered, this, &QueryTab::runScript);
    connect(m_cancel, &QAction::triggered, this, &QueryTab::cancel);
    connect(m_editor, &SqlEditor::runStatementRequested, this, &QueryTab::runStatement);
    connect(m_editor, &SqlEditor::runScriptRequested, this, &QueryTab::runScript);
    connect(m_editor, &SqlEditor::cancelRequested, this, &QueryTab::cancel);

    m_rowLimit->setRange(0, 100000000);
    m_rowLimit->setValue(DefaultRowLimit);
    m_rowLimit->setGroupSeparatorShown(true);
    m_rowLimit->setSpecialValueText(tr("all"));
    m_rowLimit->setToolTip(tr("Rows kept per result (0 = all)"));

    m_explainer = new QueryTabExplain(this, connections);
    connect(m_explainer, &QueryTabExplain::runningChanged, this, &QueryTab::updateRunActions);
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_runStatement);
    toolbar->addAction(m_runScript);
    toolbar->addAction(m_cancel);
    toolbar->addAction(m_explainer->explainAction());
    toolbar->addAction(m_explainer->explainAnalyzeAction());
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr("Row limit: "), toolbar));
    toolbar->addWidget(m_rowLimit);

    m_messages->setReadOnly(true);
    m_messages->setObjectName(QStringLiteral("Messages"));
    m_results->setDocumentMode(true);
    m_results->addTab(m_messages, tr("Messages"));

    // The editor with its find/replace bar under it.
    auto *editorPane = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_editor);
    editorLayout->addWidget(m_findBar);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(editorPane);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter);
    setFocusProxy(m_editor);

    connect(&m_watcher, &QFutureWatcher<Result<void>>::finished, this,
            &QueryTab::statementFinished);

    connect(&m_indexWatcher, &QFutureWatcher<std::shared_ptr<const CompletionIndex>>::finished,
            this, [this] { m_editor->completer()->setIndex(m_indexWatcher.result()); });
    connect(connections, &ConnectionManager::catalogLoaded, this, [this](const QString &id) {
        if (id == m_connectionId)
            loadCompletionIndex();
    });
    connect(m_editor, &QsciScintilla::modificationChanged, this, &QueryTab::updateDisplayTitle);
    connect(m_editor, &QsciScintilla::textChanged, this, &QueryTab::updateDisplayTitle);
    m_displayTitle = displayTitle();
    updateRunActions();
    loadCompletionIndex();
}

void QueryTab::loadCompletionIndex()
{
    const Catalog *catalog = m_connections->catalog(m_connectionId);
    if (!catalog)
        return;
    // A copy (implicitly shared) so a reload cannot change it under the worker.
    const Catalog snapshot = *catalog;
    const IDialect *dialect = m_connections->dialect(m_connectionId);
    const SqlDialect sqlDialect = m_editor->dialect();
    m_editor->completer()->setSearchPath(SqlCompletion::defaultSearchPath(snapshot));
    m_indexWatcher.setFuture(QtConcurrent::run([snapshot, dialect, sqlDialect] {
        return CompletionIndex::build(snapshot, dialect, sqlDialect);
    }));
}

QueryTab::~QueryTab()
{
    m_queue.clear();
    if (m_running) {
        if (EngineSession *session = m_connections->session(m_connectionId))
            session->cancel();
    }
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
    // The grids go before the stores they show.
    for (ResultView *view : m_views)
        delete view;
    m_views.clear();
}

ResultGridModel *QueryTab::resultModel(int index) const
{
    const ResultView *view = resultView(index);
    return view ? view->model() : nullptr;
}

ResultView *QueryTab::resultView(int index) const
{
    return index >= 0 && index < resultCount() ? m_views[size_t(index)] : nullptr;
}

void QueryTab::runStatement()
{
    const SqlStatement statement = m_editor->currentStatement();
    if (statement.text.isEmpty())
        return;
    start({statement});
}

void QueryTab::runScript()
{
    const QList<SqlStatement> statements = m_editor->allStatements();
    if (statements.isEmpty())
        return;
    start(statements);
}

void QueryTab::cancel()
{
    if (!m_running)
        return;
    m_queue.clear();
    m_cancelled = true;
    if (EngineSession *session = m_connections->session(m_connectionId))
        session->cancel();
}

void QueryTab::start(const QList<SqlStatement> &statements)
{
    if (m_running || (m_explainer && m_explainer->isRunning()) || !confirmDiscardEdits())
        return;
    clearResults();
    m_editor->clearErrors();
    m_messages->clear();
    m_cancelled = false;
    m_interrupted = false;
    m_queue = statements;
    setRunning(true);
    runNext();
}

bool QueryTab::confirmDiscardEdits()
{
    for (ResultView *view : m_views) {
        if (!view->editor()->confirmDiscard())
            return false;
    }
    return true;
}

void QueryTab::runNext()
{
    if (m_queue.isEmpty()) {
        setRunning(false);
        Q_EMIT runFinished();
        return;
    }
    m_currentStatement = m_queue.takeFirst();
    EngineSession *session = m_connections->session(m_connectionId);
    if (!session || m_connections->state(m_connectionId) != ConnectionManager::State::Ready) {
        log(tr("Error: the connection %1 is not open.").arg(m_connections->title(m_connectionId)));
        m_queue.clear();
        setRunning(false);
        Q_EMIT runFinished();
        return;
    }
    m_sink = ResultSetSink::create(m_rowLimit->value());
    m_sinks.push_back(m_sink);
    connect(m_sink.get(), &ResultSetSink::storeAdded, this, &QueryTab::addStore);
    connect(m_sink.get(), &ResultSetSink::noticeAdded, this,
            [this](const QString &notice) { log(tr("Notice: %1").arg(notice)); });
    m_editor->highlightStatement(m_currentStatement);
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_elapsed.start();
    m_watcher.setFuture(session->execute(m_currentStatement.text, {}, m_sink));
}

void QueryTab::statementFinished()
{
    const qint64 elapsed = m_elapsed.elapsed();
    const Result<void> result = m_watcher.future().isValid() && m_watcher.future().resultCount() > 0
        ? m_watcher.future().result()
        : Result<void>(Error(Error::Code::ConnectionLost, tr("The statement was interrupted.")));
    const std::shared_ptr<ResultSetSink> sink = std::move(m_sink);
    log(tr("Line %1: %2").arg(m_currentStatement.line).arg(firstLine(m_currentStatement.text)));
    qint64 rows = -1;
    for (int i = 0; i < sink->storeCount(); ++i) {
        RowStore *store = sink->store(i);
        addStore(store);
        const ResultSummary summary = store->summary();
        rows = std::max<qint64>(rows, 0) + store->rowCount();
        QString line = rowsText(store->rowCount(), "1 row returned", "%1 rows returned");
        if (store->isTruncated() || summary.truncated)
            line += tr(" (the result was cut at the row limit of %L1)").arg(store->rowLimit());
        log(line);
    }
    for (const ResultSummary &summary : sink->summaries()) {
        if (summary.rowsAffected >= 0) {
            rows = std::max<qint64>(rows, 0) + summary.rowsAffected;
            log(rowsText(summary.rowsAffected, "1 row affected", "%1 rows affected"));
        } else if (!summary.commandTag.isEmpty()) {
            log(summary.commandTag);
        }
    }
    QString error;
    if (!result.ok()) {
        const Error &e = result.error();
        error = e.toString();
        if (m_interrupted) {
            log(tr("Interrupted: the connection closed while the statement ran (%1).")
                    .arg(error));
        } else if (e.code() == Error::Code::Cancelled || m_cancelled) {
            log(tr("Cancelled: %1").arg(error));
        } else {
            const int offset = m_currentStatement.offset + std::max(e.position() - 1, 0);
            m_editor->markError(offset, e.message());
            log(tr("Error: %1").arg(error));
        }
        m_queue.clear();
    }
    log(tr("%L1 ms").arg(elapsed));
    record(m_currentStatement, elapsed, rows, error);
    if (m_cancelled)
        m_queue.clear();
    runNext();
}

void QueryTab::addStore(RowStore *store)
{
    if (!store || m_shownStores.contains(store))
        return;
    m_shownStores << store;
    auto *view = new ResultView(store, m_connections, m_connectionId, m_currentStatement.text,
                                m_results);
    m_views.push_back(view);
    const int index = m_results->insertTab(m_results->count() - 1, view,
                                           tr("Result %1").arg(m_views.size()));
    if (m_views.size() == 1)
        m_results->setCurrentIndex(index);
}

void QueryTab::clearResults()
{
    while (m_results->count() > 1) {
        QWidget *page = m_results->widget(0);
        m_results->removeTab(0);
        delete page;
    }
    m_views.clear();
    m_shownStores.clear();
    m_sinks.clear();
}

void QueryTab::log(const QString &line)
{
    m_messages->appendPlainText(line);
}

void QueryTab::setRunning(bool running)
{
    m_running = running;
    updateRunActions();
    if (!running && m_views.empty() && m_results->count() > 0)
        m_results->setCurrentWidget(m_messages);
    Q_EMIT runningChanged(running);
}

void QueryTab::updateRunActions()
{
    const bool explaining = m_explainer && m_explainer->isRunning();
    m_cancel->setEnabled(m_running || explaining);
    m_runStatement->setEnabled(!m_running && !explaining && isBound());
    m_runScript->setEnabled(!m_running && !explaining && isBound());
    if (m_explainer)
        m_explainer->updateActions();
}

void QueryTab::setFilePath(const QString &path, bool saved)
{
    m_filePath = path;
    if (saved)
        m_editor->setModified(false);
    updateDisplayTitle();
}

bool QueryTab::isModified() const
{
    // Untitled text counts as unsaved as soon as there is any: there is no file to go back to.
    return m_filePath.isEmpty() ? m_editor->length() > 0 : m_editor->isModified();
}

QString QueryTab::displayTitle() const
{
    QString name = m_filePath.isEmpty() ? tr("Query %1").arg(m_number)
                                        : QFileInfo(m_filePath).fileName();
    if (isModified() && !m_filePath.isEmpty())
        name += QLatin1Char('*');
    if (!isBound())
        return tr("%1 — %2 (disconnected)").arg(name, m_connectionTitle);
    return tr("%1 — %2").arg(name, m_connectionTitle);
}

void QueryTab::updateDisplayTitle()
{
    const QString title = displayTitle();
    if (title == m_displayTitle)
        return;
    m_displayTitle = title;
    Q_EMIT displayTitleChanged(title);
}

void QueryTab::bindConnection(const QString &connectionId)
{
    m_connectionId = connectionId;
    m_connectionTitle = m_connections->title(connectionId);
    m_title = tr("Query %1 — %2").arg(m_number).arg(m_connectionTitle);
    if (EngineSession *session = m_connections->session(connectionId))
        m_editor->setDialect(sqlDialectForEngine(session->engine()));
    if (const IDialect *dialect = m_connections->dialect(connectionId))
        m_editor->setKeywords(dialect->keywords());
    loadCompletionIndex();
    updateRunActions();
    updateDisplayTitle();
}

void QueryTab::unbindConnection(const QString &connectionTitle, const QString &notice)
{
    if (m_running) {
        // The session is gone: its statement ends as cancelled; say why.
        m_interrupted = true;
        m_queue.clear();
        if (EngineSession *session = m_connections->session(m_connectionId))
            session->cancel();
    }
    m_connectionId.clear();
    m_connectionTitle = connectionTitle;
    if (!notice.isEmpty())
        log(notice);
    updateRunActions();
    updateDisplayTitle();
}

void QueryTab::record(const SqlStatement &statement, qint64 durationMs, qint64 rows,
                      const QString &error)
{
    if (!m_history.isOpen() && !m_history.open())
        return;
    HistoryEntry entry;
    entry.connectionKey = m_connections->title(m_connectionId);
    entry.sql = statement.text;
    entry.startedAt = m_startedAt;
    entry.durationMs = durationMs;
    if (rows >= 0)
        entry.rows = rows;
    entry.error = error;
    if (m_history.add(entry))
        Q_EMIT statementRecorded();
}

} // namespace Strata
