// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationplanner.h"

#include "mysqlengine.h"
#include "postgresengine.h"
#include "sqliteengine.h"

#include <QTest>

using namespace Strata;

namespace {

Migration file(const QString &version, const QString &up, const QString &down = QStringLiteral("DROP TABLE t;"),
               const QString &upMarker = QStringLiteral("-- migrate:up"))
{
    const QString text = upMarker + u'\n' + up + u'\n'
                         + (down.isNull() ? QString() : QStringLiteral("-- migrate:down\n") + down + u'\n');
    const MigrationReader::Contents contents
        = MigrationReader::parseDbmate(version + QStringLiteral("_m") + version.right(1) + QStringLiteral(".sql"), text);
    return contents.migrations.value(0);
}

AppliedMigration row(const Migration &m, AppliedMigration::Status status = AppliedMigration::Status::Applied)
{
    AppliedMigration r;
    r.version = m.version;
    r.name = m.name;
    r.checksum = m.checksum;
    r.status = status;
    r.appliedAt = QDateTime::currentDateTimeUtc();
    return r;
}

QStringList versions(const MigrationPlanner::Plan &plan)
{
    QStringList result;
    for (const MigrationPlanner::Step &step : plan.steps)
        result << step.version;
    return result;
}

} // namespace

class tst_MigrationPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upPlansPendingInVersionOrderWithTheHistoryRow_data();
    void upPlansPendingInVersionOrderWithTheHistoryRow();
    void upRefusesWhatValidateReports_data();
    void upRefusesWhatValidateReports();
    void upAppliesOutOfOrderOnlyWithTheFlag();
    void upStopsAtTheTarget();
    void downRevertsNewestFirst_data();
    void downRevertsNewestFirst();
    void downRefusesWithoutDownSection();
    void repairActsOnTheState_data();
    void repairActsOnTheState();
    void renderListsTheStatementsInOrder();

private:
    Postgres::PostgresEngine m_pg;
    MySql::MySqlEngine m_mysql;
    Sqlite::SqliteEngine m_sqlite;
    const IMigrations *engine(const QString &id) const
    {
        return id == u"postgresql" ? static_cast<const IMigrations *>(&m_pg)
               : id == u"mysql"    ? static_cast<const IMigrations *>(&m_mysql)
                                   : static_cast<const IMigrations *>(&m_sqlite);
    }
};

void tst_MigrationPlanner::upPlansPendingInVersionOrderWithTheHistoryRow_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<bool>("transactional");
    QTest::newRow("postgresql") << QStringLiteral("postgresql") << true;
    QTest::newRow("mariadb") << QStringLiteral("mysql") << false;
    QTest::newRow("sqlite") << QStringLiteral("sqlite") << true;
}

void tst_MigrationPlanner::upPlansPendingInVersionOrderWithTheHistoryRow()
{
    QFETCH(QString, engine);
    QFETCH(bool, transactional);
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);"));
    const Migration two = file(QStringLiteral("20260101000002"),
                               QStringLiteral("CREATE TABLE b (x int);\nINSERT INTO b VALUES (';');"));
    const Migration three = file(QStringLiteral("20260101000003"), QStringLiteral("CREATE INDEX i ON b (x);"),
                                 QStringLiteral("DROP INDEX i;"), QStringLiteral("-- migrate:up transaction:false"));
    const MigrationStatus status({three, one, two}, {row(one)});
    const MigrationPlanner planner(this->engine(engine));
    const Result<MigrationPlanner::Plan> plan = planner.plan(status, {}, MigrationPlanner::Command::Up, {});
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    QCOMPARE(versions(plan.value()), (QStringList{two.version, three.version}));
    const MigrationPlanner::Step &first = plan.value().steps.at(0);
    QCOMPARE(first.kind, MigrationPlanner::Step::Kind::Apply);
    QCOMPARE(first.statements,
             (QStringList{QStringLiteral("CREATE TABLE b (x int)"), QStringLiteral("INSERT INTO b VALUES (';')")}));
    QCOMPARE(first.transaction, transactional);
    QCOMPARE(plan.value().steps.at(1).transaction, false);
    QVERIFY(first.history.sql.startsWith(QLatin1String("INSERT INTO strata_schema_migrations")));
    QVERIFY(first.history.parameters.contains(QVariant(two.version)));
    QVERIFY(first.history.parameters.contains(QVariant(QString::fromLatin1(two.checksum))));
    QVERIFY(!first.history.sql.contains(two.version)); // bound, never spliced
}

