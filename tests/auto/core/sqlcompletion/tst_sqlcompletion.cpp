// SPDX-License-Identifier: GPL-3.0-or-later
#include "sql/completionindex.h"
#include "sql/sqlcompletion.h"
#include "sql/sqltokenizer.h"

#include "mysqlengine.h"
#include "postgresengine.h"
#include "sqliteengine.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Strata::SqlDialect)
Q_DECLARE_METATYPE(Strata::CompletionResult::Context)

namespace {

Column column(const QString &name, const QString &type = u"integer"_s)
{
    Column c;
    c.name = name;
    c.type = type;
    return c;
}

Table table(const QString &schema, const QString &name, const QStringList &columns,
            Table::Kind kind = Table::Kind::Table)
{
    Table t;
    t.schema = schema;
    t.name = name;
    t.kind = kind;
    for (const QString &c : columns)
        t.columns.append(column(c));
    return t;
}

QString defaultSchema(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return u"public"_s;
    case SqlDialect::MySQL:
        return u"shop"_s;
    case SqlDialect::SQLite:
        return u"main"_s;
    }
    return {};
}

// The same small shop in each engine's spelling, with hostile names.
Catalog shopCatalog(SqlDialect dialect)
{
    Catalog catalog;
    catalog.engine = dialect == SqlDialect::PostgreSQL ? u"postgresql"_s
                     : dialect == SqlDialect::MySQL    ? u"mysql"_s
                                                       : u"sqlite"_s;
    catalog.database = u"shop"_s;
    const QString main = defaultSchema(dialect);
    Schema schema;
    schema.name = main;
    schema.tables = {
        table(main, u"users"_s, {u"id"_s, u"name"_s, u"email"_s, u"CreatedAt"_s}),
        table(main, u"orders"_s, {u"id"_s, u"user_id"_s, u"total"_s, u"status"_s, u"created_at"_s}),
        table(main, u"Order Items"_s, {u"id"_s, u"order_id"_s, u"qty"_s}),
        table(main, u"a\"b"_s, {u"x"_s, u"select"_s}),
        table(main, u"x'; DROP TABLE t; --"_s, {u"y"_s}),
        table(main, u"таблица"_s, {u"колонка"_s}),
        table(main, u"active_users"_s, {u"id"_s, u"name"_s}, Table::Kind::View),
    };
    Routine routine;
    routine.schema = main;
    routine.name = u"fn_total"_s;
    schema.routines.append(routine);
    Schema sales;
    sales.name = u"sales"_s;
    sales.tables = {
        table(u"sales"_s, u"invoices"_s, {u"id"_s, u"amount"_s, u"user_id"_s}),
        table(u"sales"_s, u"MixedCase"_s, {u"Id"_s, u"Label"_s}),
    };
    catalog.schemas = {schema, sales};
    return catalog;
}

QStringList names(const CompletionResult &result)
{
    QStringList list;
    for (const CompletionCandidate &c : result.candidates)
        list.append(c.name);
    return list;
}

} // namespace

class tst_SqlCompletion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void offersWhatFitsTheContext_data();
    void offersWhatFitsTheContext();
    void quotesInsertedNamesOnlyWhenNeeded_data();
    void quotesInsertedNamesOnlyWhenNeeded();
    void replacesTheTypedPrefixIncludingItsQuote_data();
    void replacesTheTypedPrefixIncludingItsQuote();
    void windowFromAStatementBoundaryGivesTheSameResult_data();
    void windowFromAStatementBoundaryGivesTheSameResult();
    void tokenizerKeepsQuotesAndCommentsWhole_data();
    void tokenizerKeepsQuotesAndCommentsWhole();
    void prefixLookupMatchesALinearScan();
    void looksUpTenThousandTablesInUnderTwoMilliseconds();
    void defaultSearchPathFollowsTheEngine_data();
    void defaultSearchPathFollowsTheEngine();

private:
    CompletionResult complete(SqlDialect dialect, const QString &marked) const;
    const IDialect *dialectFor(SqlDialect dialect) const;

    Postgres::PostgresEngine m_pg;
    MySql::MySqlEngine m_mysql;
    Sqlite::SqliteEngine m_sqlite;
    std::map<SqlDialect, std::shared_ptr<const CompletionIndex>> m_indexes;
};

