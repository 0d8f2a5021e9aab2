// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationcontroller.h"

#include "connection/enginesession.h"
#include "scratchdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Strata;
using Event = MigrationRunner::Progress::Event;

namespace {

// A statement that takes a while on each engine, so a run can be stopped or cut off midway.
QString pause(const QString &engine)
{
    if (engine == QLatin1String("postgresql"))
        return QStringLiteral("SELECT pg_sleep(0.15);");
    if (engine == QLatin1String("mysql"))
        return QStringLiteral("DO SLEEP(0.15);");
    // SQLite has no sleep: counting in a recursive CTE takes some tens of ms.
    return QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                          "WHERE x < 400000) SELECT count(*) FROM c;");
}

QString eventName(Event event)
{
    switch (event) {
    case Event::Started:
        return QStringLiteral("started");
    case Event::Finished:
        return QStringLiteral("finished");
    case Event::Failed:
        return QStringLiteral("failed");
    case Event::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QStringList states(const MigrationStatus &status)
{
    QStringList out;
    for (const MigrationStatus::Entry &entry : status.entries())
        out << entry.version.right(2) + u' ' + MigrationStatus::stateName(entry.state);
    return out;
}

// Waits on this thread's event loop: QFuture::result() could take the job from the session's
// queue and run it here, ahead of the work queued before it.
template <typename T> bool settled(const QFuture<T> &future)
{
    return QTest::qWaitFor([&] { return future.isFinished(); }, 30000);
}

void addEngines()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mysql");
}

} // namespace

// Skips the row when its server is not there, then opens a private place on it.
#define OPEN_ENGINE(engine)                                                                        \
    do {                                                                                           \
        if (engine == QLatin1String("postgresql"))                                                 \
            STRATA_REQUIRE_PG();                                                                   \
        else if (engine == QLatin1String("mysql"))                                                 \
            STRATA_REQUIRE_MYSQL();                                                                \
        const QString opened = openEngine(engine);                                                 \
        QVERIFY2(opened.isEmpty(), qPrintable(opened));                                            \
    } while (false)

class tst_MigrationController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void withoutFolderOrConnectionTheStatusIsEmptyAtOnce();
    void refreshJoinsFilesAndHistory_data() { addEngines(); }
    void refreshJoinsFilesAndHistory();
    void applyReportsEveryStepThenTheNewStatus_data() { addEngines(); }
    void applyReportsEveryStepThenTheNewStatus();
    void rollbackPlanRendersWhatThePlannerRenders_data() { addEngines(); }
    void rollbackPlanRendersWhatThePlannerRenders();
    void startIsRefusedWhileLoadingOrRunning();
    void startIsRefusedWithoutConnectionEngineOrCleanFolder();
    void failingMigrationIsReportedWithItsStep_data() { addEngines(); }
    void failingMigrationIsReportedWithItsStep();
    void openUserTransactionFailsTheRun_data() { addEngines(); }
    void openUserTransactionFailsTheRun();
    void stopEndsTheRunBetweenStatements_data() { addEngines(); }
    void stopEndsTheRunBetweenStatements();
    void setConnectionDropsTheResultOfAnEarlierRead();
    void laterRefreshDropsTheEarlierOne();
    void unreadableHistoryKeepsTheFilesAndSaysWhy();
    void destroyingTheControllerMidRunWaitsForTheRun();
    void destroyingTheControllerBeforeTheRunBeginsDoesNotWait();
    void stopBeforeTheRunBeginsRunsNothing();

private:
    QString openEngine(const QString &engine);
    void writeMigration(int n, const QString &up, const QString &down = {});
    // Waits for the next statusChanged(); false on timeout.
    bool refreshed(MigrationController &controller);
    // Runs command to its end; the outcome, or the runFailed() message as an Error.
    Result<MigrationRunner::Outcome> runToEnd(MigrationController &controller,
                                              MigrationPlanner::Command command,
                                              const MigrationPlanner::Options &options = {},
                                              QStringList *events = nullptr);
    void bind(MigrationController &controller);
    int tablesMade();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Test::ScratchDatabase> m_db;
    QString m_folder;
    IMigrations *m_engine = nullptr;
};

void tst_MigrationController::cleanup()
{
    m_db.reset();
    m_dir.reset();
    m_engine = nullptr;
}

