// SPDX-License-Identifier: GPL-3.0-or-later
// OtherToolHistory: the history tables of Sequelize, Knex, Prisma and Flyway, created on
// PostgreSQL, MariaDB and SQLite the way each tool creates them, read back.
#include "migrations/othertoolhistory.h"

#include "scratchdatabase.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
const QString Hostile = u"20240102030405-x'; DROP TABLE t; -- \"a\" <b>.js"_s;
}

class tst_OtherToolHistory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::ScratchDatabase> m_db;

    QString engine() const { return m_db->engine(); }
    QString q(const QString &name) const { return m_db->dialect().quoteIdentifier(name); }

    // Types as each tool's DDL spells them for the engine.
    QString timestampType() const
    {
        if (engine() == "postgresql"_L1)
            return u"TIMESTAMPTZ"_s;
        if (engine() == "mysql"_L1)
            return u"DATETIME(3)"_s;
        return u"DATETIME"_s;
    }
    QString serialKey() const
    {
        if (engine() == "postgresql"_L1)
            return u"serial primary key"_s;
        if (engine() == "mysql"_L1)
            return u"int unsigned not null auto_increment primary key"_s;
        return u"integer not null primary key autoincrement"_s;
    }
    // "(?, ?)" or, on PostgreSQL, "($1, $2)".
    QString values(int count) const
    {
        QStringList marks;
        for (int i = 1; i <= count; ++i)
            marks << (engine() == "postgresql"_L1 ? u"$"_s + QString::number(i) : u"?"_s);
        return u'(' + marks.join(u", "_s) + u')';
    }
    QString nowDefault() const
    {
        if (engine() == "postgresql"_L1)
            return u"now()"_s;
        if (engine() == "mysql"_L1)
            return u"CURRENT_TIMESTAMP(3)"_s;
        return u"CURRENT_TIMESTAMP"_s;
    }
    // A timestamp value to bind: SQLite's node drivers store JavaScript Dates as milliseconds.
    QVariant time(const QString &iso) const
    {
        if (engine() == "sqlite"_L1 && iso.endsWith(u'Z'))
            return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
        if (engine() == "postgresql"_L1)
            return QString(iso).replace(u'T', u' ').replace(u"Z"_s, u"+00"_s);
        return QString(iso).replace(u'T', u' ').remove(u'Z');
    }

    void createSequelize()
    {
        // Sequelize's queryInterface.createTable('SequelizeMeta', {name: {type: STRING,
        // allowNull: false, unique: true, primaryKey: true}}).
        QCOMPARE(m_db->run(u"CREATE TABLE %1 (%2 VARCHAR(255) NOT NULL UNIQUE, PRIMARY KEY (%2))"_s.arg(
                     q(u"SequelizeMeta"_s), q(u"name"_s))),
                 QString());
        for (const QString &name : {u"20240101000000-create-users.js"_s, Hostile})
            QCOMPARE(m_db->run(u"INSERT INTO %1 (%2) VALUES %3"_s.arg(q(u"SequelizeMeta"_s), q(u"name"_s), values(1)),
                               {name}),
                     QString());
    }

    void createKnex()
    {
        QCOMPARE(m_db->run(u"CREATE TABLE %1 (%2 %3, %4 varchar(255), %5 integer, %6 %7)"_s.arg(
                     q(u"knex_migrations"_s), q(u"id"_s), serialKey(), q(u"name"_s), q(u"batch"_s),
                     q(u"migration_time"_s), timestampType())),
                 QString());
        QCOMPARE(m_db->run(u"CREATE TABLE %1 (%2 %3, %4 integer)"_s.arg(
                     q(u"knex_migrations_lock"_s), q(u"index"_s), serialKey(), q(u"is_locked"_s))),
                 QString());
        const QString insert = u"INSERT INTO %1 (%2, %3, %4) VALUES %5"_s.arg(
            q(u"knex_migrations"_s), q(u"name"_s), q(u"batch"_s), q(u"migration_time"_s), values(3));
        QCOMPARE(m_db->run(insert, {u"20240101000000_init.js"_s, 1, time(u"2024-01-02T03:04:05Z"_s)}),
                 QString());
        QCOMPARE(m_db->run(insert, {u"20240105000000_orders.js"_s, 2, time(u"2024-01-05T10:00:00Z"_s)}),
                 QString());
    }

    void createPrisma()
    {
        const QString ts = timestampType();
        QCOMPARE(m_db->run(u"CREATE TABLE %1 (%2 VARCHAR(36) PRIMARY KEY NOT NULL, %3 VARCHAR(64) NOT NULL, "
                           "%4 %10, %5 VARCHAR(255) NOT NULL, %6 TEXT, %7 %10, "
                           "%8 %10 NOT NULL DEFAULT %11, %9 INTEGER NOT NULL DEFAULT 0)"_s
                               .arg(q(u"_prisma_migrations"_s), q(u"id"_s), q(u"checksum"_s),
                                    q(u"finished_at"_s), q(u"migration_name"_s), q(u"logs"_s),
                                    q(u"rolled_back_at"_s), q(u"started_at"_s),
                                    q(u"applied_steps_count"_s))
                               .arg(ts, nowDefault())),
                 QString());
        const QString insert =
            u"INSERT INTO %1 (%2, %3, %4, %5, %6, %7, %8, %9) VALUES "_s.arg(
                q(u"_prisma_migrations"_s), q(u"id"_s), q(u"checksum"_s), q(u"finished_at"_s),
                q(u"migration_name"_s), q(u"logs"_s), q(u"rolled_back_at"_s), q(u"started_at"_s),
                q(u"applied_steps_count"_s)) + values(8);
        const QVariant null = QVariant(QMetaType::fromType<QString>());
        QCOMPARE(m_db->run(insert, {u"a1"_s, u"c1"_s, time(u"2024-01-02T03:04:06Z"_s), u"20240102030405_init"_s,
                                    null, null, time(u"2024-01-02T03:04:05Z"_s), 1}),
                 QString());
        QCOMPARE(m_db->run(insert, {u"a2"_s, u"c2"_s, null, u"20240103000000_broken"_s,
                                    u"ERROR: relation \"x\" does not exist\nmore"_s, null,
                                    time(u"2024-01-03T00:00:00Z"_s), 0}),
                 QString());
    }

    void createFlyway()
    {
        // Flyway's createMetaDataTable.sql for the engine.
        const QString ts = engine() == "sqlite"_L1 ? u"DATETIME"_s : u"TIMESTAMP"_s;
        QCOMPARE(m_db->run(u"CREATE TABLE %1 (%2 INT NOT NULL, %3 VARCHAR(50), %4 VARCHAR(200) NOT NULL, "
                           "%5 VARCHAR(20) NOT NULL, %6 VARCHAR(1000) NOT NULL, %7 INTEGER, "
                           "%8 VARCHAR(100) NOT NULL, %9 %12 NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                           "%10 INTEGER NOT NULL, %11 BOOLEAN NOT NULL, PRIMARY KEY (%2))"_s
                               .arg(q(u"flyway_schema_history"_s), q(u"installed_rank"_s),
                                    q(u"version"_s), q(u"description"_s), q(u"type"_s),
                                    q(u"script"_s), q(u"checksum"_s), q(u"installed_by"_s),
                                    q(u"installed_on"_s), q(u"execution_time"_s))
                               .arg(q(u"success"_s), ts)),
                 QString());
        QCOMPARE(m_db->run(u"CREATE INDEX %1 ON %2 (%3)"_s.arg(q(u"flyway_schema_history_s_idx"_s),
                                                               q(u"flyway_schema_history"_s), q(u"success"_s))),
                 QString());
        const QString insert =
            u"INSERT INTO %1 (%2, %3, %4, %5, %6, %7, %8, %9, %10, %11) VALUES "_s
                .arg(q(u"flyway_schema_history"_s), q(u"installed_rank"_s), q(u"version"_s),
                     q(u"description"_s), q(u"type"_s), q(u"script"_s), q(u"checksum"_s),
                     q(u"installed_by"_s), q(u"installed_on"_s), q(u"execution_time"_s))
                .arg(q(u"success"_s)) + values(10);
        // Flyway writes local times without zone: read as UTC.
        const QVariant at1 = QString(u"2024-02-01 08:00:00"_s);
        const QVariant at2 = QString(u"2024-02-02 09:30:00"_s);
        const QVariant null = QVariant(QMetaType::fromType<QString>());
        QCOMPARE(m_db->run(insert, {2, u"2"_s, u"add <b>orders</b>"_s, u"SQL"_s, u"V2__add_orders.sql"_s,
                                    -12345, u"ci"_s, at2, 15, false}),
                 QString());
        QCOMPARE(m_db->run(insert, {1, u"1"_s, u"init"_s, u"SQL"_s, u"V1__init.sql"_s, 987, u"ci"_s, at1,
                                    40, true}),
                 QString());
        QCOMPARE(m_db->run(insert, {3, null, u"views"_s, u"SQL"_s, u"R__views.sql"_s, 5, u"ci"_s, at2, 3,
                                    true}),
                 QString());
    }

    void openScratch(const QString &engine)
    {
        if (engine == "postgresql"_L1)
            STRATA_REQUIRE_PG();
        if (engine == "mysql"_L1)
            STRATA_REQUIRE_MYSQL();
        // PostgreSQL gets a hostile schema name too; MariaDB database names are directories.
        m_db = std::make_unique<Test::ScratchDatabase>(engine == "postgresql"_L1
                                                           ? u"tst_othertools a\"b x'y"_s
                                                           : u"tst_othertoolhistory"_s);
        const QString opened = m_db->open(engine, m_dir.path());
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
    }

    static void addEngines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("postgresql") << u"postgresql"_s;
        QTest::newRow("mysql") << u"mysql"_s;
        QTest::newRow("sqlite") << u"sqlite"_s;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { m_db.reset(); }

    void normalizesServerTimes_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("expected");
        QTest::newRow("postgresql timestamptz") << u"2024-01-02 04:04:05+01"_s << u"2024-01-02T03:04:05Z"_s;
        QTest::newRow("half-hour zone") << u"2024-01-02 08:34:05.250+05:30"_s << u"2024-01-02T03:04:05.250Z"_s;
        QTest::newRow("no zone is UTC") << u"2024-01-02 03:04:05"_s << u"2024-01-02T03:04:05Z"_s;
        QTest::newRow("mysql fraction zero") << u"2024-01-02 03:04:05.000"_s << u"2024-01-02T03:04:05Z"_s;
        QTest::newRow("milliseconds") << u"1704164645000"_s << u"2024-01-02T03:04:05Z"_s;
        QTest::newRow("seconds") << u"1704164645"_s << u"2024-01-02T03:04:05Z"_s;
        QTest::newRow("not a time") << u"yesterday"_s << u"yesterday"_s;
        QTest::newRow("empty") << QString() << QString();
    }
    void normalizesServerTimes()
    {
        QFETCH(QString, server);
        QFETCH(QString, expected);
        QCOMPARE(OtherToolHistory::normalizedTime(server), expected);
    }

    void databaseWithoutThemGivesNothing_data() { addEngines(); }
    void databaseWithoutThemGivesNothing()
    {
        QFETCH(QString, engine);
        openScratch(engine);
        // Same names in another case are other tables, not the tools' ones.
        QCOMPARE(m_db->run(u"CREATE TABLE %1 (name varchar(20))"_s.arg(q(u"sequelizemeta_x"_s))), QString());
        if (engine == "postgresql"_L1)
            QCOMPARE(m_db->run(u"CREATE TABLE %1 (name varchar(20))"_s.arg(q(u"sequelizemeta"_s))), QString());
        const Result<QList<OtherToolHistory>> read = OtherToolHistory::read(m_db->session());
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
        QVERIFY(read->isEmpty());
        QCOMPARE(OtherToolHistory::toJson(read.value()), QJsonArray());
    }

    void readsEveryToolsHistory_data() { addEngines(); }
    void readsEveryToolsHistory()
    {
        QFETCH(QString, engine);
        openScratch(engine);
        createSequelize();
        createKnex();
        createPrisma();
        createFlyway();
        if (QTest::currentTestFailed())
            return;

        const Result<QList<OtherToolHistory>> read = OtherToolHistory::read(m_db->session());
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
        QCOMPARE(read->size(), 4);

        const OtherToolHistory &sequelize = read->at(0);
        QCOMPARE(sequelize.tool, OtherToolHistory::Tool::Sequelize);
        QCOMPARE(sequelize.table, u"SequelizeMeta"_s);
        QCOMPARE(sequelize.schema, m_db->schema());
        QCOMPARE(sequelize.applied.size(), 2);
        QCOMPARE(sequelize.applied.at(0).name, u"20240101000000-create-users.js"_s);
        QCOMPARE(sequelize.applied.at(0).version, u"20240101000000"_s);
        QCOMPARE(sequelize.applied.at(1).name, Hostile);
        QCOMPARE(sequelize.applied.at(1).appliedAt, QString());

        const OtherToolHistory &knex = read->at(1);
        QCOMPARE(knex.tool, OtherToolHistory::Tool::Knex);
        QCOMPARE(knex.applied.size(), 2);
        QCOMPARE(knex.applied.at(0).name, u"20240101000000_init.js"_s);
        QCOMPARE(knex.applied.at(0).description, u"batch 1"_s);
        QCOMPARE(knex.applied.at(0).appliedAt, u"2024-01-02T03:04:05Z"_s);
        QCOMPARE(knex.applied.at(1).appliedAt, u"2024-01-05T10:00:00Z"_s);

        const OtherToolHistory &prisma = read->at(2);
        QCOMPARE(prisma.tool, OtherToolHistory::Tool::Prisma);
        QCOMPARE(prisma.applied.size(), 2);
        QCOMPARE(prisma.applied.at(0).name, u"20240102030405_init"_s);
        QCOMPARE(prisma.applied.at(0).version, u"20240102030405"_s);
        QCOMPARE(prisma.applied.at(0).appliedAt, u"2024-01-02T03:04:06Z"_s);
        QVERIFY(prisma.applied.at(0).success);
        QCOMPARE(prisma.applied.at(1).name, u"20240103000000_broken"_s);
        QVERIFY(!prisma.applied.at(1).success);
        QCOMPARE(prisma.applied.at(1).appliedAt, QString());
        QCOMPARE(prisma.applied.at(1).description, u"ERROR: relation \"x\" does not exist"_s);

        const OtherToolHistory &flyway = read->at(3);
        QCOMPARE(flyway.tool, OtherToolHistory::Tool::Flyway);
        QCOMPARE(flyway.applied.size(), 3);
        QCOMPARE(flyway.applied.at(0).version, u"1"_s);
        QCOMPARE(flyway.applied.at(0).name, u"V1__init.sql"_s);
        QCOMPARE(flyway.applied.at(0).appliedAt, u"2024-02-01T08:00:00Z"_s);
        QVERIFY(flyway.applied.at(0).success);
        QCOMPARE(flyway.applied.at(1).description, u"add <b>orders</b>"_s);
        QVERIFY(!flyway.applied.at(1).success);
        QCOMPARE(flyway.applied.at(2).version, QString());
        QCOMPARE(flyway.applied.at(2).name, u"R__views.sql"_s);

        // The shape status --json prints under otherTools.
        const QJsonArray json = OtherToolHistory::toJson(read.value());
        QCOMPARE(json.size(), 4);
        const QJsonObject first = json.at(3).toObject();
        QCOMPARE(first.keys(), (QStringList{u"applied"_s, u"table"_s, u"tool"_s}));
        QCOMPARE(first.value(u"tool"_s).toString(), u"flyway"_s);
        QCOMPARE(first.value(u"table"_s).toString(), u"flyway_schema_history"_s);
        const QJsonObject entry = first.value(u"applied"_s).toArray().at(2).toObject();
        QVERIFY(entry.value(u"version"_s).isNull());
        QCOMPARE(entry.value(u"appliedAt"_s).toString(), u"2024-02-02T09:30:00Z"_s);
        QCOMPARE(entry.value(u"success"_s).toBool(), true);
        QCOMPARE(entry.value(u"description"_s).toString(), u"views"_s);
    }

    void tableWithoutTheToolsColumnsIsNamed()
    {
        openScratch(u"sqlite"_s);
        QCOMPARE(m_db->run(u"CREATE TABLE knex_migrations (id integer primary key, title text)"_s), QString());
        const Result<QList<OtherToolHistory>> read = OtherToolHistory::read(m_db->session());
        QVERIFY(read);
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().problem,
                 u"table knex_migrations has no column name, batch, migration_time, so it is not knex's history"_s);
        QVERIFY(read->first().applied.isEmpty());
        QCOMPARE(read->first().toJson().value(u"problem"_s).toString(), read->first().problem);
    }
};

QTEST_GUILESS_MAIN(tst_OtherToolHistory)
#include "tst_othertoolhistory.moc"