const IDialect *tst_SqlCompletion::dialectFor(SqlDialect dialect) const
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return &m_pg;
    case SqlDialect::MySQL:
        return &m_mysql;
    case SqlDialect::SQLite:
        return &m_sqlite;
    }
    return nullptr;
}

void tst_SqlCompletion::initTestCase()
{
    for (SqlDialect d : {SqlDialect::PostgreSQL, SqlDialect::MySQL, SqlDialect::SQLite})
        m_indexes[d] = CompletionIndex::build(shopCatalog(d), dialectFor(d), d);
}

// marked: the SQL with '|' where the cursor is.
CompletionResult tst_SqlCompletion::complete(SqlDialect dialect, const QString &marked) const
{
    const int cursor = int(marked.indexOf(u'|'));
    Q_ASSERT(cursor >= 0);
    QString text = marked;
    text.remove(cursor, 1);
    return SqlCompletion::complete(text, cursor, dialect, *m_indexes.at(dialect),
                                   {defaultSchema(dialect)});
}

void tst_SqlCompletion::offersWhatFitsTheContext_data()
{
    using C = CompletionResult::Context;
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<C>("context");
    QTest::addColumn<QStringList>("first");    // the candidates must start with these
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("absent");

    const auto pg = SqlDialect::PostgreSQL;
    const auto my = SqlDialect::MySQL;
    const auto lite = SqlDialect::SQLite;
    const QStringList usersColumns{u"CreatedAt"_s, u"email"_s, u"id"_s, u"name"_s};
    const QStringList ordersColumns{u"created_at"_s, u"id"_s, u"status"_s, u"total"_s,
                                    u"user_id"_s};

    QTest::newRow("pg: tables after FROM by prefix")
        << pg << u"SELECT * FROM us|"_s << C::Table << QStringList{u"users"_s}
        << QStringList{} << QStringList{u"orders"_s, u"active_users"_s};
    QTest::newRow("pg: tables, views and schemas after FROM")
        << pg << u"SELECT * FROM |"_s << C::Table << QStringList{}
        << QStringList{u"users"_s, u"orders"_s, u"Order Items"_s, u"active_users"_s,
                       u"sales"_s, u"public"_s}
        << QStringList{u"invoices"_s, u"SELECT"_s, u"email"_s};
    QTest::newRow("pg: search path tables before schema names")
        << pg << u"SELECT * FROM s|"_s << C::Table << QStringList{u"sales"_s}
        << QStringList{} << QStringList{u"status"_s};
    QTest::newRow("pg: JOIN, typed case first")
        << pg << u"SELECT * FROM users u JOIN or|"_s << C::Table
        << QStringList{u"orders"_s, u"Order Items"_s} << QStringList{} << QStringList{u"users"_s};
    QTest::newRow("pg: second item of a FROM list")
        << pg << u"SELECT * FROM users u, or|"_s << C::Table << QStringList{u"orders"_s}
        << QStringList{} << QStringList{};
    QTest::newRow("pg: UPDATE") << pg << u"UPDATE o|"_s << C::Table << QStringList{u"orders"_s}
                                << QStringList{u"Order Items"_s} << QStringList{};
    QTest::newRow("pg: INSERT INTO") << pg << u"INSERT INTO |"_s << C::Table << QStringList{}
                                     << QStringList{u"users"_s, u"orders"_s}
                                     << QStringList{u"id"_s};
    QTest::newRow("pg: TABLE") << pg << u"TRUNCATE TABLE ord|"_s << C::Table
                               << QStringList{u"orders"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: alias defined after the cursor")
        << pg << u"SELECT u.| FROM users u"_s << C::QualifiedColumn << usersColumns
        << QStringList{} << QStringList{u"user_id"_s, u"SELECT"_s};
    QTest::newRow("pg: AS alias after the cursor, with prefix")
        << pg << u"SELECT o.to| FROM orders AS o"_s << C::QualifiedColumn
        << QStringList{u"total"_s} << QStringList{} << QStringList{u"id"_s};
    QTest::newRow("pg: quoted alias")
        << pg << u"SELECT \"Ord\".| FROM orders AS \"Ord\""_s << C::QualifiedColumn
        << ordersColumns << QStringList{} << QStringList{u"email"_s};
    QTest::newRow("pg: table name as qualifier")
        << pg << u"SELECT orders.st| FROM orders"_s << C::QualifiedColumn
        << QStringList{u"status"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: quoted table with spaces as qualifier")
        << pg << u"SELECT \"Order Items\".| FROM \"Order Items\""_s << C::QualifiedColumn
        << QStringList{u"id"_s, u"order_id"_s, u"qty"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: hostile table name with alias")
        << pg << u"SELECT t.| FROM \"x'; DROP TABLE t; --\" t"_s << C::QualifiedColumn
        << QStringList{u"y"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: schema dot after FROM")
        << pg << u"SELECT * FROM sales.|"_s << C::SchemaTable
        << QStringList{u"invoices"_s, u"MixedCase"_s} << QStringList{}
        << QStringList{u"users"_s};
    QTest::newRow("pg: alias of a schema-qualified table")
        << pg << u"SELECT i.| FROM sales.invoices i"_s << C::QualifiedColumn
        << QStringList{u"amount"_s, u"id"_s, u"user_id"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: schema.table.")
        << pg << u"SELECT sales.invoices.am| FROM sales.invoices"_s << C::QualifiedColumn
        << QStringList{u"amount"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: WHERE of two joined tables")
        << pg << u"SELECT * FROM users u JOIN orders o ON o.user_id = u.id WHERE st|"_s
        << C::Column << QStringList{u"status"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: WHERE offers both tables' columns and aliases")
        << pg << u"SELECT * FROM users u JOIN orders o ON o.user_id = u.id WHERE |"_s
        << C::Column << QStringList{}
        << QStringList{u"email"_s, u"total"_s, u"status"_s, u"u"_s, u"o"_s, u"fn_total"_s}
        << QStringList{u"amount"_s, u"qty"_s};
    QTest::newRow("pg: ON clause")
        << pg << u"SELECT * FROM users u JOIN orders o ON us|"_s << C::Column
        << QStringList{u"user_id"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: SELECT list before FROM, then keywords")
        << pg << u"SELECT na| FROM users"_s << C::Column << QStringList{u"name"_s}
        << QStringList{u"natural"_s} << QStringList{};
    QTest::newRow("pg: ORDER BY") << pg << u"SELECT * FROM orders ORDER BY cr|"_s << C::Column
                                  << QStringList{u"created_at"_s} << QStringList{}
                                  << QStringList{u"CreatedAt"_s};
    QTest::newRow("pg: GROUP BY")
        << pg << u"SELECT status, count(*) FROM orders GROUP BY st|"_s << C::Column
        << QStringList{u"status"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: UPDATE SET") << pg << u"UPDATE orders SET to|"_s << C::Column
                                    << QStringList{u"total"_s} << QStringList{} << QStringList{};
    QTest::newRow("pg: INSERT column list")
        << pg << u"INSERT INTO orders (id, st|"_s << C::Column << QStringList{u"status"_s}
        << QStringList{} << QStringList{u"email"_s};
    QTest::newRow("pg: subquery alias")
        << pg << u"SELECT * FROM users u WHERE u.id IN (SELECT o.| FROM orders o)"_s
        << C::QualifiedColumn << ordersColumns << QStringList{} << QStringList{u"email"_s};
    QTest::newRow("pg: function in the SELECT list")
        << pg << u"SELECT fn_| FROM users"_s << C::Column << QStringList{u"fn_total"_s}
        << QStringList{} << QStringList{};
    QTest::newRow("pg: keywords at the start") << pg << u"SEL|"_s << C::Keyword
                                               << QStringList{u"SELECT"_s} << QStringList{}
                                               << QStringList{u"users"_s};
    QTest::newRow("pg: keywords follow the typed case")
        << pg << u"sel|"_s << C::Keyword << QStringList{u"select"_s} << QStringList{}
        << QStringList{u"SELECT"_s};
    QTest::newRow("pg: keywords after a table")
        << pg << u"SELECT * FROM users WH|"_s << C::Keyword << QStringList{u"WHERE"_s}
        << QStringList{} << QStringList{u"users"_s};
    QTest::newRow("pg: comment before the prefix")
        << pg << u"SELECT * FROM /* which? */ us|"_s << C::Table << QStringList{u"users"_s}
        << QStringList{} << QStringList{};
    QTest::newRow("pg: inside a string") << pg << u"SELECT * FROM users WHERE name = 'us|'"_s
                                         << C::None << QStringList{} << QStringList{}
                                         << QStringList{u"users"_s};
    QTest::newRow("pg: inside an unterminated string")
        << pg << u"SELECT * FROM users WHERE name = 'FROM us|"_s << C::None << QStringList{}
        << QStringList{} << QStringList{u"users"_s};
    QTest::newRow("pg: inside a line comment")
        << pg << u"SELECT * -- FROM us|\nFROM users"_s << C::None << QStringList{}
        << QStringList{} << QStringList{u"users"_s};
    QTest::newRow("pg: inside a nested block comment")
        << pg << u"SELECT /* a /* b */ FROM us| */ 1"_s << C::None << QStringList{}
        << QStringList{} << QStringList{u"users"_s};
    QTest::newRow("pg: inside a dollar quote")
        << pg << u"SELECT $fn$ FROM us| $fn$"_s << C::None << QStringList{} << QStringList{}
        << QStringList{u"users"_s};
    QTest::newRow("pg: inside an E'' string with an escaped quote")
        << pg << u"SELECT E'it\\'s FROM us|'"_s << C::None << QStringList{} << QStringList{}
        << QStringList{u"users"_s};
    QTest::newRow("pg: typing a number") << pg << u"SELECT 12|"_s << C::None << QStringList{}
                                         << QStringList{} << QStringList{};
    QTest::newRow("pg: only the current statement (second)")
        << pg << u"SELECT * FROM orders o;\nSELECT o.| FROM users o"_s << C::QualifiedColumn
        << usersColumns << QStringList{} << QStringList{u"total"_s};
    QTest::newRow("pg: only the current statement (first)")
        << pg << u"SELECT o.| FROM orders o;\nSELECT * FROM users o;"_s << C::QualifiedColumn
        << ordersColumns << QStringList{} << QStringList{u"email"_s};
    QTest::newRow("pg: after a terminator a new statement starts")
        << pg << u"SELECT * FROM users; SEL|"_s << C::Keyword << QStringList{u"SELECT"_s}
        << QStringList{} << QStringList{};
    QTest::newRow("pg: quoted prefix") << pg << u"SELECT * FROM \"Ord|"_s << C::Table
                                       << QStringList{u"Order Items"_s, u"orders"_s}
                                       << QStringList{} << QStringList{u"users"_s};

    QTest::newRow("mysql: tables after FROM") << my << u"SELECT * FROM us|"_s << C::Table
                                              << QStringList{u"users"_s} << QStringList{}
                                              << QStringList{};
    QTest::newRow("mysql: backtick alias")
        << my << u"SELECT `o`.| FROM orders AS `o`"_s << C::QualifiedColumn << ordersColumns
        << QStringList{} << QStringList{};
    QTest::newRow("mysql: backtick prefix") << my << u"SELECT * FROM `Ord|"_s << C::Table
                                            << QStringList{u"Order Items"_s, u"orders"_s}
                                            << QStringList{} << QStringList{};
    QTest::newRow("mysql: hash comment") << my << u"SELECT 1 # FROM us|"_s << C::None
                                         << QStringList{} << QStringList{} << QStringList{};
    QTest::newRow("mysql: double quotes are a string")
        << my << u"SELECT \"FROM us|\""_s << C::None << QStringList{} << QStringList{}
        << QStringList{};
    QTest::newRow("mysql: backslash escape keeps the string open")
        << my << u"SELECT 'it\\' FROM us|'"_s << C::None << QStringList{} << QStringList{}
        << QStringList{};
    QTest::newRow("mysql: database dot")
        << my << u"SELECT * FROM sales.|"_s << C::SchemaTable
        << QStringList{u"invoices"_s, u"MixedCase"_s} << QStringList{} << QStringList{};
    QTest::newRow("mysql: WHERE of two joined tables")
        << my << u"SELECT * FROM users u JOIN orders o ON o.user_id = u.id WHERE em|"_s
        << C::Column << QStringList{u"email"_s} << QStringList{} << QStringList{};
    QTest::newRow("mysql: DELIMITER script, current statement")
        << my << u"DELIMITER //\nSELECT 1 FROM orders o//\nSELECT o.| FROM users o//"_s
        << C::QualifiedColumn << usersColumns << QStringList{} << QStringList{u"total"_s};

    QTest::newRow("sqlite: tables after FROM") << lite << u"SELECT * FROM us|"_s << C::Table
                                               << QStringList{u"users"_s} << QStringList{}
                                               << QStringList{};
    QTest::newRow("sqlite: bracket-quoted alias")
        << lite << u"SELECT [u].| FROM users [u]"_s << C::QualifiedColumn << usersColumns
        << QStringList{} << QStringList{};
    QTest::newRow("sqlite: alias after the cursor")
        << lite << u"SELECT u.na| FROM users u"_s << C::QualifiedColumn
        << QStringList{u"name"_s} << QStringList{} << QStringList{};
    QTest::newRow("sqlite: keywords") << lite << u"CRE|"_s << C::Keyword
                                      << QStringList{u"CREATE"_s} << QStringList{}
                                      << QStringList{};
    QTest::newRow("sqlite: non-ASCII table")
        << lite << u"SELECT * FROM таб|"_s << C::Table << QStringList{u"таблица"_s}
        << QStringList{} << QStringList{};
    QTest::newRow("sqlite: non-ASCII alias and column")
        << lite << u"SELECT т.| FROM таблица т"_s << C::QualifiedColumn
        << QStringList{u"колонка"_s} << QStringList{} << QStringList{};
}

void tst_SqlCompletion::offersWhatFitsTheContext()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QString, sql);
    QFETCH(CompletionResult::Context, context);
    QFETCH(QStringList, first);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, absent);

    const CompletionResult result = complete(dialect, sql);
    const QStringList got = names(result);
    const QByteArray info = got.join(u", "_s).toUtf8();
    QCOMPARE(result.context, context);
    if (context == CompletionResult::Context::None)
        QVERIFY2(got.isEmpty(), info.constData());
    QVERIFY2(got.size() >= first.size(), info.constData());
    QCOMPARE(got.mid(0, first.size()), first);
    for (const QString &name : contains)
        QVERIFY2(got.contains(name), qPrintable(name + u" missing from: "_s + got.join(u", "_s)));
    for (const QString &name : absent)
        QVERIFY2(!got.contains(name), qPrintable(name + u" offered in: "_s + got.join(u", "_s)));
}

void tst_SqlCompletion::quotesInsertedNamesOnlyWhenNeeded_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("insert");

    const auto pg = SqlDialect::PostgreSQL;
    const auto my = SqlDialect::MySQL;
    const auto lite = SqlDialect::SQLite;
    const QString from = u"SELECT * FROM |"_s;
    QTest::newRow("pg: plain") << pg << from << u"users"_s << u"users"_s;
    QTest::newRow("pg: spaces") << pg << from << u"Order Items"_s << u"\"Order Items\""_s;
    QTest::newRow("pg: double quote") << pg << from << u"a\"b"_s << u"\"a\"\"b\""_s;
    QTest::newRow("pg: injection") << pg << from << u"x'; DROP TABLE t; --"_s
                                   << u"\"x'; DROP TABLE t; --\""_s;
    QTest::newRow("pg: non-ASCII") << pg << from << u"таблица"_s << u"\"таблица\""_s;
    QTest::newRow("pg: mixed case") << pg << u"SELECT * FROM sales.|"_s << u"MixedCase"_s
                                    << u"\"MixedCase\""_s;
    QTest::newRow("pg: mixed-case column") << pg << u"SELECT u.| FROM users u"_s
                                           << u"CreatedAt"_s << u"\"CreatedAt\""_s;
    QTest::newRow("pg: reserved column") << pg << u"SELECT t.| FROM \"a\"\"b\" t"_s
                                         << u"select"_s << u"\"select\""_s;
    QTest::newRow("mysql: plain") << my << from << u"users"_s << u"users"_s;
    QTest::newRow("mysql: mixed case stays bare")
        << my << u"SELECT * FROM sales.|"_s << u"MixedCase"_s << u"MixedCase"_s;
    QTest::newRow("mysql: spaces") << my << from << u"Order Items"_s << u"`Order Items`"_s;
    QTest::newRow("mysql: double quote") << my << from << u"a\"b"_s << u"`a\"b`"_s;
    QTest::newRow("mysql: injection") << my << from << u"x'; DROP TABLE t; --"_s
                                      << u"`x'; DROP TABLE t; --`"_s;
    QTest::newRow("mysql: reserved column") << my << u"SELECT t.| FROM `a\"b` t"_s
                                            << u"select"_s << u"`select`"_s;
    QTest::newRow("sqlite: plain") << lite << from << u"users"_s << u"users"_s;
    QTest::newRow("sqlite: mixed case stays bare")
        << lite << u"SELECT * FROM sales.|"_s << u"MixedCase"_s << u"MixedCase"_s;
    QTest::newRow("sqlite: spaces") << lite << from << u"Order Items"_s << u"\"Order Items\""_s;
    QTest::newRow("sqlite: double quote") << lite << from << u"a\"b"_s << u"\"a\"\"b\""_s;
    QTest::newRow("sqlite: injection") << lite << from << u"x'; DROP TABLE t; --"_s
                                       << u"\"x'; DROP TABLE t; --\""_s;
}

void tst_SqlCompletion::quotesInsertedNamesOnlyWhenNeeded()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QString, sql);
    QFETCH(QString, name);
    QFETCH(QString, insert);

    const CompletionResult result = complete(dialect, sql);
    const auto it = std::find_if(result.candidates.cbegin(), result.candidates.cend(),
                                 [&name](const CompletionCandidate &c) { return c.name == name; });
    QVERIFY2(it != result.candidates.cend(), qPrintable(names(result).join(u", "_s)));
    QCOMPARE(it->insert, insert);
}

void tst_SqlCompletion::replacesTheTypedPrefixIncludingItsQuote_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("replaceFrom");
    QTest::addColumn<int>("replaceLength");
    QTest::addColumn<bool>("quoted");

    QTest::newRow("bare") << SqlDialect::PostgreSQL << u"SELECT * FROM us|"_s << u"us"_s << 14
                          << 2 << false;
    QTest::newRow("nothing typed") << SqlDialect::PostgreSQL << u"SELECT * FROM |"_s << QString()
                                   << 14 << 0 << false;
    QTest::newRow("double quote") << SqlDialect::PostgreSQL << u"SELECT * FROM \"Ord|"_s
                                  << u"Ord"_s << 14 << 4 << true;
    QTest::newRow("doubled quote inside") << SqlDialect::PostgreSQL << u"SELECT * FROM \"a\"\"|"_s
                                          << u"a\""_s << 14 << 4 << true;
    QTest::newRow("backtick") << SqlDialect::MySQL << u"SELECT * FROM `Ord|"_s << u"Ord"_s << 14
                              << 4 << true;
    QTest::newRow("middle of a word") << SqlDialect::PostgreSQL << u"SELECT * FROM us|ers"_s
                                      << u"us"_s << 14 << 2 << false;
    QTest::newRow("after non-BMP text") << SqlDialect::PostgreSQL
                                        << u"SELECT '😀' AS x FROM us|"_s << u"us"_s << 22 << 2
                                        << false;
}

void tst_SqlCompletion::replacesTheTypedPrefixIncludingItsQuote()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QString, sql);
    QFETCH(QString, prefix);
    QFETCH(int, replaceFrom);
    QFETCH(int, replaceLength);
    QFETCH(bool, quoted);

    const CompletionResult result = complete(dialect, sql);
    QCOMPARE(result.prefix, prefix);
    QCOMPARE(result.replaceFrom, replaceFrom);
    QCOMPARE(result.replaceLength, replaceLength);
    QCOMPARE(result.quotedPrefix, quoted);
}

