// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationrunner.h"

#include "connection/enginesession.h"
#include "edit/editplanner.h"
#include "results/resultset.h"
#include "scratchdatabase.h"
#include "sqliteengine.h"

#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;

namespace {

Migration file(int n, const QString &up)
{
    const QString version = QStringLiteral("2026010100000%1").arg(n);
    return MigrationReader::parseDbmate(version + QStringLiteral("_m%1.sql").arg(n),
                                        QStringLiteral("-- migrate:up\n%1\n-- migrate:down\nDROP TABLE t%2;\n").arg(up).arg(n))
        .migrations.value(0);
}

QStringList tables(EngineSession &session)
{
    const Result<QList<ResultSet>> rows = session.query(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't%' ORDER BY name")).result();
    QStringList names;
    for (qint64 r = 0; rows && r < rows->first().rowCount(); ++r)
        names << rows->first().text(r, 0);
    return names;
}

} // namespace

class tst_MigrationRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void osUserComesFromTheAccountWithoutEnvironment();
    void reportsEveryStepAndWritesTheHistory();
    void failureIsReportedAndRollsBackOnlyThatMigration();
    void stopRollsBackTheRunningMigration();
    void readingTheHistoryNeverCreatesTheTable();
    void openUserTransactionRefusesTheRun_data();
    void openUserTransactionRefusesTheRun();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineSession> m_session;
    Sqlite::SqliteEngine m_sqlite;
};

void tst_MigrationRunner::init()
{
    m_session.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    ConnectionSettings settings;
    settings.engine = QStringLiteral("sqlite");
    settings.database = m_dir->filePath(QStringLiteral("runner.db"));
    m_session = std::make_unique<EngineSession>(&m_sqlite, settings);
    QVERIFY(m_session->open().result().ok());
}

