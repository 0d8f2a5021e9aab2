// SPDX-License-Identifier: GPL-3.0-or-later
// `strata-cli migrate new|status|validate|up|down|repair` end to end on the three engines:
// the history, dry runs, refusals, MariaDB's partial failure, concurrent runs and the lock.

#include "migratefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace Strata::Test;

namespace {

const QString Hostile = QStringLiteral("x'; DROP TABLE t; --");

QStringList migrate(const QString &command, const QString &url, const QString &dir,
                    const QStringList &more = {})
{
    return QStringList{QStringLiteral("migrate"), command, QStringLiteral("--url"), url,
                       QStringLiteral("--dir"), dir}
           + more;
}

// One table per migration, with a hostile name where the engine's quoting allows it.
QString quoted(const QString &engine, const QString &name)
{
    if (engine == u"mysql")
        return u'`' + QString(name).replace(u'`', QStringLiteral("``")) + u'`';
    return u'"' + QString(name).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

QString createTable(const QString &engine, const QString &name)
{
    return QStringLiteral("-- migrate:up\nCREATE TABLE %1 (id integer);\nINSERT INTO %1 VALUES (1);\n"
                          "-- migrate:down\nDROP TABLE %1;\n")
        .arg(quoted(engine, name));
}

QJsonArray statusJson(const QByteArray &out)
{
    return QJsonDocument::fromJson(out).object().value(QStringLiteral("migrations")).toArray();
}

QStringList states(const QJsonArray &migrations)
{
    QStringList result;
    for (const QJsonValue &m : migrations)
        result << m.toObject().value(QStringLiteral("state")).toString();
    return result;
}

} // namespace

class tst_MigrateRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void newWritesATimestampedFileWithBothSections();
    void newRefusesAnUnsafeName_data();
    void newRefusesAnUnsafeName();
    void upStatusDownKeepHistoryAndCatalogInStep_data();
    void upStatusDownKeepHistoryAndCatalogInStep();
    void statusAndValidateNeverCreateTheHistoryTable_data();
    void statusAndValidateNeverCreateTheHistoryTable();
    void dryRunPrintsTheSqlAndChangesNothing_data();
    void dryRunPrintsTheSqlAndChangesNothing();
    void changedMissingAndOutOfOrderAreReportedAndRepaired_data();
    void changedMissingAndOutOfOrderAreReportedAndRepaired();
    void malformedFileRefusesUpWithItsLine_data();
    void malformedFileRefusesUpWithItsLine();
    void downRefusesAMigrationWithoutDownSection_data();
    void downRefusesAMigrationWithoutDownSection();
    void transactionalFailureLeavesNoTrace_data();
    void transactionalFailureLeavesNoTrace();
    void mariadbPartialFailureIsRecordedUntilRepair();
    void concurrentRunsApplyEachMigrationOnce_data();
    void concurrentRunsApplyEachMigrationOnce();
    void lockTimeoutGivesUpWithTheMessage_data();
    void lockTimeoutGivesUpWithTheMessage();
    void createIndexConcurrentlyDoesNotDeadlockWithAWaitingRun();
    void ctrlCStopsBetweenStatementsAndRollsBack();

private:
    void engines();
    QString folder();

    std::unique_ptr<MigrateFixture> m_db;
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_folders = 0;
};

void tst_MigrateRun::init()
{
    m_db = std::make_unique<MigrateFixture>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_MigrateRun::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_MigrateRun::engines()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mysql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
}

QString tst_MigrateRun::folder()
{
    const QString path = m_dir->filePath(QStringLiteral("m%1").arg(++m_folders));
    QDir().mkpath(path);
    return path;
}

#define REQUIRE_ENGINE(engine)                                                                     \
    if (!m_db->available(engine))                                                              \
        QSKIP("test server not available");

