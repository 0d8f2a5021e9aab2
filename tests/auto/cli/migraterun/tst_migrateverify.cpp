// SPDX-License-Identifier: GPL-3.0-or-later
// strata-cli migrate verify (every up, every down, every up again on a scratch database) and
// the other tools' histories in migrate status, end to end through the real binary.
#include "clirunner.h"
#include "migratefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Strata::Test;

class tst_MigrateVerify : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::unique_ptr<MigrateFixture> m_db;
    int m_folders = 0;

    // A folder with one file per (name, up, down).
    QString folder(const QList<std::tuple<QString, QString, QString>> &migrations)
    {
        const QString path = m_tmp.filePath(QStringLiteral("m%1").arg(++m_folders));
        QDir().mkpath(path);
        int second = 0;
        for (const auto &[name, up, down] : migrations) {
            QFile file(QDir(path).filePath(
                QStringLiteral("202601011200%1_%2.sql").arg(++second, 2, 10, QLatin1Char('0')).arg(name)));
            if (!file.open(QIODevice::WriteOnly))
                return {};
            file.write(QStringLiteral("-- migrate:up\n%1\n-- migrate:down\n%2\n").arg(up, down).toUtf8());
        }
        return path;
    }
    static CliRun verify(const QString &url, const QString &dir)
    {
        return runCli({QStringLiteral("migrate"), QStringLiteral("verify"), QStringLiteral("--url"), url,
                       QStringLiteral("--dir"), dir});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_db = std::make_unique<MigrateFixture>();
    }
    void cleanupTestCase() { m_db.reset(); }

    void downsThatUndoTheirUpsPass_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    void downsThatUndoTheirUpsPass()
    {
        QFETCH(QString, engine);
        if (!m_db->available(engine))
            QSKIP("no test server");
        const QString url = m_db->create(engine, QStringLiteral("verify"));
        QVERIFY(!url.isEmpty());
        const QString good = folder({
            {QStringLiteral("items"), QStringLiteral("CREATE TABLE \"it\"\"ems\" (id INTEGER PRIMARY KEY, name TEXT);"),
             QStringLiteral("DROP TABLE \"it\"\"ems\";")},
            {QStringLiteral("index"), QStringLiteral("CREATE INDEX items_name ON \"it\"\"ems\" (name);"),
             QStringLiteral("DROP INDEX items_name;")},
        });
        const CliRun ok = verify(url, good);
        QVERIFY2(ok.finished && ok.exitCode == 0, ok.err.constData());
        QVERIFY(ok.out.isEmpty());
        QVERIFY(ok.err.contains("2 migration(s), 6 step(s) run, 0 problem(s)"));

        // The third pass leaves the ups applied: the database is no longer empty, and a
        // second verify on it is refused.
        const CliRun again = verify(url, good);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("give it an empty scratch database"), again.err.constData());
    }

    void aDownThatForgetsAnIndexIsNamed()
    {
        const QString url = m_db->create(QStringLiteral("sqlite"), QStringLiteral("verifybad"));
        const QString bad = folder({
            {QStringLiteral("orders"), QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER);"),
             QStringLiteral("DROP TABLE orders;")},
            {QStringLiteral("orders_customer"), QStringLiteral("CREATE TABLE notes (id INTEGER);\nCREATE INDEX orders_customer ON orders (customer);"),
             QStringLiteral("DROP TABLE notes;")},
        });
        const CliRun run = verify(url, bad);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.out.contains("orders_customer: down does not restore the catalog"), run.out.constData());
        QVERIFY2(run.out.contains("orders_customer"), run.out.constData());
    }

    void malformedFolderRunsNothing()
    {
        const QString url = m_db->create(QStringLiteral("sqlite"), QStringLiteral("verifymalformed"));
        const QString dir = m_tmp.filePath(QStringLiteral("malformed"));
        QDir().mkpath(dir);
        QFile file(QDir(dir).filePath(QStringLiteral("20260101120000_x.sql")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("CREATE TABLE x (a INTEGER);\n");
        file.close();
        const CliRun run = verify(url, dir);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("20260101120000_x.sql:1: SQL before the first"), run.err.constData());
        QVERIFY(m_db->tables(QStringLiteral("sqlite"), url).isEmpty());
    }

    void statusShowsOtherToolsBesideOurs()
    {
        const QString url = m_db->create(QStringLiteral("sqlite"), QStringLiteral("othertools"));
        QVERIFY(m_db->exec(url, QStringLiteral("CREATE TABLE knex_migrations (id INTEGER PRIMARY KEY "
                                               "AUTOINCREMENT, name VARCHAR(255), batch INTEGER, "
                                               "migration_time DATETIME)")));
        QVERIFY(m_db->exec(url, QStringLiteral("INSERT INTO knex_migrations (name, batch, migration_time) "
                                               "VALUES ('20240101120000_create_users.js', 1, "
                                               "'2024-01-01 12:00:00')")));
        const QString dir = folder({{QStringLiteral("a"), QStringLiteral("CREATE TABLE a (id INTEGER);"),
                                     QStringLiteral("DROP TABLE a;")}});
        const CliRun json = runCli({QStringLiteral("migrate"), QStringLiteral("status"), QStringLiteral("--json"),
                                    QStringLiteral("--url"), url, QStringLiteral("--dir"), dir});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value(QStringLiteral("migrations")).toArray().size(), 1);
        const QJsonArray others = doc.value(QStringLiteral("otherTools")).toArray();
        QCOMPARE(others.size(), 1);
        const QJsonObject knex = others.first().toObject();
        QCOMPARE(knex.value(QStringLiteral("tool")).toString(), QStringLiteral("knex"));
        QCOMPARE(knex.value(QStringLiteral("table")).toString(), QStringLiteral("knex_migrations"));
        const QJsonArray applied = knex.value(QStringLiteral("applied")).toArray();
        QCOMPARE(applied.size(), 1);
        QCOMPARE(applied.first().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("20240101120000_create_users.js"));

        const CliRun text = runCli({QStringLiteral("migrate"), QStringLiteral("status"), QStringLiteral("--url"),
                                    url, QStringLiteral("--dir"), dir});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("knex_migrations (knex): 1 migration(s) applied"), text.out.constData());
    }
};

QTEST_GUILESS_MAIN(tst_MigrateVerify)
#include "tst_migrateverify.moc"