void tst_MigrationPlanner::upRefusesWhatValidateReports_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("said");
    QTest::newRow("changed") << QStringLiteral("changed") << QStringLiteral("was changed after it was applied");
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("its file is missing");
    QTest::newRow("failed") << QStringLiteral("failed") << QStringLiteral("repair --version 20260101000001");
    QTest::newRow("out of order") << QStringLiteral("outOfOrder") << QStringLiteral("--allow-out-of-order");
    QTest::newRow("malformed") << QStringLiteral("malformed") << QStringLiteral("bad.sql:2: ");
}

void tst_MigrationPlanner::upRefusesWhatValidateReports()
{
    QFETCH(QString, problem);
    QFETCH(QString, said);
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);"));
    const Migration three = file(QStringLiteral("20260101000003"), QStringLiteral("CREATE TABLE c (x int);"));
    QList<Migration> files{one, three};
    QList<AppliedMigration> history{row(one)};
    QList<MigrationReader::Problem> problems;
    if (problem == u"changed") {
        history[0].checksum = QByteArray(64, 'a');
    } else if (problem == u"missing") {
        files.removeFirst();
    } else if (problem == u"failed") {
        history[0].status = AppliedMigration::Status::Failed;
    } else if (problem == u"outOfOrder") {
        history = {row(three)};
    } else {
        problems.append({QStringLiteral("bad.sql"), 2, QStringLiteral("a second up section")});
    }
    const MigrationPlanner planner(&m_pg);
    const Result<MigrationPlanner::Plan> plan
        = planner.plan(MigrationStatus(files, history), problems, MigrationPlanner::Command::Up, {});
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message().contains(said), qPrintable(plan.error().message()));
    QVERIFY2(plan.error().message().startsWith(QLatin1String("Nothing was run")), qPrintable(plan.error().message()));
}

void tst_MigrationPlanner::upAppliesOutOfOrderOnlyWithTheFlag()
{
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);"));
    const Migration three = file(QStringLiteral("20260101000003"), QStringLiteral("CREATE TABLE c (x int);"));
    MigrationPlanner::Options options;
    options.allowOutOfOrder = true;
    const Result<MigrationPlanner::Plan> plan = MigrationPlanner(&m_sqlite).plan(
        MigrationStatus({one, three}, {row(three)}), {}, MigrationPlanner::Command::Up, options);
    QVERIFY(plan.ok());
    QCOMPARE(versions(plan.value()), QStringList{one.version});
}

void tst_MigrationPlanner::upStopsAtTheTarget()
{
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);"));
    const Migration two = file(QStringLiteral("20260101000002"), QStringLiteral("CREATE TABLE b (x int);"));
    const Migration three = file(QStringLiteral("20260101000003"), QStringLiteral("CREATE TABLE c (x int);"));
    const MigrationStatus status({one, two, three}, {});
    MigrationPlanner::Options options;
    options.target = two.version;
    const MigrationPlanner planner(&m_pg);
    Result<MigrationPlanner::Plan> plan = planner.plan(status, {}, MigrationPlanner::Command::Up, options);
    QVERIFY(plan.ok());
    QCOMPARE(versions(plan.value()), (QStringList{one.version, two.version}));
    options.target = QStringLiteral("20990101000000");
    plan = planner.plan(status, {}, MigrationPlanner::Command::Up, options);
    QVERIFY(!plan.ok());
    QVERIFY(plan.error().message().contains(QLatin1String("No migration has version 20990101000000")));
}

void tst_MigrationPlanner::downRevertsNewestFirst_data()
{
    QTest::addColumn<int>("steps");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("default one step") << 1 << QString() << QStringList{QStringLiteral("20260101000003")};
    QTest::newRow("two steps") << 2 << QString()
                               << QStringList{QStringLiteral("20260101000003"), QStringLiteral("20260101000002")};
    QTest::newRow("more steps than applied") << 9 << QString()
                                             << QStringList{QStringLiteral("20260101000003"), QStringLiteral("20260101000002"),
                                                            QStringLiteral("20260101000001")};
    QTest::newRow("to keeps the target") << 1 << QStringLiteral("20260101000001")
                                         << QStringList{QStringLiteral("20260101000003"), QStringLiteral("20260101000002")};
}

