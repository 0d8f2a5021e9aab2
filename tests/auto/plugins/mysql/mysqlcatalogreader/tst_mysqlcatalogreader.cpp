// SPDX-License-Identifier: GPL-3.0-or-later
#include "../mysqltestsupport.h"
#include "mysqlcatalogbuilder.h"
#include "mysqlcatalogreader.h"
#include "mysqlsession.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Strata;
using namespace Strata::MySql;
using Internal::MySqlCatalogReader;
using Internal::MySqlSession;

class tst_MySqlCatalogReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void readsTablesColumnsAndComments();
    void readsKeysChecksAndForeignKeys();
    void readsIndexes();
    void readsViewsWithoutOwnSchemaQualifier();
    void readsRoutinesTriggersAndSequences();
    void sortsTablesByName();
    void defaultIsTheConnectionDatabase();
    void allSchemasSkipsSystemDatabases();
    void queryCountDoesNotGrowWithTables();
    void stripsOnlyTheOwnSchemaQualifier();

private:
    Catalog load(const CatalogRequest &request = {});

    MySqlSession m_session;
    QString m_db;
    QString m_bulkDb;
};

void tst_MySqlCatalogReader::initTestCase()
{
    STRATA_REQUIRE_MYSQL();
    m_db = MySqlTest::scratchName("catalog");
    m_bulkDb = MySqlTest::scratchName("catalogbulk");
    {
        MySqlSession admin;
        STRATA_VERIFY_OK(admin.open(MySqlTest::settings()));
        STRATA_VERIFY_OK(MySqlTest::run(
            admin, QStringLiteral("DROP DATABASE IF EXISTS `%1`; CREATE DATABASE `%1` CHARACTER "
                                  "SET utf8mb4 COLLATE utf8mb4_general_ci;"
                                  "DROP DATABASE IF EXISTS `%2`; CREATE DATABASE `%2`")
                       .arg(m_db, m_bulkDb)));
    }
    STRATA_VERIFY_OK(m_session.open(MySqlTest::settings(m_db)));
    STRATA_VERIFY_OK(MySqlTest::run(
        m_session,
        QStringLiteral("CREATE TABLE customers ("
                       " id INT NOT NULL AUTO_INCREMENT,"
                       " email VARCHAR(120) NOT NULL COMMENT 'login, unique',"
                       " country CHAR(2) NOT NULL DEFAULT 'DE',"
                       " note VARCHAR(20) DEFAULT 'it''s',"
                       " created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                       " code VARCHAR(10) COLLATE utf8mb4_bin,"
                       " points INT DEFAULT (1 + 2),"
                       " doubled INT AS (points * 2) VIRTUAL,"
                       " PRIMARY KEY (id),"
                       " CONSTRAINT uq_email UNIQUE (email),"
                       " CONSTRAINT ck_points CHECK (points >= 0)"
                       ") COMMENT 'people who buy';"
                       "CREATE TABLE orders ("
                       " id BIGINT UNSIGNED NOT NULL, line SMALLINT NOT NULL, customer_id INT, "
                       "body TEXT, doc JSON,"
                       " PRIMARY KEY (id, line),"
                       " CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id)"
                       "  ON DELETE SET NULL ON UPDATE CASCADE);"
                       "CREATE INDEX ix_orders_customer_line ON orders (customer_id, line DESC);"
                       "CREATE INDEX ix_body_prefix ON orders (body(12));"
                       "CREATE FULLTEXT INDEX ft_body ON orders (body);"
                       "CREATE VIEW big_orders AS SELECT o.id, c.email FROM orders o JOIN "
                       "customers c ON c.id = o.customer_id WHERE o.id > 100;"
                       "CREATE FUNCTION add_points(base INT, extra INT) RETURNS INT DETERMINISTIC "
                       "RETURN base + extra;"
                       "CREATE PROCEDURE reset_points(IN who INT, OUT done INT) BEGIN UPDATE "
                       "customers SET points = 0 WHERE id = who; SET done = 1; END;"
                       "CREATE TRIGGER customers_bi BEFORE INSERT ON customers FOR EACH ROW SET "
                       "NEW.points = COALESCE(NEW.points, 0);"
                       "CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 5 MINVALUE "
                       "1000 MAXVALUE 999999 CYCLE")));
}

void tst_MySqlCatalogReader::cleanupTestCase()
{
    if (m_session.isOpen())
        (void)MySqlTest::run(
            m_session, QStringLiteral("DROP DATABASE IF EXISTS `%1`; DROP DATABASE IF EXISTS `%2`")
                           .arg(m_db, m_bulkDb));
    m_session.close();
}

