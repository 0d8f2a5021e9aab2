// SPDX-License-Identifier: GPL-3.0-or-later
#include "sql/statementsplitter.h"

#include <QElapsedTimer>
#include <QTest>

#include <sqlite3.h>

using namespace Strata;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Strata::SqlDialect)

class tst_StatementSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsPostgresScripts_data();
    void splitsPostgresScripts() { checkSplit(); }
    void splitsMySqlScripts_data();
    void splitsMySqlScripts() { checkSplit(); }
    void splitsSqliteScripts_data();
    void splitsSqliteScripts() { checkSplit(); }
    void sqliteStatementsAreCompleteForSqlite3_data() { splitsSqliteScripts_data(); }
    void sqliteStatementsAreCompleteForSqlite3();
    void mapsNonAsciiTextToUtf16Offsets_data();
    void mapsNonAsciiTextToUtf16Offsets() { checkSplit(); }
    void reportsOneBasedLines_data();
    void reportsOneBasedLines();
    void findsStatementAtCursor_data();
    void findsStatementAtCursor();
    void splitsOneMegabyteScriptQuickly_data();
    void splitsOneMegabyteScriptQuickly();

private:
    void addColumns();
    // offsets empty: each text is expected at its first occurrence after the previous one.
    void addRow(const char *name, SqlDialect dialect, const QString &sql, const QStringList &texts,
                const QList<int> &offsets = {});
    void checkSplit();
};

void tst_StatementSplitter::addColumns()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<QList<int>>("offsets");
}

void tst_StatementSplitter::addRow(const char *name, SqlDialect dialect, const QString &sql,
                                   const QStringList &texts, const QList<int> &offsets)
{
    QList<int> expectedOffsets = offsets;
    if (expectedOffsets.isEmpty()) {
        int from = 0;
        for (const QString &text : texts) {
            const int at = int(sql.indexOf(text, from));
            QVERIFY2(at >= 0, qPrintable(u"bad test row %1"_s.arg(QLatin1String(name))));
            expectedOffsets.append(at);
            from = at + int(text.size());
        }
    }
    QTest::newRow(name) << dialect << sql << texts << expectedOffsets;
}

void tst_StatementSplitter::checkSplit()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QString, sql);
    QFETCH(QStringList, texts);
    QFETCH(QList<int>, offsets);

    const QList<SqlStatement> statements = StatementSplitter::split(sql, dialect);
    QStringList actualTexts;
    QList<int> actualOffsets;
    for (const SqlStatement &statement : statements) {
        actualTexts.append(statement.text);
        actualOffsets.append(statement.offset);
        QCOMPARE(statement.length, statement.text.size());
        QCOMPARE(sql.mid(statement.offset, statement.length), statement.text);
    }
    QCOMPARE(actualTexts, texts);
    QCOMPARE(actualOffsets, offsets);
}