void tst_SqlCompletion::windowFromAStatementBoundaryGivesTheSameResult_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("sql");   // '^' marks the window's start, '|' the cursor
    QTest::addColumn<int>("tail");      // characters after the cursor inside the window

    QTest::newRow("pg, alias after the cursor")
        << SqlDialect::PostgreSQL
        << u"SELECT $$;$$;^\nSELECT o.| FROM orders o;\nSELECT 1;"_s << 40;
    QTest::newRow("pg, window ends inside the next statement's string")
        << SqlDialect::PostgreSQL << u"SELECT 1;^ SELECT u.| FROM users u; SELECT 'abc;def'"_s
        << 25;
    QTest::newRow("sqlite, after a trigger")
        << SqlDialect::SQLite
        << u"CREATE TRIGGER t AFTER INSERT ON orders BEGIN SELECT 1; END;^\nSELECT * FROM us|"_s
        << 0;
    QTest::newRow("mysql") << SqlDialect::MySQL
                           << u"SELECT '\\';';^ SELECT `o`.to| FROM orders AS `o`;"_s << 100;
}

void tst_SqlCompletion::windowFromAStatementBoundaryGivesTheSameResult()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QString, sql);
    QFETCH(int, tail);
    const int from = int(sql.indexOf(u'^'));
    sql.remove(from, 1);
    const int cursor = int(sql.indexOf(u'|'));
    sql.remove(cursor, 1);
    const CompletionIndex &index = *m_indexes.at(dialect);
    const QStringList path{defaultSchema(dialect)};
    const CompletionResult whole = SqlCompletion::complete(sql, cursor, dialect, index, path);
    const CompletionResult window = SqlCompletion::complete(
        sql, cursor, dialect, index, path, SqlCompletion::DefaultMaxCandidates, from,
        std::min(int(sql.size()), cursor + tail));
    QVERIFY(!whole.candidates.isEmpty());
    QCOMPARE(window.context, whole.context);
    QCOMPARE(window.replaceFrom, whole.replaceFrom);
    QCOMPARE(names(window), names(whole));
}

