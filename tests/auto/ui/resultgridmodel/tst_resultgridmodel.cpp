// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/enginesession.h"
#include "results/resultgridmodel.h"
#include "results/resultsetsink.h"
#include "results/rowstore.h"
#include "sqliteengine.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
template<typename T>
T resultOf(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}
} // namespace

class tst_ResultGridModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void growsWhileRowsStreamInAndMatchesTheStore();
    void cellRoles_data();
    void cellRoles();
    void headerShowsNamesWithTypeTooltips();
    void rawValueAndKindRolesGiveWholeValuesAndNullAsInvalid();
    void setStoreResetsTheModelToTheNewStore();

private:
    // Runs sql and waits until the first result has finished; the store stays in m_sink.
    RowStore *runToEnd(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineSession> m_session;
    std::shared_ptr<ResultSetSink> m_sink;
    Sqlite::SqliteEngine m_sqlite;
};

void tst_ResultGridModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    ConnectionSettings s;
    s.engine = u"sqlite"_s;
    s.database = m_dir->filePath(u"grid.db"_s);
    m_session = std::make_unique<EngineSession>(&m_sqlite, s);
    const Result<QString> opened = resultOf(m_session->open());
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
}

RowStore *tst_ResultGridModel::runToEnd(const QString &sql)
{
    m_sink = ResultSetSink::create(0);
    const Result<void> done = resultOf(m_session->execute(sql, {}, m_sink));
    if (!done.ok() || m_sink->storeCount() == 0) {
        qWarning("%s", qPrintable(done.error().toString()));
        return nullptr;
    }
    RowStore *store = m_sink->store(0);
    if (!QTest::qWaitFor([store] { return store->publishedRowCount() == store->rowCount(); }, 5000))
        return nullptr;
    return store;
}

void tst_ResultGridModel::growsWhileRowsStreamInAndMatchesTheStore()
{
    auto sink = ResultSetSink::create(RowStore::DefaultRowLimit);
    std::unique_ptr<ResultGridModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    QList<int> seenCounts;
    bool finished = false;
    connect(sink.get(), &ResultSetSink::storeAdded, this, [&](RowStore *store) {
        model = std::make_unique<ResultGridModel>(store);
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(model.get(), &QAbstractItemModel::rowsInserted, this,
                [&] { seenCounts.append(model->rowCount()); });
        connect(store, &RowStore::finished, this, [&] { finished = true; });
    });
    const QFuture<Result<void>> future = m_session->execute(
        u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 150000) "
        "SELECT x AS id, 'row ' || x AS label, CASE WHEN x % 3 = 0 THEN NULL ELSE x * 0.5 END AS half FROM c"_s,
        {}, sink);
    QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
    QVERIFY(future.result().ok());
    QVERIFY(model);
    QVERIFY(!seenCounts.isEmpty());
    QVERIFY(std::is_sorted(seenCounts.cbegin(), seenCounts.cend()));
    QCOMPARE(model->rowCount(), model->store()->rowCount());
    QCOMPARE(model->rowCount(), int(RowStore::DefaultRowLimit));
    QVERIFY(model->store()->isTruncated());
    QCOMPARE(model->columnCount(), 3);
    const int last = model->rowCount() - 1;
    QCOMPARE(model->index(last, 1).data().toString(), u"row %1"_s.arg(last + 1));
}

void tst_ResultGridModel::cellRoles_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QVariant>("full");
    QTest::addColumn<bool>("null");
    QTest::addColumn<bool>("right");

    const QString longText = QString(300, u'a');
    const QString hex = u"\\x"_s + QString(2 * 150, u'0');
    QTest::newRow("NULL text") << 0 << u"NULL"_s << QVariant() << true << false;
    QTest::newRow("empty string") << 1 << QString() << QVariant(QString()) << false << false;
    QTest::newRow("the word NULL") << 2 << u"NULL"_s << QVariant(u"NULL"_s) << false << false;
    QTest::newRow("integer") << 3 << u"42"_s << QVariant(u"42"_s) << false << true;
    QTest::newRow("real") << 4 << u"2.5"_s << QVariant(u"2.5"_s) << false << true;
    QTest::newRow("NULL integer") << 5 << u"NULL"_s << QVariant() << true << true;
    QTest::newRow("long text") << 6 << longText.left(200) + QChar(0x2026) << QVariant(longText) << false << false;
    QTest::newRow("binary") << 7 << hex.left(200) + QChar(0x2026) << QVariant(hex) << false << false;
    QTest::newRow("markup stays text") << 8 << u"<b>bold</b>"_s << QVariant(u"<b>bold</b>"_s) << false << false;
}

