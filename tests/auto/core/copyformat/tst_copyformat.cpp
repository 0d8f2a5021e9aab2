// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/copyformat.h"

#include "mysqlengine.h"
#include "postgresengine.h"
#include "sqliteengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

ColumnInfo column(const QString &name, CellKind kind, const QString &table = {},
                  const QString &schema = {})
{
    ColumnInfo info;
    info.name = name;
    info.kind = kind;
    info.table = table;
    info.schema = schema;
    return info;
}

// A value column plus an integer "id" column, so the output is never the lone-cell case.
ColumnList twoColumns(CellKind kind)
{
    return {column(u"id"_s, CellKind::Integer), column(u"v"_s, kind)};
}

QList<CopyRow> oneRow(const QByteArray &raw, bool isNull)
{
    return {{CopyCell::value("1"), isNull ? CopyCell::null() : CopyCell::value(raw)}};
}

} // namespace

class tst_CopyFormat : public QObject
{
    Q_OBJECT

    Postgres::PostgresEngine m_pg;
    MySql::MySqlEngine m_mysql;
    Sqlite::SqliteEngine m_sqlite;

private Q_SLOTS:
    void hostileValuesKeepTheirWholeValueInEveryFormat_data();
    void hostileValuesKeepTheirWholeValueInEveryFormat();
    void aLoneCellWithoutHeaderIsCopiedAsItIs_data();
    void aLoneCellWithoutHeaderIsCopiedAsItIs();
    void tsvHeaderRowUsesTheColumnNames();
    void csvIsWhatTheExportWriterWrites();
    void jsonIsAnArrayOfObjectsThatParses();
    void insertTargetsTheSourceTableOnlyWhenAllColumnsShareIt_data();
    void insertTargetsTheSourceTableOnlyWhenAllColumnsShareIt();
    void insertQuotesHostileColumnNames();
    void binaryLiteralStyleFollowsTheEngine();
};

