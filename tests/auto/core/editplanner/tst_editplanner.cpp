// SPDX-License-Identifier: GPL-3.0-or-later
#include "edit/editplanner.h"

#include "mysqldialect.h"
#include "pgdialect.h"
#include "sqliteengine.h"

#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(Strata::RowChange)

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
const QString Hostile = u"x'; DROP TABLE t; --"_s;

ColumnInfo column(const QString &name, CellKind kind)
{
    ColumnInfo info;
    info.name = name;
    info.sourceColumn = name;
    info.table = u"a\"b"_s;
    info.kind = kind;
    return info;
}

// A table named a"b in a schema with a space, with hostile column names.
EditTarget hostileTarget(const QString &schema)
{
    EditTarget target;
    target.schema = schema;
    target.table = u"a\"b"_s;
    target.columns = {column(u"id"_s, CellKind::Integer), column(Hostile, CellKind::Text),
                      column(u"таблица"_s, CellKind::Numeric),
                      column(u"flag"_s, CellKind::Boolean)};
    for (const ColumnInfo &info : std::as_const(target.columns))
        target.sourceColumns.append(info.sourceColumn);
    target.keyColumns = {0};
    return target;
}

const QVariantList Original = {u"1"_s, u"old"_s, u"2.50"_s, u"true"_s};

RowChange change(RowChange::Kind kind, int row, const QHash<int, QVariant> &values = {})
{
    RowChange c;
    c.kind = kind;
    c.row = row;
    c.values = values;
    if (kind != RowChange::Kind::Insert)
        c.original = Original;
    return c;
}
} // namespace

class tst_EditPlanner : public QObject
{
    Q_OBJECT

private:
    struct Dialects
    {
        Postgres::Internal::PgDialect pg;
        MySql::Internal::MySqlDialect mysql;
        Sqlite::SqliteEngine sqlite;
    };
    std::unique_ptr<Dialects> m_dialects = std::make_unique<Dialects>();

    EditPlanner planner(const QString &engine) const
    {
        const EditPlanner::Syntax syntax = EditPlanner::syntaxFor(engine);
        switch (syntax) {
        case EditPlanner::Syntax::PostgreSql:
            return EditPlanner(hostileTarget(u"s p"_s), m_dialects->pg, syntax);
        case EditPlanner::Syntax::MySql:
            return EditPlanner(hostileTarget(u"s p"_s), m_dialects->mysql, syntax);
        case EditPlanner::Syntax::Sqlite:
            break;
        }
        return EditPlanner(hostileTarget(u"main"_s), m_dialects->sqlite, syntax);
    }

private Q_SLOTS:
    void generatesBoundStatements_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<RowChange>("change");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QVariantList>("parameters");

        const RowChange editText = change(RowChange::Kind::Update, 0, {{1, u"new"_s}});
        const RowChange setNull = change(RowChange::Kind::Update, 0, {{2, QVariant()}});
        const RowChange editKey = change(RowChange::Kind::Update, 0, {{0, u" 5 "_s}, {3, u"no"_s}});
        const RowChange remove = change(RowChange::Kind::Delete, 0);
        const RowChange insert = change(RowChange::Kind::Insert, 4, {{0, u"7"_s}, {1, u""_s}});
        const RowChange insertDefaults = change(RowChange::Kind::Insert, 4);

        QTest::newRow("pg update")
            << u"postgresql"_s << editText
            << u"UPDATE \"s p\".\"a\"\"b\" SET \"x'; DROP TABLE t; --\" = $1 WHERE id = $2 AND \"x'; DROP TABLE t; --\" IS NOT DISTINCT FROM $3"_s
            << QVariantList{u"new"_s, u"1"_s, u"old"_s};
        QTest::newRow("pg set null")
            << u"postgresql"_s << setNull
            << u"UPDATE \"s p\".\"a\"\"b\" SET \"таблица\" = $1 WHERE id = $2 AND \"таблица\" IS NOT DISTINCT FROM $3"_s
            << QVariantList{QVariant(), u"1"_s, u"2.50"_s};
        QTest::newRow("pg update key")
            << u"postgresql"_s << editKey
            << u"UPDATE \"s p\".\"a\"\"b\" SET id = $1, flag = $2 WHERE id = $3 AND flag IS NOT DISTINCT FROM $4"_s
            << QVariantList{5LL, false, u"1"_s, u"true"_s};
        QTest::newRow("pg delete")
            << u"postgresql"_s << remove << u"DELETE FROM \"s p\".\"a\"\"b\" WHERE id = $1"_s
            << QVariantList{u"1"_s};
        QTest::newRow("pg insert")
            << u"postgresql"_s << insert
            << u"INSERT INTO \"s p\".\"a\"\"b\" (id, \"x'; DROP TABLE t; --\") VALUES ($1, $2) RETURNING id, \"x'; DROP TABLE t; --\", \"таблица\", flag"_s
            << QVariantList{7LL, u""_s};
        QTest::newRow("pg insert defaults")
            << u"postgresql"_s << insertDefaults
            << u"INSERT INTO \"s p\".\"a\"\"b\" DEFAULT VALUES RETURNING id, \"x'; DROP TABLE t; --\", \"таблица\", flag"_s
            << QVariantList{};