QString tst_MigrationController::openEngine(const QString &engine)
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_folder = m_dir->filePath(QStringLiteral("migrations"));
    if (!QDir().mkpath(m_folder))
        return QStringLiteral("cannot create ") + m_folder;
    m_db = std::make_unique<Test::ScratchDatabase>(QStringLiteral("tst_migctl_") + engine);
    const QString opened = m_db->open(engine, m_dir->path());
    if (!opened.isEmpty())
        return opened;
    m_engine = qobject_cast<IMigrations *>(m_db->session().plugin());
    return m_engine ? QString() : QStringLiteral("the engine has no IMigrations");
}

void tst_MigrationController::writeMigration(int n, const QString &up, const QString &down)
{
    QFile file(QDir(m_folder).filePath(QStringLiteral("2026010100000%1_step%1.sql").arg(n)));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const QString downSql =
        down.isEmpty() ? QStringLiteral("DROP TABLE tst_migctl_t%1;").arg(n) : down;
    file.write(
        QStringLiteral("-- migrate:up\n%1\n-- migrate:down\n%2\n").arg(up, downSql).toUtf8());
}

void tst_MigrationController::bind(MigrationController &controller)
{
    controller.setFolder(m_folder);
    controller.setConnection(&m_db->session(), m_engine, m_db->schema());
    controller.setLockTimeoutSeconds(10);
}

bool tst_MigrationController::refreshed(MigrationController &controller)
{
    QSignalSpy changed(&controller, &MigrationController::statusChanged);
    return changed.wait(20000);
}

Result<MigrationRunner::Outcome>
tst_MigrationController::runToEnd(MigrationController &controller,
                                  MigrationPlanner::Command command,
                                  const MigrationPlanner::Options &options, QStringList *events)
{
    QSignalSpy finished(&controller, &MigrationController::runFinished);
    QSignalSpy failed(&controller, &MigrationController::runFailed);
    QSignalSpy changed(&controller, &MigrationController::statusChanged);
    QMetaObject::Connection listening;
    if (events) {
        listening = connect(&controller, &MigrationController::progress, this,
                            [events](const MigrationRunner::Progress &p) {
                                *events << QStringLiteral("%1 %2/%3 %4")
                                               .arg(eventName(p.event))
                                               .arg(p.step + 1)
                                               .arg(p.stepCount)
                                               .arg(p.version.right(2));
                            });
    }
    const Result<void> started = controller.start(command, options);
    if (!started)
        return started.error();
    // The run's end, then the refresh it starts.
    const bool ended = QTest::qWaitFor([&] { return !changed.isEmpty(); }, 60000);
    disconnect(listening);
    if (!ended)
        return Error(Error::Code::Timeout, QStringLiteral("the run did not end"));
    if (!failed.isEmpty())
        return Error(Error::Code::Generic, failed.first().first().toString());
    if (finished.size() != 1)
        return Error(Error::Code::Generic,
                     QStringLiteral("runFinished came %1 times").arg(finished.size()));
    return finished.first().first().value<MigrationRunner::Outcome>();
}

int tst_MigrationController::tablesMade()
{
    const Result<Catalog> catalog = m_db->catalog();
    if (!catalog)
        return -1;
    const Schema *schema = catalog->schema(m_db->schema());
    int count = 0;
    for (const Table &table : schema ? schema->tables : QList<Table>())
        count += table.name.startsWith(QLatin1String("tst_migctl_")) ? 1 : 0;
    return count;
}

void tst_MigrationController::withoutFolderOrConnectionTheStatusIsEmptyAtOnce()
{
    MigrationController controller;
    QSignalSpy changed(&controller, &MigrationController::statusChanged);
    QSignalSpy loading(&controller, &MigrationController::loadingChanged);
    controller.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(loading.size(), 0);
    QVERIFY(!controller.isLoading());
    QVERIFY(controller.status().entries().isEmpty());
    const Result<MigrationPlanner::Plan> plan = controller.plan(MigrationPlanner::Command::Up, {});
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code(), Error::Code::NotSupported);
}

