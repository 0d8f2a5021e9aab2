// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationspanel.h"

#include "migrationcontroller.h"
#include "migrationhistorymodel.h"
#include "migrationruntext.h"
#include "migrationsmodel.h"

#include "shell/panelshortcuts.h"

#include "connection/enginesession.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolBar>
#include <QVBoxLayout>

namespace Strata {

namespace {

using Command = MigrationPlanner::Command;
using State = MigrationStatus::State;

QPlainTextEdit *readOnlyText(QWidget *parent, bool monospace)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(monospace ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    if (monospace)
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

MigrationsPanel::MigrationsPanel(QWidget *parent)
    : QWidget(parent)
    , m_controller(new MigrationController(this))
    , m_model(new MigrationsModel(this))
    , m_history(new MigrationHistoryModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_folderEdit(new QLineEdit(this))
    , m_target(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_toolBar(new QToolBar(this))
    , m_progress(new QProgressBar(this))
    , m_view(new QTableView(this))
    , m_pages(new QTabWidget(this))
    , m_previewChoice(new QComboBox(this))
    , m_preview(readOnlyText(this, true))
    , m_output(readOnlyText(this, true))
    , m_historyView(new QTableView(this))
    , m_problems(readOnlyText(this, false))
{
    m_asker = [this](const Confirmation &confirmation) {
        return askWithMessageBox(this, confirmation);
    };
    m_model->setPalette(palette());
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(MigrationsModel::SortRole);
    createActions();
    buildLayout();

    connect(m_controller, &MigrationController::statusChanged, this,
            &MigrationsPanel::statusArrived);
    connect(m_controller, &MigrationController::loadFailed, this, [this](const QString &message) {
        m_loadError = message;
        setSummary(tr("The history could not be read: %1").arg(message), true);
        updateProblems();
        updateActions();
        updatePreview();
    });
    connect(m_controller, &MigrationController::loadingChanged, this,
            &MigrationsPanel::updateActions);
    connect(m_controller, &MigrationController::runningChanged, this,
            &MigrationsPanel::updateActions);
    connect(m_controller, &MigrationController::progress, this, &MigrationsPanel::showProgress);
    connect(m_controller, &MigrationController::runFinished, this, &MigrationsPanel::showOutcome);
    connect(m_controller, &MigrationController::runFailed, this, &MigrationsPanel::showRunFailure);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updatePreview();
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString path = index.data(MigrationsModel::PathRole).toString();
        if (!path.isEmpty())
            Q_EMIT migrationActivated(path);
    });
    connect(m_previewChoice, &QComboBox::currentIndexChanged, this,
            &MigrationsPanel::updatePreview);
    connect(m_folderEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_folderEdit->text() != m_controller->folder())
            setFolder(m_folderEdit->text());
    });

