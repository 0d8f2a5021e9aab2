// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationrunner.h"

#include "connection/enginesession.h"
#include "connection/opentransactionprobe.h"
#include "plugins/isession.h"
#include "results/resultset.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSysInfo>
#include <QSet>
#include <QThread>
#include <QTimeZone>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MigrationRunner)
};

// How often a held lock is tried again: short single statements, never a blocking wait.
constexpr int LockPollMs = 100;

Result<QList<ResultSet>> query(ISession &session, const QString &sql,
                               const QVariantList &parameters = {})
{
    CollectingSink sink;
    if (Result<void> ran = session.execute(sql, parameters, sink); !ran)
        return ran.error();
    return sink.takeResults();
}

Result<void> exec(ISession &session, const QString &sql, const QVariantList &parameters = {})
{
    CollectingSink sink;
    return session.execute(sql, parameters, sink);
}

// The first cell of the first result, or a null QString.
Result<QString> scalar(ISession &session, const QString &sql)
{
    Result<QList<ResultSet>> results = query(session, sql);
    if (!results)
        return results.error();
    for (const ResultSet &set : results.value()) {
        if (set.rowCount() > 0 && !set.columns.isEmpty())
            return set.text(0, 0);
    }
    return QString();
}

QString who(const QString &version, const QString &name)
{
    return QStringLiteral("%1_%2").arg(version, name);
}

std::optional<qint64> number(const ResultSet &set, qint64 row, int column)
{
    if (set.isNull(row, column))
        return std::nullopt;
    bool ok = false;
    const qint64 value = set.text(row, column).toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}
} // namespace

MigrationRunner::MigrationRunner(const IMigrations *engine, const Options &options)
    : m_engine(engine)
    , m_sql(engine->migrationRunnerSql())
    , m_options(options)
{
}

QString MigrationRunner::currentOsUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
#ifdef Q_OS_UNIX
    // Services, cron jobs and containers often run without USER/LOGNAME.
    if (user.isEmpty()) {
        if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name)
            user = QString::fromLocal8Bit(entry->pw_name);
    }
#endif
    if (user.isEmpty())
        user = QStringLiteral("unknown");
    return user + QLatin1Char('@') + QSysInfo::machineHostName();
}

Result<QList<AppliedMigration>> MigrationRunner::readHistory(ISession &session) const
{
    Result<QString> exists = scalar(session, m_sql.historyExists);
    if (!exists)
        return exists.error();
    if (exists.value().toInt() == 0)
        return QList<AppliedMigration>();
    Result<QList<ResultSet>> results = query(session, m_sql.selectHistory);
    if (!results)
        return results.error();
    QList<AppliedMigration> rows;
    for (const ResultSet &set : results.value()) {
        if (set.columns.size() < 9)
            continue;
        for (qint64 r = 0; r < set.rowCount(); ++r) {
            AppliedMigration row;
            row.version = set.text(r, 0);
            row.name = set.text(r, 1);
            row.checksum = set.text(r, 2).toLatin1();
            row.appliedAt = QDateTime::fromString(set.text(r, 3), Qt::ISODateWithMs);
            row.appliedAt.setTimeSpec(Qt::UTC);
            row.executionMs = number(set, r, 4);
            row.appliedBy = set.text(r, 5);
            row.status = AppliedMigration::statusFromName(set.text(r, 6))
                             .value_or(AppliedMigration::Status::Failed);
            if (const std::optional<qint64> failed = number(set, r, 7))
                row.failedStatement = int(*failed);
            row.error = set.text(r, 8);
            rows.append(row);
        }
    }
    std::sort(rows.begin(), rows.end(), [](const AppliedMigration &a, const AppliedMigration &b) {
        return Migration::versionLess(a.version, b.version);
    });
    return rows;
}

QFuture<Result<QList<AppliedMigration>>> MigrationRunner::readHistory(EngineSession *session) const
{
    return session->run<QList<AppliedMigration>>(
        [this](ISession &s) { return readHistory(s); });
}

Result<void> MigrationRunner::takeSessionLock(ISession &session)
{
    QElapsedTimer waited;
    waited.start();
    const qint64 limitMs = qint64(std::max(0, m_options.lockTimeoutSeconds)) * 1000;
    for (;;) {
        Result<QString> taken = scalar(session, m_sql.tryLock);
        if (!taken)
            return taken.error();
        if (taken.value().toInt() == 1)
            return {};
        if (m_stop)
            return Error(Error::Code::Cancelled, Tr::tr("Stopped while waiting for the lock."));
        if (waited.elapsed() >= limitMs)
            return Error(Error::Code::Timeout,
                         Tr::tr("Another migration run holds the lock on %1; gave up after %2 s.")
                             .arg(m_options.databaseLabel)
                             .arg(m_options.lockTimeoutSeconds));
        QThread::msleep(LockPollMs);
    }
}