Catalog tst_MySqlCatalogReader::load(const CatalogRequest &request)
{
    Result<Catalog> catalog = MySqlCatalogReader(m_session).read(request);
    if (!catalog) {
        qWarning("%s", qPrintable(catalog.error().toString()));
        return {};
    }
    return catalog.value();
}

void tst_MySqlCatalogReader::readsTablesColumnsAndComments()
{
    const Catalog catalog = load();
    QCOMPARE(catalog.engine, QStringLiteral("mysql"));
    QCOMPARE(catalog.database, m_db);
    QVERIFY(catalog.serverVersion.startsWith(QLatin1String("MariaDB ")));
    QCOMPARE(catalog.schemas.size(), 1);
    const Table *customers = catalog.table(m_db, QStringLiteral("customers"));
    QVERIFY(customers);
    QCOMPARE(customers->kind, Table::Kind::Table);
    QCOMPARE(customers->comment, QStringLiteral("people who buy"));
    QVERIFY(customers->rowEstimate >= 0);
    QVERIFY(customers->sizeBytes > 0);
    QCOMPARE(customers->columns.size(), 8);

    const Column *id = customers->column(QStringLiteral("id"));
    QVERIFY(id && id->autoIncrement && !id->nullable);
    QCOMPARE(id->type, QStringLiteral("int(11)"));
    QVERIFY(!id->defaultValue);
    const Column *email = customers->column(QStringLiteral("email"));
    QCOMPARE(email->comment, QStringLiteral("login, unique"));
    QCOMPARE(email->type, QStringLiteral("varchar(120)"));
    QCOMPARE(customers->column(QStringLiteral("country"))->defaultValue,
             std::optional<QString>(QStringLiteral("'DE'")));
    QCOMPARE(customers->column(QStringLiteral("note"))->defaultValue,
             std::optional<QString>(QStringLiteral("'it''s'")));
    QVERIFY(customers->column(QStringLiteral("note"))->nullable);
    QCOMPARE(customers->column(QStringLiteral("created"))->defaultValue,
             std::optional<QString>(QStringLiteral("current_timestamp()")));
    QCOMPARE(customers->column(QStringLiteral("points"))->defaultValue,
             std::optional<QString>(QStringLiteral("(1 + 2)")));
    QCOMPARE(customers->column(QStringLiteral("code"))->collation, QStringLiteral("utf8mb4_bin"));
    QVERIFY(customers->column(QStringLiteral("email"))->collation.isEmpty());
    QCOMPARE(customers->column(QStringLiteral("doubled"))->generated,
             QStringLiteral("`points` * 2"));

    // NULL default written as the word NULL by MariaDB means "no default".
    const Table *orders = catalog.table(m_db, QStringLiteral("orders"));
    QVERIFY(orders);
    QVERIFY(!orders->column(QStringLiteral("customer_id"))->defaultValue);
    QCOMPARE(orders->column(QStringLiteral("id"))->type, QStringLiteral("bigint(20) unsigned"));
}

void tst_MySqlCatalogReader::readsKeysChecksAndForeignKeys()
{
    const Catalog catalog = load();
    const Table *customers = catalog.table(m_db, QStringLiteral("customers"));
    const Table *orders = catalog.table(m_db, QStringLiteral("orders"));
    QVERIFY(customers && orders);
    QCOMPARE(customers->primaryKeyName, QStringLiteral("PRIMARY"));
    QCOMPARE(customers->primaryKey, QStringList{QStringLiteral("id")});
    QCOMPARE(orders->primaryKey, (QStringList{QStringLiteral("id"), QStringLiteral("line")}));
    QCOMPARE(customers->uniqueConstraints.size(), 1);
    QCOMPARE(customers->uniqueConstraints.constFirst().name, QStringLiteral("uq_email"));
    QCOMPARE(customers->uniqueConstraints.constFirst().columns,
             QStringList{QStringLiteral("email")});
    QCOMPARE(customers->checkConstraints.size(), 1);
    QCOMPARE(customers->checkConstraints.constFirst().name, QStringLiteral("ck_points"));
    QCOMPARE(customers->checkConstraints.constFirst().expression, QStringLiteral("`points` >= 0"));
    // MariaDB's JSON is LONGTEXT plus an automatic json_valid() check named after the column.
    QCOMPARE(orders->checkConstraints.size(), 1);
    QCOMPARE(orders->checkConstraints.constFirst().name, QStringLiteral("doc"));
    QCOMPARE(orders->foreignKeys.size(), 1);
    const ForeignKey &fk = orders->foreignKeys.constFirst();
    QCOMPARE(fk.name, QStringLiteral("fk_customer"));
    QCOMPARE(fk.columns, QStringList{QStringLiteral("customer_id")});
    QCOMPARE(fk.refSchema, m_db);
    QCOMPARE(fk.refTable, QStringLiteral("customers"));
    QCOMPARE(fk.refColumns, QStringList{QStringLiteral("id")});
    QCOMPARE(fk.onDelete, QStringLiteral("SET NULL"));
    QCOMPARE(fk.onUpdate, QStringLiteral("CASCADE"));
}

