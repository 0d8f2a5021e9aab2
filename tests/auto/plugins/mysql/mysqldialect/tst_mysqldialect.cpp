// SPDX-License-Identifier: GPL-3.0-or-later
#include "../mysqltestsupport.h"
#include "mysqlcatalogreader.h"
#include "mysqldialect.h"
#include "mysqlengine.h"
#include "mysqlsession.h"

#include <QFile>
#include <QtTest>

using namespace Strata;
using namespace Strata::MySql;
using Internal::MySqlCatalogReader;
using Internal::MySqlDialect;
using Internal::MySqlSession;

namespace {

const QString LongName = QString(64, QLatin1Char('n'));

// The hostile schema of the round trip: every name from the quoting table somewhere.
const char HostileSchema[] =
    "CREATE TABLE `x'; DROP TABLE t; --` (\n"
    "  `a\"b` INT NOT NULL,\n"
    "  `ends``` VARCHAR(20) NOT NULL DEFAULT 'it''s',\n"
    "  `select` INT NULL DEFAULT 1 COMMENT 'a \"reserved\" name',\n"
    "  `order` VARCHAR(10) COLLATE utf8mb4_bin,\n"
    "  `with space` DATE,\n"
    "  `таблица` DECIMAL(12,2) DEFAULT 0.50,\n"
    "  `表` TEXT,\n"
    "  PRIMARY KEY (`a\"b`),\n"
    "  CONSTRAINT `ends'` UNIQUE (`ends```),\n"
    "  CONSTRAINT `user` CHECK (`select` > 0 AND `order` <> 'x''y')\n"
    ") COMMENT 'hostile; -- table';\n"
    "CREATE INDEX `select` ON `x'; DROP TABLE t; --` (`with space`, `таблица` DESC);\n"
    "CREATE INDEX `ends``` ON `x'; DROP TABLE t; --` (`表`(10));\n"
    "CREATE TABLE `表` (\n"
    "  `id` BIGINT NOT NULL AUTO_INCREMENT,\n"
    "  `ref` INT,\n"
    "  `user` VARCHAR(64),\n"
    "  `n` INT DEFAULT (1 + 2) COMMENT 'back\\\\slash and ''quote''',\n"
    "  `twice` INT AS (`n` * 2) VIRTUAL,\n"
    "  `doc` JSON,\n"
    "  `at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
    "  PRIMARY KEY (`id`),\n"
    "  CONSTRAINT `fk \"quoted\"` FOREIGN KEY (`ref`) REFERENCES `x'; DROP TABLE t; --` (`a\"b`) "
    "ON DELETE CASCADE ON UPDATE SET NULL\n"
    ");\n"
    "CREATE TABLE `%1` (`%1` INT PRIMARY KEY, `a'b` INT, CONSTRAINT `self ref` FOREIGN KEY (`a'b`) "
    "REFERENCES `%1` (`%1`));\n"
    "CREATE TRIGGER `trg'` BEFORE INSERT ON `表` FOR EACH ROW SET NEW.`user` = "
    "COALESCE(NEW.`user`, 'anon');\n"
    "CREATE VIEW `view ends``` AS SELECT t.`a\"b`, u.`user` AS `select` FROM `x'; DROP TABLE t; "
    "--` t JOIN `表` u ON u.`ref` = t.`a\"b`;\n";

} // namespace

class tst_MySqlDialect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void quotesIdentifiers_data();
    void quotesIdentifiers();
    void quotedIdentifiersWorkOnTheServer_data() { quotesIdentifiers_data(); }
    void quotedIdentifiersWorkOnTheServer();
    void quotesLiteralsForEitherSqlMode_data();
    void quotesLiteralsForEitherSqlMode();
    void reportsLimitsAndKeywords();
    void generatesSchemaAndForeignKeyStatements();
    void engineDelegatesToTheDialect();
    void roundTripsTheDemoSchema();
    void roundTripsHostileNames();

private:
    void roundTrip(const QString &script, const char *purpose);

    MySqlDialect m_dialect;
    MySqlSession m_session;
    QStringList m_scratch;
};

