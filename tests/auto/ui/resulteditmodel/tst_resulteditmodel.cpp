// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/enginesession.h"
#include "results/resulteditmodel.h"
#include "results/resultgridmodel.h"
#include "results/resultsetsink.h"
#include "results/rowstore.h"
#include "sqliteengine.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
template <typename T> T resultOf(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}
} // namespace

class tst_ResultEditModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineSession> m_session;
    std::shared_ptr<ResultSetSink> m_sink;
    std::unique_ptr<ResultGridModel> m_grid;
    std::unique_ptr<ResultEditModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    Sqlite::SqliteEngine m_sqlite;

    QModelIndex cell(int row, int column) const { return m_model->index(row, column); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        ConnectionSettings s;
        s.engine = u"sqlite"_s;
        s.database = m_dir->filePath(u"edit.db"_s);
        m_session = std::make_unique<EngineSession>(&m_sqlite, s);
        QVERIFY(resultOf(m_session->open()).ok());
        QVERIFY(resultOf(
                    m_session->query(
                        u"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB, n REAL)"_s))
                    .ok());
        QVERIFY(
            resultOf(
                m_session->query(
                    u"INSERT INTO t VALUES (1, 'a', x'00ff', 1.5), (2, NULL, NULL, NULL), (3, 'c', x'', 3)"_s))
                .ok());
        m_sink = ResultSetSink::create(0);
        QVERIFY(resultOf(m_session->execute(u"SELECT id, name, data, n FROM t ORDER BY id"_s, {},
                                            m_sink))
                    .ok());
        RowStore *store = m_sink->store(0);
        QVERIFY(QTest::qWaitFor([store] { return store->publishedRowCount() == 3; }, 5000));
        m_grid = std::make_unique<ResultGridModel>(store);
        m_model = std::make_unique<ResultEditModel>(m_grid.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setEditable(true);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_grid.reset();
        m_sink.reset();
        m_session.reset();
    }

    void showsTheStoreUntilEdited()
    {
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->columnCount(), 4);
        QCOMPARE(m_model->data(cell(0, 1)).toString(), u"a"_s);
        QCOMPARE(m_model->data(cell(0, 2)).toString(), u"\\x00ff"_s);
        QCOMPARE(m_model->data(cell(1, 1)).toString(), u"NULL"_s);
        QVERIFY(m_model->data(cell(1, 1), Qt::FontRole).value<QFont>().italic());
        QCOMPARE(m_model->headerData(1, Qt::Horizontal).toString(), u"name"_s);
        QCOMPARE(m_model->headerData(1, Qt::Vertical).toString(), u"2"_s);
        QVERIFY(!m_model->hasPendingChanges());
        QVERIFY(m_model->changes().isEmpty());
    }

    void emptyTextAndNullStayDistinct()
    {
        QVERIFY(m_model->setData(cell(1, 1), u""_s)); // NULL -> empty string
        QVERIFY(m_model->isEdited(cell(1, 1)));
        QCOMPARE(m_model->data(cell(1, 1)).toString(), u""_s);
        m_model->setNull({cell(0, 1)}); // 'a' -> NULL
        QCOMPARE(m_model->data(cell(0, 1)).toString(), u"NULL"_s);
        const ChangeSet changes = m_model->changes();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).row, 0);
        QVERIFY(changes.at(0).values.value(1).isNull());
        QCOMPARE(changes.at(1).row, 1);
        QVERIFY(!changes.at(1).values.value(1).isNull());
        QCOMPARE(changes.at(1).values.value(1).toString(), u""_s);
        QVERIFY(changes.at(1).original.at(1).isNull());
    }

    void typingTheReadValueAgainIsNoChange_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("text") << 0 << 1 << QVariant(u"a"_s);
        QTest::newRow("bytes as shown") << 0 << 2 << QVariant(u"\\x00ff"_s);
        QTest::newRow("null again") << 1 << 1 << QVariant();
    }

    void typingTheReadValueAgainIsNoChange()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QVariant, value);
        QVERIFY(m_model->setData(cell(row, column), u"something else"_s));
        QVERIFY(m_model->hasPendingChanges());
        QVERIFY(m_model->setData(cell(row, column), value));
        QVERIFY(!m_model->isEdited(cell(row, column)));
        QVERIFY(!m_model->hasPendingChanges());
    }

    void changesCarryOriginalsAndKinds()
    {
        QVERIFY(m_model->setData(cell(0, 1), u"b"_s));
        m_model->toggleDeleted({2});
        const int added = m_model->addRow();
        QCOMPARE(added, 3);
        QCOMPARE(m_model->data(cell(3, 0)).toString(), u"(default)"_s);
        QVERIFY(m_model->setData(cell(3, 1), u"new"_s));
        QCOMPARE(m_model->pendingRowCount(), 3);
        const ChangeSet changes = m_model->changes();
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes.at(0).kind, RowChange::Kind::Update);
        QCOMPARE(changes.at(0).original,
                 (QVariantList{u"1"_s, u"a"_s, QByteArray("\x00\xff", 2), u"1.5"_s}));
        QCOMPARE(changes.at(0).values, (QHash<int, QVariant>{{1, u"b"_s}}));
        QCOMPARE(changes.at(1).kind, RowChange::Kind::Delete);
        QCOMPARE(changes.at(1).row, 2);
        QCOMPARE(changes.at(1).original.at(0), QVariant(u"3"_s));
        QCOMPARE(changes.at(2).kind, RowChange::Kind::Insert);
        QCOMPARE(changes.at(2).row, 3);
        QCOMPARE(changes.at(2).values, (QHash<int, QVariant>{{1, u"new"_s}}));
    }

    void deletingMarksOrRemoves()
    {
        m_model->toggleDeleted({0, 0, 1});
        QCOMPARE(m_model->rowState(0), ResultEditModel::RowState::Deleted);
        QCOMPARE(m_model->rowState(1), ResultEditModel::RowState::Deleted);
        QVERIFY(m_model->data(cell(0, 1), Qt::FontRole).value<QFont>().strikeOut());
        QVERIFY(!(m_model->flags(cell(0, 1)) & Qt::ItemIsEditable));
        m_model->toggleDeleted({1});
        QCOMPARE(m_model->rowState(1), ResultEditModel::RowState::Unchanged);
        // A new row that is deleted simply goes away.
        m_model->addRow();
        QCOMPARE(m_model->rowCount(), 4);
        m_model->toggleDeleted({3, 0});
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->rowState(0), ResultEditModel::RowState::Unchanged);
    }

    void deletingManyNewRowsAtOnce()
    {
        QList<int> added;
        for (int i = 0; i < 70; ++i)
            added << m_model->addRow();
        QVERIFY(m_model->setData(cell(0, 1), u"kept"_s));
        QCOMPARE(m_model->rowCount(), 73);
        m_model->toggleDeleted(added);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->pendingRowCount(), 1);
        QCOMPARE(m_model->data(cell(0, 1)).toString(), u"kept"_s);
        QCOMPARE(m_model->data(cell(2, 1)).toString(), u"c"_s);
    }

    void revertDropsEverything()
    {
        QVERIFY(m_model->setData(cell(0, 1), u"b"_s));
        m_model->toggleDeleted({1});
        m_model->addRow();
        m_model->markRowError(0, u"boom"_s);
        m_model->revert();
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(!m_model->hasPendingChanges());
        QVERIFY(m_model->rowError(0).isEmpty());
        QCOMPARE(m_model->data(cell(0, 1)).toString(), u"a"_s);
    }

    void commitShowsSavedValues()
    {
        QVERIFY(m_model->setData(cell(0, 3), u" 2.25 "_s));
        QVERIFY(m_model->setData(cell(0, 2), u"\\x0102"_s));
        m_model->toggleDeleted({1});
        m_model->addRow();
        QVERIFY(m_model->setData(cell(3, 1), u"new"_s));
        ApplyOutcome outcome;
        outcome.insertedValues.insert(3, {u"4"_s, u"new"_s, QVariant(), QVariant()});
        m_model->commit(outcome);
        QVERIFY(!m_model->hasPendingChanges());
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->data(cell(0, 3)).toString(), u"2.25"_s); // as typed, made a number
        QCOMPARE(m_model->value(0, 2), QVariant(QByteArray("\x01\x02", 2)));
        QCOMPARE(m_model->data(cell(0, 2)).toString(), u"\\x0102"_s);
        QCOMPARE(m_model->data(cell(1, 1)).toString(), u"c"_s); // row 2 is gone
        QCOMPARE(m_model->data(cell(2, 0)).toString(), u"4"_s); // the server's id
        QCOMPARE(m_model->value(2, 0), QVariant(4LL));
        QCOMPARE(m_model->data(cell(2, 2)).toString(), u"NULL"_s);
        QCOMPARE(m_model->headerData(2, Qt::Vertical).toString(), u"3"_s);
        // Saved values are the originals of the next edit.
        QVERIFY(m_model->setData(cell(0, 3), u"9"_s));
        QCOMPARE(m_model->changes().first().original.at(3).toDouble(), 2.25);
    }

    void rowErrorsAreShownAsPlainText()
    {
        const QString message = u"<b>duplicate</b> key value violates unique constraint"_s;
        m_model->markRowError(1, message);
        QCOMPARE(m_model->rowError(1), message);
        QVERIFY(m_model->headerData(1, Qt::Vertical, Qt::BackgroundRole).isValid());
        const QString tip = m_model->headerData(1, Qt::Vertical, Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(u"&lt;b&gt;duplicate&lt;/b&gt;"_s));
        QVERIFY(!tip.contains(u"<b>"_s));
        // Editing the row again clears its mark.
        QVERIFY(m_model->setData(cell(1, 1), u"x"_s));
        QVERIFY(m_model->rowError(1).isEmpty());
    }

    void rowsFetchedLaterComeBeforeNewRows()
    {
        // A store that is still streaming: the grid grows after the edit model exists.
        QVERIFY(
            resultOf(m_session->query(
                         u"WITH RECURSIVE r(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM r "
                         "WHERE i < 5000) INSERT INTO t (id, name) SELECT i, 'n' || i FROM r"_s))
                .ok());
        auto sink = ResultSetSink::create(0);
        std::unique_ptr<ResultGridModel> grid;
        std::unique_ptr<ResultEditModel> model;
        std::unique_ptr<QAbstractItemModelTester> tester;
        connect(sink.get(), &ResultSetSink::storeAdded, this, [&](RowStore *store) {
            grid = std::make_unique<ResultGridModel>(store);
            model = std::make_unique<ResultEditModel>(grid.get());
            tester = std::make_unique<QAbstractItemModelTester>(
                model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            model->setEditable(true);
            model->addRow();
        });
        QVERIFY(
            resultOf(m_session->execute(u"SELECT id, name, data, n FROM t ORDER BY id"_s, {}, sink))
                .ok());
        QTRY_VERIFY(model && model->rowCount() == 4995);
        QCOMPARE(model->rowState(4994), ResultEditModel::RowState::Inserted);
        QCOMPARE(model->data(model->index(4993, 0)).toString(), u"5000"_s);
        QCOMPARE(model->changes().size(), 1);
        QCOMPARE(model->changes().first().row, 4994);
        tester.reset();
        model.reset();
        grid.reset();
    }

    void readOnlyOutsideEditMode()
    {
        m_model->setEditable(false);
        QVERIFY(!(m_model->flags(cell(0, 1)) & Qt::ItemIsEditable));
        QVERIFY(!m_model->setData(cell(0, 1), u"b"_s));
        QVERIFY(!m_model->hasPendingChanges());
    }
};

QTEST_MAIN(tst_ResultEditModel)
#include "tst_resulteditmodel.moc"