    clearConnection(tr("No connection: open one, then Connection ▸ Migrations…"));
}

MigrationsPanel::~MigrationsPanel() = default;

void MigrationsPanel::createActions()
{
    auto make = [this](const QString &text, const QKeySequence &key, const QString &tip) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        action->setData(tip); // the tooltip without a reason appended
        addAction(action);
        return action;
    };
    m_refresh = make(tr("&Refresh"), QKeySequence(Qt::Key_F5),
                     tr("Read the folder and the history table again (F5)"));
    m_new = make(tr("&New Migration…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                 tr("Write a new migration file in this folder (Ctrl+Shift+N)"));
    m_apply = make(
        tr("&Apply"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
        tr("Apply every pending migration in version order, or up to and including the "
           "selected pending one, like strata-cli migrate up [--to V]; the table's context menu "
           "allows out-of-order migrations (Ctrl+Shift+U)"));
    m_rollback = make(tr("R&ollback"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                      tr("Revert the newest applied migration, or every migration newer than the "
                         "selected applied one, which stays applied, like strata-cli migrate down "
                         "[--to V] (Ctrl+Shift+D)"));
    m_repair = make(tr("Re&pair"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                    tr("Repair the selected history row: a changed migration gets the file's "
                       "checksum, a failed or missing one's row is deleted, like strata-cli "
                       "migrate repair --version V (Ctrl+Shift+R)"));
    m_stop = make(tr("&Stop"), QKeySequence(Qt::Key_Escape),
                  tr("Stop the run between statements; a migration in a transaction is rolled "
                     "back (Esc)"));
    m_outOfOrder = new QAction(tr("Allow &Out-of-Order Apply"), this);
    m_outOfOrder->setCheckable(true);
    m_outOfOrder->setToolTip(tr("Let Apply run pending migrations older than the newest applied "
                                "one, like strata-cli migrate up --allow-out-of-order"));
    connect(m_outOfOrder, &QAction::toggled, this, [this] {
        updateActions();
        updatePreview();
    });
    m_openFile = new QAction(tr("&Open File"), this);
    m_openFile->setToolTip(tr("Open the selected migration's file in the editor"));

    connect(m_refresh, &QAction::triggered, this, &MigrationsPanel::refresh);
    connect(m_new, &QAction::triggered, this, &MigrationsPanel::newMigrationRequested);
    connect(m_apply, &QAction::triggered, this, &MigrationsPanel::apply);
    connect(m_rollback, &QAction::triggered, this, &MigrationsPanel::rollback);
    connect(m_repair, &QAction::triggered, this, &MigrationsPanel::repair);
    connect(m_stop, &QAction::triggered, this, &MigrationsPanel::stop);
    connect(m_openFile, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        const QString path = current.data(MigrationsModel::PathRole).toString();
        if (!path.isEmpty())
            Q_EMIT migrationActivated(path);
    });
    // F5 and the others win over the window's shortcuts on the same keys (the schema
    // browser's F5) while the focus is in the panel.
    new PanelShortcuts(this, {m_refresh, m_new, m_apply, m_rollback, m_repair, m_stop});
}

// The panel's keys win over window-wide shortcuts on the same key (the schema browser's F5)
// while the focus is in the panel: Qt would call both ambiguous and run neither.
bool MigrationsPanel::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    return QWidget::event(event);
}

void MigrationsPanel::buildLayout()
{
    m_folderEdit->setPlaceholderText(tr("Folder of migration files (<version>_<name>.sql)"));
    m_folderEdit->setToolTip(tr("The folder of dbmate or golang-migrate migration files; "
                                "remembered for this connection"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setToolTip(tr("Choose the folder of migration files"));
    connect(browse, &QPushButton::clicked, this, &MigrationsPanel::chooseFolder);
    auto *folderRow = new QHBoxLayout;
    folderRow->setContentsMargins(0, 0, 0, 0);
    auto *folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folderEdit);
    folderRow->addWidget(folderLabel);
    folderRow->addWidget(m_folderEdit, 1);
    folderRow->addWidget(browse);

    m_target->setTextFormat(Qt::PlainText);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_target->font();
    bold.setBold(true);
    m_target->setFont(bold);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(m_refresh);
    m_toolBar->addAction(m_new);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_apply);
    m_toolBar->addAction(m_rollback);
    m_toolBar->addAction(m_repair);
    m_toolBar->addAction(m_stop);

    m_progress->setTextVisible(true);
    m_progress->setVisible(false);

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(MigrationsModel::VersionColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    // What this session did sits next to the state, where a narrow dock still shows it.
    m_view->horizontalHeader()->moveSection(MigrationsModel::ResultColumn,
                                            MigrationsModel::AppliedAtColumn);
    m_view->setToolTip(tr("Select a pending migration to apply up to it, an applied one to roll "
                          "back to it, a failed, changed or missing one to repair it; "
                          "double-click to open its file"));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_openFile);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_view->addAction(separator);
    m_view->addActions({m_apply, m_rollback, m_repair});
    auto *separator2 = new QAction(this);
    separator2->setSeparator(true);
    m_view->addActions({separator2, m_outOfOrder});

    m_previewChoice->addItem(tr("Apply"), int(PreviewChoice::Apply));
    m_previewChoice->addItem(tr("Rollback"), int(PreviewChoice::Rollback));
    m_previewChoice->addItem(tr("Repair"), int(PreviewChoice::Repair));
    m_previewChoice->setToolTip(tr("Which command's SQL to preview: exactly what it would run now, "
                                   "as strata-cli migrate … --dry-run prints it"));
    auto *previewPage = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPage);
    previewLayout->setContentsMargins(2, 2, 2, 2);
    auto *previewRow = new QHBoxLayout;
    auto *previewLabel = new QLabel(tr("SQL that &would run for:"), previewPage);
    previewLabel->setBuddy(m_previewChoice);
    previewRow->addWidget(previewLabel);
    previewRow->addWidget(m_previewChoice);
    previewRow->addStretch(1);
    previewLayout->addLayout(previewRow);
    previewLayout->addWidget(m_preview, 1);
    m_preview->setToolTip(tr("Exactly the statements the run sends, in order, with the bound "
                             "values as comments"));

    m_output->setLineWrapMode(QPlainTextEdit::WidgetWidth); // server errors are long lines
    m_output->setToolTip(tr("What the last run did, migration by migration, and how it ended"));
    m_output->setPlaceholderText(tr("Apply, Rollback or Repair to see what they do here."));
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setAlternatingRowColors(true);
    m_historyView->verticalHeader()->hide();
    m_historyView->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_historyView->setToolTip(tr("The history table: what was applied, when, by whom and how long "
                                 "it took"));
    m_problems->setToolTip(tr("Malformed files, and what validate reports: changed, missing, "
                              "failed and out-of-order migrations"));
    m_pages->addTab(previewPage, tr("Preview"));
    m_pages->addTab(m_output, tr("Output"));
    m_pages->addTab(m_historyView, tr("History"));
    m_pages->addTab(m_problems, tr("Problems"));

    m_historyView->setModel(m_history);
    m_historyView->setWordWrap(false);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(folderRow);
    layout->addWidget(m_target);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);
}

void MigrationsPanel::addExtraAction(QAction *action)
{
    m_toolBar->addSeparator();
    m_toolBar->addAction(action);
}

void MigrationsPanel::setFolder(const QString &folder)
{
    if (m_folderEdit->text() != folder)
        m_folderEdit->setText(folder);
    const bool changed = folder != m_controller->folder();
    m_controller->setFolder(folder);
    if (changed) {
        m_model->clearResults();
        Q_EMIT folderChanged(folder);
    }
    refresh();
}

QString MigrationsPanel::folder() const
{
    return m_controller->folder();
}

void MigrationsPanel::chooseFolder()
{
    const QString chosen =
        QFileDialog::getExistingDirectory(this, tr("Migrations Folder"), folder());
    if (!chosen.isEmpty())
        setFolder(chosen);
}

void MigrationsPanel::setConnection(EngineSession *session, const IMigrations *engine,
                                    const QString &databaseLabel, const QString &serverDescription)
{
    m_databaseLabel = databaseLabel;
    m_serverDescription = serverDescription;
    m_connected = session != nullptr;
    m_connectionMessage.clear();
    m_loadError.clear();
    m_model->clearResults();
    m_controller->setConnection(session, engine, databaseLabel);
    setTarget();
    setSummary({}, false);
    refresh();
}

void MigrationsPanel::clearConnection(const QString &message)
{
    m_connected = false;
    m_databaseLabel.clear();
    m_serverDescription.clear();
    m_connectionMessage = message;
    m_loadError.clear();
    m_controller->clearConnection();
    setTarget();
    setSummary(message, false);
    refresh();
}

void MigrationsPanel::setTarget()
{
    if (!m_connected) {
        m_target->setText(tr("Target: no connection"));
        return;
    }
    m_target->setText(m_serverDescription.isEmpty()
                          ? tr("Target: %1").arg(m_databaseLabel)
                          : tr("Target: %1 (%2)").arg(m_databaseLabel, m_serverDescription));
}

QString MigrationsPanel::targetText() const
{
    return m_target->text();
}

QString MigrationsPanel::summary() const
{
    return m_summary->text();
}

void MigrationsPanel::setSummary(const QString &text, bool error)
{
    m_summaryIsError = error && !text.isEmpty();
    m_summary->setText(text);
    QPalette palette = this->palette();
    if (m_summaryIsError) {
        const bool dark = palette.color(QPalette::Base).lightness() < 128;
        palette.setColor(QPalette::WindowText,
                         dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e));
    }
    m_summary->setPalette(palette);
    m_summary->setVisible(!text.isEmpty());
}