void tst_StatementSplitter::splitsPostgresScripts_data()
{
    addColumns();
    const auto pg = SqlDialect::PostgreSQL;
    addRow("empty", pg, QString(), {});
    addRow("only separators", pg, u";; ;\n;"_s, {});
    addRow("comments only", pg, u"-- nothing\n/* here; */ ;"_s, {});
    addRow("trailing statement without semicolon", pg, u"  SELECT 1  \n"_s, {u"SELECT 1"_s}, {2});
    addRow("empty statements dropped", pg, u";; SELECT 1;;; SELECT 2;"_s,
           {u"SELECT 1"_s, u"SELECT 2"_s});
    addRow("dollar quote", pg,
           u"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2;"_s,
           {u"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"_s, u"SELECT 2"_s});
    addRow("tagged dollar quote containing $$", pg,
           u"DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$;\nSELECT 1"_s,
           {u"DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$"_s, u"SELECT 1"_s});
    addRow("escape string with backslash quote", pg, u"SELECT E'it\\'s; ok'; SELECT 'a''b;c'"_s,
           {u"SELECT E'it\\'s; ok'"_s, u"SELECT 'a''b;c'"_s});
    addRow("quoted identifier with semicolon", pg, u"SELECT 1 AS \"a;b\"; SELECT 2"_s,
           {u"SELECT 1 AS \"a;b\""_s, u"SELECT 2"_s});
    addRow("nested block comments", pg, u"/* outer /* inner; */ still; */ SELECT 1; SELECT 2"_s,
           {u"/* outer /* inner; */ still; */ SELECT 1"_s, u"SELECT 2"_s}, {0, 42});
    addRow("dash comments", pg, u"SELECT 1; -- a; b\nSELECT 2; -- trailing; end"_s,
           {u"SELECT 1"_s, u"-- a; b\nSELECT 2"_s});
    addRow("unterminated quote keeps the rest", pg, u"SELECT 1; SELECT 'abc; SELECT 3"_s,
           {u"SELECT 1"_s, u"SELECT 'abc; SELECT 3"_s});
    addRow("unterminated quote inside a statement", pg, u"SELECT 1;\nSELECT 2, 'abc"_s,
           {u"SELECT 1"_s, u"SELECT 2, 'abc"_s});
    addRow("unterminated dollar quote after non-ASCII", pg, u"SELECT 'ö日😀'; SELECT $$x; y"_s,
           {u"SELECT 'ö日😀'"_s, u"SELECT $$x; y"_s}, {0, 15});
    addRow("unterminated comment", pg, u"SELECT 1; /* never closed; SELECT 2"_s,
           {u"SELECT 1"_s, u"/* never closed; SELECT 2"_s});
}

void tst_StatementSplitter::splitsMySqlScripts_data()
{
    addColumns();
    const auto my = SqlDialect::MySQL;
    addRow("empty", my, QString(), {});
    addRow("only separators and comments", my, u";;\n# x;\n-- y;\n/* z; */;"_s, {});
    addRow("backslash escapes", my, u"SELECT 'it\\'s; ok'; SELECT \"a\\\"b;\""_s,
           {u"SELECT 'it\\'s; ok'"_s, u"SELECT \"a\\\"b;\""_s});
    addRow("doubled quotes", my, u"SELECT 'a''b;c', \"d\"\"e;f\"; SELECT 2"_s,
           {u"SELECT 'a''b;c', \"d\"\"e;f\""_s, u"SELECT 2"_s});
    addRow("backtick identifiers", my, u"SELECT `a;b` FROM `t``;`; SELECT 2"_s,
           {u"SELECT `a;b` FROM `t``;`"_s, u"SELECT 2"_s});
    addRow("comments", my,
           u"SELECT 1; # hash; comment\nSELECT 2; -- dash; comment\nSELECT 3 /* block; */;"_s,
           {u"SELECT 1"_s, u"# hash; comment\nSELECT 2"_s,
            u"-- dash; comment\nSELECT 3 /* block; */"_s});
    addRow("double dash without space is no comment", my, u"SELECT 1--1;SELECT 2"_s,
           {u"SELECT 1--1"_s, u"SELECT 2"_s});
    addRow("executable comment is a statement", my,
           u"/*!40101 SET NAMES utf8 */;\n/* plain */;\nSELECT 1"_s,
           {u"/*!40101 SET NAMES utf8 */"_s, u"SELECT 1"_s});
    addRow(
        "delimiter for a procedure", my,
        u"DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 'x;y$$';\nEND$$\ndelimiter ;\nCALL p();\n"_s,
        {u"CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 'x;y$$';\nEND"_s, u"CALL p()"_s});
    addRow("delimiter ends a pending statement", my,
           u"SELECT 1\n  Delimiter //\nSELECT 2//\nSELECT 3; SELECT 4//"_s,
           {u"SELECT 1"_s, u"SELECT 2"_s, u"SELECT 3; SELECT 4"_s});
    addRow("delimiter as a column name", my, u"SELECT a,\ndelimiter FROM t;"_s,
           {u"SELECT a,\ndelimiter FROM t"_s});
    addRow("unterminated string keeps the rest", my, u"SELECT 1; SELECT 'abc; SELECT 3"_s,
           {u"SELECT 1"_s, u"SELECT 'abc; SELECT 3"_s});
}

