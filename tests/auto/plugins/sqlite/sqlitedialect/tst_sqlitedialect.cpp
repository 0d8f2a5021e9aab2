// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitecatalogreader.h"
#include "sqlitedialect.h"
#include "sqlitesession.h"
#include "../sqlitetestsupport.h"

#include "results/resultset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Strata;
using Strata::Sqlite::Internal::SqliteCatalogReader;
using Strata::Sqlite::Internal::SqliteDialect;
using Strata::Sqlite::Internal::SqliteSession;

namespace {


QString readSource(const QString &relativePath)
{
    QFile file(QStringLiteral(STRATA_SOURCE_DIR) + u'/' + relativePath);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class tst_SqliteDialect : public QObject
{
    Q_OBJECT

private:
    SqliteDialect m_dialect;
    QTemporaryDir m_dir;

    Result<Catalog> build(const QString &file, const QString &sql)
    {
        return Strata::Sqlite::Test::catalogAfter(m_dir.filePath(file), sql);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void quotesIdentifiers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << u"orders"_s << u"\"orders\""_s;
        QTest::newRow("double quote") << u"a\"b"_s << u"\"a\"\"b\""_s;
        QTest::newRow("injection") << u"x'; DROP TABLE t; --"_s << u"\"x'; DROP TABLE t; --\""_s;
        QTest::newRow("ends with quote") << u"name\""_s << u"\"name\"\"\""_s;
        QTest::newRow("ends with backtick") << u"name`"_s << u"\"name`\""_s;
        QTest::newRow("reserved select") << u"select"_s << u"\"select\""_s;
        QTest::newRow("reserved ORDER") << u"ORDER"_s << u"\"ORDER\""_s;
        QTest::newRow("spaces") << u" with  spaces "_s << u"\" with  spaces \""_s;
        QTest::newRow("cyrillic") << u"таблица"_s << u"\"таблица\""_s;
        QTest::newRow("cjk") << u"表"_s << u"\"表\""_s;
        QTest::newRow("brackets") << u"[x]"_s << u"\"[x]\""_s;
    }
    void quotesIdentifiers()
    {
        QFETCH(QString, name);
        QFETCH(QString, quoted);
        QCOMPARE(m_dialect.quoteIdentifier(name), quoted);
        // SQLite reads it back as exactly that name.
        SqliteSession session;
        ConnectionSettings s;
        s.database = u":memory:"_s;
        QVERIFY(session.open(s).ok());
        CollectingSink sink;
        const auto ran = session.execute(
            u"CREATE TABLE %1 (%1 INTEGER); SELECT name FROM sqlite_schema; SELECT name FROM pragma_table_info(?)"_s
                .arg(quoted),
            {name}, sink);
        QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
        QCOMPARE(sink.results()[1].text(0, 0), name);
        QCOMPARE(sink.results()[2].text(0, 0), name);
    }

    void quotesLiterals_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << u"abc"_s << u"'abc'"_s;
        QTest::newRow("quote") << u"it's"_s << u"'it''s'"_s;
        QTest::newRow("injection") << u"x'); DROP TABLE t; --"_s << u"'x''); DROP TABLE t; --'"_s;
        QTest::newRow("backslash") << u"a\\'b"_s << u"'a\\''b'"_s;
        QTest::newRow("empty") << QString() << u"''"_s;
    }
    void quotesLiterals()
    {
        QFETCH(QString, value);
        QFETCH(QString, quoted);
        QCOMPARE(m_dialect.quoteLiteral(value), quoted);
    }

    void qualifiedNameOmitsMain_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("expected");
        QTest::newRow("main") << u"main"_s << u"\"t\"\"x\""_s;
        QTest::newRow("empty") << QString() << u"\"t\"\"x\""_s;
        QTest::newRow("attached") << u"other db"_s << u"\"other db\".\"t\"\"x\""_s;
    }
    void qualifiedNameOmitsMain()
    {
        QFETCH(QString, schema);
        QFETCH(QString, expected);
        QCOMPARE(m_dialect.qualifiedName(schema, u"t\"x"_s), expected);
    }