void tst_MySqlCatalogReader::readsIndexes()
{
    const Catalog catalog = load();
    const Table *orders = catalog.table(m_db, QStringLiteral("orders"));
    QVERIFY(orders);
    QHash<QString, Index> byName;
    for (const Index &index : orders->indexes)
        byName.insert(index.name, index);
    QCOMPARE(orders->indexes.constFirst().name, QStringLiteral("PRIMARY"));
    QVERIFY(byName.value(QStringLiteral("PRIMARY")).primary);
    QVERIFY(byName.value(QStringLiteral("PRIMARY")).unique);
    QCOMPARE(byName.value(QStringLiteral("PRIMARY")).columns,
             (QStringList{QStringLiteral("id"), QStringLiteral("line")}));
    QCOMPARE(byName.value(QStringLiteral("ix_orders_customer_line")).columns,
             (QStringList{QStringLiteral("customer_id"), QStringLiteral("`line` DESC")}));
    QCOMPARE(byName.value(QStringLiteral("ix_body_prefix")).columns,
             QStringList{QStringLiteral("`body`(12)")});
    QCOMPARE(byName.value(QStringLiteral("ft_body")).method, QStringLiteral("FULLTEXT"));
    QCOMPARE(byName.value(QStringLiteral("ix_orders_customer_line")).method,
             QStringLiteral("BTREE"));
    QVERIFY(!byName.value(QStringLiteral("ix_body_prefix")).unique);
    const Table *customers = catalog.table(m_db, QStringLiteral("customers"));
    bool uniqueIndex = false;
    for (const Index &index : customers->indexes)
        uniqueIndex = uniqueIndex || (index.name == QLatin1String("uq_email") && index.unique);
    QVERIFY(uniqueIndex);
}

void tst_MySqlCatalogReader::readsViewsWithoutOwnSchemaQualifier()
{
    const Catalog catalog = load();
    const Table *view = catalog.table(m_db, QStringLiteral("big_orders"));
    QVERIFY(view);
    QCOMPARE(view->kind, Table::Kind::View);
    QVERIFY(view->comment.isEmpty());
    QVERIFY2(view->viewDefinition.startsWith(QLatin1String("select `o`.`id`")),
             qPrintable(view->viewDefinition));
    QVERIFY(
        view->viewDefinition.contains(QLatin1String("from (`orders` `o` join `customers` `c`")));
    QVERIFY(!view->viewDefinition.contains(m_db));
    QCOMPARE(view->columns.size(), 2);
    QCOMPARE(view->columns.at(1).name, QStringLiteral("email"));
}

void tst_MySqlCatalogReader::readsRoutinesTriggersAndSequences()
{
    const Catalog catalog = load();
    const Schema *schema = catalog.schema(m_db);
    QVERIFY(schema);
    QCOMPARE(schema->routines.size(), 2);
    const Routine &function = schema->routines.at(0);
    QCOMPARE(function.name, QStringLiteral("add_points"));
    QCOMPARE(function.kind, Routine::Kind::Function);
    QCOMPARE(function.arguments, QStringLiteral("`base` int(11), `extra` int(11)"));
    QCOMPARE(function.returnType, QStringLiteral("int(11)"));
    QCOMPARE(function.language, QStringLiteral("SQL"));
    QVERIFY(function.definition.contains(QLatin1String("RETURN base + extra")));
    QVERIFY(function.definition.contains(QLatin1String("DETERMINISTIC")));
    const Routine &procedure = schema->routines.at(1);
    QCOMPARE(procedure.kind, Routine::Kind::Procedure);
    QCOMPARE(procedure.arguments, QStringLiteral("IN `who` int(11), OUT `done` int(11)"));
    QVERIFY(procedure.returnType.isEmpty());

    const Table *customers = catalog.table(m_db, QStringLiteral("customers"));
    QCOMPARE(customers->triggers.size(), 1);
    const Trigger &trigger = customers->triggers.constFirst();
    QCOMPARE(trigger.name, QStringLiteral("customers_bi"));
    QCOMPARE(trigger.timing, QStringLiteral("BEFORE"));
    QCOMPARE(trigger.events, QStringList{QStringLiteral("INSERT")});
    QVERIFY(trigger.definition.startsWith(QLatin1String(
        "CREATE TRIGGER `customers_bi` BEFORE INSERT ON `customers` FOR EACH ROW SET NEW.points")));

    QCOMPARE(schema->sequences.size(), 1);
    const Sequence &sequence = schema->sequences.constFirst();
    QCOMPARE(sequence.name, QStringLiteral("invoice_numbers"));
    QCOMPARE(sequence.start, 1000);
    QCOMPARE(sequence.increment, 5);
    QCOMPARE(sequence.minValue, 1000);
    QCOMPARE(sequence.maxValue, 999999);
    QVERIFY(sequence.cycle);
    QVERIFY(!catalog.table(m_db, QStringLiteral("invoice_numbers")));
}

