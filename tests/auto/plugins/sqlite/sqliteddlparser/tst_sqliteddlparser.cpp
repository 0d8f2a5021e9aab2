// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteddlparser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Strata::Sqlite::Internal::SqliteDdlParser;
using Kind = SqliteDdlParser::Token::Kind;

class tst_SqliteDdlParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenizerRespectsQuotesAndComments_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("texts");
        QTest::newRow("double-quoted") << u"\"a\"\"b\" x"_s << QStringList{u"a\"b"_s, u"x"_s};
        QTest::newRow("backtick") << u"`a``b`"_s << QStringList{u"a`b"_s};
        QTest::newRow("brackets") << u"[a b]"_s << QStringList{u"a b"_s};
        QTest::newRow("string with paren") << u"'(,)'"_s << QStringList{u"(,)"_s};
        QTest::newRow("line comment") << u"a -- b )\nc"_s << QStringList{u"a"_s, u"c"_s};
        QTest::newRow("block comment") << u"a /* ( */ c"_s << QStringList{u"a"_s, u"c"_s};
        QTest::newRow("number") << u"1.5e-3+2"_s << QStringList{u"1.5e-3"_s, u"+"_s, u"2"_s};
        QTest::newRow("unicode word") << u"таблица.表"_s << QStringList{u"таблица"_s, u"."_s, u"表"_s};
    }
    void tokenizerRespectsQuotesAndComments()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, texts);
        QStringList got;
        for (const auto &t : SqliteDdlParser::tokenize(sql))
            got.append(t.text);
        QCOMPARE(got, texts);
    }

    void tokenizerTracksParenthesisDepth()
    {
        const auto tokens = SqliteDdlParser::tokenize(u"f(a, (b)) c"_s);
        QCOMPARE(tokens.size(), 9);
        QCOMPARE(tokens[1].depth, 0); // (
        QCOMPARE(tokens[2].depth, 1); // a
        QCOMPARE(tokens[5].depth, 2); // b
        QCOMPARE(tokens[7].depth, 0); // )
        QCOMPARE(tokens[8].depth, 0); // c
        QCOMPARE(tokens[8].kind, Kind::Word);
    }

    void unterminatedQuoteDoesNotHang()
    {
        const auto tokens = SqliteDdlParser::tokenize(u"CREATE TABLE \"abc ("_s);
        QCOMPARE(tokens.size(), 3);
        QCOMPARE(tokens[2].text, u"abc ("_s);
        const auto table = SqliteDdlParser::parseCreateTable(u"CREATE TABLE t (a CHECK (a > "_s);
        QVERIFY(table.checks.isEmpty());
    }

    void readsConstraintNamesAndChecks()
    {
        const auto t = SqliteDdlParser::parseCreateTable(
            u"CREATE TABLE \"t(\" (\n a INT CONSTRAINT \"c,1\" CHECK (a IN (1, 2)) DEFAULT 'CHECK (x)',\n"
            " b TEXT COLLATE \"NoCase\" CONSTRAINT u1 UNIQUE REFERENCES p (id),\n"
            " g AS (a * 2) STORED,\n"
            " CONSTRAINT [pk x] PRIMARY KEY (a, b),\n"
            " UNIQUE (b COLLATE binary DESC, a),\n"
            " CHECK (b <> ')'),\n"
            " CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES \"p q\" (x, y)\n) WITHOUT ROWID"_s);
        QCOMPARE(t.primaryKeyName, u"pk x"_s);
        QCOMPARE(t.checks.size(), 2);
        QCOMPARE(t.checks[0].name, u"c,1"_s);
        QCOMPARE(t.checks[0].expression, u"a IN (1, 2)"_s);
        QCOMPARE(t.checks[1].name, QString());
        QCOMPARE(t.checks[1].expression, u"b <> ')'"_s);
        QCOMPARE(t.uniques.size(), 2);
        QCOMPARE(t.uniques[0].name, u"u1"_s);
        QCOMPARE(t.uniques[0].columns, QStringList{u"b"_s});
        QCOMPARE(t.uniques[1].columns, (QStringList{u"b"_s, u"a"_s}));
        QCOMPARE(t.foreignKeys.size(), 2);
        QCOMPARE(t.foreignKeys[0].refTable, u"p"_s);
        QCOMPARE(t.foreignKeys[1].name, u"fk"_s);
        QCOMPARE(t.foreignKeys[1].refTable, u"p q"_s);
        QCOMPARE(t.columns.value(u"b"_s).collation, u"NoCase"_s);
        QCOMPARE(t.columns.value(u"g"_s).generated, u"a * 2"_s);
        QVERIFY(t.columns.value(u"g"_s).stored);
        QVERIFY(t.withoutRowid);
    }

    void readsIndexTermsAndPredicate()
    {
        const auto i = SqliteDdlParser::parseCreateIndex(
            u"CREATE UNIQUE INDEX \"on\" ON \"t (x)\" (lower(\"a,b\"), c DESC, d + 1) WHERE c > 0 AND d IS NOT NULL"_s);
        QCOMPARE(i.terms, (QStringList{u"lower(\"a,b\")"_s, u"c DESC"_s, u"d + 1"_s}));
        QCOMPARE(i.predicate, u"c > 0 AND d IS NOT NULL"_s);
    }

    void readsViewSelect()
    {
        QCOMPARE(SqliteDdlParser::parseViewSelect(
                     u"CREATE VIEW \"as\" (x, y) AS\n  SELECT 1 AS x, 2 AS y;"_s),
                 u"SELECT 1 AS x, 2 AS y"_s);
    }

    void readsTriggerTimingAndEvent_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("timing");
        QTest::addColumn<QString>("event");
        QTest::newRow("after insert") << u"CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END"_s
                                      << u"AFTER"_s << u"INSERT"_s;
        QTest::newRow("default timing") << u"CREATE TRIGGER t DELETE ON x BEGIN SELECT 1; END"_s
                                        << u"BEFORE"_s << u"DELETE"_s;
        QTest::newRow("instead of update of")
            << u"CREATE TRIGGER IF NOT EXISTS \"after\" INSTEAD OF UPDATE OF a, b ON v BEGIN SELECT 1; END"_s
            << u"INSTEAD OF"_s << u"UPDATE"_s;
    }
    void readsTriggerTimingAndEvent()
    {
        QFETCH(QString, sql);
        QFETCH(QString, timing);
        QFETCH(QString, event);
        const auto t = SqliteDdlParser::parseCreateTrigger(sql);
        QCOMPARE(t.timing, timing);
        QCOMPARE(t.events, QStringList{event});
    }
};

QTEST_GUILESS_MAIN(tst_SqliteDdlParser)
#include "tst_sqliteddlparser.moc"