void MigrationsPanel::refresh()
{
    if (m_controller->isRunning())
        return;
    m_loadError.clear();
    m_controller->refresh();
    updateActions();
}

void MigrationsPanel::statusArrived()
{
    const QString selected = selectedVersion();
    m_model->setStatus(m_controller->status(), m_controller->folder());
    fitColumns();
    if (!selected.isEmpty())
        selectVersion(selected);
    m_history->setHistory(m_controller->history());
    m_historyView->resizeColumnsToContents();
    const int problems = updateProblems();
    updateActions();
    updatePreview();
    if (m_keepSummary) {
        m_keepSummary = false; // the outcome of the run that just ended stays
    } else if (!m_connected) {
        setSummary(m_connectionMessage, false);
    } else if (!m_loadError.isEmpty()) {
        setSummary(tr("The history could not be read: %1").arg(m_loadError), true);
    } else if (m_controller->folder().isEmpty()) {
        setSummary(tr("Choose the folder of migration files: Browse…"), false);
    } else if (problems > 0) {
        const QString first = m_problems->document()->firstBlock().text();
        setSummary(problems == 1
                       ? first
                       : tr("%1 (and %2 more on the Problems page)").arg(first).arg(problems - 1),
                   true);
    } else {
        setSummary({}, false);
    }
}

