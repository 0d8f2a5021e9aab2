// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitecatalogreader.h"
#include "sqlitesession.h"
#include "../sqlitetestsupport.h"

#include "results/resultset.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Strata;
using Strata::Sqlite::Internal::SqliteCatalogReader;
using Strata::Sqlite::Internal::SqliteSession;

namespace {

const QString ShopSql = uR"(
CREATE TABLE parent (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL COLLATE NOCASE CONSTRAINT uq_code UNIQUE,
    price NUMERIC(10,2) DEFAULT 0 CONSTRAINT ck_price CHECK (price >= 0),
    note VARCHAR(20) DEFAULT 'a '')'' b',
    doubled INTEGER GENERATED ALWAYS AS (id * 2) STORED
);
CREATE TABLE child (
    a INTEGER NOT NULL,
    b TEXT NOT NULL,
    parent_id INTEGER REFERENCES parent ON DELETE CASCADE,
    parent_code TEXT,
    CONSTRAINT pk_child PRIMARY KEY (a, b),
    UNIQUE (b, a),
    CHECK (a > 0 AND b <> 'x,)'),
    CONSTRAINT fk_code FOREIGN KEY (parent_code) REFERENCES parent (code) ON UPDATE SET NULL ON DELETE RESTRICT
);
CREATE INDEX ix_partial ON child (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX ix_expr ON child (lower(b), a + 1);
CREATE UNIQUE INDEX ux_code ON parent (code, price);
CREATE VIEW expensive AS SELECT id, price FROM parent WHERE price > 10;
CREATE TRIGGER tr_child AFTER UPDATE OF b ON child BEGIN SELECT 1; END;
CREATE TRIGGER tr_default DELETE ON parent BEGIN SELECT 2; END;
INSERT INTO parent (id, code) VALUES (1, 'p1'), (2, 'p2'), (3, 'p3');
)"_s;

} // namespace