void tst_MigrationController::refreshJoinsFilesAndHistory()
{
    QFETCH(QString, engine);
    OPEN_ENGINE(engine);
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    writeMigration(2, QStringLiteral("CREATE TABLE tst_migctl_t2 (id int);"));
    MigrationController controller;
    bind(controller);
    QSignalSpy loading(&controller, &MigrationController::loadingChanged);
    QSignalSpy failed(&controller, &MigrationController::loadFailed);
    controller.refresh();
    QVERIFY(controller.isLoading());
    QVERIFY(refreshed(controller));
    QVERIFY(!controller.isLoading());
    QCOMPARE(loading.size(), 2);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(states(controller.status()),
             (QStringList{QStringLiteral("01 pending"), QStringLiteral("02 pending")}));
    QVERIFY(controller.history().isEmpty());
    QVERIFY(controller.contents().ok());

    // A run of the controller's own is read back when it ends.
    QVERIFY(runToEnd(controller, MigrationPlanner::Command::Up,
                     {QStringLiteral("20260101000001"), 1, false})
                .ok());
    QCOMPARE(states(controller.status()),
             (QStringList{QStringLiteral("01 applied"), QStringLiteral("02 pending")}));
    QCOMPARE(controller.history().size(), 1);

    // Someone else applied the second one: the next refresh says so.
    MigrationRunner other(m_engine, {});
    const Result<MigrationRunner::Outcome> applied =
        other
            .run(&m_db->session(), controller.contents().migrations, {},
                 MigrationPlanner::Command::Up, {}, {})
            .result();
    QVERIFY(applied.ok() && applied->ok());
    QCOMPARE(states(controller.status()),
             (QStringList{QStringLiteral("01 applied"), QStringLiteral("02 pending")}));
    controller.refresh();
    QVERIFY(refreshed(controller));
    QCOMPARE(states(controller.status()),
             (QStringList{QStringLiteral("01 applied"), QStringLiteral("02 applied")}));
    QCOMPARE(controller.history().size(), 2);
}

void tst_MigrationController::applyReportsEveryStepThenTheNewStatus()
{
    QFETCH(QString, engine);
    OPEN_ENGINE(engine);
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    writeMigration(
        2, QStringLiteral(
               "CREATE TABLE tst_migctl_t2 (id int);\nINSERT INTO tst_migctl_t2 VALUES (2);"));
    MigrationController controller;
    bind(controller);
    controller.refresh();
    QVERIFY(refreshed(controller));

    QSignalSpy running(&controller, &MigrationController::runningChanged);
    QStringList events;
    const Result<MigrationRunner::Outcome> outcome =
        runToEnd(controller, MigrationPlanner::Command::Up, {}, &events);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
    QVERIFY2(outcome->ok(), qPrintable(outcome->failure));
    QCOMPARE(outcome->finishedSteps, 2);
    QCOMPARE(events,
             (QStringList{QStringLiteral("started 1/2 01"), QStringLiteral("finished 1/2 01"),
                          QStringLiteral("started 2/2 02"), QStringLiteral("finished 2/2 02")}));
    QCOMPARE(running.size(), 2);
    QCOMPARE(running.at(0).first().toBool(), true);
    QCOMPARE(running.at(1).first().toBool(), false);
    QVERIFY(!controller.isRunning());
    // The refresh that follows the run has arrived.
    QVERIFY(QTest::qWaitFor([&] { return !controller.isLoading(); }, 20000));
    QCOMPARE(states(controller.status()),
             (QStringList{QStringLiteral("01 applied"), QStringLiteral("02 applied")}));
    QCOMPARE(controller.history().size(), 2);
    QCOMPARE(controller.history().first().appliedBy.contains(MigrationRunner::currentOsUser()),
             true);
    QCOMPARE(tablesMade(), 2);
}