void tst_StatementSplitter::splitsSqliteScripts_data()
{
    addColumns();
    const auto lite = SqlDialect::SQLite;
    addRow("empty", lite, QString(), {});
    addRow("comments only", lite, u"-- a;\n/* b; */ ;;"_s, {});
    addRow("trigger body with CASE END", lite,
           u"CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
           u"  UPDATE t SET a = CASE WHEN new.a > 0 THEN 1 ELSE 0 END;\n"
           u"  INSERT INTO log VALUES ('x;y');\nEND;\nSELECT 1;"_s,
           {u"CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
            u"  UPDATE t SET a = CASE WHEN new.a > 0 THEN 1 ELSE 0 END;\n"
            u"  INSERT INTO log VALUES ('x;y');\nEND"_s,
            u"SELECT 1"_s});
    addRow(
        "temp trigger, CASE END right before END", lite,
        u"create temp trigger tr before delete on t begin select case when 1 then 2 end; end; SELECT 3"_s,
        {u"create temp trigger tr before delete on t begin select case when 1 then 2 end; end"_s,
         u"SELECT 3"_s});
    addRow("explain create trigger", lite,
           u"EXPLAIN CREATE TRIGGER tr AFTER UPDATE ON t BEGIN SELECT 1; END; SELECT 2"_s,
           {u"EXPLAIN CREATE TRIGGER tr AFTER UPDATE ON t BEGIN SELECT 1; END"_s, u"SELECT 2"_s});
    addRow("quoted identifiers and strings", lite,
           u"SELECT \"a;b\", [c;d], `e;f` FROM t; SELECT 'g;h'"_s,
           {u"SELECT \"a;b\", [c;d], `e;f` FROM t"_s, u"SELECT 'g;h'"_s});
    addRow("comments", lite, u"SELECT 1; -- x;\n/* y; */ SELECT 2;"_s,
           {u"SELECT 1"_s, u"-- x;\n/* y; */ SELECT 2"_s});
    addRow("plain DDL is not a trigger", lite,
           u"CREATE TABLE t(a); CREATE INDEX i ON t(a); SELECT 1"_s,
           {u"CREATE TABLE t(a)"_s, u"CREATE INDEX i ON t(a)"_s, u"SELECT 1"_s});
    addRow("unterminated string keeps the rest", lite, u"SELECT 1; SELECT 'abc; SELECT 3"_s,
           {u"SELECT 1"_s, u"SELECT 'abc; SELECT 3"_s});
}

void tst_StatementSplitter::sqliteStatementsAreCompleteForSqlite3()
{
    QFETCH(QString, sql);
    const QList<SqlStatement> statements = StatementSplitter::split(sql, SqlDialect::SQLite);
    for (int i = 0; i < statements.size(); ++i) {
        const QString &text = statements.at(i).text;
        const bool terminated =
            sql.indexOf(QLatin1Char(';'), statements.at(i).offset + text.size()) >= 0;
        if (!terminated)
            continue; // the unterminated tail is incomplete by definition
        QVERIFY2(sqlite3_complete((text + u";"_s).toUtf8().constData()), qPrintable(text));
        // No shorter prefix ending at one of the statement's semicolons is complete.
        for (int at = int(text.indexOf(QLatin1Char(';'))); at >= 0;
             at = int(text.indexOf(QLatin1Char(';'), at + 1)))
            QVERIFY2(!sqlite3_complete(text.left(at + 1).toUtf8().constData()),
                     qPrintable(text.left(at + 1)));
    }
}

void tst_StatementSplitter::mapsNonAsciiTextToUtf16Offsets_data()
{
    addColumns();
    const QString sql = u"SELECT 'ö';\nSELECT '日本' AS \"ü\";\nSELECT '😀😀'; SELECT 4 -- ✓"_s;
    const QStringList texts{u"SELECT 'ö'"_s, u"SELECT '日本' AS \"ü\""_s, u"SELECT '😀😀'"_s,
                            u"SELECT 4 -- ✓"_s};
    const QList<int> offsets{0, 12, 32, 47};
    QCOMPARE(sql.indexOf(u"SELECT 4"_s), 47); // two UTF-16 units per emoji
    addRow("postgres", SqlDialect::PostgreSQL, sql, texts, offsets);
    addRow("mysql", SqlDialect::MySQL, sql, texts, offsets);
    addRow("sqlite", SqlDialect::SQLite, sql, texts, offsets);
}