class tst_SqliteCatalogReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Result<Catalog> read(const QString &name, const QString &sql)
    {
        return Strata::Sqlite::Test::catalogAfter(m_dir.filePath(name), sql);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void emptyDatabaseHasEmptyMainSchema()
    {
        const auto catalog = read(u"empty.db"_s, QString());
        QVERIFY2(catalog.ok(), qPrintable(catalog.error().toString()));
        QCOMPARE(catalog->engine, u"sqlite"_s);
        QCOMPARE(catalog->schemas.size(), 1);
        QCOMPARE(catalog->schemas[0].name, u"main"_s);
        QCOMPARE(catalog->tableCount(), 0);
    }

    void readsColumnsAndKeys()
    {
        const auto catalog = read(u"shop.db"_s, ShopSql);
        QVERIFY2(catalog.ok(), qPrintable(catalog.error().toString()));
        const Table *parent = catalog->table(u"main"_s, u"parent"_s);
        QVERIFY(parent);
        QCOMPARE(parent->kind, Table::Kind::Table);
        QCOMPARE(parent->columns.size(), 5);
        QVERIFY(parent->column(u"id"_s)->autoIncrement);
        QCOMPARE(parent->primaryKey, QStringList{u"id"_s});
        QCOMPARE(parent->primaryKeyName, QString());
        const Column *code = parent->column(u"code"_s);
        QCOMPARE(code->type, u"TEXT"_s);
        QVERIFY(!code->nullable);
        QCOMPARE(code->collation, u"NOCASE"_s);
        QVERIFY(!code->defaultValue.has_value());
        QCOMPARE(parent->column(u"price"_s)->defaultValue, std::optional<QString>(u"0"_s));
        QCOMPARE(parent->column(u"price"_s)->type, u"NUMERIC(10,2)"_s);
        QCOMPARE(parent->column(u"note"_s)->defaultValue, std::optional<QString>(u"'a '')'' b'"_s));
        QCOMPARE(parent->column(u"doubled"_s)->generated, u"id * 2"_s);
        QCOMPARE(parent->uniqueConstraints.size(), 1);
        QCOMPARE(parent->uniqueConstraints[0].name, u"uq_code"_s);
        QCOMPARE(parent->uniqueConstraints[0].columns, QStringList{u"code"_s});
        QCOMPARE(parent->checkConstraints.size(), 1);
        QCOMPARE(parent->checkConstraints[0].name, u"ck_price"_s);
        QCOMPARE(parent->checkConstraints[0].expression, u"price >= 0"_s);

        const Table *child = catalog->table(u"main"_s, u"child"_s);
        QVERIFY(child);
        QCOMPARE(child->primaryKeyName, u"pk_child"_s);
        QCOMPARE(child->primaryKey, (QStringList{u"a"_s, u"b"_s}));
        QVERIFY(!child->column(u"a"_s)->autoIncrement);
        QCOMPARE(child->uniqueConstraints.size(), 1);
        QCOMPARE(child->uniqueConstraints[0].name, QString());
        QCOMPARE(child->uniqueConstraints[0].columns, (QStringList{u"b"_s, u"a"_s}));
        QCOMPARE(child->checkConstraints.size(), 1);
        QCOMPARE(child->checkConstraints[0].expression, u"a > 0 AND b <> 'x,)'"_s);
    }

    void readsForeignKeys()
    {
        const auto catalog = read(u"fk.db"_s, ShopSql);
        QVERIFY(catalog.ok());
        const Table *child = catalog->table(u"main"_s, u"child"_s);
        QCOMPARE(child->foreignKeys.size(), 2);
        const ForeignKey &implicit = child->foreignKeys[0];
        QCOMPARE(implicit.name, QString());
        QCOMPARE(implicit.columns, QStringList{u"parent_id"_s});
        QCOMPARE(implicit.refTable, u"parent"_s);
        QCOMPARE(implicit.refColumns, QStringList{u"id"_s}); // the referenced primary key
        QCOMPARE(implicit.onDelete, u"CASCADE"_s);
        QCOMPARE(implicit.onUpdate, u"NO ACTION"_s);
        const ForeignKey &named = child->foreignKeys[1];
        QCOMPARE(named.name, u"fk_code"_s);
        QCOMPARE(named.refColumns, QStringList{u"code"_s});
        QCOMPARE(named.onDelete, u"RESTRICT"_s);
        QCOMPARE(named.onUpdate, u"SET NULL"_s);
    }

    void readsIndexes()
    {
        const auto catalog = read(u"ix.db"_s, ShopSql);
        QVERIFY(catalog.ok());
        const Table *child = catalog->table(u"main"_s, u"child"_s);
        auto find = [child](const QString &name) -> const Index * {
            for (const Index &i : child->indexes) {
                if (i.name == name)
                    return &i;
            }
            return nullptr;
        };
        QCOMPARE(child->indexes.size(), 4); // pk, unique, partial, expression
        const Index *partial = find(u"ix_partial"_s);
        QVERIFY(partial);
        QCOMPARE(partial->predicate, u"parent_id IS NOT NULL"_s);
        QVERIFY(!partial->unique);
        const Index *expr = find(u"ix_expr"_s);
        QVERIFY(expr);
        QCOMPARE(expr->columns, (QStringList{u"lower(b)"_s, u"a + 1"_s}));
        const Index *pk = find(u"sqlite_autoindex_child_1"_s);
        QVERIFY(pk);
        QVERIFY(pk->primary);
        QVERIFY(pk->unique);
        const Table *parent = catalog->table(u"main"_s, u"parent"_s);
        bool sawUnique = false;
        for (const Index &i : parent->indexes) {
            if (i.name == "ux_code"_L1) {
                sawUnique = true;
                QVERIFY(i.unique);
                QCOMPARE(i.columns, (QStringList{u"code"_s, u"price"_s}));
            }
        }
        QVERIFY(sawUnique);
    }

    void readsViewsAndTriggers()
    {
        const auto catalog = read(u"vt.db"_s, ShopSql);
        QVERIFY(catalog.ok());
        const Table *view = catalog->table(u"main"_s, u"expensive"_s);
        QVERIFY(view);
        QCOMPARE(view->kind, Table::Kind::View);
        QCOMPARE(view->viewDefinition, u"SELECT id, price FROM parent WHERE price > 10"_s);
        QCOMPARE(view->columns.size(), 2);
        const Table *child = catalog->table(u"main"_s, u"child"_s);
        QCOMPARE(child->triggers.size(), 1);
        QCOMPARE(child->triggers[0].name, u"tr_child"_s);
        QCOMPARE(child->triggers[0].timing, u"AFTER"_s);
        QCOMPARE(child->triggers[0].events, QStringList{u"UPDATE"_s});
        QVERIFY(child->triggers[0].definition.startsWith(u"CREATE TRIGGER tr_child"_s));
        const Table *parent = catalog->table(u"main"_s, u"parent"_s);
        QCOMPARE(parent->triggers.size(), 1);
        QCOMPARE(parent->triggers[0].timing, u"BEFORE"_s);
        QCOMPARE(parent->triggers[0].events, QStringList{u"DELETE"_s});
    }

    void estimatesComeFromStat1AndDbstat()
    {
        auto before = read(u"stat.db"_s, ShopSql);
        QVERIFY(before.ok());
        QCOMPARE(before->table(u"main"_s, u"parent"_s)->rowEstimate, -1);
        QVERIFY(before->table(u"main"_s, u"parent"_s)->sizeBytes > 0); // Debian builds dbstat
        auto after = read(u"stat.db"_s, u"ANALYZE"_s);
        QVERIFY(after.ok());
        QCOMPARE(after->table(u"main"_s, u"parent"_s)->rowEstimate, 3);
        QCOMPARE(after->queryCount, before->queryCount + 1); // sqlite_stat1 now exists
        QVERIFY(!after->table(u"main"_s, u"sqlite_stat1"_s));
    }

    void queryCountIsIndependentOfTableCount_data()
    {
        QTest::addColumn<int>("tables");
        QTest::newRow("10") << 10;
        QTest::newRow("500") << 500;
    }
    void queryCountIsIndependentOfTableCount()
    {
        QFETCH(int, tables);
        QString sql = u"BEGIN;\n"_s;
        for (int i = 0; i < tables; ++i)
            sql += u"CREATE TABLE t%1 (id INTEGER PRIMARY KEY, name TEXT UNIQUE, ref INTEGER "
                   "REFERENCES t0 (id)); CREATE INDEX ix%1 ON t%1 (ref);\n"_s.arg(i);
        sql += u"COMMIT;"_s;
        const auto catalog = read(u"many-%1.db"_s.arg(tables), sql);
        QVERIFY(catalog.ok());
        QCOMPARE(catalog->tableCount(), tables);
        QCOMPARE(catalog->queryCount, 5); // objects, columns, indexes, FKs, dbstat
        const Table *last = catalog->table(u"main"_s, u"t%1"_s.arg(tables - 1));
        QCOMPARE(last->indexes.size(), 2);
        QCOMPARE(last->foreignKeys.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_SqliteCatalogReader)
#include "tst_sqlitecatalogreader.moc"
