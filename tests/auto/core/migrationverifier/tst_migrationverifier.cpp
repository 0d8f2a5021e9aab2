// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationVerifier: the up / down / up-again passes, first with a recording step runner, then
// on real PostgreSQL, MariaDB and SQLite scratch databases with folders of migration files.
#include "migrations/migrationreader.h"
#include "migrations/migrationverifier.h"

#include "scratchdatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Strata::Migration)

namespace {

const QString Orders = u"orders x'; DROP TABLE t; --"_s;
const QString Customer = u"cust a\"b"_s;
const QString CustomerIndex = u"таблица_idx"_s;
const QString Customers = u"customers \"pre\""_s;

Migration migration(const QString &version, const QString &up, const QString &down)
{
    Migration m;
    m.version = version;
    m.name = u"m"_s + version;
    m.up.present = true;
    m.up.sql = up;
    m.down.present = !down.isEmpty();
    m.down.sql = down;
    return m;
}

// A catalog whose one schema holds one table per name in names.
Catalog catalogOf(const QStringList &names)
{
    Schema schema;
    schema.name = u"public"_s;
    for (const QString &name : names) {
        Table t;
        t.schema = schema.name;
        t.name = name;
        schema.tables << t;
    }
    Catalog c;
    c.schemas = {schema};
    return c;
}

} // namespace