void MigrationsPanel::fitColumns()
{
    const int widest = qMax(160, m_view->fontMetrics().horizontalAdvance(u'x') * 40);
    for (int c = 0; c < MigrationsModel::ColumnCount; ++c) {
        m_view->resizeColumnToContents(c);
        m_view->setColumnWidth(c, qMin(m_view->columnWidth(c), widest));
    }
}

void MigrationsPanel::selectVersion(const QString &version)
{
    const int row = m_model->rowOf(version);
    if (row < 0) {
        m_view->clearSelection();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

QString MigrationsPanel::selectedVersion() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(MigrationsModel::VersionRole).toString();
}

const MigrationStatus::Entry *MigrationsPanel::selectedEntry() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_model->entry(m_proxy->mapToSource(rows.first()).row());
}

int MigrationsPanel::updateProblems()
{
    QStringList lines;
    for (const MigrationReader::Problem &problem : m_controller->contents().problems)
        lines << problem.toString();
    lines << m_controller->status().problems();
    if (!m_loadError.isEmpty())
        lines << tr("The history could not be read: %1").arg(m_loadError);
    m_problems->setPlainText(lines.isEmpty() ? tr("No problems.") : lines.join(u'\n'));
    const int index = m_pages->indexOf(m_problems);
    m_pages->setTabText(index,
                        lines.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(lines.size()));
    return int(lines.size());
}

MigrationPlanner::Options MigrationsPanel::optionsFor(Command command) const
{
    MigrationPlanner::Options options;
    const MigrationStatus::Entry *entry = selectedEntry();
    switch (command) {
    case Command::Up:
        if (entry && entry->state == State::Pending)
            options.target = entry->version;
        options.allowOutOfOrder = m_outOfOrder->isChecked();
        break;
    case Command::Down:
        if (entry && entry->applied)
            options.target = entry->version;
        break;
    case Command::Repair:
        if (entry && (entry->state == State::Failed || entry->state == State::Changed ||
                      entry->state == State::Missing))
            options.target = entry->version;
        break;
    }
    return options;
}