void tst_MigrationController::rollbackPlanRendersWhatThePlannerRenders()
{
    QFETCH(QString, engine);
    OPEN_ENGINE(engine);
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    writeMigration(2, QStringLiteral("CREATE TABLE tst_migctl_t2 (id int);"));
    MigrationController controller;
    bind(controller);
    controller.refresh();
    QVERIFY(refreshed(controller));
    QVERIFY(runToEnd(controller, MigrationPlanner::Command::Up).ok());
    QVERIFY(QTest::qWaitFor([&] { return !controller.isLoading(); }, 20000));

    MigrationPlanner::Options down;
    down.steps = 1;
    const Result<MigrationPlanner::Plan> plan =
        controller.plan(MigrationPlanner::Command::Down, down);
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    QCOMPARE(plan->steps.size(), 1);
    QCOMPARE(plan->steps.first().version, QStringLiteral("20260101000002"));

    // What strata-cli migrate down --dry-run prints for the same folder and history.
    const MigrationReader::Contents contents = MigrationReader::readDirectory(m_folder);
    MigrationRunner reader(m_engine, {});
    const Result<QList<AppliedMigration>> history = reader.readHistory(&m_db->session()).result();
    QVERIFY(history.ok());
    const MigrationPlanner planner(m_engine);
    const Result<MigrationPlanner::Plan> expected =
        planner.plan(MigrationStatus(contents.migrations, history.value()), contents.problems,
                     MigrationPlanner::Command::Down, down);
    QVERIFY(expected.ok());
    const QString rendered = controller.render(plan.value());
    QVERIFY(rendered.contains(QLatin1String("DROP TABLE tst_migctl_t2")));
    QCOMPARE(rendered, planner.render(expected.value()));

    const Result<MigrationRunner::Outcome> reverted =
        runToEnd(controller, MigrationPlanner::Command::Down, down);
    QVERIFY2(reverted.ok(), qPrintable(reverted.error().toString()));
    QVERIFY(reverted->ok());
    QVERIFY(QTest::qWaitFor([&] { return !controller.isLoading(); }, 20000));
    QCOMPARE(states(controller.status()),
             (QStringList{QStringLiteral("01 applied"), QStringLiteral("02 pending")}));
    QCOMPARE(tablesMade(), 1);
}

void tst_MigrationController::startIsRefusedWhileLoadingOrRunning()
{
    OPEN_ENGINE(QStringLiteral("sqlite"));
    for (int n = 1; n <= 3; ++n)
        writeMigration(n, QStringLiteral("CREATE TABLE tst_migctl_t%1 (id int);\n%2")
                              .arg(n)
                              .arg(pause(QStringLiteral("sqlite"))));
    MigrationController controller;
    bind(controller);
    controller.refresh();
    const Result<void> whileLoading = controller.start(MigrationPlanner::Command::Up, {});
    QVERIFY(!whileLoading.ok());
    QCOMPARE(whileLoading.error().message(),
             QStringLiteral("The migrations are still being read: run again once they are shown."));
    QVERIFY(refreshed(controller));

    QSignalSpy finished(&controller, &MigrationController::runFinished);
    QVERIFY(controller.start(MigrationPlanner::Command::Up, {}).ok());
    QVERIFY(controller.isRunning());
    const Result<void> again = controller.start(MigrationPlanner::Command::Up, {});
    QVERIFY(!again.ok());
    QCOMPARE(
        again.error().message(),
        QStringLiteral("A migration run is in progress already: wait for it to end or stop it."));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().first().value<MigrationRunner::Outcome>().ok());
}