void tst_SqlCompletion::tokenizerKeepsQuotesAndCommentsWhole_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("tokens");

    const auto pg = SqlDialect::PostgreSQL;
    QTest::newRow("pg dollar quote with tag")
        << pg << u"SELECT $a$ it's; $$ $a$;"_s
        << QStringList{u"SELECT"_s, u"$a$ it's; $$ $a$"_s, u";"_s};
    QTest::newRow("pg nested comment") << pg << u"a /* x /* y */ z */ b"_s
                                       << QStringList{u"a"_s, u"/* x /* y */ z */"_s, u"b"_s};
    QTest::newRow("pg E string") << pg << u"E'a\\'b' c"_s << QStringList{u"E'a\\'b'"_s, u"c"_s};
    QTest::newRow("pg quoted identifier") << pg << u"\"a\"\"b\".c"_s
                                          << QStringList{u"\"a\"\"b\""_s, u"."_s, u"c"_s};
    QTest::newRow("pg parameter is not a dollar quote")
        << pg << u"$1 + x"_s << QStringList{u"$"_s, u"1"_s, u"+"_s, u"x"_s};
    QTest::newRow("mysql hash comment and backticks")
        << SqlDialect::MySQL << u"`a``b` # c\nd"_s
        << QStringList{u"`a``b`"_s, u"# c"_s, u"d"_s};
    QTest::newRow("sqlite brackets") << SqlDialect::SQLite << u"[a b].c -- x"_s
                                     << QStringList{u"[a b]"_s, u"."_s, u"c"_s, u"-- x"_s};
    QTest::newRow("unterminated string runs to the end")
        << pg << u"x 'abc"_s << QStringList{u"x"_s, u"'abc"_s};
}

