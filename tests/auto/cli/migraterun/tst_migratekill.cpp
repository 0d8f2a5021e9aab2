// SPDX-License-Identifier: GPL-3.0-or-later
// `strata-cli migrate up` killed with SIGKILL at random points: every migration is either
// wholly applied with its history row or not at all, and the next run finishes the job.

#include "migratefixture.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Strata::Test;

namespace {
constexpr int Migrations = 5;
constexpr int Trials = 50;
} // namespace

class tst_MigrateKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sigkillLeavesEachMigrationBeforeOrAfter_data();
    void sigkillLeavesEachMigrationBeforeOrAfter();
};

void tst_MigrateKill::sigkillLeavesEachMigrationBeforeOrAfter_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<int>("maxDelayMs");
    QTest::addColumn<QString>("pause");
    // The kill comes within maxDelayMs of the first "applying" line (most trials) or of the
    // start (lock, history table); a short pause per migration widens the window.
    QTest::newRow("postgresql") << QStringLiteral("postgresql") << 250 << QStringLiteral("SELECT pg_sleep(0.03);\n");
    // SQLite has no sleep: counting to 300,000 in a recursive CTE takes a few tens of ms.
    QTest::newRow("sqlite") << QStringLiteral("sqlite") << 250
                            << QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                              "WHERE x < 300000) SELECT count(*) FROM c;\n");
}

void tst_MigrateKill::sigkillLeavesEachMigrationBeforeOrAfter()
{
    QFETCH(QString, engine);
    QFETCH(int, maxDelayMs);
    QFETCH(QString, pause);
    MigrateFixture db;
    if (!db.available(engine))
        QSKIP("test server not available");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString url = db.create(engine, QStringLiteral("kill"));
    QVERIFY(!url.isEmpty());
    QStringList drops;
    for (int i = 1; i <= Migrations; ++i) {
        QVERIFY(writeMigration(dir.path(), QStringLiteral("2026010100000%1_k%1.sql").arg(i),
                               QStringLiteral("-- migrate:up\nCREATE TABLE k%1 (id integer);\nINSERT INTO k%1 VALUES (1);\n"
                                              "%2INSERT INTO k%1 VALUES (2);\n-- migrate:down\nDROP TABLE k%1;\n")
                                   .arg(i)
                                   .arg(pause)));
        drops << QStringLiteral("DROP TABLE IF EXISTS k%1").arg(i);
    }
    const QStringList up{QStringLiteral("migrate"), QStringLiteral("up"), QStringLiteral("--url"), url,
                         QStringLiteral("--dir"), dir.path()};
    // The history table exists from the start, so one query sees tables and history together.
    RUN_EXPECT(runCli({QStringLiteral("migrate"), QStringLiteral("up"), QStringLiteral("--url"), url,
                              QStringLiteral("--dir"), dir.filePath(QStringLiteral("none"))}),
                      1); // no such folder
    QDir().mkpath(dir.filePath(QStringLiteral("empty")));
    RUN_EXPECT(runCli({QStringLiteral("migrate"), QStringLiteral("up"), QStringLiteral("--url"), url,
                              QStringLiteral("--dir"), dir.filePath(QStringLiteral("empty"))}),
                      0);
    const QString tablesSql = engine == u"sqlite"
                                  ? QStringLiteral("SELECT 't|' || name FROM sqlite_master WHERE type = 'table' AND name LIKE 'k%' "
                                                   "UNION ALL SELECT 'h|' || version || '|' || status FROM strata_schema_migrations")
                                  : QStringLiteral("SELECT 't|' || table_name FROM information_schema.tables WHERE table_schema = "
                                                   "'public' AND table_name LIKE 'k%' "
                                                   "UNION ALL SELECT 'h|' || version || '|' || status FROM strata_schema_migrations");
    int killedMidway = 0;
    for (int trial = 0; trial < Trials; ++trial) {
        QProcess process;
        process.setProcessEnvironment(cliEnvironmentWithPassword());
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(QStringLiteral(STRATA_CLI_EXECUTABLE), up);
        QVERIFY(process.waitForStarted());
        QRandomGenerator *random = QRandomGenerator::global();
        if (random->bounded(5) != 0) {
            QByteArray said;
            while (!said.contains("applying") && process.state() == QProcess::Running) {
                process.waitForReadyRead(100);
                said += process.readAllStandardError();
            }
        }
        const int delay = int(random->bounded(maxDelayMs));
        if (!process.waitForFinished(delay)) {
            process.kill(); // SIGKILL
            process.waitForFinished(5000);
        }
        // One snapshot of tables and history rows: they must agree migration by migration.
        const QSet<QString> seen = db.column(url, tablesSql);
        QSet<QString> tables;
        QSet<QString> applied;
        for (const QString &row : seen) {
            if (row.startsWith(QLatin1String("t|")))
                tables.insert(row.mid(2));
            else
                applied.insert(row.mid(2));
        }
        QSet<QString> expectedTables;
        for (const QString &h : std::as_const(applied)) {
            QVERIFY2(h.endsWith(QLatin1String("|applied")), qPrintable(h));
            expectedTables.insert(QStringLiteral("k") + h.left(14).right(1));
        }
        QVERIFY2(tables == expectedTables,
                 qPrintable(QStringLiteral("trial %1 (killed after %2 ms): tables %3, history %4")
                                .arg(trial)
                                .arg(delay)
                                .arg(QStringList(tables.values()).join(u','), QStringList(applied.values()).join(u','))));
        for (const QString &table : std::as_const(tables))
            QCOMPARE(db.column(url, QStringLiteral("SELECT count(*) FROM %1").arg(table)), QSet<QString>{QStringLiteral("2")});
        if (!applied.isEmpty() && applied.size() < Migrations)
            ++killedMidway;
        // Every third trial continues from where the killed run left; the others start over.
        if (trial % 3 == 2) {
            const CliRun finish = runCli(up);
            STRATA_CLI_EXPECT(finish, 0);
            QCOMPARE(db.tables(engine, url, QStringLiteral("k")).size(), Migrations);
        }
        QVERIFY(db.exec(url, drops.join(QLatin1String("; ")) + QStringLiteral("; DELETE FROM strata_schema_migrations")));
    }
    qInfo("%d of %d trials were killed with some but not all migrations applied", killedMidway, Trials);
    QVERIFY2(killedMidway > 0, "no trial killed a run half-way; the delays miss the run");
}

QTEST_GUILESS_MAIN(tst_MigrateKill)
#include "tst_migratekill.moc"
