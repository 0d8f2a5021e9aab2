// SPDX-License-Identifier: GPL-3.0-or-later
// EngineSession::applyInTransaction with EditPlanner's statements, on the real PostgreSQL,
// MariaDB and SQLite: what the editing grid does when the user saves.
#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "edit/columnorigins.h"
#include "edit/editability.h"
#include "edit/editplanner.h"
#include "plugins/idialect.h"

#include "mysqlengine.h"
#include "postgresengine.h"
#include "sqliteengine.h"
#include "testservers.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
// Hostile names, unique to this test (other tests share the servers).
const QString TableName = u"tst_editapply a\"b x'; --"_s;
const QString NameColumn = u"na\"me x'; DROP TABLE t; --"_s;
const QString UniqueColumn = u"таблица"_s;

template <typename T> T wait(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}
} // namespace

class tst_EditApply : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QObject> m_engines[3];
    QString m_engine;
    std::unique_ptr<EngineSession> m_session;
    std::unique_ptr<EngineSession> m_other; // "someone else"

    QObject *plugin(const QString &engine)
    {
        if (engine == "postgresql"_L1)
            return m_engines[0].get();
        if (engine == "mysql"_L1)
            return m_engines[1].get();
        return m_engines[2].get();
    }

    ConnectionSettings settingsFor(const QString &engine)
    {
        if (engine == "sqlite"_L1) {
            ConnectionSettings settings;
            settings.engine = engine;
            settings.database = m_dir.filePath(u"editapply.db"_s);
            return settings;
        }
        Result<ConnectionSettings> settings =
            ConnectionUrl::parse(engine == "postgresql"_L1 ? Test::pgUrl() : Test::mysqlUrl());
        if (!settings)
            return {};
        settings->password = Test::password();
        return settings.value();
    }

    const IDialect &dialect() const { return *m_session->dialect(); }
    QString table() const
    {
        return m_engine == "sqlite"_L1 ? dialect().quoteIdentifier(TableName)
                                       : dialect().qualifiedName(schema(), TableName);
    }
    QString schema() const
    {
        if (m_engine == "postgresql"_L1)
            return u"public"_s;
        if (m_engine == "mysql"_L1)
            return m_session->settings().database;
        return u"main"_s;
    }
    QString q(const QString &name) const { return dialect().quoteIdentifier(name); }

    bool run(EngineSession &session, const QString &sql, const QVariantList &parameters = {})
    {
        const Result<QList<ResultSet>> result = wait(session.query(sql, parameters));
        if (!result)
            qWarning("%s: %s", qPrintable(sql), qPrintable(result.error().toString()));
        return result.ok();
    }

    // The rows as the server has them now: "id|name|unique" per row, by id.
    QStringList serverRows()
    {
        const Result<QList<ResultSet>> result =
            wait(m_session->query(u"SELECT id, %1, %2 FROM %3 ORDER BY id"_s.arg(
                q(NameColumn), q(UniqueColumn), table())));
        if (!result || result->isEmpty())
            return {u"error"_s};
        QStringList rows;
        const ResultSet &set = result->first();
        for (qint64 r = 0; r < set.rowCount(); ++r) {
            QStringList cells;
            for (int c = 0; c < 3; ++c)
                cells << (set.isNull(r, c) ? u"NULL"_s : set.text(r, c));
            rows << cells.join(u'|');
        }
        return rows;
    }

    // Reads the table the way the grid does and decides editability from the real catalog.
    Result<EditTarget> readTarget(const QString &select, ResultSet *read = nullptr)
    {
        const Result<QList<ResultSet>> result = wait(m_session->query(select));
        if (!result)
            return result.error();
        ColumnList columns = result->first().columns;
        if (read)
            *read = result->first();
        if (ColumnOrigins::needsLookup(columns)) {
            const IDialect::Query query = ColumnOrigins::lookup(dialect(), columns);
            const Result<QList<ResultSet>> lookup = wait(m_session->query(query.sql, query.parameters));
            if (!lookup)
                return lookup.error();
            if (lookup->isEmpty())
                return Error(Error::Code::InvalidArgument, u"the dialect has no column-origin query"_s);
            columns = ColumnOrigins::resolved(columns, lookup->first());
        }
        CatalogRequest request;
        request.schemas = {schema()};
        const Result<Catalog> catalog = wait(m_session->loadCatalog(request));
        if (!catalog)
            return catalog.error();
        return Editability::check(columns, catalog.value());
    }

    RowChange update(int row, const ResultSet &read, const QHash<int, QVariant> &values)
    {
        RowChange change;
        change.kind = RowChange::Kind::Update;
        change.row = row;
        for (int c = 0; c < read.columns.size(); ++c)
            change.original << (read.isNull(row, c)
                                    ? QVariant()
                                    : QVariant(QString::fromUtf8(read.raw(row, c))));
        change.values = values;
        return change;
    }
    RowChange remove(int row, const ResultSet &read)
    {
        RowChange change = update(row, read, {});
        change.kind = RowChange::Kind::Delete;
        return change;
    }
    static RowChange insert(int row, const QHash<int, QVariant> &values)
    {
        RowChange change;
        change.kind = RowChange::Kind::Insert;
        change.row = row;
        change.values = values;
        return change;
    }

    Result<ApplyOutcome> save(const EditTarget &target, const ChangeSet &changes)
    {
        const EditPlanner planner(target, dialect(), EditPlanner::syntaxFor(m_engine));
        const Result<QList<EditStatement>> statements = planner.plan(changes);
        if (!statements)
            return statements.error();
        return wait(m_session->applyInTransaction(
            statements.value(),
            EditPlanner::openTransactionProbe(EditPlanner::syntaxFor(m_engine))));
    }

    QString select() const
    {
        return u"SELECT id, %1 AS \"alias\", %2 FROM %3 ORDER BY id"_s
            .arg(q(NameColumn), q(UniqueColumn), table())
            .replace(u"\"alias\""_s, q(u"alias"_s));
    }

    static void addEngines()
    {
        QTest::addColumn<int>("unused");
        QTest::newRow("postgresql") << 0;
        QTest::newRow("mysql") << 0;
        QTest::newRow("sqlite") << 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_engines[0] = std::make_unique<Postgres::PostgresEngine>();
        m_engines[1] = std::make_unique<MySql::MySqlEngine>();
        m_engines[2] = std::make_unique<Sqlite::SqliteEngine>();
    }

    void init()
    {
        m_engine = QString::fromLatin1(QTest::currentDataTag());
        if (m_engine == "postgresql"_L1)
            STRATA_REQUIRE_PG();
        if (m_engine == "mysql"_L1)
            STRATA_REQUIRE_MYSQL();
        m_session = std::make_unique<EngineSession>(plugin(m_engine), settingsFor(m_engine));
        m_other = std::make_unique<EngineSession>(plugin(m_engine), settingsFor(m_engine));
        const Result<QString> opened = wait(m_session->open());
        QVERIFY2(opened, qPrintable(opened.error().toString()));
        QVERIFY(wait(m_other->open()));
        QVERIFY(run(*m_session, u"DROP TABLE IF EXISTS %1"_s.arg(table())));
        QVERIFY(run(
            *m_session,
            u"CREATE TABLE %1 (id INTEGER PRIMARY KEY, %2 VARCHAR(100), %3 VARCHAR(100) UNIQUE)"_s
                .arg(table(), q(NameColumn), q(UniqueColumn))));
        QVERIFY(
            run(*m_session,
                u"INSERT INTO %1 VALUES (1, 'one', 'u1'), (2, 'two', 'u2'), (3, NULL, 'u3')"_s.arg(
                    table())));
    }

    void cleanup()
    {
        if (m_session)
            (void)run(*m_session, u"DROP TABLE IF EXISTS %1"_s.arg(table()));
        m_other.reset();
        m_session.reset();
    }

    void columnsNameTheirSource_data() { addEngines(); }
    void columnsNameTheirSource()
    {
        const QString sql =
            u"SELECT id AS ident, %1, upper(%1) AS up FROM %2"_s.arg(q(NameColumn), table());
        Result<QList<ResultSet>> result = wait(m_session->query(sql));
        QVERIFY(result);
        ColumnList columns = result->first().columns;
        if (ColumnOrigins::needsLookup(columns)) {
            QCOMPARE(m_engine, u"postgresql"_s);
            const IDialect::Query query = ColumnOrigins::lookup(dialect(), columns);
            QVERIFY(!query.sql.isEmpty());
            const Result<QList<ResultSet>> lookup = wait(m_session->query(query.sql, query.parameters));
            QVERIFY(lookup && !lookup->isEmpty());
            columns = ColumnOrigins::resolved(columns, lookup->first());
        }
        QCOMPARE(columns.at(0).name, u"ident"_s);
        QCOMPARE(columns.at(0).sourceColumn, u"id"_s);
        QCOMPARE(columns.at(0).table, TableName);
        QCOMPARE(columns.at(0).schema, schema());
        QCOMPARE(columns.at(1).sourceColumn, NameColumn);
        QVERIFY(!columns.at(2).hasSource());
    }

    void readOnlyReasons_data() { addEngines(); }
    void readOnlyReasons()
    {
        Result<EditTarget> target = readTarget(u"SELECT %1 FROM %2"_s.arg(q(NameColumn), table()));
        QVERIFY(!target);
        QCOMPARE(target.error().message(), u"the primary key column id is not in the result"_s);
        // A self-join reads one table, but shows id twice.
        target = readTarget(u"SELECT a.id, b.id AS other FROM %1 a, %1 b"_s.arg(table()));
        QVERIFY(!target);
        QCOMPARE(target.error().message(), u"the column id is shown twice"_s);
        target = readTarget(u"SELECT id, 1 + 1 AS two FROM %1"_s.arg(table()));
        QVERIFY(!target);
        QCOMPARE(target.error().message(), u"the column two is computed, not read from a table"_s);
    }

    void viewsAreReadOnly_data() { addEngines(); }
    void viewsAreReadOnly()
    {
        const QString viewName = u"tst_editapply v\"iew"_s;
        const QString view =
            m_engine == "sqlite"_L1 ? q(viewName) : dialect().qualifiedName(schema(), viewName);
        QVERIFY(run(*m_session, u"DROP VIEW IF EXISTS %1"_s.arg(view)));
        QVERIFY(run(*m_session, u"CREATE VIEW %1 AS SELECT id, %2 FROM %3"_s.arg(
                                    view, q(NameColumn), table())));
        const Result<EditTarget> target =
            readTarget(u"SELECT id, %1 FROM %2"_s.arg(q(NameColumn), view));
        QVERIFY(run(*m_session, u"DROP VIEW %1"_s.arg(view)));
        if (m_engine == "sqlite"_L1) {
            // SQLite names the base table behind a view's columns: that table is edited.
            QVERIFY2(target, qPrintable(target.error().message()));
            QCOMPARE(target->table, TableName);
            return;
        }
        QVERIFY(!target);
        QCOMPARE(target.error().message(), viewName + u" is a view"_s);
    }

    void editInsertDeleteAreCommitted_data() { addEngines(); }
    void editInsertDeleteAreCommitted()
    {
        ResultSet read;
        const Result<EditTarget> target = readTarget(select(), &read);
        QVERIFY2(target, qPrintable(target.error().message()));
        QCOMPARE(target->keyColumns, QList<int>{0});
        const ChangeSet changes = {update(0, read, {{1, u"uno"_s}, {2, QVariant()}}),
                                   update(2, read, {{1, u""_s}}), remove(1, read),
                                   insert(3, {{0, u"4"_s}, {1, u"four 'x'"_s}, {2, u"u4"_s}})};
        const Result<ApplyOutcome> outcome = save(target.value(), changes);
        QVERIFY2(outcome, qPrintable(outcome.error().toString()));
        QVERIFY2(outcome->committed(), qPrintable(outcome->message));
        QCOMPARE(outcome->insertedValues.value(3), (QVariantList{u"4"_s, u"four 'x'"_s, u"u4"_s}));
        QCOMPARE(serverRows(), (QStringList{u"1|uno|NULL"_s, u"3||u3"_s, u"4|four 'x'|u4"_s}));
    }

    void conflictSavesNothingAndNamesTheRow_data() { addEngines(); }
    void conflictSavesNothingAndNamesTheRow()
    {
        ResultSet read;
        const Result<EditTarget> target = readTarget(select(), &read);
        QVERIFY(target);
        // Someone else changes row 3 (NULL name) between our read and our save.
        QVERIFY(run(*m_other,
                    u"UPDATE %1 SET %2 = 'theirs' WHERE id = 3"_s.arg(table(), q(NameColumn))));
        const ChangeSet changes = {remove(0, read), update(1, read, {{1, u"mine"_s}}),
                                   update(2, read, {{1, u"mine too"_s}}),
                                   insert(3, {{0, u"9"_s}, {2, u"u9"_s}})};
        const Result<ApplyOutcome> outcome = save(target.value(), changes);
        QVERIFY(outcome);
        QCOMPARE(outcome->status, ApplyOutcome::Status::Conflict);
        QCOMPARE(outcome->failedRow, 2);
        QCOMPARE(outcome->message,
                 u"The row was changed or deleted by someone else since it was read."_s);
        QVERIFY(outcome->insertedValues.isEmpty());
        QCOMPARE(serverRows(), (QStringList{u"1|one|u1"_s, u"2|two|u2"_s, u"3|theirs|u3"_s}));
    }

    void deletedRowIsAConflict_data() { addEngines(); }
    void deletedRowIsAConflict()
    {
        ResultSet read;
        const Result<EditTarget> target = readTarget(select(), &read);
        QVERIFY(target);
        QVERIFY(run(*m_other, u"DELETE FROM %1 WHERE id = 2"_s.arg(table())));
        const Result<ApplyOutcome> outcome =
            save(target.value(), {update(0, read, {{1, u"x"_s}}), remove(1, read)});
        QVERIFY(outcome);
        QCOMPARE(outcome->status, ApplyOutcome::Status::Conflict);
        QCOMPARE(outcome->failedRow, 1);
        QCOMPARE(serverRows(), (QStringList{u"1|one|u1"_s, u"3|NULL|u3"_s}));
    }

    void uniqueViolationRollsBackAndNamesTheRow_data() { addEngines(); }
    void uniqueViolationRollsBackAndNamesTheRow()
    {
        ResultSet read;
        const Result<EditTarget> target = readTarget(select(), &read);
        QVERIFY(target);
        const ChangeSet changes = {update(0, read, {{1, u"changed"_s}}),
                                   insert(3, {{0, u"5"_s}, {2, u"u5"_s}}),
                                   insert(4, {{0, u"6"_s}, {2, u"u1"_s}})};
        const Result<ApplyOutcome> outcome = save(target.value(), changes);
        QVERIFY(outcome);
        QCOMPARE(outcome->status, ApplyOutcome::Status::Failed);
        QCOMPARE(outcome->failedRow, 4);
        QCOMPARE(outcome->failedStatement, 2);
        QVERIFY(!outcome->message.isEmpty());
        QCOMPARE(serverRows(), (QStringList{u"1|one|u1"_s, u"2|two|u2"_s, u"3|NULL|u3"_s}));
        // The session is usable afterwards: the transaction is gone.
        const Result<ApplyOutcome> again =
            save(target.value(), {update(0, read, {{1, u"later"_s}})});
        QVERIFY(again && again->committed());
        QCOMPARE(serverRows().first(), u"1|later|u1"_s);
    }

    void transactionLeftOpenByTheUserIsNotTouched_data() { addEngines(); }
    void transactionLeftOpenByTheUserIsNotTouched()
    {
        ResultSet read;
        const Result<EditTarget> target = readTarget(select(), &read);
        QVERIFY(target);
        // The user typed BEGIN and an UPDATE in a query tab, and has not committed.
        QVERIFY(run(*m_session, u"BEGIN"_s));
        QVERIFY(run(*m_session,
                    u"UPDATE %1 SET %2 = 'by hand' WHERE id = 1"_s.arg(table(), q(NameColumn))));
        const Result<ApplyOutcome> outcome =
            save(target.value(), {update(1, read, {{1, u"edited"_s}})});
        QVERIFY(!outcome);
        QVERIFY(!outcome.error().message().isEmpty());
        // Their transaction is still open: rolling it back undoes their update, and ours never ran.
        QVERIFY(run(*m_session, u"ROLLBACK"_s));
        QCOMPARE(serverRows(), (QStringList{u"1|one|u1"_s, u"2|two|u2"_s, u"3|NULL|u3"_s}));
    }
};

QTEST_GUILESS_MAIN(tst_EditApply)
#include "tst_editapply.moc"