void tst_MySqlDialect::initTestCase()
{
    STRATA_REQUIRE_MYSQL();
    STRATA_VERIFY_OK(m_session.open(MySqlTest::settings()));
    const QString db = MySqlTest::scratchName("dialect");
    m_scratch.append(db);
    STRATA_VERIFY_OK(MySqlTest::run(
        m_session,
        QStringLiteral("DROP DATABASE IF EXISTS `%1`; CREATE DATABASE `%1`; USE `%1`").arg(db)));
}

void tst_MySqlDialect::cleanupTestCase()
{
    for (const QString &db : std::as_const(m_scratch))
        (void)MySqlTest::run(m_session, QStringLiteral("DROP DATABASE IF EXISTS ") +
                                            m_dialect.quoteIdentifier(db));
    m_session.close();
}

void tst_MySqlDialect::quotesIdentifiers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("double quote") << QStringLiteral("a\"b") << QStringLiteral("`a\"b`");
    QTest::newRow("injection") << QStringLiteral("x'; DROP TABLE t; --")
                               << QStringLiteral("`x'; DROP TABLE t; --`");
    QTest::newRow("ends in backtick") << QStringLiteral("ends`") << QStringLiteral("`ends```");
    QTest::newRow("only backticks") << QStringLiteral("``") << QStringLiteral("``````");
    QTest::newRow("ends in quote") << QStringLiteral("ends'") << QStringLiteral("`ends'`");
    QTest::newRow("reserved select") << QStringLiteral("select") << QStringLiteral("`select`");
    QTest::newRow("reserved order") << QStringLiteral("order") << QStringLiteral("`order`");
    QTest::newRow("reserved user") << QStringLiteral("user") << QStringLiteral("`user`");
    QTest::newRow("spaces") << QStringLiteral("with  some space")
                            << QStringLiteral("`with  some space`");
    QTest::newRow("cyrillic") << QStringLiteral("таблица") << QStringLiteral("`таблица`");
    QTest::newRow("cjk") << QStringLiteral("表") << QStringLiteral("`表`");
    QTest::newRow("64 characters") << LongName << (QLatin1Char('`') + LongName + QLatin1Char('`'));
}

void tst_MySqlDialect::quotesIdentifiers()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);
    QCOMPARE(m_dialect.quoteIdentifier(name), quoted);
    QCOMPARE(m_dialect.qualifiedName(QStringLiteral("s`"), name),
             QStringLiteral("`s```.") + quoted);
    QCOMPARE(m_dialect.qualifiedName(QString(), name), quoted);
}

void tst_MySqlDialect::quotedIdentifiersWorkOnTheServer()
{
    QFETCH(QString, name);
    const QString table = m_dialect.quoteIdentifier(name);
    STRATA_VERIFY_OK(MySqlTest::run(
        m_session, QStringLiteral("CREATE TABLE %1 (%1 INT, %2 INT)")
                       .arg(table, m_dialect.quoteIdentifier(name + QLatin1String("2")).size() > 66
                                       ? QStringLiteral("`other`")
                                       : m_dialect.quoteIdentifier(name + QLatin1String("2")))));
    STRATA_VERIFY_OK(
        MySqlTest::run(m_session, QStringLiteral("INSERT INTO %1 (%1) VALUES (7)").arg(table)));
    QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT %1 FROM %1").arg(table)),
             QStringLiteral("7"));
    QCOMPARE(
        MySqlTest::scalar(
            m_session,
            QStringLiteral(
                "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                " AND BINARY TABLE_NAME = ? AND BINARY COLUMN_NAME = ?"),
            {name, name}),
        QStringLiteral("1"));
    STRATA_VERIFY_OK(MySqlTest::run(m_session, QStringLiteral("DROP TABLE %1").arg(table)));
}