        QTest::newRow("mysql update")
            << u"mysql"_s << editText
            << u"UPDATE `s p`.`a\"b` SET `x'; DROP TABLE t; --` = ? WHERE `id` = ? AND `x'; DROP TABLE t; --` <=> ?"_s
            << QVariantList{u"new"_s, u"1"_s, u"old"_s};
        QTest::newRow("mysql set null")
            << u"mysql"_s << setNull
            << u"UPDATE `s p`.`a\"b` SET `таблица` = ? WHERE `id` = ? AND `таблица` <=> ?"_s
            << QVariantList{QVariant(), u"1"_s, u"2.50"_s};
        QTest::newRow("mysql delete")
            << u"mysql"_s << remove << u"DELETE FROM `s p`.`a\"b` WHERE `id` = ?"_s
            << QVariantList{u"1"_s};
        QTest::newRow("mysql insert")
            << u"mysql"_s << insert
            << u"INSERT INTO `s p`.`a\"b` (`id`, `x'; DROP TABLE t; --`) VALUES (?, ?) RETURNING `id`, `x'; DROP TABLE t; --`, `таблица`, `flag`"_s
            << QVariantList{7LL, u""_s};
        QTest::newRow("mysql insert defaults")
            << u"mysql"_s << insertDefaults
            << u"INSERT INTO `s p`.`a\"b` () VALUES () RETURNING `id`, `x'; DROP TABLE t; --`, `таблица`, `flag`"_s
            << QVariantList{};

