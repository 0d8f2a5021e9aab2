// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationcontroller.h"

#include "connection/enginesession.h"
#include "edit/editplanner.h"
#include "plugins/imigrations.h"

#include <QFutureWatcher>
#include <QMetaObject>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace Strata {

namespace {

// Calls done(future) on context's thread once future has finished; the watcher goes with
// context, so a context that is gone by then hears nothing.
template <typename T, typename Done>
void whenFinished(QObject *context, const QFuture<T> &future, Done done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() {
                         watcher->deleteLater();
                         done(watcher->future());
                     });
    watcher->setFuture(future);
}

// A session closed with its connection cancels what it had queued: no result then.
template <typename T> bool hasResult(const QFuture<T> &future)
{
    return !future.isCanceled() && future.resultCount() > 0;
}

} // namespace

// One refresh(): the folder and the history are read at the same time; the last of the two
// to arrive joins them, unless a later read or another connection made them stale.
struct MigrationController::PendingRead
{
    quint64 generation = 0;
    int outstanding = 0;
    MigrationReader::Contents contents;
    QList<AppliedMigration> history;
    QString historyError;
};

MigrationController::MigrationController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<MigrationRunner::Progress>();
    qRegisterMetaType<MigrationRunner::Outcome>();
}

// A run's job, queued behind other work on the session, either begins or is given up by a
// controller destroyed first; whichever comes first wins.
enum class MigrationController::JobState : int { Queued, Running, Abandoned };

MigrationController::~MigrationController()
{
    if (!m_running)
        return;
    stop();
    // Still queued (behind a long query of a query tab, say): it will return at once when its
    // turn comes, touching nothing of this controller; no need to wait for that turn.
    if (m_jobState->load() == JobState::Abandoned)
        return;
    // Running: it stops between statements. Not QFuture::waitForFinished(), which may take a
    // job from the session's pool and run it on this thread.
    while (!m_runFuture.isFinished())
        QThread::msleep(5);
}

void MigrationController::setFolder(const QString &folder)
{
    if (folder == m_folder)
        return;
    discardRead();
    m_folder = folder;
    m_contents = {};
    m_status = MigrationStatus({}, m_history);
    Q_EMIT statusChanged();
}

void MigrationController::setConnection(EngineSession *session, const IMigrations *engine,
                                        const QString &databaseLabel)
{
    if (session == m_session && engine == m_engine && databaseLabel == m_databaseLabel)
        return;
    discardRead();
    m_session = session;
    m_engine = engine;
    m_databaseLabel = databaseLabel;
    m_history.clear();
    m_status = MigrationStatus(m_contents.migrations, {});
    Q_EMIT statusChanged();
}

void MigrationController::clearConnection()
{
    setConnection(nullptr, nullptr, QString());
}

void MigrationController::discardRead()
{
    ++m_generation;
    setLoading(false);
}

void MigrationController::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

QString MigrationController::noEngineMessage() const
{
    const QString engine = m_session ? m_session->engine() : QString();
    return engine.isEmpty() ? tr("This connection cannot run migrations.")
                            : tr("The %1 engine cannot run migrations.").arg(engine);
}

void MigrationController::refresh()
{
    auto read = std::make_shared<PendingRead>();
    read->generation = ++m_generation;
    const bool readsFolder = !m_folder.isEmpty();
    const bool readsHistory = m_session && m_engine;
    if (m_session && !m_engine)
        read->historyError = noEngineMessage();
    read->outstanding = int(readsFolder) + int(readsHistory);
    if (read->outstanding == 0) {
        readFinished(read);
        return;
    }
    setLoading(true);
    auto arrived = [this, read]() {
        if (--read->outstanding == 0)
            readFinished(read);
    };
    if (readsFolder) {
        const QFuture<MigrationReader::Contents> files =
            QtConcurrent::run(&MigrationReader::readDirectory, m_folder);
        whenFinished(this, files, [read, arrived](const QFuture<MigrationReader::Contents> &f) {
            if (hasResult(f))
                read->contents = f.result();
            arrived();
        });
    }
    if (readsHistory) {
        // The job keeps its reader: it may run after this controller is gone.
        auto reader = std::make_shared<MigrationRunner>(m_engine, MigrationRunner::Options{});
        const QFuture<Result<QList<AppliedMigration>>> history =
            m_session->run<QList<AppliedMigration>>(
                [reader](ISession &session) { return reader->readHistory(session); });
        whenFinished(this, history,
                     [read, arrived](const QFuture<Result<QList<AppliedMigration>>> &f) {
                         if (!hasResult(f))
                             read->historyError = tr("The connection was closed.");
                         else if (const Result<QList<AppliedMigration>> rows = f.result(); !rows)
                             read->historyError = rows.error().toString();
                         else
                             read->history = rows.value();
                         arrived();
                     });
    }
}

void MigrationController::readFinished(const std::shared_ptr<PendingRead> &read)
{
    if (read->generation != m_generation)
        return;
    m_contents = read->contents;
    m_history = read->history;
    m_status = MigrationStatus(m_contents.migrations, m_history);
    setLoading(false);
    Q_EMIT statusChanged();
    if (!read->historyError.isEmpty())
        Q_EMIT loadFailed(read->historyError);
}