void tst_MigrationController::startIsRefusedWithoutConnectionEngineOrCleanFolder()
{
    OPEN_ENGINE(QStringLiteral("sqlite"));
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    MigrationController controller;
    controller.setFolder(m_folder);
    controller.refresh();
    QVERIFY(refreshed(controller));
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 pending")});
    Result<void> started = controller.start(MigrationPlanner::Command::Up, {});
    QVERIFY(!started.ok());
    QCOMPARE(
        started.error().message(),
        QStringLiteral("No connection is chosen: choose the database to run the migrations on."));

    // A connection whose engine has no migrations support.
    controller.setConnection(&m_db->session(), nullptr, QStringLiteral("label"));
    QSignalSpy failed(&controller, &MigrationController::loadFailed);
    controller.refresh();
    QVERIFY(refreshed(controller));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().toString(),
             QStringLiteral("The sqlite engine cannot run migrations."));
    started = controller.start(MigrationPlanner::Command::Up, {});
    QVERIFY(!started.ok());
    QCOMPARE(started.error().message(), QStringLiteral("The sqlite engine cannot run migrations."));

    // A malformed file: nothing runs, the first problem is named.
    controller.setConnection(&m_db->session(), m_engine, QStringLiteral("label"));
    QFile bad(QDir(m_folder).filePath(QStringLiteral("20260101000009_bad.sql")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("-- migrate:down\nDROP TABLE x;\n");
    bad.close();
    controller.refresh();
    QVERIFY(refreshed(controller));
    QVERIFY(!controller.contents().ok());
    started = controller.start(MigrationPlanner::Command::Up, {});
    QVERIFY(!started.ok());
    QVERIFY2(started.error().message().startsWith(QLatin1String(
                 "The folder has malformed files (first problem: 20260101000009_bad.sql")),
             qPrintable(started.error().message()));
    QVERIFY(!controller.isRunning());
    QCOMPARE(tablesMade(), 0);

    // A plan the planner refuses, or one with nothing to do, is refused before anything starts.
    QVERIFY(bad.remove());
    controller.refresh();
    QVERIFY(refreshed(controller));
    started = controller.start(MigrationPlanner::Command::Down, {});
    QVERIFY(!started.ok());
    QCOMPARE(started.error().message(),
             QStringLiteral("Nothing to roll back: no migration is applied."));
    started = controller.start(MigrationPlanner::Command::Up,
                               {QStringLiteral("20260101000007"), 1, false});
    QVERIFY(!started.ok());
    QCOMPARE(started.error().message(), QStringLiteral("No migration has version 20260101000007."));
    const Result<MigrationRunner::Outcome> applied = runToEnd(controller, MigrationPlanner::Command::Up);
    QVERIFY2(applied.ok() && applied->ok(), qPrintable(applied.error().toString()));
    started = controller.start(MigrationPlanner::Command::Up, {});
    QVERIFY(!started.ok());
    QCOMPARE(started.error().message(),
             QStringLiteral("Nothing to run: every migration of the folder is applied."));
    started = controller.start(MigrationPlanner::Command::Up, {QStringLiteral("20260101000001"), 1, false});
    QVERIFY(!started.ok());
    QCOMPARE(started.error().message(),
             QStringLiteral("Nothing to run: every migration up to 20260101000001 is applied."));
    QVERIFY(!controller.isRunning());
}

void tst_MigrationController::failingMigrationIsReportedWithItsStep()
{
    QFETCH(QString, engine);
    OPEN_ENGINE(engine);
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    writeMigration(
        2, QStringLiteral(
               "INSERT INTO tst_migctl_nowhere VALUES (1);\nCREATE TABLE tst_migctl_t2 (id int);"));
    MigrationController controller;
    bind(controller);
    controller.refresh();
    QVERIFY(refreshed(controller));
    QStringList events;
    QString stepError;
    connect(&controller, &MigrationController::progress, this,
            [&stepError](const MigrationRunner::Progress &p) {
                if (p.event == Event::Failed)
                    stepError = p.error;
            });
    const Result<MigrationRunner::Outcome> outcome =
        runToEnd(controller, MigrationPlanner::Command::Up, {}, &events);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->finishedSteps, 1);
    QVERIFY2(outcome->failure.contains(QLatin1String("failed at statement 1 of 2")),
             qPrintable(outcome->failure));
    QVERIFY2(outcome->failure.contains(QLatin1String("tst_migctl_nowhere")),
             qPrintable(outcome->failure));
    QCOMPARE(events.last(), QStringLiteral("failed 2/2 02"));
    QCOMPARE(stepError, outcome->failure);
    QVERIFY(QTest::qWaitFor([&] { return !controller.isLoading(); }, 20000));
    // MariaDB runs statement by statement and records the failure; the others roll it back.
    const QString second = engine == QLatin1String("mysql") ? QStringLiteral("02 failed")
                                                            : QStringLiteral("02 pending");
    QCOMPARE(states(controller.status()), (QStringList{QStringLiteral("01 applied"), second}));
    QCOMPARE(tablesMade(), 1);
}



void tst_MigrationController::openUserTransactionFailsTheRun()
{
    QFETCH(QString, engine);
    OPEN_ENGINE(engine);
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    MigrationController controller;
    bind(controller);
    controller.refresh();
    QVERIFY(refreshed(controller));
    // A BEGIN typed in a query tab on the same connection.
    QCOMPARE(m_db->run(QStringLiteral("BEGIN")), QString());
    QSignalSpy progress(&controller, &MigrationController::progress);
    const Result<MigrationRunner::Outcome> outcome =
        runToEnd(controller, MigrationPlanner::Command::Up);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().message(),
             QStringLiteral("A transaction is open on this connection (begun in a query tab): "
                            "commit or roll it back, then run the migrations."));
    QCOMPARE(progress.size(), 0);
    QCOMPARE(m_db->run(QStringLiteral("ROLLBACK")), QString());
    QCOMPARE(tablesMade(), 0);
    QVERIFY(QTest::qWaitFor([&] { return !controller.isLoading(); }, 20000));
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 pending")});
}