        QTest::newRow("sqlite update")
            << u"sqlite"_s << editText
            << u"UPDATE \"a\"\"b\" SET \"x'; DROP TABLE t; --\" = ? WHERE \"id\" = ? AND \"x'; DROP TABLE t; --\" IS ?"_s
            << QVariantList{u"new"_s, u"1"_s, u"old"_s};
        QTest::newRow("sqlite set null")
            << u"sqlite"_s << setNull
            << u"UPDATE \"a\"\"b\" SET \"таблица\" = ? WHERE \"id\" = ? AND \"таблица\" IS ?"_s
            << QVariantList{QVariant(), u"1"_s, u"2.50"_s};
        QTest::newRow("sqlite delete")
            << u"sqlite"_s << remove << u"DELETE FROM \"a\"\"b\" WHERE \"id\" = ?"_s
            << QVariantList{u"1"_s};
        QTest::newRow("sqlite insert")
            << u"sqlite"_s << insert
            << u"INSERT INTO \"a\"\"b\" (\"id\", \"x'; DROP TABLE t; --\") VALUES (?, ?) RETURNING \"id\", \"x'; DROP TABLE t; --\", \"таблица\", \"flag\""_s
            << QVariantList{7LL, u""_s};
        QTest::newRow("sqlite insert defaults")
            << u"sqlite"_s << insertDefaults
            << u"INSERT INTO \"a\"\"b\" DEFAULT VALUES RETURNING \"id\", \"x'; DROP TABLE t; --\", \"таблица\", \"flag\""_s
            << QVariantList{};
    }

    void generatesBoundStatements()
    {
        QFETCH(QString, engine);
        QFETCH(RowChange, change);
        QFETCH(QString, sql);
        QFETCH(QVariantList, parameters);

        const Result<QList<EditStatement>> planned = planner(engine).plan({change});
        QVERIFY2(planned.ok(), qPrintable(planned.error().toString()));
        QCOMPARE(planned->size(), 1);
        const EditStatement &statement = planned->first();
        QCOMPARE(statement.sql, sql);
        QCOMPARE(statement.row, change.row);
        QCOMPARE(statement.parameters.size(), parameters.size());
        for (int i = 0; i < parameters.size(); ++i) {
            const QVariant &actual = statement.parameters.at(i);
            const QVariant &expected = parameters.at(i);
            QCOMPARE(actual.isNull(), expected.isNull());
            if (!expected.isNull()) {
                QCOMPARE(actual.typeId(), expected.typeId());
                QCOMPARE(actual, expected);
            }
        }
        // Values are bound, never spliced into the text.
        QVERIFY(!statement.sql.contains(u"new"_s));
        QVERIFY(!statement.sql.contains(u"old"_s));
        QCOMPARE(statement.requiresOneRow(), change.kind != RowChange::Kind::Insert);
    }

    void ordersDeletesThenUpdatesThenInserts()
    {
        const ChangeSet changes = {change(RowChange::Kind::Insert, 9, {{0, u"9"_s}}),
                                   change(RowChange::Kind::Update, 3, {{1, u"b"_s}}),
                                   change(RowChange::Kind::Delete, 5),
                                   change(RowChange::Kind::Update, 1, {{1, u"a"_s}})};
        const Result<QList<EditStatement>> planned = planner(u"postgresql"_s).plan(changes);
        QVERIFY(planned.ok());
        QList<int> rows;
        QList<EditStatement::Kind> kinds;
        for (const EditStatement &statement : planned.value()) {
            rows << statement.row;
            kinds << statement.kind;
        }
        QCOMPARE(rows, (QList<int>{5, 1, 3, 9}));
        QCOMPARE(kinds, (QList<EditStatement::Kind>{
                            EditStatement::Kind::Delete, EditStatement::Kind::Update,
                            EditStatement::Kind::Update, EditStatement::Kind::Insert}));
    }

    void skipsUpdatesWithoutChangedCells()
    {
        const Result<QList<EditStatement>> planned =
            planner(u"sqlite"_s).plan({change(RowChange::Kind::Update, 0)});
        QVERIFY(planned.ok());
        QVERIFY(planned->isEmpty());
    }

    void rejectsBadValueNamingRowAndColumn()
    {
        const Result<QList<EditStatement>> planned =
            planner(u"mysql"_s).plan({change(RowChange::Kind::Update, 2, {{0, u"abc"_s}})});
        QVERIFY(!planned.ok());
        QCOMPARE(planned.error().code(), Error::Code::InvalidArgument);
        QVERIFY2(planned.error().message().contains(u"Row 3"_s),
                 qPrintable(planned.error().message()));
        QVERIFY(planned.error().message().contains(u"\"abc\""_s));
        QVERIFY(planned.error().message().contains(u"id"_s));
    }

    void typesValuesFromText_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QVariant>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QVariant>("expected");

        QTest::newRow("integer") << int(CellKind::Integer) << QVariant(u" -42 "_s) << true
                                 << QVariant(-42LL);
        QTest::newRow("big unsigned")
            << int(CellKind::Integer) << QVariant(u"18446744073709551615"_s) << true
            << QVariant(18446744073709551615ULL);
        QTest::newRow("integer text")
            << int(CellKind::Integer) << QVariant(u"4x"_s) << false << QVariant();
        QTest::newRow("empty integer")
            << int(CellKind::Integer) << QVariant(u""_s) << false << QVariant();
        QTest::newRow("null integer") << int(CellKind::Integer) << QVariant() << true << QVariant();
        QTest::newRow("float") << int(CellKind::Float) << QVariant(u"1.5e3"_s) << true
                               << QVariant(1500.0);
        QTest::newRow("float text")
            << int(CellKind::Float) << QVariant(u"one"_s) << false << QVariant();
        QTest::newRow("numeric exact")
            << int(CellKind::Numeric) << QVariant(u"12345678901234567890.0001"_s) << true
            << QVariant(u"12345678901234567890.0001"_s);
        QTest::newRow("numeric comma")
            << int(CellKind::Numeric) << QVariant(u"1,5"_s) << false << QVariant();
        QTest::newRow("bool t") << int(CellKind::Boolean) << QVariant(u"t"_s) << true
                                << QVariant(true);
        QTest::newRow("bool No") << int(CellKind::Boolean) << QVariant(u"No"_s) << true
                                 << QVariant(false);
        QTest::newRow("bool maybe")
            << int(CellKind::Boolean) << QVariant(u"maybe"_s) << false << QVariant();
        QTest::newRow("hex bytes") << int(CellKind::Binary) << QVariant(u"\\x00ff"_s) << true
                                   << QVariant(QByteArray("\x00\xff", 2));
        QTest::newRow("odd hex") << int(CellKind::Binary) << QVariant(u"\\x0"_s) << false
                                 << QVariant();
        QTest::newRow("text bytes")
            << int(CellKind::Binary) << QVariant(u"hi"_s) << true << QVariant(QByteArray("hi"));
        QTest::newRow("empty text")
            << int(CellKind::Text) << QVariant(u""_s) << true << QVariant(u""_s);
        QTest::newRow("date text") << int(CellKind::Date) << QVariant(u"2024-02-29"_s) << true
                                   << QVariant(u"2024-02-29"_s);
    }

    void typesValuesFromText()
    {
        QFETCH(int, kind);
        QFETCH(QVariant, input);
        QFETCH(bool, valid);
        QFETCH(QVariant, expected);
        ColumnInfo info = column(u"c"_s, CellKind(kind));
        const Result<QVariant> value = EditPlanner::typedValue(info, input);
        QCOMPARE(value.ok(), valid);
        if (!valid) {
            QVERIFY(value.error().message().contains(u"column c"_s));
            return;
        }
        QCOMPARE(value->isNull(), expected.isNull());
        if (!expected.isNull()) {
            QCOMPARE(value->typeId(), expected.typeId());
            QCOMPARE(value.value(), expected);
        }
    }

    void postgresTypesWithoutEqualityAreGuardedByTheKeyOnly_data()
    {
        QTest::addColumn<QString>("typeName");
        QTest::addColumn<bool>("checked");
        QTest::newRow("json") << u"json"_s << false;
        QTest::newRow("xml array") << u"xml[]"_s << false;
        QTest::newRow("point") << u"point"_s << false;
        QTest::newRow("jsonb") << u"jsonb"_s << true;
        QTest::newRow("text") << u"text"_s << true;
    }

    void postgresTypesWithoutEqualityAreGuardedByTheKeyOnly()
    {
        QFETCH(QString, typeName);
        QFETCH(bool, checked);
        EditTarget target = hostileTarget(u"s"_s);
        target.columns[1].typeName = typeName;
        const EditPlanner pg(target, m_dialects->pg, EditPlanner::Syntax::PostgreSql);
        const Result<QList<EditStatement>> planned =
            pg.plan({change(RowChange::Kind::Update, 0, {{1, u"v"_s}})});
        QVERIFY(planned.ok());
        QCOMPARE(planned->first().sql.contains(u"IS NOT DISTINCT FROM"_s), checked);
        QCOMPARE(planned->first().parameters.size(), checked ? 3 : 2);
    }

    void openTransactionProbePerEngine()
    {
        QVERIFY(EditPlanner::openTransactionProbe(EditPlanner::Syntax::PostgreSql)
                    .contains(u"statement_timestamp"_s));
        QCOMPARE(EditPlanner::openTransactionProbe(EditPlanner::Syntax::MySql),
                 u"SELECT @@in_transaction"_s);
        QCOMPARE(EditPlanner::openTransactionProbe(EditPlanner::Syntax::Sqlite),
                 u"SELECT strata_in_transaction()"_s);
    }

    void mysqlFloatEditsAreGuardedByTheKeyOnly()
    {
        EditTarget target = hostileTarget(u"s"_s);
        target.columns[1].kind = CellKind::Float;
        const EditPlanner mysql(target, m_dialects->mysql, EditPlanner::Syntax::MySql);
        const Result<QList<EditStatement>> planned =
            mysql.plan({change(RowChange::Kind::Update, 0, {{1, u"1.1"_s}})});
        QVERIFY(planned.ok());
        QCOMPARE(planned->first().sql,
                 u"UPDATE `s`.`a\"b` SET `x'; DROP TABLE t; --` = ? WHERE `id` = ?"_s);
    }
};

QTEST_GUILESS_MAIN(tst_EditPlanner)
#include "tst_editplanner.moc"