    void keywordsComeFromSqlite()
    {
        const QStringList words = m_dialect.keywords();
        QCOMPARE(words.size(), 147); // SQLite 3.40
        for (const char *w : {"SELECT", "WITHOUT", "RETURNING", "PRAGMA", "VACUUM"})
            QVERIFY2(words.contains(QLatin1String(w)), w);
    }

    void foreignKeysAreAlwaysInline()
    {
        Table t;
        t.schema = u"main"_s;
        t.name = u"c"_s;
        Column p;
        p.name = u"p"_s;
        p.type = u"INTEGER"_s;
        t.columns = {p};
        ForeignKey fk;
        fk.name = u"fk"_s;
        fk.columns = {u"p"_s};
        fk.refSchema = u"main"_s;
        fk.refTable = u"p"_s;
        fk.refColumns = {u"id"_s};
        fk.onDelete = u"CASCADE"_s;
        t.foreignKeys = {fk};
        QVERIFY(m_dialect.foreignKeyStatements(t).isEmpty());
        IDialect::DdlOptions options;
        options.inlineForeignKeys = false;
        const QStringList statements = m_dialect.createTableStatements(t, options);
        QCOMPARE(statements.size(), 1);
        QVERIFY(statements[0].contains(
            u"CONSTRAINT \"fk\" FOREIGN KEY (\"p\") REFERENCES \"p\" (\"id\") ON DELETE CASCADE"_s));
        QVERIFY(m_dialect.tableDdl(t).endsWith(u");\n"_s));
        QVERIFY(m_dialect.createSchemaStatement(u"x"_s).isEmpty());
        QCOMPARE(m_dialect.maxIdentifierLength(), 1024);
    }

    void generatedDdlRecreatesTheSameCatalog_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("demo shop") << readSource(u"resources/demo/schema.sql"_s);
        QTest::newRow("hostile names")
            << readSource(u"tests/auto/plugins/sqlite/sqlitedialect/hostile.sql"_s);
    }
    void generatedDdlRecreatesTheSameCatalog()
    {
        QFETCH(QString, sql);
        QVERIFY(!sql.isEmpty());
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const auto a = build(tag + u"-a.db"_s, sql);
        QVERIFY2(a.ok(), qPrintable(a.error().toString()));
        QVERIFY(a->tableCount() >= 4);

        // Tables first, then views (SQLite resolves FKs lazily, views need their tables).
        QStringList ddl;
        for (const Table &t : a->schemas[0].tables) {
            if (t.kind == Table::Kind::Table)
                ddl += m_dialect.createTableStatements(t, {});
        }
        for (const Table &t : a->schemas[0].tables) {
            if (t.kind != Table::Kind::Table)
                ddl += m_dialect.createTableStatements(t, {});
        }
        const auto b = build(tag + u"-b.db"_s, ddl.join(u";\n"_s) + u';');
        QVERIFY2(b.ok(), qPrintable(b.error().toString() + u"\n"_s + ddl.join(u";\n"_s)));

        QCOMPARE(b->tableCount(), a->tableCount());
        for (const Table &ta : a->schemas[0].tables) {
            const Table *tb = b->table(u"main"_s, ta.name);
            QVERIFY2(tb, qPrintable(ta.name));
            QVERIFY2(*tb == ta, qPrintable(u"A:\n"_s + m_dialect.tableDdl(ta) + u"\nB:\n"_s
                                           + m_dialect.tableDdl(*tb)));
            // And the DDL is stable: generating again gives the same text.
            QCOMPARE(m_dialect.tableDdl(*tb), m_dialect.tableDdl(ta));
        }
    }
};

QTEST_GUILESS_MAIN(tst_SqliteDialect)
#include "tst_sqlitedialect.moc"