QString MigrationsPanel::reasonNotToRun(Command command) const
{
    if (!m_connected)
        return m_connectionMessage.isEmpty() ? tr("No connection.") : m_connectionMessage;
    if (!m_controller->engine())
        return tr("The engine of this connection cannot run migrations.");
    if (m_controller->folder().isEmpty())
        return tr("Choose the folder of migration files first.");
    if (m_controller->isRunning())
        return tr("A run is in progress.");
    if (m_controller->isLoading())
        return tr("Reading the folder and the history…");
    if (!m_loadError.isEmpty())
        return tr("The history could not be read: %1").arg(m_loadError);
    if (command == Command::Repair && !m_controller->contents().ok())
        return tr("The folder has malformed migration files; see the Problems page.");
    if (command == Command::Repair && optionsFor(command).target.isEmpty())
        return tr("Select a failed, changed or missing migration to repair it.");
    const Result<MigrationPlanner::Plan> plan = planFor(command);
    if (!plan)
        return plan.error().message();
    if (plan->steps.isEmpty()) {
        if (command == Command::Up)
            return tr("Nothing to apply: no migration is pending.");
        if (command == Command::Down) {
            const QString target = optionsFor(command).target;
            return target.isEmpty()
                       ? tr("Nothing to roll back: no migration is applied.")
                       : tr("Nothing is applied after %1; select an older migration, or clear the "
                            "selection to revert the newest one.")
                             .arg(target);
        }
        return tr("Nothing to repair.");
    }
    return {};
}

Result<MigrationPlanner::Plan> MigrationsPanel::planFor(Command command) const
{
    return m_controller->plan(command, optionsFor(command));
}

void MigrationsPanel::updateActions()
{
    const bool running = m_controller->isRunning();
    const bool loading = m_controller->isLoading();
    const struct
    {
        QAction *action;
        Command command;
    } commands[] = {
        {m_apply, Command::Up}, {m_rollback, Command::Down}, {m_repair, Command::Repair}};
    for (const auto &c : commands) {
        const QString reason = reasonNotToRun(c.command);
        c.action->setEnabled(reason.isEmpty());
        const QString base = c.action->data().toString();
        c.action->setToolTip(reason.isEmpty() ? base : tr("%1\n\nNot now: %2").arg(base, reason));
    }
    m_refresh->setEnabled(!running && !loading);
    m_new->setEnabled(!m_controller->folder().isEmpty() && !running);
    m_new->setToolTip(m_new->isEnabled()
                          ? m_new->data().toString()
                          : tr("%1\n\nNot now: choose the folder of migration files first.")
                                .arg(m_new->data().toString()));
    m_stop->setEnabled(running);
    m_openFile->setEnabled(
        !m_view->currentIndex().data(MigrationsModel::PathRole).toString().isEmpty());
    m_folderEdit->setEnabled(!running);
}

void MigrationsPanel::updatePreview()
{
    const auto choice = PreviewChoice(m_previewChoice->currentData().toInt());
    const Command command = choice == PreviewChoice::Apply      ? Command::Up
                            : choice == PreviewChoice::Rollback ? Command::Down
                                                                : Command::Repair;
    if (m_controller->isRunning() || m_controller->isLoading())
        return; // keep what was shown until the status is read again
    const QString reason = reasonNotToRun(command);
    if (!reason.isEmpty()) {
        m_preview->setPlainText(reason);
        return;
    }
    const Result<MigrationPlanner::Plan> plan = planFor(command);
    m_preview->setPlainText(plan ? m_controller->render(*plan) : plan.error().message());
}

void MigrationsPanel::apply()
{
    run(Command::Up);
}

void MigrationsPanel::rollback()
{
    run(Command::Down);
}

void MigrationsPanel::repair()
{
    run(Command::Repair);
}