void tst_MigrationPlanner::downRevertsNewestFirst()
{
    QFETCH(int, steps);
    QFETCH(QString, target);
    QFETCH(QStringList, expected);
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);"), QStringLiteral("DROP TABLE a;"));
    const Migration two = file(QStringLiteral("20260101000002"), QStringLiteral("CREATE TABLE b (x int);"), QStringLiteral("DROP TABLE b;"));
    const Migration three = file(QStringLiteral("20260101000003"), QStringLiteral("CREATE TABLE c (x int);"), QStringLiteral("DROP TABLE c;"));
    MigrationPlanner::Options options;
    options.steps = steps;
    options.target = target;
    const Result<MigrationPlanner::Plan> plan = MigrationPlanner(&m_mysql).plan(
        MigrationStatus({one, two, three}, {row(one), row(two), row(three)}), {}, MigrationPlanner::Command::Down, options);
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    QCOMPARE(versions(plan.value()), expected);
    const MigrationPlanner::Step &first = plan.value().steps.first();
    QCOMPARE(first.kind, MigrationPlanner::Step::Kind::Revert);
    QCOMPARE(first.statements, QStringList{QStringLiteral("DROP TABLE c")});
    QVERIFY(first.history.sql.startsWith(QLatin1String("DELETE FROM strata_schema_migrations")));
    QCOMPARE(first.history.parameters, QVariantList{three.version});
}

void tst_MigrationPlanner::downRefusesWithoutDownSection()
{
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);"), QString());
    const Result<MigrationPlanner::Plan> plan = MigrationPlanner(&m_pg).plan(
        MigrationStatus({one}, {row(one)}), {}, MigrationPlanner::Command::Down, {});
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message().contains(QLatin1String("20260101000001_m1 has no down section")),
             qPrintable(plan.error().message()));
}

void tst_MigrationPlanner::repairActsOnTheState_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("kind"); // -1: refused
    QTest::newRow("failed") << QStringLiteral("failed") << int(MigrationPlanner::Step::Kind::DeleteRow);
    QTest::newRow("changed") << QStringLiteral("changed") << int(MigrationPlanner::Step::Kind::UpdateChecksum);
    QTest::newRow("missing") << QStringLiteral("missing") << int(MigrationPlanner::Step::Kind::DeleteRow);
    QTest::newRow("applied") << QStringLiteral("applied") << -1;
    QTest::newRow("pending") << QStringLiteral("pending") << -1;
}

void tst_MigrationPlanner::repairActsOnTheState()
{
    QFETCH(QString, state);
    QFETCH(int, kind);
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);"));
    QList<Migration> files{one};
    QList<AppliedMigration> history{row(one)};
    if (state == u"failed")
        history[0].status = AppliedMigration::Status::Failed;
    else if (state == u"changed")
        history[0].checksum = QByteArray(64, 'b');
    else if (state == u"missing")
        files.clear();
    else if (state == u"pending")
        history.clear();
    MigrationPlanner::Options options;
    options.target = one.version;
    const Result<MigrationPlanner::Plan> plan = MigrationPlanner(&m_sqlite).plan(
        MigrationStatus(files, history), {}, MigrationPlanner::Command::Repair, options);
    if (kind < 0) {
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message().contains(QLatin1String("nothing to repair")), qPrintable(plan.error().message()));
        return;
    }
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    QCOMPARE(plan.value().steps.size(), 1);
    QCOMPARE(int(plan.value().steps.first().kind), kind);
    if (state == u"changed")
        QVERIFY(plan.value().steps.first().history.parameters.contains(QVariant(QString::fromLatin1(one.checksum))));
}

void tst_MigrationPlanner::renderListsTheStatementsInOrder()
{
    const Migration one = file(QStringLiteral("20260101000001"), QStringLiteral("CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);"));
    const MigrationPlanner planner(&m_pg);
    const Result<MigrationPlanner::Plan> plan = planner.plan(MigrationStatus({one}, {}), {}, MigrationPlanner::Command::Up, {});
    QVERIFY(plan.ok());
    const QString text = planner.render(plan.value());
    const QStringList lines = text.split(u'\n');
    QCOMPARE(lines.at(0), QStringLiteral("-- 20260101000001_m1 up (one transaction)"));
    QCOMPARE(lines.at(1), QStringLiteral("BEGIN;"));
    QCOMPARE(lines.at(2), QStringLiteral("CREATE TABLE a (x int);"));
    QCOMPARE(lines.at(3), QStringLiteral("INSERT INTO a VALUES (1);"));
    QVERIFY(lines.at(4).startsWith(QLatin1String("INSERT INTO strata_schema_migrations")));
    QVERIFY(lines.at(5).startsWith(QLatin1String("-- values: '20260101000001', 'm1', '")));
    QCOMPARE(lines.at(6), QStringLiteral("COMMIT;"));
}

QTEST_GUILESS_MAIN(tst_MigrationPlanner)
#include "tst_migrationplanner.moc"