void tst_CopyFormat::hostileValuesKeepTheirWholeValueInEveryFormat_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("isNull");
    QTest::addColumn<QString>("tsv");
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("pg");
    QTest::addColumn<QString>("mysql");
    QTest::addColumn<QString>("sqlite");

    const int text = int(CellKind::Text);
    QTest::newRow("plain") << text << "abc"_ba << false << u"abc"_s << u"abc"_s << u"\"abc\""_s
                           << u"'abc'"_s << u"'abc'"_s << u"'abc'"_s;
    QTest::newRow("quotes") << text << "it's \"q\""_ba << false << u"\"it's \"\"q\"\"\""_s
                            << u"\"it's \"\"q\"\"\""_s << u"\"it's \\\"q\\\"\""_s
                            << u"'it''s \"q\"'"_s << u"'it''s \"q\"'"_s << u"'it''s \"q\"'"_s;
    QTest::newRow("backslash") << text << "a\\b"_ba << false << u"a\\b"_s << u"a\\b"_s
                               << u"\"a\\\\b\""_s << u"E'a\\\\b'"_s << u"_utf8mb4 X'615c62'"_s
                               << u"'a\\b'"_s;
    QTest::newRow("tab") << text << "a\tb"_ba << false << u"\"a\tb\""_s << u"a\tb"_s
                         << u"\"a\\tb\""_s << u"'a\tb'"_s << u"'a\tb'"_s << u"'a\tb'"_s;
    QTest::newRow("newline") << text << "a\nb"_ba << false << u"\"a\nb\""_s << u"\"a\nb\""_s
                             << u"\"a\\nb\""_s << u"'a\nb'"_s << u"'a\nb'"_s << u"'a\nb'"_s;
    QTest::newRow("carriage return") << text << "a\rb"_ba << false << u"\"a\rb\""_s
                                     << u"\"a\rb\""_s << u"\"a\\rb\""_s << u"'a\rb'"_s
                                     << u"'a\rb'"_s << u"'a\rb'"_s;
    QTest::newRow("sql injection") << text << "x'; DROP TABLE t; --"_ba << false
                                   << u"x'; DROP TABLE t; --"_s << u"x'; DROP TABLE t; --"_s
                                   << u"\"x'; DROP TABLE t; --\""_s
                                   << u"'x''; DROP TABLE t; --'"_s << u"'x''; DROP TABLE t; --'"_s
                                   << u"'x''; DROP TABLE t; --'"_s;
    QTest::newRow("unicode and emoji") << text << "таблица 😀"_ba << false << u"таблица 😀"_s
                                       << u"таблица 😀"_s << u"\"таблица 😀\""_s
                                       << u"'таблица 😀'"_s << u"'таблица 😀'"_s
                                       << u"'таблица 😀'"_s;
    QTest::newRow("empty string") << text << ""_ba << false << u"\"\""_s << u"\"\""_s
                                  << u"\"\""_s << u"''"_s << u"''"_s << u"''"_s;
    QTest::newRow("null") << text << QByteArray() << true << QString() << QString() << u"null"_s
                          << u"NULL"_s << u"NULL"_s << u"NULL"_s;
    QTest::newRow("binary") << int(CellKind::Binary) << "\x00\xff'"_ba << false
                            << u"\\x00ff27"_s << u"\\x00ff27"_s << u"\"\\\\x00ff27\""_s
                            << u"E'\\\\x00ff27'::bytea"_s << u"X'00ff27'"_s << u"X'00ff27'"_s;
    QTest::newRow("empty binary") << int(CellKind::Binary) << ""_ba << false << u"\\x"_s
                                  << u"\\x"_s << u"\"\\\\x\""_s << u"E'\\\\x'::bytea"_s
                                  << u"X''"_s << u"X''"_s;
    QTest::newRow("postgres hex bytea") << int(CellKind::HexBinary) << "\\x0a1b"_ba << false
                                        << u"\\x0a1b"_s << u"\\x0a1b"_s << u"\"\\\\x0a1b\""_s
                                        << u"E'\\\\x0a1b'::bytea"_s << u"X'0a1b'"_s
                                        << u"X'0a1b'"_s;
    const QString huge = u"123456789012345678901234567890.123456789012345678901234567890"_s;
    QTest::newRow("huge numeric stays exact") << int(CellKind::Numeric) << huge.toLatin1() << false
                                              << huge << huge << huge << huge << huge << huge;
    QTest::newRow("huge integer beyond 64 bits")
        << int(CellKind::Integer) << "-99999999999999999999999"_ba << false
        << u"-99999999999999999999999"_s << u"-99999999999999999999999"_s
        << u"-99999999999999999999999"_s << u"-99999999999999999999999"_s
        << u"-99999999999999999999999"_s << u"-99999999999999999999999"_s;
    QTest::newRow("float NaN is a string") << int(CellKind::Float) << "NaN"_ba << false
                                           << u"NaN"_s << u"NaN"_s << u"\"NaN\""_s << u"'NaN'"_s
                                           << u"'NaN'"_s << u"'NaN'"_s;
    QTest::newRow("float") << int(CellKind::Float) << "-1.5e-07"_ba << false << u"-1.5e-07"_s
                           << u"-1.5e-07"_s << u"-1.5e-07"_s << u"-1.5e-07"_s << u"-1.5e-07"_s
                           << u"-1.5e-07"_s;
    QTest::newRow("boolean true") << int(CellKind::Boolean) << "t"_ba << false << u"true"_s
                                  << u"true"_s << u"true"_s << u"TRUE"_s << u"TRUE"_s
                                  << u"TRUE"_s;
    QTest::newRow("boolean false") << int(CellKind::Boolean) << "0"_ba << false << u"false"_s
                                   << u"false"_s << u"false"_s << u"FALSE"_s << u"FALSE"_s
                                   << u"FALSE"_s;
    QTest::newRow("null number") << int(CellKind::Integer) << QByteArray() << true << QString()
                                 << QString() << u"null"_s << u"NULL"_s << u"NULL"_s << u"NULL"_s;
}