void tst_StatementSplitter::reportsOneBasedLines_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::newRow("postgres") << SqlDialect::PostgreSQL;
    QTest::newRow("mysql") << SqlDialect::MySQL;
    QTest::newRow("sqlite") << SqlDialect::SQLite;
}

void tst_StatementSplitter::reportsOneBasedLines()
{
    QFETCH(SqlDialect, dialect);
    const QString sql =
        u"SELECT 1;\n\n-- c\nSELECT 2;\n  SELECT\n3;\n\n\n  SELECT 'a\nb'; SELECT 5"_s;
    const QList<SqlStatement> statements = StatementSplitter::split(sql, dialect);
    QList<int> lines;
    for (const SqlStatement &statement : statements)
        lines.append(statement.line);
    QCOMPARE(lines, (QList<int>{1, 3, 5, 9, 10}));
}

void tst_StatementSplitter::findsStatementAtCursor_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("cursor");
    QTest::addColumn<int>("expected");
    // Statements at [0, 8), [12, 21), [25, 35).
    const QString script = u"SELECT 1;\n  SELECT 22;  \nSELECT 333"_s;
    QTest::newRow("before start") << script << -5 << 0;
    QTest::newRow("at start") << script << 0 << 0;
    QTest::newRow("inside first") << script << 4 << 0;
    QTest::newRow("end of first") << script << 8 << 0;
    QTest::newRow("after semicolon") << script << 9 << 0;
    QTest::newRow("between, on next line") << script << 11 << 0;
    QTest::newRow("start of second") << script << 12 << 1;
    QTest::newRow("inside second") << script << 15 << 1;
    QTest::newRow("between second and third") << script << 24 << 1;
    QTest::newRow("start of third") << script << 25 << 2;
    QTest::newRow("end of script") << script << 35 << 2;
    QTest::newRow("past the end") << script << 1000 << 2;
    QTest::newRow("leading whitespace") << u"  \n SELECT 1"_s << 0 << 0;
    QTest::newRow("no statements") << u"-- nothing"_s << 3 << -1;
}

void tst_StatementSplitter::findsStatementAtCursor()
{
    QFETCH(QString, sql);
    QFETCH(int, cursor);
    QFETCH(int, expected);
    const QList<SqlStatement> statements = StatementSplitter::split(sql, SqlDialect::PostgreSQL);
    QCOMPARE(StatementSplitter::statementAt(statements, cursor), expected);
}

void tst_StatementSplitter::splitsOneMegabyteScriptQuickly_data()
{
    reportsOneBasedLines_data();
}

void tst_StatementSplitter::splitsOneMegabyteScriptQuickly()
{
    QFETCH(SqlDialect, dialect);
    const QString unit =
        u"-- note; here\nINSERT INTO t VALUES (1, 'text; with semicolon ö', \"x;y\");\n"_s;
    QString script;
    int count = 0;
    while (script.size() < 1024 * 1024) {
        script += unit;
        ++count;
    }
    QElapsedTimer timer;
    timer.start();
    const QList<SqlStatement> statements = StatementSplitter::split(script, dialect);
    const qint64 elapsed = timer.elapsed();
    qInfo("%d statements in %lld ms", count, elapsed);
    QCOMPARE(statements.size(), count);
    QCOMPARE(statements.last().text, unit.trimmed().chopped(1));
    QCOMPARE(statements.last().offset, int(script.size() - unit.size()));
    // A guard against quadratic splitting (seconds to minutes here), not a benchmark: about
    // 60 ms on an idle machine, so the bound leaves room for a loaded CI box.
    QVERIFY2(elapsed < 2000, qPrintable(u"took %1 ms"_s.arg(elapsed)));
}

QTEST_GUILESS_MAIN(tst_StatementSplitter)
#include "tst_statementsplitter.moc"
