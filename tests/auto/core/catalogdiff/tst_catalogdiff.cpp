// SPDX-License-Identifier: GPL-3.0-or-later
// CatalogDiff: hand-built catalogs, then real catalogs read from PostgreSQL, MariaDB and
// SQLite before and after a DDL change and its inverse.
#include "migrations/catalogdiff.h"

#include "scratchdatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Strata::Catalog)

namespace {

Column column(const QString &name, const QString &type, bool nullable = true)
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    return c;
}

ForeignKey foreignKey(const QString &name, const QString &column, const QString &refTable)
{
    ForeignKey fk;
    fk.name = name;
    fk.columns = {column};
    fk.refSchema = u"main"_s;
    fk.refTable = refTable;
    fk.refColumns = {u"id"_s};
    return fk;
}

CheckConstraint check(const QString &expression)
{
    CheckConstraint c;
    c.expression = expression;
    return c;
}

Catalog baseCatalog()
{
    Table orders;
    orders.schema = u"public"_s;
    orders.name = u"orders"_s;
    orders.columns = {column(u"id"_s, u"integer"_s, false),
                      column(u"customer_id"_s, u"integer"_s, true),
                      column(u"created_at"_s, u"timestamp"_s, true)};
    orders.primaryKeyName = u"orders_pkey"_s;
    orders.primaryKey = {u"id"_s};
    Index pk;
    pk.name = u"orders_pkey"_s;
    pk.columns = {u"id"_s};
    pk.unique = pk.primary = true;
    pk.method = u"btree"_s;
    Index byCustomer;
    byCustomer.name = u"orders_customer_idx"_s;
    byCustomer.columns = {u"customer_id"_s};
    byCustomer.method = u"btree"_s;
    byCustomer.definition = u"CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id)"_s;
    orders.indexes = {pk, byCustomer};
    ForeignKey fk;
    fk.name = u"orders_customer_fk"_s;
    fk.columns = {u"customer_id"_s};
    fk.refSchema = u"public"_s;
    fk.refTable = u"customers"_s;
    fk.refColumns = {u"id"_s};
    orders.foreignKeys = {fk};
    orders.rowEstimate = 100;
    orders.sizeBytes = 8192;

    Table customers;
    customers.schema = u"public"_s;
    customers.name = u"customers"_s;
    customers.columns = {column(u"id"_s, u"integer"_s, false), column(u"name"_s, u"text"_s, true)};
    customers.primaryKey = {u"id"_s};

    Table view;
    view.schema = u"public"_s;
    view.name = u"v"_s;
    view.kind = Table::Kind::View;
    view.columns = {column(u"id"_s, u"integer"_s, true)};
    view.viewDefinition = u"SELECT id FROM orders"_s;

    Routine fn;
    fn.schema = u"public"_s;
    fn.name = u"total"_s;
    fn.arguments = u"integer"_s;
    fn.returnType = u"numeric"_s;
    fn.definition = u"SELECT 1"_s;

    Schema schema;
    schema.name = u"public"_s;
    schema.tables = {customers, orders, view};
    schema.routines = {fn};

    Catalog catalog;
    catalog.engine = u"postgresql"_s;
    catalog.serverVersion = u"15.4"_s;
    catalog.database = u"shop"_s;
    catalog.queryCount = 7;
    catalog.schemas = {schema};
    return catalog;
}

Table &tableOf(Catalog &c, const QString &name)
{
    for (Table &t : c.schemas[0].tables) {
        if (t.name == name)
            return t;
    }
    qFatal("no table");
}

// Where a server catalog names the scratch objects: "schema." except SQLite's main.
QString ownerPrefix(const Test::ScratchDatabase &db)
{
    return db.engine() == "sqlite"_L1 ? QString() : db.schema() + u'.';
}

// Hostile names for the server tests.
const QString Parent = u"orders x'; DROP TABLE t; --"_s;
const QString Child = u"таблица a\"b"_s;
const QString Odd = u"cust a\"b"_s;
const QString NewColumn = u"note \"2\""_s;
const QString IndexName = u"таблица_idx"_s;
const QString ViewName = u"v x'y"_s;
const QString TriggerName = u"trg \"t\""_s;
const QString FkName = u"fk a'b"_s;

} // namespace