void tst_MigrationController::stopEndsTheRunBetweenStatements()
{
    QFETCH(QString, engine);
    OPEN_ENGINE(engine);
    const int count = 4;
    for (int n = 1; n <= count; ++n)
        writeMigration(n, QStringLiteral("CREATE TABLE tst_migctl_t%1 (id int);\n%2\n%2")
                              .arg(n)
                              .arg(pause(engine)));
    MigrationController controller;
    bind(controller);
    controller.refresh();
    QVERIFY(refreshed(controller));
    // Stop as soon as the first migration is seen to start.
    connect(&controller, &MigrationController::progress, &controller,
            [&controller](const MigrationRunner::Progress &p) {
                if (p.event == Event::Started)
                    controller.stop();
            });
    const Result<MigrationRunner::Outcome> outcome =
        runToEnd(controller, MigrationPlanner::Command::Up);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
    QVERIFY(outcome->stopped);
    QVERIFY(!outcome->ok());
    QVERIFY2(outcome->finishedSteps < count, qPrintable(QString::number(outcome->finishedSteps)));
    QVERIFY(QTest::qWaitFor([&] { return !controller.isLoading(); }, 20000));
    // Exactly what finished is applied and in the history.
    QCOMPARE(controller.history().size(), outcome->finishedSteps);
    QCOMPARE(tablesMade(), outcome->finishedSteps);
}

void tst_MigrationController::setConnectionDropsTheResultOfAnEarlierRead()
{
    OPEN_ENGINE(QStringLiteral("sqlite"));
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    {
        MigrationController first;
        bind(first);
        first.refresh();
        QVERIFY(refreshed(first));
        QVERIFY(runToEnd(first, MigrationPlanner::Command::Up).ok());
        QVERIFY(QTest::qWaitFor([&] { return !first.isLoading(); }, 20000));
        QCOMPARE(states(first.status()), QStringList{QStringLiteral("01 applied")});
    }
    // A second, empty database.
    Test::ScratchDatabase other(QStringLiteral("tst_migctl_sqlite_other"));
    QCOMPARE(other.open(QStringLiteral("sqlite"), m_dir->path()), QString());

    MigrationController controller;
    bind(controller);
    controller.refresh();
    QVERIFY(refreshed(controller));
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 applied")});
    QSignalSpy changed(&controller, &MigrationController::statusChanged);
    controller.refresh(); // reads the first database's history...
    controller.setConnection(&other.session(), m_engine, QStringLiteral("other")); // ...no more
    QCOMPARE(changed.size(), 1);
    QVERIFY(!controller.isLoading());
    // Everything queued on the first session before this query has run once it answers.
    QVERIFY(settled(m_db->session().query(QStringLiteral("SELECT 1"))));
    QTest::qWait(200);
    QCOMPARE(changed.size(), 1);
    QVERIFY(controller.history().isEmpty());
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 pending")});

    controller.refresh();
    QVERIFY(refreshed(controller));
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 pending")});
    controller.setConnection(&m_db->session(), m_engine, m_db->schema());
    controller.refresh();
    QVERIFY(refreshed(controller));
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 applied")});
}

void tst_MigrationController::destroyingTheControllerMidRunWaitsForTheRun()
{
    OPEN_ENGINE(QStringLiteral("sqlite"));
    const int count = 4;
    for (int n = 1; n <= count; ++n)
        writeMigration(n, QStringLiteral("CREATE TABLE tst_migctl_t%1 (id int);\n%2")
                              .arg(n)
                              .arg(pause(QStringLiteral("sqlite"))));
    auto controller = std::make_unique<MigrationController>();
    bind(*controller);
    controller->refresh();
    QVERIFY(refreshed(*controller));
    QSignalSpy progress(controller.get(), &MigrationController::progress);
    QVERIFY(controller->start(MigrationPlanner::Command::Up, {}).ok());
    QVERIFY(progress.wait(20000));
    controller.reset(); // stops the run and waits for it

    // The session is free again, and the history agrees with the tables.
    MigrationRunner reader(m_engine, {});
    const Result<QList<AppliedMigration>> history = reader.readHistory(&m_db->session()).result();
    QVERIFY2(history.ok(), qPrintable(history.error().toString()));
    QVERIFY(history->size() < count);
    QCOMPARE(tablesMade(), int(history->size()));
    QVERIFY(m_db->run(QStringLiteral("BEGIN; ROLLBACK")).isEmpty());
    // Progress queued to the gone controller is dropped, not delivered.
    QTest::qWait(50);
}