void tst_ResultGridModel::cellRoles()
{
    QFETCH(int, column);
    QFETCH(QString, display);
    QFETCH(QVariant, full);
    QFETCH(bool, null);
    QFETCH(bool, right);

    QVERIFY(resultOf(m_session->query(
                         u"CREATE TABLE t (a TEXT, b TEXT, c TEXT, n INTEGER, r REAL, m INTEGER, l TEXT, "
                         "bin BLOB, h TEXT)"_s))
                .ok());
    QVERIFY(resultOf(m_session->query(u"INSERT INTO t VALUES (NULL, '', 'NULL', 42, 2.5, NULL, ?, "
                                      "zeroblob(150), '<b>bold</b>')"_s,
                                      {QString(300, u'a')}))
                .ok());
    RowStore *store = runToEnd(u"SELECT * FROM t"_s);
    QVERIFY(store);
    ResultGridModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex index = model.index(0, column);

    QCOMPARE(index.data(Qt::DisplayRole).toString(), display);
    QCOMPARE(model.isNull(index), null);
    QCOMPARE(index.data(Qt::UserRole), full);
    QCOMPARE(model.fullText(index).isNull(), null);
    if (!null)
        QCOMPARE(model.fullText(index), full.toString());

    const QVariant foreground = index.data(Qt::ForegroundRole);
    const QVariant font = index.data(Qt::FontRole);
    if (null) {
        QCOMPARE(foreground.value<QColor>(), QGuiApplication::palette().color(QPalette::PlaceholderText));
        QVERIFY(font.value<QFont>().italic());
    } else {
        QVERIFY(!foreground.isValid());
        QVERIFY(!font.isValid());
    }
    const auto alignment = index.data(Qt::TextAlignmentRole).value<Qt::Alignment>();
    QCOMPARE(bool(alignment & Qt::AlignRight), right);
}

void tst_ResultGridModel::headerShowsNamesWithTypeTooltips()
{
    QVERIFY(resultOf(m_session->query(u"CREATE TABLE h (id INTEGER, \"<i>x</i>\" \"<b>odd</b>\")"_s)).ok());
    RowStore *store = runToEnd(u"SELECT * FROM h"_s);
    QVERIFY(store);
    ResultGridModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"id"_s);
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString(), store->columns().at(0).typeName);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"<i>x</i>"_s);
    const QString tip = model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString();
    QVERIFY2(!tip.contains(u"<b>"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"&lt;b&gt;odd&lt;/b&gt;"_s), qPrintable(tip));
}

void tst_ResultGridModel::rawValueAndKindRolesGiveWholeValuesAndNullAsInvalid()
{
    RowStore *store = runToEnd(u"SELECT printf('%.*c', 1000, 'x') AS t, NULL AS n, '' AS e, "
                               "x'00ff' AS b, 42 AS i"_s);
    QVERIFY(store);
    ResultGridModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.index(0, 0).data(ResultGridModel::RawValueRole).toByteArray(), QByteArray(1000, 'x'));
    QVERIFY(model.index(0, 0).data(Qt::DisplayRole).toString().size() < 1000);
    QVERIFY(!model.index(0, 1).data(ResultGridModel::RawValueRole).isValid());
    const QVariant empty = model.index(0, 2).data(ResultGridModel::RawValueRole);
    QVERIFY(empty.isValid());
    QCOMPARE(empty.toByteArray(), QByteArray());
    QCOMPARE(model.index(0, 3).data(ResultGridModel::RawValueRole).toByteArray(), "\x00\xff"_ba);
    QCOMPARE(model.index(0, 3).data(ResultGridModel::CellKindRole).toInt(), int(CellKind::Binary));
    QCOMPARE(model.index(0, 4).data(ResultGridModel::CellKindRole).toInt(),
             int(store->columns().at(4).kind));
}

void tst_ResultGridModel::setStoreResetsTheModelToTheNewStore()
{
    RowStore *first = runToEnd(u"SELECT 1 AS a UNION ALL SELECT 2"_s);
    QVERIFY(first);
    const std::shared_ptr<ResultSetSink> keep = m_sink;
    ResultGridModel model(first);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    RowStore *second = runToEnd(u"SELECT 'x' AS p, 'y' AS q, 'z' AS r"_s);
    QVERIFY(second);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setStore(second);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.store(), second);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.index(0, 2).data().toString(), u"z"_s);
    // The old store no longer drives the model.
    RowBlock more(1);
    more.appendCell("3");
    first->append(std::move(more));
    QTest::qWait(RowStore::NotifyIntervalMs * 2);
    QCOMPARE(model.rowCount(), 1);
}

QTEST_MAIN(tst_ResultGridModel)
#include "tst_resultgridmodel.moc"