class tst_CatalogDiff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::ScratchDatabase> m_db;

    // %P %C %U %X %I %V %T %F: the quoted hostile names; {p} {c} {u} {x} {i} {v} {t} {f}: the
    // names as sentences show them; {s}: the owner prefix.
    QString expand(QString text) const
    {
        const IDialect &d = m_db->dialect();
        const QList<std::pair<QString, QString>> names = {
            {u"P"_s, Parent},     {u"C"_s, Child},    {u"U"_s, Odd},         {u"X"_s, NewColumn},
            {u"I"_s, IndexName},  {u"V"_s, ViewName}, {u"T"_s, TriggerName}, {u"F"_s, FkName}};
        for (const auto &[key, name] : names) {
            text.replace(u'%' + key, d.quoteIdentifier(name));
            text.replace(u'{' + key.toLower() + u'}', name);
        }
        text.replace(u"{s}"_s, ownerPrefix(*m_db));
        return text;
    }

    static void row(const QString &engine, const char *name, const QStringList &change,
                    const QStringList &expected, const QStringList &inverse)
    {
        QTest::addRow("%s/%s", qPrintable(engine), name) << engine << change << expected << inverse;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void namesEveryStructuralDifference_data()
    {
        QTest::addColumn<Catalog>("before");
        QTest::addColumn<Catalog>("after");
        QTest::addColumn<QStringList>("expected");
        const Catalog base = baseCatalog();

        QTest::newRow("identical") << base << base << QStringList();
        {
            Catalog c = base;
            tableOf(c, u"orders"_s).columns.append(column(u"note"_s, u"text"_s));
            QTest::newRow("column added") << base << c
                                          << QStringList{u"table public.orders: column note added"_s};
        }
        {
            Catalog c = base;
            tableOf(c, u"orders"_s).columns.removeAt(2);
            QTest::newRow("column removed")
                << base << c << QStringList{u"table public.orders: column created_at removed"_s};
        }
        {
            Catalog c = base;
            Column &col = tableOf(c, u"orders"_s).columns[1];
            col.type = u"bigint"_s;
            col.nullable = false;
            col.defaultValue = u"0"_s;
            QTest::newRow("column type, nullability and default")
                << base << c
                << QStringList{u"table public.orders: column customer_id: default none → 0"_s,
                               u"table public.orders: column customer_id: now NOT NULL"_s,
                               u"table public.orders: column customer_id: type integer → bigint"_s};
        }
        {
            Catalog c = base;
            Index &idx = tableOf(c, u"orders"_s).indexes[1];
            idx.columns << u"created_at"_s;
            idx.definition = u"CREATE INDEX orders_customer_idx ON public.orders (customer_id, created_at)"_s;
            QTest::newRow("index columns")
                << base << c
                << QStringList{u"index orders_customer_idx on public.orders: columns (customer_id) → "
                               "(customer_id, created_at)"_s};
        }
        {
            Catalog c = base;
            tableOf(c, u"orders"_s).indexes.removeAt(1);
            QTest::newRow("index removed")
                << base << c
                << QStringList{u"index orders_customer_idx on public.orders removed (it was (customer_id))"_s};
            QTest::newRow("index added")
                << c << base
                << QStringList{u"index orders_customer_idx on public.orders added (customer_id)"_s};
        }
        {
            Catalog c = base;
            tableOf(c, u"orders"_s).foreignKeys.clear();
            QTest::newRow("foreign key removed")
                << base << c
                << QStringList{u"foreign key orders_customer_fk on public.orders removed (it was "
                               "(customer_id) → public.customers(id))"_s};
        }
        {
            Catalog c = base;
            tableOf(c, u"orders"_s).foreignKeys[0].onDelete = u"CASCADE"_s;
            QTest::newRow("foreign key action")
                << base << c
                << QStringList{u"foreign key orders_customer_fk on public.orders: ON DELETE NO ACTION → CASCADE"_s};
        }
        {
            Catalog c = base;
            tableOf(c, u"v"_s).viewDefinition = u"SELECT id FROM orders WHERE id > 1"_s;
            QTest::newRow("view definition")
                << base << c << QStringList{u"view public.v: definition changed"_s};
        }
        {
            Catalog c = base;
            Trigger trigger;
            trigger.name = u"orders_audit"_s;
            trigger.timing = u"AFTER"_s;
            trigger.events = {u"INSERT"_s};
            trigger.definition = u"CREATE TRIGGER orders_audit AFTER INSERT ON orders ..."_s;
            tableOf(c, u"orders"_s).triggers.append(trigger);
            QTest::newRow("trigger added")
                << base << c << QStringList{u"trigger orders_audit on public.orders added"_s};
        }
        {
            Catalog c = base;
            tableOf(c, u"orders"_s).primaryKey << u"created_at"_s;
            QTest::newRow("primary key columns")
                << base << c << QStringList{u"table public.orders: primary key (id) → (id, created_at)"_s};
        }
        {
            Catalog c = base;
            c.schemas[0].tables.removeAt(0);
            QTest::newRow("table removed") << base << c
                                           << QStringList{u"table public.customers removed"_s};
        }
        {
            Catalog c = base;
            Routine overload = c.schemas[0].routines.first();
            overload.arguments = u"integer, integer"_s;
            c.schemas[0].routines.append(overload);
            c.schemas[0].routines[0].definition = u"SELECT 2"_s;
            Sequence s;
            s.schema = u"public"_s;
            s.name = u"order_no"_s;
            c.schemas[0].sequences.append(s);
            QTest::newRow("routines by signature, sequences")
                << base << c
                << QStringList{u"sequence public.order_no added"_s,
                               u"function public.total(integer): definition changed"_s,
                               u"function public.total(integer, integer) added"_s};
        }
        {
            Catalog c = base;
            Schema extra;
            extra.name = u"audit"_s;
            c.schemas.append(extra);
            QTest::newRow("schema added") << base << c << QStringList{u"schema audit added"_s};
        }
        {
            // The engine listing things in another order is no difference.
            Catalog c = base;
            std::reverse(c.schemas[0].tables.begin(), c.schemas[0].tables.end());
            Table &orders = tableOf(c, u"orders"_s);
            std::reverse(orders.indexes.begin(), orders.indexes.end());
            std::reverse(orders.columns.begin(), orders.columns.end());
            QTest::newRow("listing order") << base << c << QStringList();
        }
        {
            Catalog c = base;
            c.serverVersion = u"16.1"_s;
            c.queryCount = 9;
            tableOf(c, u"orders"_s).rowEstimate = 123456;
            tableOf(c, u"orders"_s).sizeBytes = 1 << 30;
            tableOf(c, u"orders"_s).indexes[1].definition = u"something the engine prints"_s;
            QTest::newRow("statistics and bookkeeping") << base << c << QStringList();
        }
        {
            Catalog c = base;
            Table history;
            history.schema = u"public"_s;
            history.name = u"strata_schema_migrations"_s;
            history.columns = {column(u"version"_s, u"text"_s, false)};
            c.schemas[0].tables.append(history);
            Sequence owned;
            owned.schema = u"public"_s;
            owned.name = u"strata_schema_migrations_id_seq"_s;
            owned.ownedBy = u"strata_schema_migrations.id"_s;
            c.schemas[0].sequences.append(owned);
            QTest::newRow("history table") << base << c << QStringList();
        }
        {
            Catalog c = base;
            Table &orders = tableOf(c, u"orders"_s);
            orders.name = u"x'; DROP TABLE t; --"_s;
            Catalog d = c;
            tableOf(d, orders.name).columns.append(column(u"a\"b <b>"_s, u"text"_s));
            QTest::newRow("hostile names shown as they are")
                << c << d
                << QStringList{u"table public.x'; DROP TABLE t; --: column a\"b <b> added"_s};
        }
        {
            // SQLite: unnamed foreign keys and checks are matched by content; main is implied.
            Catalog a;
            a.engine = u"sqlite"_s;
            Schema main;
            main.name = u"main"_s;
            Table t;
            t.schema = main.name;
            t.name = u"items"_s;
            t.columns = {column(u"a"_s, u"INTEGER"_s), column(u"b"_s, u"INTEGER"_s)};
            const ForeignKey f1 = foreignKey(QString(), u"a"_s, u"x"_s);
            const ForeignKey f2 = foreignKey(QString(), u"b"_s, u"y"_s);
            t.foreignKeys = {f1, f2};
            t.checkConstraints = {check(u"a > 0"_s)};
            main.tables = {t};
            a.schemas = {main};
            Catalog b = a;
            b.schemas[0].tables[0].foreignKeys = {f2};
            b.schemas[0].tables[0].checkConstraints = {check(u"a >= 0"_s)};
            QTest::newRow("sqlite unnamed constraints")
                << a << b
                << QStringList{u"foreign key (a) → main.x(id) on items removed"_s,
                               u"table items: check constraint CHECK (a > 0) removed"_s,
                               u"table items: check constraint CHECK (a >= 0) added"_s};
        }
    }

    void namesEveryStructuralDifference()
    {
        QFETCH(Catalog, before);
        QFETCH(Catalog, after);
        QFETCH(QStringList, expected);
        QCOMPARE(CatalogDiff::sentences(before, after), expected);
        // Nothing changed in the other direction either when nothing changed in this one.
        QCOMPARE(CatalogDiff::sentences(after, after), QStringList());
    }

    void columnOrderCountsOnlyWhenAsked()
    {
        const Catalog base = baseCatalog();
        Catalog c = base;
        c.schemas[0].tables[1].columns.move(2, 0);
        QCOMPARE(CatalogDiff::sentences(base, c), QStringList());
        CatalogDiff::Options options;
        options.compareColumnOrder = true;
        QCOMPARE(CatalogDiff::sentences(base, c, options),
                 QStringList{u"table public.orders: column order (id, customer_id, created_at) → "
                             "(created_at, id, customer_id)"_s});
    }

    void differencesCarryKindAndOwner()
    {
        const Catalog base = baseCatalog();
        Catalog c = base;
        tableOf(c, u"orders"_s).indexes.removeAt(1);
        const QList<CatalogDiff::Difference> diffs = CatalogDiff::compare(base, c);
        QCOMPARE(diffs.size(), 1);
        QCOMPARE(diffs.first().kind, CatalogDiff::Difference::Kind::Index);
        QCOMPARE(diffs.first().change, CatalogDiff::Difference::Change::Removed);
        QCOMPARE(diffs.first().owner, u"public.orders"_s);
        QCOMPARE(diffs.first().object, u"orders_customer_idx"_s);
    }

    void serverChangeAndItsInverse_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QStringList>("change");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("inverse");
        for (const QString &engine : {u"postgresql"_s, u"mysql"_s, u"sqlite"_s}) {
            const bool pg = engine == "postgresql"_L1;
            const bool my = engine == "mysql"_L1;
            row(engine, "add column", {u"ALTER TABLE %P ADD COLUMN %X integer"_s},
                {u"table {s}{p}: column {x} added"_s}, {u"ALTER TABLE %P DROP COLUMN %X"_s});
            row(engine, "create index", {u"CREATE INDEX %I ON %P (%U, id)"_s},
                {u"index {i} on {s}{p} added ({u}, id)"_s},
                {my ? u"DROP INDEX %I ON %P"_s : u"DROP INDEX %I"_s});
            row(engine, "create view", {u"CREATE VIEW %V AS SELECT id FROM %P"_s},
                {u"view {s}{v} added"_s}, {u"DROP VIEW %V"_s});
            QString trigger;
            if (pg)
                trigger = u"CREATE TRIGGER %T BEFORE INSERT ON %P FOR EACH ROW EXECUTE FUNCTION tst_cd_fn()"_s;
            else if (my)
                trigger = u"CREATE TRIGGER %T BEFORE INSERT ON %P FOR EACH ROW SET NEW.note = 'x'"_s;
            else
                trigger = u"CREATE TRIGGER %T AFTER INSERT ON %P BEGIN SELECT 1; END"_s;
            row(engine, "create trigger", {trigger}, {u"trigger {t} on {s}{p} added"_s},
                {pg ? u"DROP TRIGGER %T ON %P"_s : u"DROP TRIGGER %T"_s});
            if (pg || my) {
                row(engine, "add foreign key",
                    {u"ALTER TABLE %C ADD CONSTRAINT %F FOREIGN KEY (pid) REFERENCES %P (id)"_s},
                    {u"foreign key {f} on {s}{c} added ((pid) → {s}{p}(id))"_s},
                    {pg ? u"ALTER TABLE %C DROP CONSTRAINT %F"_s : u"ALTER TABLE %C DROP FOREIGN KEY %F"_s});
                row(engine, "column type",
                    {pg ? u"ALTER TABLE %P ALTER COLUMN note TYPE varchar(20)"_s
                        : u"ALTER TABLE %P MODIFY note varchar(20)"_s},
                    {pg ? u"table {s}{p}: column note: type text → character varying(20)"_s
                        : u"table {s}{p}: column note: type text → varchar(20)"_s},
                    {pg ? u"ALTER TABLE %P ALTER COLUMN note TYPE text"_s
                        : u"ALTER TABLE %P MODIFY note text"_s});
            }
            row(engine, "drop table", {u"DROP TABLE %C"_s}, {u"table {s}{c} removed"_s},
                {u"CREATE TABLE %C (id integer PRIMARY KEY, pid integer)"_s,
                 u"CREATE INDEX child_pid_idx ON %C (pid)"_s});
        }
    }

    void serverChangeAndItsInverse()
    {
        QFETCH(QString, engine);
        QFETCH(QStringList, change);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, inverse);
        if (engine == "postgresql"_L1)
            STRATA_REQUIRE_PG();
        if (engine == "mysql"_L1)
            STRATA_REQUIRE_MYSQL();
        m_db = std::make_unique<Test::ScratchDatabase>(u"tst_catalogdiff"_s);
        const QString opened = m_db->open(engine, m_dir.path());
        QVERIFY2(opened.isEmpty(), qPrintable(opened));

        QStringList setup = {u"CREATE TABLE %P (id integer PRIMARY KEY, %U integer, note text)"_s,
                             u"CREATE TABLE %C (id integer PRIMARY KEY, pid integer)"_s,
                             u"CREATE INDEX child_pid_idx ON %C (pid)"_s};
        if (engine == "postgresql"_L1)
            setup << u"CREATE FUNCTION tst_cd_fn() RETURNS trigger LANGUAGE plpgsql AS "
                     "$$BEGIN RETURN NEW; END$$"_s;
        for (const QString &sql : std::as_const(setup))
            QCOMPARE(m_db->run(expand(sql)), QString());

        const Result<Catalog> before = m_db->catalog();
        QVERIFY2(before, qPrintable(before.error().toString()));
        QVERIFY(before->table(m_db->schema(), Parent));
        for (const QString &sql : std::as_const(change))
            QCOMPARE(m_db->run(expand(sql)), QString());
        const Result<Catalog> changed = m_db->catalog();
        QVERIFY(changed);
        QStringList want;
        for (const QString &sentence : std::as_const(expected))
            want << expand(sentence);
        QCOMPARE(CatalogDiff::sentences(before.value(), changed.value()), want);

        for (const QString &sql : std::as_const(inverse))
            QCOMPARE(m_db->run(expand(sql)), QString());
        const Result<Catalog> restored = m_db->catalog();
        QVERIFY(restored);
        QCOMPARE(CatalogDiff::sentences(before.value(), restored.value()), QStringList());
    }

    void cleanup() { m_db.reset(); }
};

QTEST_GUILESS_MAIN(tst_CatalogDiff)
#include "tst_catalogdiff.moc"