void tst_MySqlCatalogReader::sortsTablesByName()
{
    const Catalog catalog = load();
    QStringList names;
    for (const Table &table : catalog.schemas.constFirst().tables)
        names.append(table.name);
    QCOMPARE(names, (QStringList{QStringLiteral("big_orders"), QStringLiteral("customers"),
                                 QStringLiteral("orders")}));
}

void tst_MySqlCatalogReader::defaultIsTheConnectionDatabase()
{
    const Catalog explicitList = load(CatalogRequest{false, {m_bulkDb, m_db}});
    QCOMPARE(explicitList.schemas.size(), 2);
    const Catalog byDefault = load();
    QCOMPARE(byDefault.schemas.size(), 1);
    QCOMPARE(byDefault.schemas.constFirst().name, m_db);
}

void tst_MySqlCatalogReader::allSchemasSkipsSystemDatabases()
{
    const Catalog catalog = load(CatalogRequest{true, {}});
    QVERIFY(catalog.schema(m_db));
    QVERIFY(catalog.schema(m_bulkDb));
    QVERIFY(catalog.schema(QStringLiteral("strata_test")));
    for (const QString &system : MySqlCatalogReader::systemSchemas())
        QVERIFY2(!catalog.schema(system), qPrintable(system));
}

void tst_MySqlCatalogReader::queryCountDoesNotGrowWithTables()
{
    MySqlSession bulk;
    STRATA_VERIFY_OK(bulk.open(MySqlTest::settings(m_bulkDb)));
    auto createTables = [&](int from, int to) {
        QStringList statements;
        for (int i = from; i < to; ++i) {
            statements.append(QStringLiteral("CREATE TABLE t%1 (id INT PRIMARY KEY, name "
                                             "VARCHAR(20) UNIQUE, ref INT, CHECK (id > 0),"
                                             " INDEX (ref), FOREIGN KEY (ref) REFERENCES t0 (id))")
                                  .arg(i, 3, 10, QLatin1Char('0')));
        }
        return MySqlTest::run(bulk, statements.join(QLatin1String(";\n")));
    };
    STRATA_VERIFY_OK(MySqlTest::run(bulk, QStringLiteral("CREATE TABLE t0 (id INT PRIMARY KEY)")));
    STRATA_VERIFY_OK(createTables(1, 10));
    Result<Catalog> ten = MySqlCatalogReader(bulk).read({});
    STRATA_VERIFY_OK(ten);
    QCOMPARE(ten->tableCount(), 10);
    STRATA_VERIFY_OK(createTables(10, 200));
    QElapsedTimer timer;
    timer.start();
    Result<Catalog> twoHundred = MySqlCatalogReader(bulk).read({});
    const qint64 elapsed = timer.elapsed();
    STRATA_VERIFY_OK(twoHundred);
    QCOMPARE(twoHundred->tableCount(), 200);
    qInfo("catalog queries: %d for 10 tables, %d for 200 tables (read in %lld ms)", ten->queryCount,
          twoHundred->queryCount, elapsed);
    QCOMPARE(twoHundred->queryCount, ten->queryCount);
    QVERIFY(ten->queryCount > 0 && ten->queryCount <= 12);
    const Table *last = twoHundred->table(m_bulkDb, QStringLiteral("t199"));
    QVERIFY(last);
    QCOMPARE(last->foreignKeys.size(), 1);
    QCOMPARE(last->checkConstraints.size(), 1);
}

void tst_MySqlCatalogReader::stripsOnlyTheOwnSchemaQualifier()
{
    using Internal::MySqlCatalogBuilder;
    QCOMPARE(MySqlCatalogBuilder::stripSchemaQualifier(
                 QStringLiteral("select `s`.`t`.`a` AS `a` from `s`.`t` join `other`.`u`"),
                 QStringLiteral("s")),
             QStringLiteral("select `t`.`a` AS `a` from `t` join `other`.`u`"));
    QCOMPARE(MySqlCatalogBuilder::stripSchemaQualifier(
                 QStringLiteral("select `a``b`.`t`.`x` from `a``b`.`t`"), QStringLiteral("a`b")),
             QStringLiteral("select `t`.`x` from `t`"));
}

QTEST_GUILESS_MAIN(tst_MySqlCatalogReader)
#include "tst_mysqlcatalogreader.moc"