void tst_MigrateRun::newWritesATimestampedFileWithBothSections()
{
    const QString dir = m_dir->filePath(QStringLiteral("new/sub"));
    const CliRun run = runCli({QStringLiteral("migrate"), QStringLiteral("new"), QStringLiteral("--dir"), dir,
                               QStringLiteral("--name"), QStringLiteral("add_users")});
    STRATA_CLI_EXPECT(run, 0);
    const QString path = QString::fromUtf8(run.out).trimmed();
    QVERIFY2(QRegularExpression(QStringLiteral("/\\d{14}_add_users\\.sql$")).match(path).hasMatch(), qPrintable(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("-- migrate:up\n"));
    QVERIFY(text.contains("-- migrate:down\n"));
    // The file reads clean: status on it lists it as pending.
    const QString url = m_db->create(QStringLiteral("sqlite"), QStringLiteral("new"));
    const CliRun status = runCli(migrate(QStringLiteral("status"), url, dir, {QStringLiteral("--json")}));
    STRATA_CLI_EXPECT(status, 0);
    QCOMPARE(states(statusJson(status.out)), QStringList{QStringLiteral("pending")});
}

void tst_MigrateRun::newRefusesAnUnsafeName_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("slash") << QStringLiteral("../escape");
    QTest::newRow("quote") << Hostile;
    QTest::newRow("space") << QStringLiteral("add users");
    QTest::newRow("empty") << QString();
    QTest::newRow("cyrillic") << QStringLiteral("таблица");
}

void tst_MigrateRun::newRefusesAnUnsafeName()
{
    QFETCH(QString, name);
    const QString dir = folder();
    const CliRun run = runCli({QStringLiteral("migrate"), QStringLiteral("new"), QStringLiteral("--dir"), dir,
                               QStringLiteral("--name"), name});
    STRATA_CLI_EXPECT(run, 2);
    QVERIFY(QDir(dir).entryList(QDir::Files).isEmpty());
    QVERIFY(QDir(m_dir->path()).entryList(QDir::Files).isEmpty());
}

void tst_MigrateRun::upStatusDownKeepHistoryAndCatalogInStep_data()
{
    engines();
}

void tst_MigrateRun::upStatusDownKeepHistoryAndCatalogInStep()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("updown"));
    QVERIFY(!url.isEmpty());
    const QString dir = folder();
    const QStringList names{QStringLiteral("a\"b"), Hostile, QStringLiteral("таблица с пробелом")};
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, names[0])));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_second.sql"), createTable(engine, names[1])));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000003_third.sql"), createTable(engine, names[2])));

    CliRun run = runCli(migrate(QStringLiteral("status"), url, dir, {QStringLiteral("--json")}));
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(states(statusJson(run.out)), QStringList(3, QStringLiteral("pending")));
    QVERIFY(run.out.endsWith("\"otherTools\": []}\n"));

    run = runCli(migrate(QStringLiteral("up"), url, dir, {QStringLiteral("--to"), QStringLiteral("20260101000002")}));
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(m_db->tables(engine, url), (QSet<QString>{names[0], names[1]}));
    QCOMPARE(m_db->historyOf(engine, url),
             (QSet<QString>{QStringLiteral("20260101000001|applied"), QStringLiteral("20260101000002|applied")}));

    run = runCli(migrate(QStringLiteral("status"), url, dir, {QStringLiteral("--json")}));
    STRATA_CLI_EXPECT(run, 0);
    const QJsonArray migrations = statusJson(run.out);
    QCOMPARE(states(migrations),
             (QStringList{QStringLiteral("applied"), QStringLiteral("applied"), QStringLiteral("pending")}));
    const QJsonObject first = migrations.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("version")).toString(), QStringLiteral("20260101000001"));
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("first"));
    const QDateTime at = QDateTime::fromString(first.value(QStringLiteral("appliedAt")).toString(), Qt::ISODateWithMs);
    QVERIFY2(at.isValid() && qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) < 120,
             qPrintable(first.value(QStringLiteral("appliedAt")).toString()));
    QVERIFY(migrations.at(2).toObject().value(QStringLiteral("appliedAt")).isNull());

    run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(m_db->tables(engine, url), (QSet<QString>{names[0], names[1], names[2]}));
    run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY2(run.err.contains("nothing to apply"), run.err.constData());
    run = runCli(migrate(QStringLiteral("validate"), url, dir));
    STRATA_CLI_EXPECT(run, 0);

    // The history says who applied it: the database user and the OS user.
    const QSet<QString> by = m_db->column(url, QStringLiteral("SELECT applied_by FROM strata_schema_migrations"));
    QCOMPARE(by.size(), 1);
    QVERIFY2(by.values().first().contains(u'@'), qPrintable(by.values().first()));

    run = runCli(migrate(QStringLiteral("down"), url, dir));
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(m_db->tables(engine, url), (QSet<QString>{names[0], names[1]}));
    run = runCli(migrate(QStringLiteral("down"), url, dir, {QStringLiteral("--to"), QStringLiteral("20260101000001")}));
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(m_db->tables(engine, url), QSet<QString>{names[0]});
    run = runCli(migrate(QStringLiteral("down"), url, dir, {QStringLiteral("--steps"), QStringLiteral("5")}));
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY(m_db->tables(engine, url).isEmpty());
    QVERIFY(m_db->historyOf(engine, url).isEmpty());
}