void tst_MySqlDialect::quotesLiteralsForEitherSqlMode_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("literal");
    QTest::newRow("plain") << QStringLiteral("plain") << QStringLiteral("'plain'");
    QTest::newRow("quote") << QStringLiteral("it's") << QStringLiteral("'it''s'");
    QTest::newRow("injection") << QStringLiteral("x'; DROP TABLE t; --")
                               << QStringLiteral("'x''; DROP TABLE t; --'");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("_utf8mb4 X'615c62'");
    QTest::newRow("backslash quote")
        << QStringLiteral("\\'; DROP") << QStringLiteral("_utf8mb4 X'5c273b2044524f50'");
    QTest::newRow("trailing backslash")
        << QStringLiteral("end\\") << QStringLiteral("_utf8mb4 X'656e645c'");
    QTest::newRow("unicode") << QStringLiteral("таблица 表") << QStringLiteral("'таблица 表'");
    QTest::newRow("empty") << QString(QLatin1String("")) << QStringLiteral("''");
    QTest::newRow("double quote") << QStringLiteral("\"") << QStringLiteral("'\"'");
}

void tst_MySqlDialect::quotesLiteralsForEitherSqlMode()
{
    QFETCH(QString, value);
    QFETCH(QString, literal);
    QCOMPARE(m_dialect.quoteLiteral(value), literal);
    const QString original =
        MySqlTest::scalar(m_session, QStringLiteral("SELECT @@SESSION.sql_mode"));
    for (const bool noBackslashEscapes : {false, true}) {
        QString mode = original;
        if (noBackslashEscapes)
            mode += QLatin1String(",NO_BACKSLASH_ESCAPES");
        STRATA_VERIFY_OK(
            MySqlTest::run(m_session, QStringLiteral("SET SESSION sql_mode = ?"), {mode}));
        QCOMPARE(
            MySqlTest::scalar(m_session, QStringLiteral("SELECT ") + m_dialect.quoteLiteral(value)),
            value);
        // Also as a DDL default, where literals end up.
        STRATA_VERIFY_OK(
            MySqlTest::run(m_session, QStringLiteral("CREATE TABLE lit (v VARCHAR(40) DEFAULT %1)")
                                          .arg(m_dialect.quoteLiteral(value))));
        STRATA_VERIFY_OK(MySqlTest::run(m_session, QStringLiteral("INSERT INTO lit () VALUES ()")));
        QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT v FROM lit")), value);
        STRATA_VERIFY_OK(MySqlTest::run(m_session, QStringLiteral("DROP TABLE lit")));
    }
    STRATA_VERIFY_OK(
        MySqlTest::run(m_session, QStringLiteral("SET SESSION sql_mode = ?"), {original}));
}

void tst_MySqlDialect::reportsLimitsAndKeywords()
{
    QCOMPARE(m_dialect.maxIdentifierLength(), 64);
    const QStringList keywords = m_dialect.keywords();
    QVERIFY(keywords.size() > 500);
    for (const char *word : {"SELECT", "ORDER", "USER", "AUTO_INCREMENT", "SEQUENCE", "KILL"})
        QVERIFY2(keywords.contains(QLatin1String(word)), word);
    for (const QString &keyword : keywords)
        QCOMPARE(keyword, keyword.toUpper());
    // One character past the limit is refused by the server.
    Result<QList<ResultSet>> tooLong =
        MySqlTest::run(m_session, QStringLiteral("CREATE TABLE short_name (%1 INT)")
                                      .arg(m_dialect.quoteIdentifier(LongName + QLatin1Char('n'))));
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error().nativeCode(), 1059); // ER_TOO_LONG_IDENT
}

