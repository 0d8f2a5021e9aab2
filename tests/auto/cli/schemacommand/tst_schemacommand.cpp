// SPDX-License-Identifier: GPL-3.0-or-later
// `strata-cli schema` on a SQLite file and on PostgreSQL and MariaDB scratch databases.
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata::Test;

namespace {

// The same small shop schema in each engine's SQL, one statement per entry.
QStringList fixtureSql(const QString &engine)
{
    const bool pg = engine == u"pg";
    const bool mysql = engine == u"mysql";
    const QString text = mysql ? QStringLiteral("varchar(100)") : QStringLiteral("text");
    QStringList sql{
        QStringLiteral("CREATE TABLE customers (id integer PRIMARY KEY, email varchar(200) NOT NULL, "
                       "note %1 DEFAULT 'none')").arg(text),
        QStringLiteral("CREATE UNIQUE INDEX customers_email_key ON customers (email)"),
        QStringLiteral("CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, total numeric(12,2), "
                       "CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))"),
        QStringLiteral("CREATE INDEX orders_customer_idx ON orders (customer_id)"),
        QStringLiteral("CREATE VIEW recent_orders AS SELECT id, total FROM orders"),
    };
    if (pg)
        sql.append(QStringLiteral("CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total) AS s "
                                  "FROM orders GROUP BY customer_id"));
    return sql;
}

QJsonObject tableNamed(const QJsonArray &tables, const QString &name)
{
    for (const QJsonValue &table : tables) {
        if (table.toObject().value(u"name").toString() == name)
            return table.toObject();
    }
    return {};
}

QJsonObject indexNamed(const QJsonObject &table, const QString &name)
{
    return tableNamed(table.value(u"indexes").toArray(), name);
}

} // namespace

class tst_SchemaCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void jsonListsTablesKeysIndexesAndForeignKeys_data();
    void jsonListsTablesKeysIndexesAndForeignKeys();
    void textListingNamesEveryTable_data();
    void textListingNamesEveryTable();
    void statsReportTheQueriesSent();
    void mysqlListsOnlyTheUrlDatabaseUnlessAllSchemas();
    void missingSqliteFileFailsToConnect();

private:
    QString urlFor(const QString &engine) const;
    bool create(const QString &engine);

    QTemporaryDir m_dir;
    QString m_scratch = scratchName("schema");
    QStringList m_created; // engines whose scratch database exists
};

QString tst_SchemaCommand::urlFor(const QString &engine) const
{
    if (engine == u"sqlite")
        return QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("shop.db"));
    return withDatabase(engine == u"pg" ? pgUrl() : mysqlUrl(), m_scratch);
}

bool tst_SchemaCommand::create(const QString &engine)
{
    if (engine != u"sqlite") {
        const QString admin = engine == u"pg" ? pgUrl() : mysqlUrl();
        runCli({QStringLiteral("query"), QStringLiteral("--url"), admin, QStringLiteral("--sql"),
                QStringLiteral("DROP DATABASE IF EXISTS ") + m_scratch});
        const CliRun created = runCli({QStringLiteral("query"), QStringLiteral("--url"), admin,
                                       QStringLiteral("--sql"), QStringLiteral("CREATE DATABASE ") + m_scratch});
        if (created.exitCode != 0) {
            qWarning("cannot create %s: %s", qPrintable(m_scratch), created.err.constData());
            return false;
        }
    }
    m_created.append(engine);
    for (const QString &statement : fixtureSql(engine)) {
        const CliRun run = runCli({QStringLiteral("query"), QStringLiteral("--url"), urlFor(engine),
                                   QStringLiteral("--sql"), statement});
        if (run.exitCode != 0) {
            qWarning("%s: %s failed: %s", qPrintable(engine), qPrintable(statement), run.err.constData());
            return false;
        }
    }
    return true;
}

void tst_SchemaCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(create(QStringLiteral("sqlite")));
    if (hasPg())
        QVERIFY(create(QStringLiteral("pg")));
    if (hasMysql())
        QVERIFY(create(QStringLiteral("mysql")));
}

void tst_SchemaCommand::cleanupTestCase()
{
    for (const QString &engine : std::as_const(m_created)) {
        if (engine == u"sqlite")
            continue;
        const QString admin = engine == u"pg" ? pgUrl() : mysqlUrl();
        runCli({QStringLiteral("query"), QStringLiteral("--url"), admin, QStringLiteral("--sql"),
                QStringLiteral("DROP DATABASE IF EXISTS ") + m_scratch});
    }
}

void tst_SchemaCommand::jsonListsTablesKeysIndexesAndForeignKeys_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("engineId");
    QTest::newRow("sqlite") << QStringLiteral("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("pg") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mysql") << QStringLiteral("mysql");
}