void tst_MigrationRunner::reportsEveryStepAndWritesTheHistory()
{
    MigrationRunner runner(&m_sqlite, {5, QStringLiteral("runner.db"), QStringLiteral("tester@box"), QString()});
    QStringList events;
    const QList<Migration> files{file(1, QStringLiteral("CREATE TABLE t1 (x int);")),
                                 file(2, QStringLiteral("CREATE TABLE t2 (x int);"))};
    const Result<MigrationRunner::Outcome> outcome
        = runner.run(m_session.get(), files, {}, MigrationPlanner::Command::Up, {},
                     [&events](const MigrationRunner::Progress &p) {
                         events << QStringLiteral("%1 %2/%3 %4")
                                       .arg(p.event == MigrationRunner::Progress::Event::Started ? QStringLiteral("started")
                                                                                                 : QStringLiteral("finished"))
                                       .arg(p.step + 1)
                                       .arg(p.stepCount)
                                       .arg(p.version);
                     })
              .result();
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
    QVERIFY(outcome->ok());
    QCOMPARE(outcome->finishedSteps, 2);
    QCOMPARE(events, (QStringList{QStringLiteral("started 1/2 20260101000001"), QStringLiteral("finished 1/2 20260101000001"),
                                  QStringLiteral("started 2/2 20260101000002"), QStringLiteral("finished 2/2 20260101000002")}));
    const Result<QList<AppliedMigration>> history = runner.readHistory(m_session.get()).result();
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 2);
    QCOMPARE(history->first().checksum, files.first().checksum);
    QCOMPARE(history->first().appliedBy, QStringLiteral("tester@box"));
    QVERIFY(history->first().executionMs.has_value());
    QVERIFY(qAbs(history->first().appliedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void tst_MigrationRunner::failureIsReportedAndRollsBackOnlyThatMigration()
{
    MigrationRunner runner(&m_sqlite, {5, QStringLiteral("runner.db"), QString(), QString()});
    QString failed;
    const QList<Migration> files{file(1, QStringLiteral("CREATE TABLE t1 (x int);")),
                                 file(2, QStringLiteral("CREATE TABLE t2 (x int);\nINSERT INTO nowhere VALUES (1);")),
                                 file(3, QStringLiteral("CREATE TABLE t3 (x int);"))};
    const Result<MigrationRunner::Outcome> outcome
        = runner.run(m_session.get(), files, {}, MigrationPlanner::Command::Up, {},
                     [&failed](const MigrationRunner::Progress &p) {
                         if (p.event == MigrationRunner::Progress::Event::Failed)
                             failed = p.version + u' ' + p.error;
                     })
              .result();
    QVERIFY(outcome.ok());
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->finishedSteps, 1);
    QVERIFY2(outcome->failure.contains(QLatin1String("failed at statement 2 of 2")), qPrintable(outcome->failure));
    QVERIFY2(failed.startsWith(QLatin1String("20260101000002 ")), qPrintable(failed));
    QCOMPARE(tables(*m_session), QStringList{QStringLiteral("t1")});
    QCOMPARE(runner.readHistory(m_session.get()).result()->size(), 1);
}

void tst_MigrationRunner::stopRollsBackTheRunningMigration()
{
    MigrationRunner runner(&m_sqlite, {5, QStringLiteral("runner.db"), QString(), QString()});
    const QList<Migration> files{file(1, QStringLiteral("CREATE TABLE t1 (x int);")),
                                 file(2, QStringLiteral("CREATE TABLE t2 (x int);\nINSERT INTO t2 VALUES (1);"))};
    // Ctrl+C arriving as the second migration starts.
    const Result<MigrationRunner::Outcome> outcome
        = runner.run(m_session.get(), files, {}, MigrationPlanner::Command::Up, {},
                     [&runner](const MigrationRunner::Progress &p) {
                         if (p.step == 1 && p.event == MigrationRunner::Progress::Event::Started)
                             runner.requestStop();
                     })
              .result();
    QVERIFY(outcome.ok());
    QVERIFY(outcome->stopped);
    QCOMPARE(outcome->finishedSteps, 1);
    QCOMPARE(tables(*m_session), QStringList{QStringLiteral("t1")});
    QCOMPARE(runner.readHistory(m_session.get()).result()->size(), 1);
    // The session is usable afterwards: no transaction was left open.
    QVERIFY(m_session->query(QStringLiteral("BEGIN; ROLLBACK")).result().ok());
}

void tst_MigrationRunner::readingTheHistoryNeverCreatesTheTable()
{
    MigrationRunner runner(&m_sqlite, {});
    const Result<QList<AppliedMigration>> history = runner.readHistory(m_session.get()).result();
    QVERIFY(history.ok());
    QVERIFY(history->isEmpty());
    const Result<QList<ResultSet>> rows = m_session->query(
        QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'strata_schema_migrations'")).result();
    QVERIFY(rows.ok());
    QCOMPARE(rows->first().text(0, 0), QStringLiteral("0"));
}

void tst_MigrationRunner::openUserTransactionRefusesTheRun_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mysql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
}

void tst_MigrationRunner::openUserTransactionRefusesTheRun()
{
    QFETCH(QString, engine);
    if (engine == QLatin1String("postgresql"))
        STRATA_REQUIRE_PG();
    else if (engine == QLatin1String("mysql"))
        STRATA_REQUIRE_MYSQL();
    QTemporaryDir dir;
    Test::ScratchDatabase db(QStringLiteral("tst_migrunner_opentx_") + engine);
    const QString opened = db.open(engine, dir.path());
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const auto *migrations = qobject_cast<IMigrations *>(db.session().plugin());
    QVERIFY(migrations);
    MigrationRunner::Options options;
    options.lockTimeoutSeconds = 5;
    options.databaseLabel = db.schema();
    options.openTransactionProbe
        = EditPlanner::openTransactionProbe(EditPlanner::syntaxFor(db.session().engine()));
    QVERIFY(!options.openTransactionProbe.isEmpty());
    MigrationRunner runner(migrations, options);
    const QList<Migration> files{file(1, QStringLiteral("CREATE TABLE t1 (x int);"))};
    int events = 0;
    auto count = [&events](const MigrationRunner::Progress &) { ++events; };

    // A BEGIN typed in a query tab shares this session.
    QCOMPARE(db.run(QStringLiteral("BEGIN")), QString());
    const Result<MigrationRunner::Outcome> refused
        = runner.run(&db.session(), files, {}, MigrationPlanner::Command::Up, {}, count).result();
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message(),
             QStringLiteral("A transaction is open on this connection (begun in a query tab): "
                            "commit or roll it back, then run the migrations."));
    QCOMPARE(events, 0);
    QCOMPARE(db.run(QStringLiteral("ROLLBACK")), QString());
    const auto exists = db.session().query(migrations->migrationRunnerSql().historyExists).result();
    QVERIFY2(exists.ok(), qPrintable(exists.error().toString()));
    QCOMPARE(exists->first().text(0, 0), QStringLiteral("0"));
    const Result<Catalog> catalog = db.catalog();
    QVERIFY(catalog.ok());
    QVERIFY(catalog->schemas.isEmpty() || catalog->schemas.first().tables.isEmpty());

    // Committed or rolled back, the same run goes through.
    const Result<MigrationRunner::Outcome> ran
        = runner.run(&db.session(), files, {}, MigrationPlanner::Command::Up, {}, count).result();
    QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
    QVERIFY(ran->ok());
    QCOMPARE(events, 2);
}

QTEST_GUILESS_MAIN(tst_MigrationRunner)
// applied_by names the account even where USER/LOGNAME are not set (services, containers).
void tst_MigrationRunner::osUserComesFromTheAccountWithoutEnvironment()
{
#ifndef Q_OS_UNIX
    QSKIP("the account fallback is for Unix");
#else
    const QByteArray names[] = {"USER", "LOGNAME", "USERNAME"};
    QList<QByteArray> saved;
    for (const QByteArray &name : names) {
        saved << qgetenv(name.constData());
        qunsetenv(name.constData());
    }
    const QString user = MigrationRunner::currentOsUser();
    for (int i = 0; i < 3; ++i) {
        if (!saved.at(i).isEmpty())
            qputenv(names[i].constData(), saved.at(i));
    }
    QVERIFY2(!user.startsWith(QLatin1String("unknown@")), qPrintable(user));
    QVERIFY(user.endsWith(u'@' + QSysInfo::machineHostName()));
#endif
}

#include "tst_migrationrunner.moc"