void tst_MigrateRun::statusAndValidateNeverCreateTheHistoryTable_data()
{
    engines();
}

void tst_MigrateRun::statusAndValidateNeverCreateTheHistoryTable()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("readonly"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, QStringLiteral("t1"))));
    RUN_EXPECT(runCli(migrate(QStringLiteral("status"), url, dir)), 0);
    RUN_EXPECT(runCli(migrate(QStringLiteral("validate"), url, dir)), 0);
    RUN_EXPECT(runCli(migrate(QStringLiteral("up"), url, dir, {QStringLiteral("--dry-run")})), 0);
    QVERIFY(!m_db->historyTableExists(engine, url));
    QVERIFY(m_db->tables(engine, url).isEmpty());
}

void tst_MigrateRun::dryRunPrintsTheSqlAndChangesNothing_data()
{
    engines();
}

void tst_MigrateRun::dryRunPrintsTheSqlAndChangesNothing()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("dryrun"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, QStringLiteral("d1"))));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_second.sql"), createTable(engine, QStringLiteral("d2"))));
    RUN_EXPECT(runCli(migrate(QStringLiteral("up"), url, dir, {QStringLiteral("--to"), QStringLiteral("20260101000001")})), 0);
    const QSet<QString> tablesBefore = m_db->tables(engine, url);
    const QSet<QString> historyBefore = m_db->historyOf(engine, url);

    CliRun run = runCli(migrate(QStringLiteral("up"), url, dir, {QStringLiteral("--dry-run")}));
    STRATA_CLI_EXPECT(run, 0);
    const QString out = QString::fromUtf8(run.out);
    const qsizetype create = out.indexOf(QStringLiteral("CREATE TABLE %1 (id integer);").arg(quoted(engine, QStringLiteral("d2"))));
    const qsizetype insert = out.indexOf(QStringLiteral("INSERT INTO %1 VALUES (1);").arg(quoted(engine, QStringLiteral("d2"))));
    const qsizetype history = out.indexOf(QStringLiteral("INSERT INTO strata_schema_migrations"));
    QVERIFY2(create >= 0 && create < insert && insert < history, qPrintable(out));
    QVERIFY2(!out.contains(QStringLiteral("d1")), qPrintable(out));
    if (engine != u"mysql")
        QVERIFY2(out.indexOf(QStringLiteral("COMMIT;")) > history, qPrintable(out));

    run = runCli(migrate(QStringLiteral("down"), url, dir, {QStringLiteral("--dry-run")}));
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY2(run.out.contains("DROP TABLE " + quoted(engine, QStringLiteral("d1")).toUtf8() + ";"), run.out.constData());
    QVERIFY2(run.out.contains("DELETE FROM strata_schema_migrations"), run.out.constData());

    QCOMPARE(m_db->tables(engine, url), tablesBefore);
    QCOMPARE(m_db->historyOf(engine, url), historyBefore);
}

void tst_MigrateRun::changedMissingAndOutOfOrderAreReportedAndRepaired_data()
{
    engines();
}