void tst_SqlCompletion::tokenizerKeepsQuotesAndCommentsWhole()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QString, sql);
    QFETCH(QStringList, tokens);
    QStringList got;
    for (const SqlToken &t : SqlTokenizer(dialect).tokenize(sql))
        got.append(sql.mid(t.begin, t.end - t.begin));
    QCOMPARE(got, tokens);
}

void tst_SqlCompletion::prefixLookupMatchesALinearScan()
{
    Catalog catalog = shopCatalog(SqlDialect::PostgreSQL);
    for (int i = 0; i < 2000; ++i) {
        catalog.schemas[0].tables.append(
            table(u"public"_s, u"T_%1_x"_s.arg(i * 7919 % 2000), {u"c"_s}));
    }
    const auto index = CompletionIndex::build(catalog, &m_pg, SqlDialect::PostgreSQL);
    const auto &entries = index->schemas().at(0).tables;
    for (const QString &prefix : {u""_s, u"t_1"_s, u"T_19"_s, u"t_1999_X"_s, u"u"_s, u"zz"_s,
                                  u"order"_s}) {
        QStringList expected;
        for (const Table &t : std::as_const(catalog.schemas[0].tables)) {
            if (t.name.startsWith(prefix, Qt::CaseInsensitive))
                expected.append(t.name);
        }
        QStringList got;
        const auto range = CompletionIndex::prefixRange(entries, prefix);
        for (auto it = range.first; it != range.second; ++it)
            got.append(it->name);
        expected.sort(Qt::CaseInsensitive);
        got.sort(Qt::CaseInsensitive);
        QCOMPARE(got, expected);
    }
}