void tst_CopyFormat::hostileValuesKeepTheirWholeValueInEveryFormat()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, raw);
    QFETCH(bool, isNull);
    QFETCH(QString, tsv);
    QFETCH(QString, csv);
    QFETCH(QString, json);
    QFETCH(QString, pg);
    QFETCH(QString, mysql);
    QFETCH(QString, sqlite);

    const ColumnList columns = twoColumns(CellKind(kind));
    const QList<CopyRow> rows = oneRow(raw, isNull);
    QCOMPARE(CopyFormat::tsv(columns, rows, false), u"1\t"_s + tsv);
    QCOMPARE(CopyFormat::csv(columns, rows), u"id,v\n1,"_s + csv + u'\n');
    QCOMPARE(CopyFormat::json(columns, rows), u"[\n {\"id\": 1, \"v\": "_s + json + u"}\n]\n"_s);
    QCOMPARE(CopyFormat::insert(columns, rows, m_pg, CopyFormat::BinaryLiteral::PostgresBytea,
                                u"target_table"_s),
             u"INSERT INTO target_table (id, v) VALUES (1, "_s + pg + u");\n"_s);
    QCOMPARE(CopyFormat::insert(columns, rows, m_mysql, CopyFormat::BinaryLiteral::HexString,
                                u"target_table"_s),
             u"INSERT INTO `target_table` (`id`, `v`) VALUES (1, "_s + mysql + u");\n"_s);
    QCOMPARE(CopyFormat::insert(columns, rows, m_sqlite, CopyFormat::BinaryLiteral::HexString,
                                u"target_table"_s),
             u"INSERT INTO \"target_table\" (\"id\", \"v\") VALUES (1, "_s + sqlite + u");\n"_s);
}

void tst_CopyFormat::aLoneCellWithoutHeaderIsCopiedAsItIs_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("isNull");
    QTest::addColumn<QString>("expected");
    QTest::newRow("newlines and quotes") << int(CellKind::Text) << "a\n\"b\"\tc"_ba << false
                                         << u"a\n\"b\"\tc"_s;
    QTest::newRow("empty string") << int(CellKind::Text) << ""_ba << false << u""_s;
    QTest::newRow("null") << int(CellKind::Text) << QByteArray() << true << QString();
    QTest::newRow("binary") << int(CellKind::Binary) << "\x01\x02"_ba << false << u"\\x0102"_s;
}

void tst_CopyFormat::aLoneCellWithoutHeaderIsCopiedAsItIs()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, raw);
    QFETCH(bool, isNull);
    QFETCH(QString, expected);
    const ColumnList columns = {column(u"v"_s, CellKind(kind))};
    const QList<CopyRow> rows = {{isNull ? CopyCell::null() : CopyCell::value(raw)}};
    QCOMPARE(CopyFormat::tsv(columns, rows, false), expected);
}

void tst_CopyFormat::tsvHeaderRowUsesTheColumnNames()
{
    const ColumnList columns = {column(u"a\tb"_s, CellKind::Text), column(u"таблица"_s, CellKind::Integer)};
    const QList<CopyRow> rows = {{CopyCell::value("x"), CopyCell::value("1")},
                                 {CopyCell::null(), CopyCell::value("2")}};
    QCOMPARE(CopyFormat::tsv(columns, rows, true), u"\"a\tb\"\tтаблица\nx\t1\n\t2"_s);
    QCOMPARE(CopyFormat::tsv(columns, rows, false), u"x\t1\n\t2"_s);
}

void tst_CopyFormat::csvIsWhatTheExportWriterWrites()
{
    const ColumnList columns = {column(u"a,b"_s, CellKind::Text), column(u"q\""_s, CellKind::Boolean)};
    const QList<CopyRow> rows = {{CopyCell::value("x,y"), CopyCell::value("f")},
                                 {CopyCell::null(), CopyCell::null()}};
    QCOMPARE(CopyFormat::csv(columns, rows), u"\"a,b\",\"q\"\"\"\n\"x,y\",false\n,\n"_s);
}

