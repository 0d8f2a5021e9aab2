// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/migrationplanner.h"
#include "migrations/migrationrunner.h"
#include "sql/result.h"

#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QToolBar;

namespace Strata {

class EngineSession;
class IMigrations;
class MigrationController;
class MigrationHistoryModel;
class MigrationsModel;

// The Migrations panel: one folder of migration files against one connection. Lists every
// migration with its state and this session's results, previews exactly what Apply, Rollback
// or Repair would run, runs it after a confirmation that names the target database, with
// progress, a per-migration result and the outcome; shows the history and the folder's problems.
class STRATA_UI_EXPORT MigrationsPanel : public QWidget
{
    Q_OBJECT
public:
    // What the user is asked before anything runs.
    struct Confirmation
    {
        MigrationPlanner::Command command = MigrationPlanner::Command::Up;
        QString title;         // "Apply", "Rollback", "Repair"
        QString databaseLabel; // "strata_test on 127.0.0.1:54329"
        int stepCount = 0;
        QString question; // "Apply 3 migrations to strata_test on 127.0.0.1:54329?"
        QString sql;      // exactly what runs (MigrationController::render)
    };
    // Returns true to run. The default shows a message box whose default button is Cancel.
    using Asker = std::function<bool(const Confirmation &)>;
    enum class PreviewChoice { Apply, Rollback, Repair };

    explicit MigrationsPanel(QWidget *parent = nullptr);
    ~MigrationsPanel() override;

    MigrationController *controller() const { return m_controller; }

    // Reads folder (and the history when connected). Emits folderChanged() when it differs.
    void setFolder(const QString &folder);
    QString folder() const;
    // session: ConnectionManager's; engine null: the engine cannot run migrations.
    // serverDescription follows the label in the target line ("PostgreSQL 15.4").
    void setConnection(EngineSession *session, const IMigrations *engine,
                       const QString &databaseLabel, const QString &serverDescription);
    // No connection any more; message says why (plain text).
    void clearConnection(const QString &message);

    void setAsker(Asker asker) { m_asker = std::move(asker); }
    // Adds a toolbar button for an action of another feature (Other Migration Tools…).
    void addExtraAction(QAction *action);

    // What Apply, Rollback and Repair would run now: the selection picks the target.
    MigrationPlanner::Options optionsFor(MigrationPlanner::Command command) const;
    Result<MigrationPlanner::Plan> planFor(MigrationPlanner::Command command) const;
    // Why command cannot run now (one sentence), or empty when it can.
    QString reasonNotToRun(MigrationPlanner::Command command) const;

    MigrationsModel *model() const { return m_model; }
    MigrationHistoryModel *historyModel() const { return m_history; }
    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *newAction() const { return m_new; }
    QAction *applyAction() const { return m_apply; }
    QAction *rollbackAction() const { return m_rollback; }
    QAction *repairAction() const { return m_repair; }
    QAction *stopAction() const { return m_stop; }
    QAction *outOfOrderAction() const { return m_outOfOrder; }
    QLineEdit *folderEdit() const { return m_folderEdit; }
    QComboBox *previewChoice() const { return m_previewChoice; }
    QPlainTextEdit *preview() const { return m_preview; }
    QPlainTextEdit *output() const { return m_output; }
    QPlainTextEdit *problems() const { return m_problems; }
    QTableView *historyView() const { return m_historyView; }
    QTabWidget *pages() const { return m_pages; }
    QProgressBar *progressBar() const { return m_progress; }
    QString targetText() const;
    QString summary() const;
    bool summaryIsError() const { return m_summaryIsError; }
    // Selects the row of version in the table (tests, the feature).
    void selectVersion(const QString &version);
    QString selectedVersion() const;

public Q_SLOTS:
    void refresh();
    void apply();
    void rollback();
    void repair();
    void stop();
    void chooseFolder();

Q_SIGNALS:
    void folderChanged(const QString &folder);
    void newMigrationRequested();
    // Double-click on a row with a file: its absolute path.
    void migrationActivated(const QString &path);
    // A run ended (finished, failed, stopped or refused by the controller).
    void runEnded();

protected:
    bool event(QEvent *event) override;

private:
    void createActions();
    void buildLayout();
    void run(MigrationPlanner::Command command);
    void statusArrived();
    void updateActions();
    void fitColumns();
    void updatePreview();
    int updateProblems(); // how many problems are listed
    void setTarget();
    void setSummary(const QString &text, bool error);
    void showProgress(const MigrationRunner::Progress &progress);
    void showOutcome(const MigrationRunner::Outcome &outcome);
    void showRunFailure(const QString &message);
    const MigrationStatus::Entry *selectedEntry() const;
    static bool askWithMessageBox(QWidget *parent, const Confirmation &confirmation);

    MigrationController *m_controller;
    MigrationsModel *m_model;
    MigrationHistoryModel *m_history;
    QSortFilterProxyModel *m_proxy;
    Asker m_asker;
    QString m_databaseLabel;
    QString m_serverDescription;
    QString m_connectionMessage;
    QString m_loadError;
    bool m_connected = false;
    bool m_summaryIsError = false;
    bool m_keepSummary = false; // the next status keeps the run's outcome in the summary

    QAction *m_refresh = nullptr;
    QAction *m_new = nullptr;
    QAction *m_apply = nullptr;
    QAction *m_rollback = nullptr;
    QAction *m_repair = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_openFile = nullptr;
    QAction *m_outOfOrder = nullptr;
    QLineEdit *m_folderEdit;
    QLabel *m_target;
    QLabel *m_summary;
    QToolBar *m_toolBar;
    QProgressBar *m_progress;
    QTableView *m_view;
    QTabWidget *m_pages;
    QComboBox *m_previewChoice;
    QPlainTextEdit *m_preview;
    QPlainTextEdit *m_output;
    QTableView *m_historyView;
    QPlainTextEdit *m_problems;
};

} // namespace Strata
