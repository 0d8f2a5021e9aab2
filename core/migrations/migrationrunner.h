// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/migrationplanner.h"

#include <QFuture>

#include <atomic>
#include <functional>

namespace Strata {

class EngineSession;
class ISession;

// Runs a MigrationPlanner plan on a connection, as ONE job on the EngineSession worker: takes
// the engine's lock for the whole run (released at the end, also on errors), creates the
// history table on first use, re-reads the history under the lock (another process may have
// applied things meanwhile), plans again from it, and runs each step with its history row.
// Transactional engines commit each migration with its row; MariaDB (and
// `transaction:false` sections) run statement by statement and record a failure with the
// statement number.
class STRATA_CORE_EXPORT MigrationRunner
{
public:
    struct Options
    {
        int lockTimeoutSeconds = 60;
        QString databaseLabel; // names the database in messages
        QString osUser;        // "user@host", stored in applied_by with the database user
        // EditPlanner::openTransactionProbe() for the engine: the run refuses, running
        // nothing, when the user left a transaction open on a session it shares (the GUI's
        // query tabs). Empty: no check (a session of its own, as strata-cli's).
        QString openTransactionProbe;
    };
    struct Progress
    {
        enum class Event { Started, Finished, Failed, Skipped };
        Event event = Event::Started;
        int step = 0; // 0-based index in the plan
        int stepCount = 0;
        MigrationPlanner::Step::Kind kind = MigrationPlanner::Step::Kind::Apply;
        QString version;
        QString name;
        qint64 elapsedMs = 0;
        QString error;
    };
    // Called on the worker thread.
    using ProgressFunction = std::function<void(const Progress &)>;

    struct Outcome
    {
        MigrationPlanner::Plan plan; // as planned under the lock
        int finishedSteps = 0;
        bool stopped = false; // requestStop() ended the run before all steps
        // Empty when every step finished; else what failed and exactly what was applied.
        QString failure;
        bool ok() const { return failure.isEmpty() && !stopped; }
    };

    MigrationRunner(const IMigrations *engine, const Options &options);

    // The history rows in version order; empty when the table does not exist (never creates
    // it). On the session's thread.
    Result<QList<AppliedMigration>> readHistory(ISession &session) const;
    QFuture<Result<QList<AppliedMigration>>> readHistory(EngineSession *session) const;

    // The whole run on the session's thread. problems: MigrationReader's.
    Result<Outcome> execute(ISession &session, const QList<Migration> &files,
                            const QList<MigrationReader::Problem> &problems,
                            MigrationPlanner::Command command,
                            const MigrationPlanner::Options &options,
                            const ProgressFunction &progress);
    // The same as one job on session's worker. The runner must outlive the future.
    QFuture<Result<Outcome>> run(EngineSession *session, const QList<Migration> &files,
                                 const QList<MigrationReader::Problem> &problems,
                                 MigrationPlanner::Command command,
                                 const MigrationPlanner::Options &options,
                                 const ProgressFunction &progress);

    // Thread-safe: stops between statements. A migration that runs in a transaction is rolled
    // back; one that runs statement by statement is finished first (half of it would need a
    // repair).
    void requestStop() { m_stop = true; }

    // "user@host" of this process.
    static QString currentOsUser();

private:
    Result<void> takeSessionLock(ISession &session);
    Result<void> beginLocked(ISession &session);
    Result<QString> appliedBy(ISession &session) const;

    const IMigrations *m_engine;
    IMigrations::RunnerSql m_sql;
    Options m_options;
    std::atomic<bool> m_stop{false};
};

} // namespace Strata