void tst_SchemaCommand::jsonListsTablesKeysIndexesAndForeignKeys()
{
    QFETCH(QString, engine);
    QFETCH(QString, engineId);
    if (!m_created.contains(engine))
        QSKIP("this engine's test server is not available");

    const CliRun run = runCli({QStringLiteral("schema"), QStringLiteral("--url"), urlFor(engine),
                               QStringLiteral("--json")});
    STRATA_CLI_EXPECT(run, 0);
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.value(u"engine").toString(), engineId);
    QVERIFY(!doc.value(u"serverVersion").toString().isEmpty());

    const QJsonArray schemas = doc.value(u"schemas").toArray();
    const QString schemaName = engine == u"sqlite" ? QStringLiteral("main")
                               : engine == u"pg"   ? QStringLiteral("public")
                                                   : m_scratch;
    QCOMPARE(schemas.size(), 1); // user schemas only; MySQL: the URL's database
    const QJsonObject schema = schemas.at(0).toObject();
    QCOMPARE(schema.value(u"name").toString(), schemaName);
    const QJsonArray tables = schema.value(u"tables").toArray();

    const QJsonObject customers = tableNamed(tables, QStringLiteral("customers"));
    QCOMPARE(customers.value(u"kind").toString(), u"table");
    QCOMPARE(customers.value(u"primaryKey").toArray(), QJsonArray{QStringLiteral("id")});
    const QJsonArray columns = customers.value(u"columns").toArray();
    QCOMPARE(columns.size(), 3);
    const QJsonObject email = columns.at(1).toObject();
    QCOMPARE(email.value(u"name").toString(), u"email");
    QVERIFY2(email.value(u"type").toString().contains(u"200"), qPrintable(email.value(u"type").toString()));
    QCOMPARE(email.value(u"nullable").toBool(true), false);
    QVERIFY(email.contains(u"default") && email.value(u"default").isNull());
    const QJsonObject note = columns.at(2).toObject();
    QVERIFY2(note.value(u"default").toString().contains(u"none"), qPrintable(note.value(u"default").toString()));
    QCOMPARE(note.value(u"nullable").toBool(false), true);

    const QJsonObject unique = indexNamed(customers, QStringLiteral("customers_email_key"));
    QCOMPARE(unique.value(u"columns").toArray(), QJsonArray{QStringLiteral("email")});
    QCOMPARE(unique.value(u"unique").toBool(false), true);

    const QJsonObject orders = tableNamed(tables, QStringLiteral("orders"));
    const QJsonObject byCustomer = indexNamed(orders, QStringLiteral("orders_customer_idx"));
    QCOMPARE(byCustomer.value(u"columns").toArray(), QJsonArray{QStringLiteral("customer_id")});
    QCOMPARE(byCustomer.value(u"unique").toBool(true), false);
    const QJsonArray foreignKeys = orders.value(u"foreignKeys").toArray();
    QCOMPARE(foreignKeys.size(), 1);
    const QJsonObject fk = foreignKeys.at(0).toObject();
    for (const char *key : {"name", "columns", "refSchema", "refTable", "refColumns"})
        QVERIFY2(fk.contains(QLatin1String(key)), key);
    if (engine != u"sqlite") // SQLite keeps no constraint names
        QCOMPARE(fk.value(u"name").toString(), u"orders_customer_fk");
    QCOMPARE(fk.value(u"columns").toArray(), QJsonArray{QStringLiteral("customer_id")});
    QCOMPARE(fk.value(u"refTable").toString(), u"customers");
    QCOMPARE(fk.value(u"refColumns").toArray(), QJsonArray{QStringLiteral("id")});

    QCOMPARE(tableNamed(tables, QStringLiteral("recent_orders")).value(u"kind").toString(), u"view");
    if (engine == u"pg")
        QCOMPARE(tableNamed(tables, QStringLiteral("order_totals")).value(u"kind").toString(), u"materialized_view");
}

void tst_SchemaCommand::textListingNamesEveryTable_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("pg");
}

void tst_SchemaCommand::textListingNamesEveryTable()
{
    QFETCH(QString, engine);
    if (!m_created.contains(engine))
        QSKIP("this engine's test server is not available");
    const CliRun run = runCli({QStringLiteral("schema"), QStringLiteral("--url"), urlFor(engine)});
    STRATA_CLI_EXPECT(run, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.contains(u"  table customers\n"), qPrintable(text));
    QVERIFY(text.contains(u"  table orders\n"));
    QVERIFY(text.contains(u"  view recent_orders\n"));
    QVERIFY(text.contains(u"    primary key (id)\n"));
    QVERIFY(text.contains(u"unique index customers_email_key (email)"));
    QVERIFY(text.contains(u"(customer_id) -> "));
}

void tst_SchemaCommand::statsReportTheQueriesSent()
{
    const CliRun run = runCli({QStringLiteral("schema"), QStringLiteral("--url"), urlFor(QStringLiteral("sqlite")),
                               QStringLiteral("--json"), QStringLiteral("--stats")});
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY2(run.err.startsWith("stats: tables="), run.err.constData());
    QVERIFY(run.err.contains(" queries="));
    QJsonParseError error;
    QJsonDocument::fromJson(run.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError); // stdout carries only JSON
}

void tst_SchemaCommand::mysqlListsOnlyTheUrlDatabaseUnlessAllSchemas()
{
    if (!m_created.contains(QStringLiteral("mysql")))
        QSKIP("the MariaDB test server is not available");
    const CliRun run = runCli({QStringLiteral("schema"), QStringLiteral("--url"), urlFor(QStringLiteral("mysql")),
                               QStringLiteral("--json"), QStringLiteral("--all-schemas")});
    STRATA_CLI_EXPECT(run, 0);
    QStringList names;
    const QJsonArray schemas = QJsonDocument::fromJson(run.out).object().value(u"schemas").toArray();
    for (const QJsonValue &schema : schemas)
        names.append(schema.toObject().value(u"name").toString());
    QVERIFY2(names.contains(m_scratch), qPrintable(names.join(u',')));
    QVERIFY2(names.contains(QStringLiteral("strata_test")), qPrintable(names.join(u',')));
}

void tst_SchemaCommand::missingSqliteFileFailsToConnect()
{
    const CliRun run = runCli({QStringLiteral("schema"), QStringLiteral("--url"),
                               QStringLiteral("sqlite:///nonexistent-dir/strata/none.db"), QStringLiteral("--json")});
    STRATA_CLI_EXPECT(run, 3);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.startsWith("strata-cli: cannot connect to sqlite:"));
}

QTEST_GUILESS_MAIN(tst_SchemaCommand)
#include "tst_schemacommand.moc"
