// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/appliedmigration.h"
#include "migrations/migrationplanner.h"
#include "migrations/migrationreader.h"
#include "migrations/migrationrunner.h"
#include "migrations/migrationstatus.h"
#include "sql/result.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

namespace Strata {

class EngineSession;
class IMigrations;

// The Migrations panel's model of the world, without widgets: one folder of migration files
// bound to one connection. Reads the folder (thread pool) and the history (the connection's
// session thread) into a MigrationStatus, plans Apply/Rollback/Repair exactly as strata-cli
// does (MigrationPlanner), and runs a plan with MigrationRunner as one job on the session.
// Everything it emits, it emits on the GUI thread. A later refresh() or setConnection()
// discards the results of an earlier read; a run in progress keeps its session until it ends.
class STRATA_UI_EXPORT MigrationController : public QObject
{
    Q_OBJECT
public:
    explicit MigrationController(QObject *parent = nullptr);
    // Asks a run in progress to stop and waits for it (a migration running in a transaction
    // is rolled back; a statement-by-statement one is finished first). A run still queued on
    // the session is given up without waiting.
    ~MigrationController() override;

    void setFolder(const QString &folder);
    QString folder() const { return m_folder; }

    // session: ConnectionManager's (not owned); engine: the plugin's IMigrations (null: the
    // engine cannot run migrations, every call says so); databaseLabel names the target
    // database in confirmations and messages ("strata_test on 127.0.0.1:54329").
    void setConnection(EngineSession *session, const IMigrations *engine,
                       const QString &databaseLabel);
    void clearConnection();
    EngineSession *session() const { return m_session; }
    const IMigrations *engine() const { return m_engine; }
    QString databaseLabel() const { return m_databaseLabel; }

    void setLockTimeoutSeconds(int seconds) { m_lockTimeoutSeconds = seconds; }
    int lockTimeoutSeconds() const { return m_lockTimeoutSeconds; }

    // Reads the folder and the history again; statusChanged() follows, and loadFailed() right
    // after it when the history could not be read. Without a folder or a connection, the
    // status holds what there is (files only, or nothing); with neither, statusChanged()
    // follows at once. setFolder(), setConnection() and clearConnection() drop what a read
    // in progress would bring and clear what no longer applies (statusChanged()); call
    // refresh() then to read again.
    void refresh();
    bool isLoading() const { return m_loading; }

    // What the last read found.
    const MigrationReader::Contents &contents() const { return m_contents; }
    const QList<AppliedMigration> &history() const { return m_history; }
    const MigrationStatus &status() const { return m_status; }

    // The plan for command on the last read status: what Apply/Rollback/Repair would run, or
    // the one sentence why it must not run. render() is that plan as SQL text, exactly what
    // `strata-cli migrate … --dry-run` prints.
    Result<MigrationPlanner::Plan> plan(MigrationPlanner::Command command,
                                        const MigrationPlanner::Options &options) const;
    QString render(const MigrationPlanner::Plan &plan) const;

    // Runs command as one job on the session (lock, history re-read under the lock, plan
    // again, steps): progress() for every step, then runFinished() or runFailed(), then a
    // refresh(). Refuses, with one sentence and nothing started, while loading or running,
    // without a connection or an engine, or when the folder does not read clean.
    Result<void> start(MigrationPlanner::Command command, const MigrationPlanner::Options &options);
    // Thread-safe; the run stops between statements. A run still queued on the session
    // (behind a query tab's statement) never begins: runFailed() says nothing ran.
    void stop();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void statusChanged();
    // The history could not be read (plain text; the status then holds the files only).
    void loadFailed(const QString &message);
    void runningChanged(bool running);
    void progress(const Strata::MigrationRunner::Progress &progress);
    // The run ended: every step finished, or one failed (outcome.failure says what failed and
    // exactly what was applied), or stop() ended it.
    void runFinished(const Strata::MigrationRunner::Outcome &outcome);
    // The run could not take place or was cut off: lock timeout, a transaction the user left
    // open on this connection, connection lost (plain text).
    void runFailed(const QString &message);

private:
    struct PendingRead;
    enum class JobState : int;
    void readFinished(const std::shared_ptr<PendingRead> &read);
    void runEnded(const QFuture<Result<MigrationRunner::Outcome>> &future);
    void setLoading(bool loading);
    void discardRead();
    QString noEngineMessage() const;

    QString m_folder;
    QPointer<EngineSession> m_session;
    const IMigrations *m_engine = nullptr;
    QString m_databaseLabel;
    int m_lockTimeoutSeconds = 30;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_running = false;
    MigrationReader::Contents m_contents;
    QList<AppliedMigration> m_history;
    MigrationStatus m_status;
    // Shared with the job on the session thread, so it outlives this controller if need be.
    // Written on the GUI thread, read by stop() on any: std::atomic_load/atomic_store.
    std::shared_ptr<MigrationRunner> m_runner;
    QFuture<Result<MigrationRunner::Outcome>> m_runFuture;
    // Whether the run's job has begun on the session thread or was given up before it did;
    // std::atomic_load/atomic_store as m_runner.
    std::shared_ptr<std::atomic<JobState>> m_jobState;
};

} // namespace Strata

Q_DECLARE_METATYPE(Strata::MigrationRunner::Progress)
Q_DECLARE_METATYPE(Strata::MigrationRunner::Outcome)