void tst_SqlCompletion::looksUpTenThousandTablesInUnderTwoMilliseconds()
{
    Catalog catalog;
    catalog.engine = u"postgresql"_s;
    Schema schema;
    schema.name = u"public"_s;
    for (int t = 0; t < 10000; ++t) {
        QStringList columns;
        for (int c = 0; c < 10; ++c)
            columns.append(u"col_%1"_s.arg(c));
        schema.tables.append(table(u"public"_s, u"table_%1"_s.arg(t, 5, 10, QLatin1Char('0')),
                                   columns));
    }
    catalog.schemas.append(schema);
    const auto index = CompletionIndex::build(catalog, &m_pg, SqlDialect::PostgreSQL);
    QCOMPARE(index->tableCount(), 10000);

    const QStringList texts{u"SELECT * FROM table_01|"_s, u"SELECT t.| FROM table_04242 t"_s,
                            u"SELECT * FROM table_00001 a JOIN table_00002 b ON a.col_1 = co|"_s,
                            u"SEL|"_s};
    QList<qint64> nanos;
    for (int round = 0; round < 50; ++round) {
        for (const QString &marked : texts) {
            const int cursor = int(marked.indexOf(u'|'));
            const QString text = QString(marked).remove(cursor, 1);
            QElapsedTimer timer;
            timer.start();
            const CompletionResult result = SqlCompletion::complete(
                text, cursor, SqlDialect::PostgreSQL, *index, {u"public"_s});
            nanos.append(timer.nsecsElapsed());
            QVERIFY(!result.candidates.isEmpty());
        }
    }
    std::sort(nanos.begin(), nanos.end());
    const qint64 median = nanos.at(nanos.size() / 2);
    qInfo("median completion on 10,000 tables: %.3f ms", double(median) / 1e6);
    QVERIFY2(median < 2'000'000, qPrintable(u"median %1 ns"_s.arg(median)));
}