void MigrationsPanel::stop()
{
    if (!m_controller->isRunning())
        return;
    m_controller->stop();
    setSummary(tr("Stopping between statements…"), false);
}

void MigrationsPanel::run(Command command)
{
    const QString reason = reasonNotToRun(command);
    if (!reason.isEmpty()) {
        setSummary(tr("%1: %2").arg(MigrationRunText::title(command), reason), true);
        return;
    }
    const MigrationPlanner::Options options = optionsFor(command);
    const Result<MigrationPlanner::Plan> plan = m_controller->plan(command, options);
    if (!plan) {
        setSummary(plan.error().message(), true);
        return;
    }
    Confirmation confirmation;
    confirmation.command = command;
    confirmation.title = MigrationRunText::title(command);
    confirmation.databaseLabel = m_databaseLabel;
    confirmation.stepCount = int(plan->steps.size());
    confirmation.sql = m_controller->render(*plan);
    const int n = confirmation.stepCount;
    confirmation.question = MigrationRunText::question(*plan, m_databaseLabel);
    if (!m_asker || !m_asker(confirmation)) {
        setSummary(tr("%1 cancelled: nothing was run.").arg(MigrationRunText::title(command)), false);
        return;
    }
    m_model->clearResults();
    m_output->clear();
    m_output->appendPlainText(
        tr("%1 on %2: %3 steps").arg(confirmation.title, m_databaseLabel).arg(n));
    const Result<void> started = m_controller->start(command, options);
    if (!started) {
        m_output->appendPlainText(started.error().message());
        setSummary(started.error().message(), true);
        Q_EMIT runEnded();
        return;
    }
    m_progress->setRange(0, n);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Step %v of %m"));
    m_progress->setVisible(true);
    m_pages->setCurrentWidget(m_output);
    setSummary(tr("%1 running on %2…").arg(MigrationRunText::title(command), m_databaseLabel), false);
    updateActions();
}

void MigrationsPanel::showProgress(const MigrationRunner::Progress &progress)
{
    m_model->setProgress(progress);
    using Event = MigrationRunner::Progress::Event;
    if (progress.event != Event::Started)
        m_output->appendPlainText(MigrationRunText::stepLine(progress));
    if (progress.stepCount > 0 && m_progress->maximum() != progress.stepCount)
        m_progress->setMaximum(progress.stepCount);
    const int done = progress.event == Event::Started ? progress.step : progress.step + 1;
    m_progress->setValue(done);
    if (progress.event == Event::Started)
        m_progress->setFormat(
            tr("Step %1 of %m: %2_%3").arg(progress.step + 1).arg(progress.version, progress.name));
    else
        m_progress->setFormat(tr("Step %v of %m"));
}

void MigrationsPanel::showOutcome(const MigrationRunner::Outcome &outcome)
{
    m_keepSummary = true;
    m_progress->setVisible(false);
    fitColumns();
    const MigrationRunText::Line line = MigrationRunText::outcome(outcome, m_databaseLabel);
    // A failure's whole text (what was applied, on MariaDB) goes to the Output page.
    m_output->appendPlainText(outcome.failure.isEmpty() ? line.text
                                                        : tr("Failed: %1").arg(outcome.failure));
    setSummary(line.text, line.error);
    updateActions();
    Q_EMIT runEnded();
}

void MigrationsPanel::showRunFailure(const QString &message)
{
    m_keepSummary = true;
    m_progress->setVisible(false);
    m_output->appendPlainText(tr("Failed: %1").arg(message));
    setSummary(message, true);
    updateActions();
    Q_EMIT runEnded();
}

bool MigrationsPanel::askWithMessageBox(QWidget *parent, const Confirmation &confirmation)
{
    QMessageBox box(QMessageBox::Warning, confirmation.title, confirmation.question,
                    QMessageBox::Cancel, parent);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("It runs under a lock on the database. Show Details… lists the "
                              "exact SQL."));
    box.setDetailedText(confirmation.sql);
    QPushButton *run = box.addButton(confirmation.title, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == run;
}

} // namespace Strata