void tst_MigrateRun::changedMissingAndOutOfOrderAreReportedAndRepaired()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("validate"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, QStringLiteral("v1"))));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000003_third.sql"), createTable(engine, QStringLiteral("v3"))));
    RUN_EXPECT(runCli(migrate(QStringLiteral("up"), url, dir)), 0);

    // Changed after it was applied.
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"),
                           createTable(engine, QStringLiteral("v1"))
                               .replace(QStringLiteral("VALUES (1);\n"), QStringLiteral("VALUES (1); -- edited\n"))));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000004_fourth.sql"), createTable(engine, QStringLiteral("v4"))));
    CliRun run = runCli(migrate(QStringLiteral("validate"), url, dir));
    STRATA_CLI_EXPECT(run, 4);
    QVERIFY2(run.out.contains("20260101000001_first was changed"), run.out.constData());
    run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("Nothing was run"), run.err.constData());
    QVERIFY(!m_db->tables(engine, url).contains(QStringLiteral("v4")));
    RUN_EXPECT(runCli(migrate(QStringLiteral("repair"), url, dir, {QStringLiteral("--version"), QStringLiteral("20260101000001")})), 0);
    RUN_EXPECT(runCli(migrate(QStringLiteral("validate"), url, dir)), 0);
    run = runCli(migrate(QStringLiteral("repair"), url, dir, {QStringLiteral("--version"), QStringLiteral("20260101000001")}));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("nothing to repair"), run.err.constData());

    // Pending but older than the newest applied one.
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_second.sql"), createTable(engine, QStringLiteral("v2"))));
    run = runCli(migrate(QStringLiteral("validate"), url, dir));
    STRATA_CLI_EXPECT(run, 4);
    QVERIFY2(run.out.contains("20260101000002_second is pending but older"), run.out.constData());
    run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("--allow-out-of-order"), run.err.constData());
    QVERIFY(!m_db->tables(engine, url).contains(QStringLiteral("v2")));
    RUN_EXPECT(runCli(migrate(QStringLiteral("up"), url, dir, {QStringLiteral("--allow-out-of-order")})), 0);
    QCOMPARE(m_db->tables(engine, url),
             (QSet<QString>{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3"), QStringLiteral("v4")}));

    // Applied, but its file is gone.
    QVERIFY(QFile::remove(QDir(dir).filePath(QStringLiteral("20260101000003_third.sql"))));
    run = runCli(migrate(QStringLiteral("validate"), url, dir));
    STRATA_CLI_EXPECT(run, 4);
    QVERIFY2(run.out.contains("20260101000003_third is applied but its file is missing"), run.out.constData());
    run = runCli(migrate(QStringLiteral("status"), url, dir, {QStringLiteral("--json")}));
    QVERIFY(states(statusJson(run.out)).contains(QStringLiteral("missing")));
    RUN_EXPECT(runCli(migrate(QStringLiteral("repair"), url, dir, {QStringLiteral("--version"), QStringLiteral("20260101000003")})), 0);
    RUN_EXPECT(runCli(migrate(QStringLiteral("validate"), url, dir)), 0);
    QCOMPARE(m_db->historyOf(engine, url).size(), 3);
}

void tst_MigrateRun::malformedFileRefusesUpWithItsLine_data()
{
    engines();
}

void tst_MigrateRun::malformedFileRefusesUpWithItsLine()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("malformed"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, QStringLiteral("m1"))));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_twice.sql"),
                           QStringLiteral("-- migrate:up\nCREATE TABLE m2 (id integer);\n-- migrate:up\nSELECT 1;\n")));
    CliRun run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("20260101000002_twice.sql:3"), run.err.constData());
    QVERIFY(m_db->tables(engine, url).isEmpty());
    run = runCli(migrate(QStringLiteral("validate"), url, dir));
    STRATA_CLI_EXPECT(run, 4);
    QVERIFY2(run.out.contains("20260101000002_twice.sql:3"), run.out.constData());
}

void tst_MigrateRun::downRefusesAMigrationWithoutDownSection_data()
{
    engines();
}