void tst_SqlCompletion::defaultSearchPathFollowsTheEngine_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QStringList>("sessionPath");
    QTest::addColumn<QStringList>("path");
    QTest::newRow("postgresql") << SqlDialect::PostgreSQL << QStringList() << QStringList{u"public"_s};
    QTest::newRow("mysql") << SqlDialect::MySQL << QStringList() << QStringList{u"shop"_s};
    QTest::newRow("sqlite") << SqlDialect::SQLite << QStringList() << QStringList{u"main"_s};
    // The session's search_path wins, in its order, without the schemas the catalog lacks.
    QTest::newRow("postgresql session path") << SqlDialect::PostgreSQL
                                             << QStringList{u"sales"_s, u"gone"_s, u"public"_s}
                                             << QStringList{u"sales"_s, u"public"_s};
    QTest::newRow("postgresql path of unread schemas")
        << SqlDialect::PostgreSQL << QStringList{u"gone"_s} << QStringList{u"public"_s};
}

void tst_SqlCompletion::defaultSearchPathFollowsTheEngine()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QStringList, sessionPath);
    QFETCH(QStringList, path);
    Catalog catalog = shopCatalog(dialect);
    catalog.searchPath = sessionPath;
    QCOMPARE(SqlCompletion::defaultSearchPath(catalog), path);
}

QTEST_GUILESS_MAIN(tst_SqlCompletion)
#include "tst_sqlcompletion.moc"