void tst_MigrationController::laterRefreshDropsTheEarlierOne()
{
    OPEN_ENGINE(QStringLiteral("sqlite"));
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    MigrationController controller;
    bind(controller);
    QSignalSpy changed(&controller, &MigrationController::statusChanged);
    QSignalSpy loading(&controller, &MigrationController::loadingChanged);
    controller.refresh();
    controller.refresh();
    controller.refresh();
    QVERIFY(changed.wait(20000));
    // Let whatever the first two reads bring arrive: it is dropped.
    QVERIFY(settled(m_db->session().query(QStringLiteral("SELECT 1"))));
    QTest::qWait(200);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(loading.size(), 2); // true once, false once
    QVERIFY(!controller.isLoading());
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 pending")});
}

void tst_MigrationController::unreadableHistoryKeepsTheFilesAndSaysWhy()
{
    OPEN_ENGINE(QStringLiteral("sqlite"));
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    // A table of that name that is not Strata's history.
    QCOMPARE(m_db->run(QStringLiteral("CREATE TABLE strata_schema_migrations (x int)")), QString());
    MigrationController controller;
    bind(controller);
    QSignalSpy failed(&controller, &MigrationController::loadFailed);
    controller.refresh();
    QVERIFY(refreshed(controller));
    QCOMPARE(failed.size(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QLatin1String("version")), qPrintable(message));
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 pending")});
    QVERIFY(controller.history().isEmpty());
}

void tst_MigrationController::destroyingTheControllerBeforeTheRunBeginsDoesNotWait()
{
    OPEN_ENGINE(QStringLiteral("postgresql"));
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    auto controller = std::make_unique<MigrationController>();
    bind(*controller);
    controller->refresh();
    QVERIFY(refreshed(*controller));
    // A long query of a query tab holds the session; the run queues behind it.
    const QFuture<Result<QList<ResultSet>>> busy =
        m_db->session().query(QStringLiteral("SELECT pg_sleep(1.5)"));
    QVERIFY(controller->start(MigrationPlanner::Command::Up, {}).ok());
    QElapsedTimer destroying;
    destroying.start();
    controller.reset();
    QVERIFY2(destroying.elapsed() < 1000, qPrintable(QString::number(destroying.elapsed())));
    QVERIFY(!busy.isFinished());

    // When its turn comes the run does nothing: not even the history table is created.
    const QFuture<Result<QList<ResultSet>>> after =
        m_db->session().query(m_engine->migrationRunnerSql().historyExists);
    QVERIFY(settled(after));
    QVERIFY(busy.isFinished());
    QVERIFY2(after.result().ok(), qPrintable(after.result().error().toString()));
    QCOMPARE(after.result()->first().text(0, 0), QStringLiteral("0"));
    QCOMPARE(tablesMade(), 0);
}

void tst_MigrationController::stopBeforeTheRunBeginsRunsNothing()
{
    OPEN_ENGINE(QStringLiteral("postgresql"));
    writeMigration(1, QStringLiteral("CREATE TABLE tst_migctl_t1 (id int);"));
    MigrationController controller;
    bind(controller);
    controller.refresh();
    QVERIFY(refreshed(controller));
    const QFuture<Result<QList<ResultSet>>> busy =
        m_db->session().query(QStringLiteral("SELECT pg_sleep(0.5)"));
    QSignalSpy failed(&controller, &MigrationController::runFailed);
    QSignalSpy finished(&controller, &MigrationController::runFinished);
    QSignalSpy progress(&controller, &MigrationController::progress);
    QVERIFY(controller.start(MigrationPlanner::Command::Up, {}).ok());
    controller.stop();
    QVERIFY(failed.wait(20000));
    QVERIFY(busy.isFinished());
    QCOMPARE(failed.first().first().toString(),
             QStringLiteral("Stopped before it began: nothing ran."));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(progress.size(), 0);
    QVERIFY(!controller.isRunning());
    QVERIFY(QTest::qWaitFor([&] { return !controller.isLoading(); }, 20000));
    QCOMPARE(states(controller.status()), QStringList{QStringLiteral("01 pending")});
    QCOMPARE(tablesMade(), 0);
}

QTEST_GUILESS_MAIN(tst_MigrationController)
#include "tst_migrationcontroller.moc"