class tst_MigrationVerifier : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Simulates a database whose tables are named by the ups ("+name") and downs ("-name");
    // "+name@2" acts on the second run of that section only.
    struct FakeDatabase
    {
        QStringList tables;
        QStringList calls;
        QString failOn; // "up:VERSION#N" fails the Nth run of that up
        QHash<QString, int> runs;

        Result<void> run(const Migration &m, MigrationVerifier::Direction direction)
        {
            const bool up = direction == MigrationVerifier::Direction::Up;
            const QString call = (up ? u"up:"_s : u"down:"_s) + m.version;
            calls << call;
            const int n = ++runs[call];
            if (call + u'#' + QString::number(n) == failOn)
                return Error(Error::Code::Query, u"relation already exists"_s);
            for (QString word : (up ? m.up.sql : m.down.sql).split(u' ', Qt::SkipEmptyParts)) {
                // "+name@N": only on the Nth run of this section.
                const qsizetype at = word.indexOf(u'@');
                if (at > 0) {
                    if (word.mid(at + 1).toInt() != n)
                        continue;
                    word.truncate(at);
                }
                if (word.startsWith(u'+') && !tables.contains(word.mid(1)))
                    tables << word.mid(1);
                else if (word.startsWith(u'-'))
                    tables.removeAll(word.mid(1));
            }
            return {};
        }
    };

    Result<MigrationVerifier::Report> verifyFake(FakeDatabase &db, const QList<Migration> &migrations)
    {
        return MigrationVerifier::verify(
            migrations,
            [&db](const Migration &m, MigrationVerifier::Direction d) { return db.run(m, d); },
            [&db]() -> Result<Catalog> { return catalogOf(db.tables); });
    }

    QString writeFolder(const QString &name, const QList<std::pair<QString, QString>> &files)
    {
        const QString dir = m_dir.filePath(name);
        QDir().mkpath(dir);
        for (const auto &[file, text] : files) {
            QFile f(dir + u'/' + file);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return {};
            f.write(text.toUtf8());
        }
        return dir;
    }

    // Three good migrations (table, index, column), with hostile names quoted for the engine.
    QList<std::pair<QString, QString>> goodMigrations(const Test::ScratchDatabase &db)
    {
        const IDialect &d = db.dialect();
        const QString orders = d.quoteIdentifier(Orders);
        const QString dropIndex = db.engine() == "mysql"_L1
                                      ? u"DROP INDEX %1 ON %2;"_s.arg(d.quoteIdentifier(CustomerIndex), orders)
                                      : u"DROP INDEX %1;"_s.arg(d.quoteIdentifier(CustomerIndex));
        return {
            {u"20240101000001_create_orders.sql"_s,
             u"-- migrate:up\nCREATE TABLE %1 (id integer PRIMARY KEY, %2 integer);\n\n"
             "-- migrate:down\nDROP TABLE %1;\n"_s.arg(orders, d.quoteIdentifier(Customer))},
            {u"20240101000002_index_customer.sql"_s,
             u"-- migrate:up\nCREATE INDEX %1 ON %2 (%3);\n\n-- migrate:down\n%4\n"_s.arg(
                 d.quoteIdentifier(CustomerIndex), orders, d.quoteIdentifier(Customer), dropIndex)},
            {u"20240101000003_add_note.sql"_s,
             u"-- migrate:up\nALTER TABLE %1 ADD COLUMN note varchar(50);\n\n"
             "-- migrate:down\nALTER TABLE %1 DROP COLUMN note;\n"_s.arg(orders)},
        };
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void runsUpsThenDownsNewestFirstThenUpsAgain()
    {
        FakeDatabase db;
        const QList<Migration> migrations = {migration(u"1"_s, u"+a"_s, u"-a"_s),
                                             migration(u"2"_s, u"+b"_s, u"-b"_s)};
        const Result<MigrationVerifier::Report> report = verifyFake(db, migrations);
        QVERIFY(report);
        QVERIFY(report->ok());
        QCOMPARE(report->stepsRun, 6);
        QCOMPARE(db.calls, (QStringList{u"up:1"_s, u"up:2"_s, u"down:2"_s, u"down:1"_s, u"up:1"_s,
                                        u"up:2"_s}));
    }

    void namesEachProblemOnce_data()
    {
        QTest::addColumn<QList<Migration>>("migrations");
        QTest::addColumn<QString>("failOn");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("completed");

        QTest::newRow("down forgets a table")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s), migration(u"2"_s, u"+b +c"_s, u"-b"_s)}
            << QString()
            << QStringList{u"2_m2: down does not restore the catalog: table public.c added"_s} << true;
        // The leftover of migration 2 stays through the down of 1: named only once, on 2.
        QTest::newRow("leftover named on its own down only")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s), migration(u"2"_s, u"+c"_s, u"-x"_s),
                                migration(u"3"_s, u"+d"_s, u"-d -a"_s)}
            << QString()
            << QStringList{u"3_m3: down does not restore the catalog: table public.a removed"_s,
                           u"2_m2: down does not restore the catalog: table public.c added"_s}
            << true;
        QTest::newRow("second up differs from the first")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s), migration(u"2"_s, u"+b +x@2"_s, u"-b"_s),
                                migration(u"3"_s, u"+c"_s, u"-c"_s)}
            << QString()
            << QStringList{u"2_m2: up applied again leaves another catalog than the first time: "
                           "table public.x added"_s}
            << true;
        QTest::newRow("second up misses what the first made")
            << QList<Migration>{migration(u"1"_s, u"+a +y@1"_s, u"-a -y"_s)} << QString()
            << QStringList{u"1_m1: up applied again leaves another catalog than the first time: "
                           "table public.y removed"_s}
            << true;
        // c is left by the down of 2 and so is still there when 1 is applied again: named
        // on the down only.
        QTest::newRow("leftover of a down not named again by the second ups")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s), migration(u"2"_s, u"+c"_s, u"-x"_s)}
            << QString()
            << QStringList{u"2_m2: down does not restore the catalog: table public.c added"_s} << true;
        QTest::newRow("no down section")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s), migration(u"2"_s, u"+b"_s, QString())}
            << QString() << QStringList{u"2_m2: has no down section, so it cannot be rolled back"_s}
            << false;
        QTest::newRow("up fails the first time")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s), migration(u"2"_s, u"+b"_s, u"-b"_s)}
            << u"up:2#1"_s << QStringList{u"2_m2: up failed: relation already exists"_s} << false;
        QTest::newRow("down fails")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s)} << u"down:1#1"_s
            << QStringList{u"1_m1: down failed: relation already exists"_s} << false;
        QTest::newRow("up fails the second time")
            << QList<Migration>{migration(u"1"_s, u"+a"_s, u"-a"_s), migration(u"2"_s, u"+b"_s, u"-b"_s)}
            << u"up:2#2"_s
            << QStringList{u"2_m2: up failed when applied again after its down: relation already exists"_s}
            << false;
    }

    void namesEachProblemOnce()
    {
        QFETCH(QList<Migration>, migrations);
        QFETCH(QString, failOn);
        QFETCH(QStringList, expected);
        QFETCH(bool, completed);
        FakeDatabase db;
        db.failOn = failOn;
        const Result<MigrationVerifier::Report> report = verifyFake(db, migrations);
        QVERIFY(report);
        QStringList lines;
        for (const MigrationVerifier::Problem &p : report->problems)
            lines << p.toString();
        QCOMPARE(lines, expected);
        QCOMPARE(report->completed, completed);
        QVERIFY(!report->ok());
    }

    void unreadableCatalogIsAnError()
    {
        const Result<MigrationVerifier::Report> report = MigrationVerifier::verify(
            {migration(u"1"_s, u"+a"_s, u"-a"_s)},
            [](const Migration &, MigrationVerifier::Direction) { return Result<void>(); },
            []() -> Result<Catalog> { return Error(Error::Code::ConnectionLost, u"gone"_s); });
        QVERIFY(!report);
        QCOMPARE(report.error().message(), u"cannot read the catalog before the first migration: gone"_s);
    }

    void verifiesFoldersOnServers_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<bool>("forgetIndex");
        for (const QString &engine : {u"postgresql"_s, u"mysql"_s, u"sqlite"_s}) {
            QTest::addRow("%s/good", qPrintable(engine)) << engine << false;
            QTest::addRow("%s/down forgets an index", qPrintable(engine)) << engine << true;
        }
    }

    void verifiesFoldersOnServers()
    {
        QFETCH(QString, engine);
        QFETCH(bool, forgetIndex);
        if (engine == "postgresql"_L1)
            STRATA_REQUIRE_PG();
        if (engine == "mysql"_L1)
            STRATA_REQUIRE_MYSQL();
        Test::ScratchDatabase db(u"tst_migrationverifier"_s);
        const QString opened = db.open(engine, m_dir.path());
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        const IDialect &d = db.dialect();
        // A table that was there before the migrations.
        QCOMPARE(db.run(u"CREATE TABLE %1 (id integer PRIMARY KEY, name varchar(50))"_s.arg(
                     d.quoteIdentifier(Customers))),
                 QString());

        QList<std::pair<QString, QString>> files = goodMigrations(db);
        if (forgetIndex) {
            files.append({u"20240101000004_audit.sql"_s,
                          u"-- migrate:up\nCREATE TABLE audit (id integer PRIMARY KEY);\n"
                          "CREATE INDEX customers_name_idx ON %1 (name);\n\n"
                          "-- migrate:down\nDROP TABLE audit;\n"_s.arg(d.quoteIdentifier(Customers))});
        }
        const QString dir = writeFolder(engine + (forgetIndex ? u"-bad"_s : u"-good"_s), files);
        const MigrationReader::Contents contents = MigrationReader::readDirectory(dir);
        QVERIFY(contents.ok());
        QCOMPARE(contents.migrations.size(), files.size());

        const Result<MigrationVerifier::Report> report =
            MigrationVerifier::verify(contents.migrations,
                                      MigrationVerifier::sessionStepRunner(db.session()),
                                      MigrationVerifier::sessionSnapshot(db.session(), db.request()));
        QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
        QStringList lines;
        for (const MigrationVerifier::Problem &p : report->problems)
            lines << p.toString();
        if (!forgetIndex) {
            QCOMPARE(lines, QStringList());
            QVERIFY(report->ok());
            QCOMPARE(report->stepsRun, 9);
            // The third pass left every migration applied.
            const Result<Catalog> catalog = db.catalog();
            QVERIFY(catalog);
            const Table *orders = catalog->table(db.schema(), Orders);
            QVERIFY(orders);
            QVERIFY(orders->column(u"note"_s));
            return;
        }
        const QString owner = engine == "sqlite"_L1 ? Customers : db.schema() + u'.' + Customers;
        QCOMPARE(report->problems.size(), 2);
        QCOMPARE(report->problems.at(0).kind, MigrationVerifier::Problem::Kind::DownDoesNotRestore);
        QCOMPARE(report->problems.at(0).version, u"20240101000004"_s);
        QCOMPARE(report->problems.at(0).name, u"audit"_s);
        QCOMPARE(report->problems.at(0).differences,
                 QStringList{u"index customers_name_idx on %1 added (name)"_s.arg(owner)});
        QCOMPARE(report->problems.at(1).kind, MigrationVerifier::Problem::Kind::UpFailedAgain);
        QCOMPARE(report->problems.at(1).version, u"20240101000004"_s);
        QVERIFY2(report->problems.at(1).error.contains(u"20240101000004_audit.sql line 3"_s),
                 qPrintable(report->problems.at(1).error));
        QVERIFY(!report->completed);
    }
};

QTEST_GUILESS_MAIN(tst_MigrationVerifier)
#include "tst_migrationverifier.moc"