void tst_MySqlDialect::generatesSchemaAndForeignKeyStatements()
{
    QCOMPARE(m_dialect.createSchemaStatement(QStringLiteral("a`b")),
             QStringLiteral("CREATE DATABASE `a``b` CHARACTER SET utf8mb4"));
    Table table;
    table.schema = QStringLiteral("s");
    table.name = QStringLiteral("child");
    table.columns = {
        Column{
            QStringLiteral("id"), QStringLiteral("int(11)"), false, std::nullopt, {}, true, {}, {}},
        Column{QStringLiteral("parent"),
               QStringLiteral("int(11)"),
               true,
               std::nullopt,
               QStringLiteral("it's \\ here"),
               false,
               {},
               {}}};
    table.primaryKey = {QStringLiteral("id")};
    ForeignKey fk;
    fk.name = QStringLiteral("fk`1");
    fk.columns = {QStringLiteral("parent")};
    fk.refSchema = QStringLiteral("s");
    fk.refTable = QStringLiteral("parent");
    fk.refColumns = {QStringLiteral("id")};
    fk.onDelete = QStringLiteral("CASCADE");
    fk.onUpdate = QStringLiteral("RESTRICT");
    table.foreignKeys = {fk};
    table.comment = QStringLiteral("kids");

    const QStringList separate = m_dialect.createTableStatements(table, {false, true});
    QCOMPARE(separate.size(), 1);
    QCOMPARE(separate.constFirst(),
             QStringLiteral("CREATE TABLE `s`.`child` (\n"
                            "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
                            "  `parent` int(11) NULL COMMENT 'it''s \\\\ here',\n"
                            "  PRIMARY KEY (`id`)\n"
                            ") ENGINE=InnoDB COMMENT='kids'"));
    QCOMPARE(m_dialect.foreignKeyStatements(table),
             QStringList{QStringLiteral(
                 "ALTER TABLE `s`.`child` ADD CONSTRAINT `fk``1` FOREIGN KEY (`parent`)"
                 " REFERENCES `s`.`parent` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT")});
    const QStringList inlined = m_dialect.createTableStatements(table, {true, true});
    QVERIFY(inlined.constFirst().contains(
        QLatin1String("  CONSTRAINT `fk``1` FOREIGN KEY (`parent`)")));
    QVERIFY(m_dialect.tableDdl(table).endsWith(QLatin1String(";\n")));
}

void tst_MySqlDialect::engineDelegatesToTheDialect()
{
    MySqlEngine engine;
    QCOMPARE(engine.id(), QStringLiteral("mysql"));
    QCOMPARE(engine.defaultPort(), 3306);
    QCOMPARE(engine.quoteIdentifier(QStringLiteral("a`")), QStringLiteral("`a```"));
    QCOMPARE(qobject_cast<IDialect *>(&engine), static_cast<IDialect *>(&engine));
    QVERIFY(qobject_cast<ICatalog *>(&engine));
    QStringList names;
    for (const ConnectionOption &option : engine.connectionOptions())
        names.append(option.name);
    QCOMPARE(names, (QStringList{QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
                                 QStringLiteral("sslcert"), QStringLiteral("sslkey"),
                                 QStringLiteral("connect_timeout"), QStringLiteral("socket")}));
}