Result<void> MigrationRunner::beginLocked(ISession &session)
{
    if (m_sql.lockKind == IMigrations::LockKind::SessionLock)
        return exec(session, m_sql.begin);
    QElapsedTimer waited;
    waited.start();
    const qint64 limitMs = qint64(std::max(0, m_options.lockTimeoutSeconds)) * 1000;
    for (;;) {
        Result<void> begun = exec(session, m_sql.begin);
        if (begun || begun.error().code() == Error::Code::ConnectionLost)
            return begun;
        // Busy: another process writes (the engine's busy timeout already waited a while).
        if (m_stop)
            return Error(Error::Code::Cancelled, Tr::tr("Stopped while waiting for the lock."));
        if (waited.elapsed() >= limitMs)
            return Error(Error::Code::Timeout,
                         Tr::tr("Another migration run holds the lock on %1; gave up after %2 s.")
                             .arg(m_options.databaseLabel)
                             .arg(m_options.lockTimeoutSeconds),
                         begun.error().toString());
        QThread::msleep(LockPollMs);
    }
}

Result<QString> MigrationRunner::appliedBy(ISession &session) const
{
    QString databaseUser;
    if (!m_sql.currentUser.isEmpty()) {
        Result<QString> user = scalar(session, m_sql.currentUser);
        if (!user)
            return user.error();
        databaseUser = user.value();
    }
    const QString os = m_options.osUser.isEmpty() ? currentOsUser() : m_options.osUser;
    return databaseUser.isEmpty() ? os : QStringLiteral("%1 (%2)").arg(databaseUser, os);
}

QFuture<Result<MigrationRunner::Outcome>>
MigrationRunner::run(EngineSession *session, const QList<Migration> &files,
                     const QList<MigrationReader::Problem> &problems,
                     MigrationPlanner::Command command, const MigrationPlanner::Options &options,
                     const ProgressFunction &progress)
{
    return session->run<Outcome>([this, files, problems, command, options, progress](ISession &s) {
        return execute(s, files, problems, command, options, progress);
    });
}