void tst_CopyFormat::jsonIsAnArrayOfObjectsThatParses()
{
    const ColumnList columns = {column(u"n"_s, CellKind::Integer), column(u"t"_s, CellKind::Text),
                                column(u"b"_s, CellKind::Boolean), column(u"x"_s, CellKind::Text)};
    const QList<CopyRow> rows = {
        {CopyCell::value("42"), CopyCell::value("a\"\\\n\x01😀"), CopyCell::value("1"), CopyCell::null()},
        {CopyCell::value("-7"), CopyCell::value(""), CopyCell::value("false"), CopyCell::value("y")},
    };
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(CopyFormat::json(columns, rows).toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray array = document.array();
    QCOMPARE(array.size(), 2);
    const QJsonObject first = array.at(0).toObject();
    QCOMPARE(first.value(u"n"_s).toInteger(), 42);
    QVERIFY(first.value(u"n"_s).isDouble());
    QCOMPARE(first.value(u"t"_s).toString(), u"a\"\\\n\x01😀"_s);
    QCOMPARE(first.value(u"b"_s).toBool(), true);
    QVERIFY(first.value(u"x"_s).isNull());
    QCOMPARE(array.at(1).toObject().value(u"t"_s).toString(), u""_s);
    QVERIFY(array.at(1).toObject().value(u"t"_s).isString());
    QCOMPARE(array.at(1).toObject().value(u"b"_s).toBool(true), false);
    QCOMPARE(CopyFormat::json(columns, {}), u"[]\n"_s);
}

void tst_CopyFormat::insertTargetsTheSourceTableOnlyWhenAllColumnsShareIt_data()
{
    QTest::addColumn<ColumnList>("columns");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one table") << ColumnList{column(u"a"_s, CellKind::Text, u"t x"_s, u"public"_s),
                                             column(u"b"_s, CellKind::Text, u"t x"_s, u"public"_s)}
                               << u"public.\"t x\""_s;
    QTest::newRow("hostile table name")
        << ColumnList{column(u"a"_s, CellKind::Text, u"a\"b"_s, u"s'; DROP TABLE t; --"_s)}
        << u"\"s'; DROP TABLE t; --\".\"a\"\"b\""_s;
    QTest::newRow("no schema") << ColumnList{column(u"a"_s, CellKind::Text, u"таблица"_s)}
                               << u"\"таблица\""_s;
    QTest::newRow("two tables") << ColumnList{column(u"a"_s, CellKind::Text, u"t1"_s, u"public"_s),
                                              column(u"b"_s, CellKind::Text, u"t2"_s, u"public"_s)}
                                << u"target_table"_s;
    QTest::newRow("same table, other schema")
        << ColumnList{column(u"a"_s, CellKind::Text, u"t"_s, u"s1"_s),
                      column(u"b"_s, CellKind::Text, u"t"_s, u"s2"_s)}
        << u"target_table"_s;
    QTest::newRow("computed column") << ColumnList{column(u"a"_s, CellKind::Text, u"t"_s, u"public"_s),
                                                   column(u"sum"_s, CellKind::Integer)}
                                     << u"target_table"_s;
}

void tst_CopyFormat::insertTargetsTheSourceTableOnlyWhenAllColumnsShareIt()
{
    QFETCH(ColumnList, columns);
    QFETCH(QString, expected);
    QCOMPARE(CopyFormat::insertTarget(columns, m_pg, CopyFormat::defaultTableName()), expected);
}

void tst_CopyFormat::insertQuotesHostileColumnNames()
{
    const ColumnList columns = {column(u"a\"b"_s, CellKind::Text), column(u"x'; DROP TABLE t; --"_s, CellKind::Text),
                                column(u"with space"_s, CellKind::Text), column(u"таблица`"_s, CellKind::Text)};
    const QList<CopyRow> rows = {{CopyCell::value("1"), CopyCell::value("2"), CopyCell::value("3"),
                                  CopyCell::value("4")}};
    QCOMPARE(CopyFormat::insert(columns, rows, m_pg, CopyFormat::BinaryLiteral::PostgresBytea, u"t"_s),
             u"INSERT INTO t (\"a\"\"b\", \"x'; DROP TABLE t; --\", \"with space\", \"таблица`\") "
             "VALUES ('1', '2', '3', '4');\n"_s);
    QCOMPARE(CopyFormat::insert(columns, rows, m_mysql, CopyFormat::BinaryLiteral::HexString, u"t"_s),
             u"INSERT INTO `t` (`a\"b`, `x'; DROP TABLE t; --`, `with space`, `таблица```) "
             "VALUES ('1', '2', '3', '4');\n"_s);
}

void tst_CopyFormat::binaryLiteralStyleFollowsTheEngine()
{
    QCOMPARE(CopyFormat::binaryLiteralFor(u"postgresql"_s), CopyFormat::BinaryLiteral::PostgresBytea);
    QCOMPARE(CopyFormat::binaryLiteralFor(u"mysql"_s), CopyFormat::BinaryLiteral::HexString);
    QCOMPARE(CopyFormat::binaryLiteralFor(u"sqlite"_s), CopyFormat::BinaryLiteral::HexString);
}

QTEST_GUILESS_MAIN(tst_CopyFormat)
#include "tst_copyformat.moc"