void tst_MySqlDialect::roundTrip(const QString &script, const char *purpose)
{
    const QString a = MySqlTest::scratchName(purpose) + QLatin1String("_a");
    const QString b = MySqlTest::scratchName(purpose) + QLatin1String("_b");
    m_scratch << a << b;
    STRATA_VERIFY_OK(MySqlTest::run(
        m_session, QStringLiteral("DROP DATABASE IF EXISTS `%1`; CREATE DATABASE `%1`;"
                                  "DROP DATABASE IF EXISTS `%2`; %3")
                       .arg(a, b, m_dialect.createSchemaStatement(b))));
    MySqlSession sessionA;
    STRATA_VERIFY_OK(sessionA.open(MySqlTest::settings(a)));
    STRATA_VERIFY_OK(MySqlTest::run(sessionA, script));
    Result<Catalog> catalogA = MySqlCatalogReader(sessionA).read({});
    STRATA_VERIFY_OK(catalogA);
    QCOMPARE(catalogA->schemas.size(), 1);
    const Schema &schemaA = catalogA->schemas.constFirst();
    QVERIFY(schemaA.tables.size() >= 3);

    // The same tables, as they should come out in b.
    QList<Table> expected;
    for (Table table : schemaA.tables) {
        table.schema = b;
        for (ForeignKey &fk : table.foreignKeys) {
            if (fk.refSchema == a)
                fk.refSchema = b;
        }
        expected.append(table);
    }
    QStringList statements;
    for (const Table &table : std::as_const(expected)) {
        if (table.kind == Table::Kind::Table)
            statements += m_dialect.createTableStatements(table, {false, true});
    }
    for (const Table &table : std::as_const(expected))
        statements += m_dialect.foreignKeyStatements(table);
    for (const Table &table : std::as_const(expected)) {
        if (table.kind != Table::Kind::Table)
            statements += m_dialect.createTableStatements(table, {false, true});
    }
    MySqlSession sessionB;
    STRATA_VERIFY_OK(sessionB.open(MySqlTest::settings(b)));
    for (const QString &statement : std::as_const(statements)) {
        Result<QList<ResultSet>> ran = MySqlTest::run(sessionB, statement);
        QVERIFY2(ran.ok(), qPrintable(statement + QLatin1String("\n") + ran.error().toString()));
    }
    Result<Catalog> catalogB = MySqlCatalogReader(sessionB).read({});
    STRATA_VERIFY_OK(catalogB);
    const Schema &schemaB = catalogB->schemas.constFirst();
    QCOMPARE(schemaB.tables.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        const Table &want = expected.at(i);
        const Table &got = schemaB.tables.at(i);
        QCOMPARE(got.name, want.name);
        QCOMPARE(m_dialect.tableDdl(got), m_dialect.tableDdl(want)); // readable diff first
        QCOMPARE(got.indexes.size(), want.indexes.size());
        for (int k = 0; k < want.indexes.size(); ++k) {
            QCOMPARE(got.indexes.at(k).name, want.indexes.at(k).name);
            QCOMPARE(got.indexes.at(k).columns, want.indexes.at(k).columns);
            QCOMPARE(got.indexes.at(k).method, want.indexes.at(k).method);
            QCOMPARE(got.indexes.at(k).unique, want.indexes.at(k).unique);
        }
        QCOMPARE(got.viewDefinition, want.viewDefinition);
        QVERIFY2(got == want, qPrintable(want.name));
    }
}

void tst_MySqlDialect::roundTripsTheDemoSchema()
{
    QFile file(QStringLiteral(STRATA_SOURCE_DIR "/resources/demo/schema.sql"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("resources/demo/schema.sql is not there yet");
    roundTrip(QString::fromUtf8(file.readAll()), "demo");
}

void tst_MySqlDialect::roundTripsHostileNames()
{
    roundTrip(QString::fromUtf8(HostileSchema).arg(LongName), "hostile");
    if (QTest::currentTestFailed())
        return;
    // What came out of the generated DDL really holds the hostile parts.
    const QString b = MySqlTest::scratchName("hostile") + QLatin1String("_b");
    MySqlSession session;
    STRATA_VERIFY_OK(session.open(MySqlTest::settings(b)));
    Result<Catalog> catalog = MySqlCatalogReader(session).read({});
    STRATA_VERIFY_OK(catalog);
    const Table *cjk = catalog->table(b, QStringLiteral("表"));
    QVERIFY(cjk);
    QCOMPARE(cjk->column(QStringLiteral("n"))->comment, QStringLiteral("back\\slash and 'quote'"));
    QCOMPARE(cjk->column(QStringLiteral("twice"))->generated, QStringLiteral("`n` * 2"));
    QCOMPARE(cjk->triggers.size(), 1);
    QCOMPARE(cjk->foreignKeys.constFirst().name, QStringLiteral("fk \"quoted\""));
    QCOMPARE(cjk->foreignKeys.constFirst().onUpdate, QStringLiteral("SET NULL"));
    const Table *hostile = catalog->table(b, QStringLiteral("x'; DROP TABLE t; --"));
    QVERIFY(hostile);
    QCOMPARE(hostile->uniqueConstraints.constFirst().name, QStringLiteral("ends'"));
    QCOMPARE(hostile->checkConstraints.constFirst().name, QStringLiteral("user"));
    QCOMPARE(hostile->column(QStringLiteral("order"))->collation, QStringLiteral("utf8mb4_bin"));
    QVERIFY(catalog->table(b, LongName));
    QVERIFY(catalog->table(b, QStringLiteral("view ends`")));
}

QTEST_GUILESS_MAIN(tst_MySqlDialect)
#include "tst_mysqldialect.moc"