Result<MigrationPlanner::Plan>
MigrationController::plan(MigrationPlanner::Command command,
                          const MigrationPlanner::Options &options) const
{
    if (!m_engine)
        return Error(Error::Code::NotSupported, noEngineMessage());
    return MigrationPlanner(m_engine).plan(m_status, m_contents.problems, command, options);
}

QString MigrationController::render(const MigrationPlanner::Plan &plan) const
{
    return m_engine ? MigrationPlanner(m_engine).render(plan) : QString();
}

Result<void> MigrationController::start(MigrationPlanner::Command command,
                                        const MigrationPlanner::Options &options)
{
    if (m_running)
        return Error(Error::Code::InvalidArgument,
                     tr("A migration run is in progress already: wait for it to end or stop it."));
    if (m_loading)
        return Error(Error::Code::InvalidArgument,
                     tr("The migrations are still being read: run again once they are shown."));
    if (!m_session)
        return Error(Error::Code::InvalidArgument,
                     tr("No connection is chosen: choose the database to run the migrations on."));
    if (!m_engine)
        return Error(Error::Code::NotSupported, noEngineMessage());
    if (m_folder.isEmpty())
        return Error(Error::Code::InvalidArgument,
                     tr("No migrations folder is chosen: choose the folder to run."));
    if (!m_contents.ok())
        return Error(Error::Code::InvalidArgument,
                     tr("The folder has malformed files (first problem: %1); fix them, then "
                        "refresh.")
                         .arg(m_contents.problems.first().toString()));
    // What the planner refuses on the status shown, it refuses under the lock too.
    const Result<MigrationPlanner::Plan> planned = plan(command, options);
    if (!planned)
        return planned.error();
    if (planned->steps.isEmpty()) {
        QString nothing = tr("Nothing to run: every migration of the folder is applied.");
        if (command == MigrationPlanner::Command::Down)
            nothing = tr("Nothing to roll back: no migration is applied.");
        else if (command == MigrationPlanner::Command::Up && !options.target.isEmpty())
            nothing = tr("Nothing to run: every migration up to %1 is applied.").arg(options.target);
        else if (command == MigrationPlanner::Command::Repair)
            nothing = tr("Nothing to repair.");
        return Error(Error::Code::InvalidArgument, nothing);
    }

    MigrationRunner::Options runOptions;
    runOptions.lockTimeoutSeconds = m_lockTimeoutSeconds;
    runOptions.databaseLabel = m_databaseLabel;
    runOptions.osUser = MigrationRunner::currentOsUser();
    // The session is shared with the query tabs, where the user may have typed BEGIN.
    runOptions.openTransactionProbe =
        EditPlanner::openTransactionProbe(EditPlanner::syntaxFor(m_session->engine()));
    auto runner = std::make_shared<MigrationRunner>(m_engine, runOptions);
    std::atomic_store(&m_runner, runner);

    QPointer<MigrationController> self(this);
    const MigrationRunner::ProgressFunction relay = [self](const MigrationRunner::Progress &step) {
        // On the session's thread; the destructor waits for a run that has begun, so self is
        // alive here, but the queued call checks again: it may be gone before delivery.
        if (MigrationController *controller = self.data()) {
            QMetaObject::invokeMethod(
                controller,
                [self, step]() {
                    if (self)
                        Q_EMIT self->progress(step);
                },
                Qt::QueuedConnection);
        }
    };
    const QList<Migration> files = m_contents.migrations;
    const QList<MigrationReader::Problem> problems = m_contents.problems;
    auto state = std::make_shared<std::atomic<JobState>>(JobState::Queued);
    std::atomic_store(&m_jobState, state);
    m_runFuture = m_session->run<MigrationRunner::Outcome>(
        [runner, state, files, problems, command, options,
         relay](ISession &session) -> Result<MigrationRunner::Outcome> {
            JobState queued = JobState::Queued;
            if (!state->compare_exchange_strong(queued, JobState::Running))
                return Error(Error::Code::Cancelled, tr("Stopped before it began: nothing ran."));
            return runner->execute(session, files, problems, command, options, relay);
        });
    m_running = true;
    Q_EMIT runningChanged(true);
    whenFinished(this, m_runFuture,
                 [this](const QFuture<Result<MigrationRunner::Outcome>> &f) { runEnded(f); });
    return {};
}

void MigrationController::stop()
{
    // A run still queued on the session never begins; one that runs stops between statements.
    if (const std::shared_ptr<std::atomic<JobState>> state = std::atomic_load(&m_jobState)) {
        JobState queued = JobState::Queued;
        state->compare_exchange_strong(queued, JobState::Abandoned);
    }
    if (const std::shared_ptr<MigrationRunner> runner = std::atomic_load(&m_runner))
        runner->requestStop();
}

void MigrationController::runEnded(const QFuture<Result<MigrationRunner::Outcome>> &future)
{
    m_running = false;
    if (!hasResult(future)) {
        Q_EMIT runFailed(tr("The connection was closed before the run ended: refresh to see "
                            "what was applied."));
    } else if (const Result<MigrationRunner::Outcome> outcome = future.result(); !outcome) {
        Q_EMIT runFailed(outcome.error().toString());
    } else {
        Q_EMIT runFinished(outcome.value());
    }
    Q_EMIT runningChanged(false);
    refresh();
}

} // namespace Strata