Result<MigrationRunner::Outcome>
MigrationRunner::execute(ISession &session, const QList<Migration> &files,
                         const QList<MigrationReader::Problem> &problems,
                         MigrationPlanner::Command command,
                         const MigrationPlanner::Options &options,
                         const ProgressFunction &progress)
{
    using Kind = MigrationPlanner::Step::Kind;
    // Our BEGIN, COMMIT and lock would mix with a transaction the user began by hand.
    const Result<bool> userTransaction
        = OpenTransactionProbe::isOpen(session, m_options.openTransactionProbe);
    if (!userTransaction)
        return userTransaction.error();
    if (userTransaction.value())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("A transaction is open on this connection (begun in a query tab): "
                            "commit or roll it back, then run the migrations."));
    const bool sessionLock = m_sql.lockKind == IMigrations::LockKind::SessionLock;
    if (sessionLock) {
        if (Result<void> locked = takeSessionLock(session); !locked)
            return locked.error();
    }
    // Released on every way out; a killed process loses it with its session.
    struct Unlock
    {
        ISession &session;
        QString sql;
        ~Unlock()
        {
            if (!sql.isEmpty() && session.isOpen())
                (void)exec(session, sql);
        }
    } unlock{session, sessionLock ? m_sql.unlock : QString()};

    for (const QString &create : std::as_const(m_sql.createHistory)) {
        if (Result<void> created = exec(session, create); !created)
            return created.error();
    }
    // Under the lock: what other runs applied meanwhile counts.
    Result<QList<AppliedMigration>> history = readHistory(session);
    if (!history)
        return history.error();
    const MigrationPlanner planner(m_engine);
    Result<MigrationPlanner::Plan> planned
        = planner.plan(MigrationStatus(files, history.value()), problems, command, options);
    if (!planned)
        return planned.error();
    Result<QString> by = appliedBy(session);
    if (!by)
        return by.error();

    Outcome outcome;
    outcome.plan = planned.value();
    const QList<MigrationPlanner::Step> &steps = outcome.plan.steps;
    for (int i = 0; i < steps.size(); ++i) {
        const MigrationPlanner::Step &step = steps.at(i);
        const QString name = who(step.version, step.name);
        Progress report;
        report.step = i;
        report.stepCount = int(steps.size());
        report.kind = step.kind;
        report.version = step.version;
        report.name = step.name;
        if (m_stop) {
            outcome.stopped = true;
            break;
        }
        if (progress)
            progress(report);
        QElapsedTimer timer;
        timer.start();

        // SQLite: the lock is this write transaction; check the step is still to do under it.
        if (!sessionLock) {
            if (Result<void> begun = beginLocked(session); !begun)
                return begun.error();
            Result<QList<AppliedMigration>> now = readHistory(session);
            if (!now) {
                (void)exec(session, m_sql.rollback);
                return now.error();
            }
            const bool inHistory = std::any_of(now.value().cbegin(), now.value().cend(),
                                               [&](const AppliedMigration &row) {
                                                   return row.version == step.version;
                                               });
            if (inHistory == (step.kind == Kind::Apply)) {
                (void)exec(session, m_sql.rollback);
                report.event = Progress::Event::Skipped;
                if (progress)
                    progress(report);
                continue;
            }
            if (!step.transaction) {
                if (Result<void> committed = exec(session, m_sql.commit); !committed)
                    return committed.error();
            }
        } else if (step.transaction) {
            if (Result<void> begun = exec(session, m_sql.begin); !begun)
                return begun.error();
        }

        auto fail = [&](const QString &message) {
            report.event = Progress::Event::Failed;
            report.elapsedMs = timer.elapsed();
            report.error = message;
            if (progress)
                progress(report);
            outcome.failure = message;
        };
        int failedAt = 0;
        Error failedWith;
        for (int s = 0; s < step.statements.size(); ++s) {
            if (step.transaction && m_stop)
                break;
            if (Result<void> ran = exec(session, step.statements.at(s)); !ran) {
                failedAt = s + 1;
                failedWith = ran.error();
                break;
            }
        }
        if (step.transaction && m_stop && failedAt == 0) {
            (void)exec(session, m_sql.rollback);
            outcome.stopped = true;
            report.event = Progress::Event::Failed;
            report.error = Tr::tr("stopped; rolled back");
            if (progress)
                progress(report);
            break;
        }
        if (failedWith.code() == Error::Code::ConnectionLost)
            return failedWith;
        const int count = int(step.statements.size());
        if (failedAt > 0 && step.transaction) {
            (void)exec(session, m_sql.rollback);
            fail(Tr::tr("%1 failed at statement %2 of %3: %4. It was rolled back: nothing of it "
                        "was applied.")
                     .arg(name)
                     .arg(failedAt)
                     .arg(count)
                     .arg(failedWith.toString()));
            break;
        }
        if (failedAt > 0) {
            const QString applied
                = failedAt == 1
                      ? Tr::tr("None of its statements was applied")
                      : Tr::tr("Statements 1 to %1 of it were applied and stay applied; statement "
                               "%2 and the ones after it were not")
                            .arg(failedAt - 1)
                            .arg(failedAt);
            if (step.kind == Kind::Apply) {
                AppliedMigration row = MigrationPlanner::rowFor(step);
                row.appliedAt = QDateTime::currentDateTimeUtc();
                row.executionMs = timer.elapsed();
                row.appliedBy = by.value();
                row.status = AppliedMigration::Status::Failed;
                row.failedStatement = failedAt;
                row.error = failedWith.toString();
                const IMigrations::Statement insert = m_engine->insertHistoryRow(row);
                const Result<void> recorded = exec(session, insert.sql, insert.parameters);
                fail(Tr::tr("%1 failed at statement %2 of %3: %4. %5. It is recorded as failed: "
                            "undo or finish it by hand, then repair it (Repair in the Migrations "
                            "panel, or 'migrate repair --version %6').%7")
                         .arg(name)
                         .arg(failedAt)
                         .arg(count)
                         .arg(failedWith.toString(), applied, step.version,
                              recorded ? QString()
                                       : Tr::tr(" Recording the failure failed too: %1")
                                             .arg(recorded.error().toString())));
            } else {
                fail(Tr::tr("%1's down section failed at statement %2 of %3: %4. %5. The history "
                            "still lists it as applied.")
                         .arg(name)
                         .arg(failedAt)
                         .arg(count)
                         .arg(failedWith.toString(), applied));
            }
            break;
        }

        IMigrations::Statement history = step.history;
        if (step.kind == Kind::Apply) {
            AppliedMigration row = MigrationPlanner::rowFor(step);
            row.appliedAt = QDateTime::currentDateTimeUtc();
            row.executionMs = timer.elapsed();
            row.appliedBy = by.value();
            history = m_engine->insertHistoryRow(row);
        }
        Result<void> recorded = exec(session, history.sql, history.parameters);
        if (recorded && step.transaction)
            recorded = exec(session, m_sql.commit);
        if (!recorded) {
            if (recorded.error().code() == Error::Code::ConnectionLost)
                return recorded.error();
            if (step.transaction) {
                (void)exec(session, m_sql.rollback);
                fail(Tr::tr("%1: writing its history row failed: %2. It was rolled back: nothing "
                            "of it was applied.")
                         .arg(name, recorded.error().toString()));
            } else {
                fail(Tr::tr("%1 ran, but writing its history row failed: %2. Its statements stay "
                            "applied; the history does not say so.")
                         .arg(name, recorded.error().toString()));
            }
            break;
        }
        ++outcome.finishedSteps;
        report.event = Progress::Event::Finished;
        report.elapsedMs = timer.elapsed();
        if (progress)
            progress(report);
    }
    return outcome;
}

} // namespace Strata