void tst_MigrateRun::downRefusesAMigrationWithoutDownSection()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("nodown"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, QStringLiteral("n1"))));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_oneway.sql"),
                           QStringLiteral("-- migrate:up\nCREATE TABLE n2 (id integer);\n")));
    RUN_EXPECT(runCli(migrate(QStringLiteral("up"), url, dir)), 0);
    const CliRun run = runCli(migrate(QStringLiteral("down"), url, dir, {QStringLiteral("--steps"), QStringLiteral("2")}));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("20260101000002_oneway has no down section"), run.err.constData());
    QCOMPARE(m_db->tables(engine, url), (QSet<QString>{QStringLiteral("n1"), QStringLiteral("n2")}));
    QCOMPARE(m_db->historyOf(engine, url).size(), 2);
}

void tst_MigrateRun::transactionalFailureLeavesNoTrace_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
}

void tst_MigrateRun::transactionalFailureLeavesNoTrace()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("txfail"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, QStringLiteral("f1"))));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_broken.sql"),
                           QStringLiteral("-- migrate:up\nCREATE TABLE f2 (id integer);\nINSERT INTO no_such_table VALUES (1);\n"
                                          "-- migrate:down\nDROP TABLE f2;\n")));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000003_after.sql"), createTable(engine, QStringLiteral("f3"))));
    const CliRun run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("20260101000002_broken failed at statement 2 of 2"), run.err.constData());
    QVERIFY2(run.err.contains("nothing of it was applied"), run.err.constData());
    QCOMPARE(m_db->tables(engine, url), QSet<QString>{QStringLiteral("f1")});
    QCOMPARE(m_db->historyOf(engine, url), QSet<QString>{QStringLiteral("20260101000001|applied")});
}

void tst_MigrateRun::mariadbPartialFailureIsRecordedUntilRepair()
{
    REQUIRE_ENGINE(QStringLiteral("mysql"));
    const QString engine = QStringLiteral("mysql");
    const QString url = m_db->create(engine, QStringLiteral("partial"));
    const QString dir = folder();
    const QString file = QStringLiteral("20260101000001_partial.sql");
    QVERIFY(writeMigration(dir, file,
                           QStringLiteral("-- migrate:up\nCREATE TABLE p1 (id integer);\nCREATE TABLE p2 (id integer);\n"
                                          "ALTER TABLE no_such_table ADD COLUMN x integer;\nCREATE TABLE p3 (id integer);\n"
                                          "-- migrate:down\nDROP TABLE p3;\nDROP TABLE p2;\nDROP TABLE p1;\n")));
    CliRun run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("failed at statement 3 of 4"), run.err.constData());
    QVERIFY2(run.err.contains("Statements 1 to 2 of it were applied"), run.err.constData());
    QVERIFY2(run.err.contains("repair --version 20260101000001"), run.err.constData());
    QCOMPARE(m_db->tables(engine, url), (QSet<QString>{QStringLiteral("p1"), QStringLiteral("p2")}));
    QCOMPARE(m_db->historyOf(engine, url), QSet<QString>{QStringLiteral("20260101000001|failed")});
    QCOMPARE(m_db->column(url, QStringLiteral("SELECT failed_statement FROM strata_schema_migrations")),
             QSet<QString>{QStringLiteral("3")});

    run = runCli(migrate(QStringLiteral("status"), url, dir, {QStringLiteral("--json")}));
    QCOMPARE(states(statusJson(run.out)), QStringList{QStringLiteral("failed")});
    run = runCli(migrate(QStringLiteral("up"), url, dir));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("repair"), run.err.constData());
    RUN_EXPECT(runCli(migrate(QStringLiteral("validate"), url, dir)), 4);

    // The manual fix: undo the two statements, correct the file, repair, apply again.
    QVERIFY(m_db->exec(url, QStringLiteral("DROP TABLE p1, p2")));
    QVERIFY(writeMigration(dir, file,
                           QStringLiteral("-- migrate:up\nCREATE TABLE p1 (id integer);\nCREATE TABLE p2 (id integer);\n"
                                          "CREATE TABLE p3 (id integer);\n"
                                          "-- migrate:down\nDROP TABLE p3;\nDROP TABLE p2;\nDROP TABLE p1;\n")));
    RUN_EXPECT(runCli(migrate(QStringLiteral("repair"), url, dir, {QStringLiteral("--version"), QStringLiteral("20260101000001")})), 0);
    QVERIFY(m_db->historyOf(engine, url).isEmpty());
    RUN_EXPECT(runCli(migrate(QStringLiteral("up"), url, dir)), 0);
    QCOMPARE(m_db->tables(engine, url), (QSet<QString>{QStringLiteral("p1"), QStringLiteral("p2"), QStringLiteral("p3")}));
    QCOMPARE(m_db->historyOf(engine, url), QSet<QString>{QStringLiteral("20260101000001|applied")});
}

void tst_MigrateRun::concurrentRunsApplyEachMigrationOnce_data()
{
    engines();
}

void tst_MigrateRun::concurrentRunsApplyEachMigrationOnce()
{
    QFETCH(QString, engine);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("concurrent"));
    const QString dir = folder();
    // A log table outside the migrations: a migration applied twice would log twice.
    QVERIFY(m_db->exec(url, QStringLiteral("CREATE TABLE runlog (v varchar(20))")));
    for (int i = 1; i <= 4; ++i) {
        const QString version = QStringLiteral("2026010100000%1").arg(i);
        QVERIFY(writeMigration(dir, version + QStringLiteral("_c.sql"),
                               QStringLiteral("-- migrate:up\nCREATE TABLE c%1 (id integer);\n"
                                              "INSERT INTO runlog VALUES ('%1');\n-- migrate:down\nDROP TABLE c%1;\n")
                                   .arg(i)));
    }
    QProcess first;
    QProcess second;
    for (QProcess *p : {&first, &second}) {
        p->setProcessEnvironment(cliEnvironmentWithPassword());
        p->setStandardInputFile(QProcess::nullDevice());
        p->start(QStringLiteral(STRATA_CLI_EXECUTABLE), migrate(QStringLiteral("up"), url, dir));
    }
    QVERIFY(first.waitForFinished(60000));
    QVERIFY(second.waitForFinished(60000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(second.exitCode(), 0);
    const QStringList log = [&] {
        QStringList values;
        const std::optional<QList<Strata::ResultSet>> rows = m_db->query(url, QStringLiteral("SELECT v FROM runlog ORDER BY v"));
        for (qint64 r = 0; rows && r < rows->first().rowCount(); ++r)
            values << rows->first().text(r, 0);
        return values;
    }();
    QCOMPARE(log, (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")}));
    QCOMPARE(m_db->historyOf(engine, url).size(), 4);
}

void tst_MigrateRun::lockTimeoutGivesUpWithTheMessage_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("sleep");
    QTest::newRow("postgresql") << QStringLiteral("postgresql") << QStringLiteral("SELECT pg_sleep(4);");
    QTest::newRow("mariadb") << QStringLiteral("mysql") << QStringLiteral("SELECT SLEEP(4);");
}

void tst_MigrateRun::lockTimeoutGivesUpWithTheMessage()
{
    QFETCH(QString, engine);
    QFETCH(QString, sleep);
    REQUIRE_ENGINE(engine);
    const QString url = m_db->create(engine, QStringLiteral("locktimeout"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_slow.sql"),
                           QStringLiteral("-- migrate:up\nCREATE TABLE slow (id integer);\n%1\n-- migrate:down\nDROP TABLE slow;\n").arg(sleep)));
    QProcess holder;
    holder.setProcessEnvironment(cliEnvironmentWithPassword());
    holder.setStandardInputFile(QProcess::nullDevice());
    holder.start(QStringLiteral(STRATA_CLI_EXECUTABLE), migrate(QStringLiteral("up"), url, dir));
    QVERIFY(holder.waitForStarted());
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += holder.readAllStandardError()).contains("applying"), 10000);
    QElapsedTimer timer;
    timer.start();
    const CliRun run = runCli(migrate(QStringLiteral("up"), url, dir, {QStringLiteral("--lock-timeout"), QStringLiteral("1")}));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY2(run.err.contains("Another migration run holds the lock on tst_migrunner_locktimeout"), run.err.constData());
    QVERIFY2(run.err.contains("gave up after 1 s."), run.err.constData());
    QVERIFY(timer.elapsed() < 3500);
    QVERIFY(holder.waitForFinished(30000));
    QCOMPARE(holder.exitCode(), 0);
    QCOMPARE(m_db->historyOf(engine, url), QSet<QString>{QStringLiteral("20260101000001|applied")});
}

void tst_MigrateRun::createIndexConcurrentlyDoesNotDeadlockWithAWaitingRun()
{
    REQUIRE_ENGINE(QStringLiteral("postgresql"));
    const QString url = m_db->create(QStringLiteral("postgresql"), QStringLiteral("cic"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_table.sql"),
                           QStringLiteral("-- migrate:up\nCREATE TABLE big AS SELECT g AS id FROM generate_series(1, 20000) g;\n"
                                          "-- migrate:down\nDROP TABLE big;\n")));
    // The second process starts waiting for the lock during the sleep, so it polls while
    // CREATE INDEX CONCURRENTLY waits for every older snapshot to end.
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_index.sql"),
                           QStringLiteral("-- migrate:up transaction:false\nSELECT pg_sleep(1.5);\n"
                                          "CREATE INDEX CONCURRENTLY big_id ON big (id);\n"
                                          "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY big_id;\n")));
    QElapsedTimer timer;
    timer.start();
    QProcess first;
    first.setProcessEnvironment(cliEnvironmentWithPassword());
    first.setStandardInputFile(QProcess::nullDevice());
    first.start(QStringLiteral(STRATA_CLI_EXECUTABLE), migrate(QStringLiteral("up"), url, dir));
    QVERIFY(first.waitForStarted());
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += first.readAllStandardError()).contains("applying 20260101000002"), 15000);
    QProcess second;
    second.setProcessEnvironment(cliEnvironmentWithPassword());
    second.setStandardInputFile(QProcess::nullDevice());
    second.start(QStringLiteral(STRATA_CLI_EXECUTABLE), migrate(QStringLiteral("up"), url, dir));
    QVERIFY(first.waitForFinished(20000));
    QVERIFY(second.waitForFinished(20000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(second.readAllStandardError().contains("nothing to apply"), "the waiting run found work left");
    QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(m_db->column(url, QStringLiteral("SELECT indexname FROM pg_indexes WHERE tablename = 'big'")),
             QSet<QString>{QStringLiteral("big_id")});
    QCOMPARE(m_db->column(url, QStringLiteral("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'big_id'::regclass")),
             QSet<QString>{QStringLiteral("true")});
}

void tst_MigrateRun::ctrlCStopsBetweenStatementsAndRollsBack()
{
    REQUIRE_ENGINE(QStringLiteral("postgresql"));
    const QString engine = QStringLiteral("postgresql");
    const QString url = m_db->create(engine, QStringLiteral("ctrlc"));
    const QString dir = folder();
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000001_first.sql"), createTable(engine, QStringLiteral("s1"))));
    QVERIFY(writeMigration(dir, QStringLiteral("20260101000002_slow.sql"),
                           QStringLiteral("-- migrate:up\nCREATE TABLE s2 (id integer);\nSELECT pg_sleep(1);\n"
                                          "INSERT INTO s2 VALUES (1);\n-- migrate:down\nDROP TABLE s2;\n")));
    QProcess process;
    process.setProcessEnvironment(cliEnvironmentWithPassword());
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral(STRATA_CLI_EXECUTABLE), migrate(QStringLiteral("up"), url, dir));
    QVERIFY(process.waitForStarted());
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += process.readAllStandardError()).contains("applying 20260101000002"), 15000);
    QVERIFY(::kill(pid_t(process.processId()), SIGINT) == 0);
    QVERIFY(process.waitForFinished(15000));
    said += process.readAllStandardError();
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(said.contains("cancelled"), said.constData());
    // The first migration stays; the second, stopped after its sleep, was rolled back.
    QCOMPARE(m_db->tables(engine, url), QSet<QString>{QStringLiteral("s1")});
    QCOMPARE(m_db->historyOf(engine, url), QSet<QString>{QStringLiteral("20260101000001|applied")});
}

QTEST_GUILESS_MAIN(tst_MigrateRun)
#include "tst_migraterun.moc"
