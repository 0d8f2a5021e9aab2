// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirunner.h"
#include "testservers.h"

#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "plugins/idialect.h"
#include "plugins/pluginmanager.h"
#include "results/copyactions.h"
#include "results/fetchallbar.h"
#include "results/resultexporter.h"
#include "results/resultgridmodel.h"
#include "results/resultsetsink.h"
#include "results/resultview.h"
#include "results/valueviewer.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

const QString ItemsTable = u"tst_resultview_items"_s;
constexpr int RowCount = 3000;

struct Hostile
{
    QVariant text;
    QVariant bytes;
};

// Values that break naive CSV, JSON, SQL and HTML, bound (never spliced) into the table.
QList<Hostile> hostileRows()
{
    return {
        {u"it's \"quoted\""_s, QByteArray("\x00\xff'\"\\", 5)},
        {u"back\\slash"_s, QByteArray()},
        {u"tab\there"_s, QVariant(QMetaType::fromType<QByteArray>())},
        {u"line\nbreak"_s, QByteArray("PNG")},
        {u"cr\rhere"_s, QByteArray(1, '\n')},
        {u"таблица 😀"_s, QByteArray("\x01\x02")},
        {u""_s, QByteArray("x")},
        {QVariant(QMetaType::fromType<QString>()), QByteArray("y")},
        {u"x'; DROP TABLE t; --"_s, QByteArray("z")},
        {u"comma, <b>bold</b>"_s, QByteArray("w")},
    };
}

} // namespace

class tst_ResultView : public QObject
{
    Q_OBJECT

    std::unique_ptr<ConnectionManager> m_manager;
    QTemporaryDir m_dir;
    QMap<QString, QString> m_ids;   // engine -> connection id
    QMap<QString, QString> m_urls;  // engine -> URL for strata-cli
    std::vector<std::shared_ptr<ResultSetSink>> m_sinks;
    std::vector<std::unique_ptr<ResultView>> m_views;

    QString open(const QString &engine, Result<ConnectionSettings> settings)
    {
        if (!settings)
            return {};
        settings->password = Test::password();
        QSignalSpy loaded(m_manager.get(), &ConnectionManager::catalogLoaded);
        QSignalSpy failed(m_manager.get(), &ConnectionManager::connectionFailed);
        const QString id = m_manager->open(engine, settings.value());
        if (!QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 30000))
            return {};
        return failed.isEmpty() ? id : QString();
    }

    EngineSession *session(const QString &engine) const
    {
        return m_manager->session(m_ids.value(engine));
    }

    static Result<void> exec(EngineSession *session, const QString &sql, const QVariantList &params = {})
    {
        auto future = session->query(sql, params);
        future.waitForFinished();
        const auto result = future.result();
        if (!result)
            return result.error();
        return {};
    }

    QString placeholder(const QString &engine, int n) const
    {
        return engine == u"postgresql" ? u"$%1"_s.arg(n) : u"?"_s;
    }

    bool createTable(const QString &engine)
    {
        EngineSession *s = session(engine);
        QString create;
        QString fill;
        if (engine == u"postgresql") {
            create = u"CREATE TABLE %1 (id int PRIMARY KEY, \"we\"\"ird col\" text, n numeric, "
                     "bin bytea, flag boolean)"_s;
            fill = u"INSERT INTO %1 SELECT g, 'row ' || g || ', \"q\"', g * 1.5, "
                   "decode(lpad(to_hex(g), 8, '0'), 'hex'), g % 2 = 0 FROM generate_series(11, %2) g"_s;
        } else if (engine == u"mysql") {
            create = u"CREATE TABLE %1 (id INT PRIMARY KEY, `we\"ird col` TEXT, n DECIMAL(40,10), "
                     "bin BLOB, flag BOOLEAN) DEFAULT CHARSET=utf8mb4"_s;
            fill = u"INSERT INTO %1 WITH RECURSIVE g(i) AS (SELECT 11 UNION ALL SELECT i + 1 FROM g "
                   "WHERE i < %2) SELECT i, CONCAT('row ', i, ', \"q\"'), i * 1.5, UNHEX(LPAD(HEX(i), 8, '0')), "
                   "i % 2 = 0 FROM g"_s;
        } else {
            create = u"CREATE TABLE %1 (id INTEGER PRIMARY KEY, \"we\"\"ird col\" TEXT, n NUMERIC, "
                     "bin BLOB, flag BOOLEAN)"_s;
            fill = u"INSERT INTO %1 WITH RECURSIVE g(i) AS (SELECT 11 UNION ALL SELECT i + 1 FROM g "
                   "WHERE i < %2) SELECT i, 'row ' || i || ', \"q\"', i * 1.5, randomblob(4), "
                   "i % 2 = 0 FROM g"_s;
        }
        (void)exec(s, u"DROP TABLE IF EXISTS %1"_s.arg(ItemsTable));
        if (engine == u"mysql") // MariaDB stops recursive CTEs at 1,000 rows by default
            (void)exec(s, u"SET SESSION max_recursive_iterations = 100000"_s);
        if (const auto r = exec(s, create.arg(ItemsTable)); !r) {
            qWarning() << r.error().toString();
            return false;
        }
        const QList<Hostile> rows = hostileRows();
        for (int i = 0; i < rows.size(); ++i) {
            const QString insert = u"INSERT INTO %1 VALUES (%2, %3, %4, %5, %6)"_s.arg(
                ItemsTable, placeholder(engine, 1), placeholder(engine, 2), placeholder(engine, 3),
                placeholder(engine, 4), placeholder(engine, 5));
            const QVariantList params = {i + 1, rows.at(i).text,
                                         u"12345678901234567890.0123456789"_s, rows.at(i).bytes,
                                         i % 2 == 0};
            if (const auto r = exec(s, insert, params); !r) {
                qWarning() << engine << r.error().toString();
                return false;
            }
        }
        if (const auto r = exec(s, fill.arg(ItemsTable).arg(RowCount)); !r) {
            qWarning() << engine << r.error().toString();
            return false;
        }
        return true;
    }

    // Runs sql into a fresh store with a row limit (0 = all) and shows it in a ResultView.
    ResultView *show(const QString &engine, const QString &sql, qint64 limit,
                     const QString &statement = {})
    {
        auto sink = ResultSetSink::create(limit);
        auto future = session(engine)->execute(sql, {}, sink);
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, 60000))
            return nullptr;
        if (!future.result()) {
            qWarning() << future.result().error().toString();
            return nullptr;
        }
        if (sink->storeCount() == 0)
            return nullptr;
        RowStore *store = sink->store(0);
        if (!QTest::qWaitFor([&] { return store->publishedRowCount() == store->rowCount(); }, 5000))
            return nullptr;
        m_sinks.push_back(sink);
        auto view = std::make_unique<ResultView>(store, m_manager.get(), m_ids.value(engine),
                                                 statement.isEmpty() ? sql : statement);
        view->resize(900, 500);
        view->setAsker([](const QString &, const QString &) {
            qWarning("unexpected question");
            return false;
        });
        new QAbstractItemModelTester(view->view()->model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, view.get());
        m_views.push_back(std::move(view));
        return m_views.back().get();
    }

    static void select(ResultView *view, int row, int column,
                       QItemSelectionModel::SelectionFlags flags = QItemSelectionModel::Select)
    {
        view->view()->selectionModel()->select(view->view()->model()->index(row, column), flags);
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    void requireEngine(const QString &engine)
    {
        if (!m_ids.contains(engine))
            QSKIP(qPrintable(u"no %1 connection"_s.arg(engine)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_manager = std::make_unique<ConnectionManager>();
        m_manager->plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        m_manager->plugins()->loadAll();
        QVERIFY(m_manager->plugins()->pluginObject(u"sqlite"_s));
        const QString sqlitePath = m_dir.filePath(u"results.db"_s);
        m_urls[u"sqlite"_s] = u"sqlite://"_s + sqlitePath;
        const QString sqliteId = open(u"sqlite"_s, ConnectionUrl::parse(m_urls[u"sqlite"_s]));
        QVERIFY(!sqliteId.isEmpty());
        m_ids[u"sqlite"_s] = sqliteId;
        if (Test::hasPg() && m_manager->plugins()->pluginObject(u"postgresql"_s)) {
            const QString id = open(u"postgresql"_s, ConnectionUrl::parse(Test::pgUrl()));
            QVERIFY(!id.isEmpty());
            m_ids[u"postgresql"_s] = id;
            m_urls[u"postgresql"_s] = Test::pgUrl();
        }
        if (Test::hasMysql() && m_manager->plugins()->pluginObject(u"mysql"_s)) {
            const QString id = open(u"mysql"_s, ConnectionUrl::parse(Test::mysqlUrl()));
            QVERIFY(!id.isEmpty());
            m_ids[u"mysql"_s] = id;
            m_urls[u"mysql"_s] = Test::mysqlUrl();
        }
        for (const QString &engine : m_ids.keys())
            QVERIFY2(createTable(engine), qPrintable(engine));
    }

    void cleanup()
    {
        m_views.clear();
        m_sinks.clear();
    }

    void cleanupTestCase()
    {
        for (const QString &engine : m_ids.keys())
            (void)exec(session(engine), u"DROP TABLE IF EXISTS %1"_s.arg(ItemsTable));
        m_manager.reset();
    }

    void toolbarAndContextMenuReachEveryAction()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT * FROM %1 ORDER BY id"_s.arg(ItemsTable), 0);
        QVERIFY(view);
        QCOMPARE(view->copyAsButton()->menu(), view->copyActions()->menu());
        QVERIFY(view->toolBar()->actions().contains(view->exportAction()));
        QVERIFY(view->toolBar()->actions().contains(view->viewValueAction()));
        QCOMPARE(view->copyActions()->copyAction()->shortcut(), QKeySequence(QKeySequence::Copy));
        QCOMPARE(view->viewValueAction()->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_Return));
        const QList<QAction *> formats = view->copyActions()->menu()->actions();
        QStringList names;
        for (QAction *action : formats) {
            if (!action->isSeparator()) {
                names << action->text();
                QVERIFY(!action->toolTip().isEmpty());
            }
        }
        QCOMPARE(names, (QStringList{u"TSV"_s, u"TSV with header"_s, u"CSV"_s, u"JSON"_s,
                                     u"INSERT statements"_s}));
        QVERIFY(view->view()->actions().contains(view->copyActions()->copyAction()));
        QCOMPARE(view->view()->contextMenuPolicy(), Qt::CustomContextMenu);
    }

    void copyUsesWholeValuesNotTheCutDisplayText()
    {
        const QString longText = QString(500, u'é') + u"\tend"_s;
        ResultView *view = show(u"sqlite"_s, u"SELECT '%1' AS long_text, NULL AS nada, '' AS empty"_s.arg(longText), 0);
        QVERIFY(view);
        QVERIFY(view->model()->data(view->model()->index(0, 0)).toString().size() < 300);
        view->view()->setCurrentIndex(view->model()->index(0, 0));
        QCOMPARE(view->copyActions()->text(CopyActions::Format::Tsv), longText);
        QGuiApplication::clipboard()->clear();
        view->show();
        view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(view));
        view->view()->setFocus();
        QTest::keySequence(view->view(), QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), longText);
        view->view()->selectAll();
        QCOMPARE(view->copyActions()->text(CopyActions::Format::TsvWithHeader),
                 u"long_text\tnada\tempty\n\""_s + longText + u"\"\t\t\"\""_s);
        QCOMPARE(view->copyActions()->text(CopyActions::Format::Json),
                 u"[\n {\"long_text\": \""_s + QString(500, u'é') + u"\\tend\", \"nada\": null, \"empty\": \"\"}\n]\n"_s);
    }

    void nonRectangularSelectionCopiesBoundingRowsOfSelectedColumns()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT id, n, id * 10 AS ten, 'r' || id AS r FROM %1 "
                                             "WHERE id BETWEEN 11 AND 15 ORDER BY id"_s.arg(ItemsTable), 0);
        QVERIFY(view);
        select(view, 0, 1);
        select(view, 2, 3);
        QCOMPARE(view->copyActions()->text(CopyActions::Format::Tsv), u"16.5\tr11\n18\tr12\n19.5\tr13"_s);
        QCOMPARE(view->copyActions()->text(CopyActions::Format::Csv), u"n,r\n16.5,r11\n18,r12\n19.5,r13\n"_s);
        QCOMPARE(view->copyActions()->text(CopyActions::Format::Json),
                 u"[\n {\"n\": 16.5, \"r\": \"r11\"},\n {\"n\": 18, \"r\": \"r12\"},\n {\"n\": 19.5, \"r\": \"r13\"}\n]\n"_s);
    }

    void copiedInsertStatementsRecreateTheRows_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("postgresql") << u"postgresql"_s;
        QTest::newRow("mysql") << u"mysql"_s;
        QTest::newRow("sqlite") << u"sqlite"_s;
    }

    void copiedInsertStatementsRecreateTheRows()
    {
        QFETCH(QString, engine);
        requireEngine(engine);
        const QString sql = u"SELECT * FROM %1 WHERE id <= 12 ORDER BY id"_s.arg(ItemsTable);
        ResultView *before = show(engine, sql, 0);
        QVERIFY(before);
        QCOMPARE(before->model()->rowCount(), 12);
        before->view()->selectAll();
        const QString csvBefore = before->copyActions()->text(CopyActions::Format::Csv);
        QStringList inserts;
        for (int row = 0; row < 12; ++row) {
            before->view()->clearSelection();
            for (int column = 0; column < before->model()->columnCount(); ++column)
                select(before, row, column);
            QString insert = before->copyActions()->text(CopyActions::Format::Insert);
            QVERIFY(insert.startsWith(u"INSERT INTO "_s));
            QVERIFY(insert.endsWith(u");\n"_s));
            if (engine == u"postgresql") // libpq results do not name their source table
                insert.replace(u"INSERT INTO target_table "_s, u"INSERT INTO "_s + ItemsTable + u' ');
            else
                QVERIFY2(!insert.contains(u"target_table"_s), qPrintable(insert));
            insert.chop(2); // ";\n": one statement for the session
            inserts << insert;
        }
        QVERIFY(exec(session(engine), u"DELETE FROM %1 WHERE id <= 12"_s.arg(ItemsTable)));
        for (const QString &insert : std::as_const(inserts)) {
            const auto r = exec(session(engine), insert);
            QVERIFY2(r, qPrintable(r.error().toString() + u"\n"_s + insert));
        }
        ResultView *after = show(engine, sql, 0);
        QVERIFY(after);
        after->view()->selectAll();
        QCOMPARE(after->copyActions()->text(CopyActions::Format::Csv), csvBefore);
    }

    void copiedInsertTargetsAHostileSourceTable_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("mysql") << u"mysql"_s;
        QTest::newRow("sqlite") << u"sqlite"_s;
    }

    void copiedInsertTargetsAHostileSourceTable()
    {
        QFETCH(QString, engine);
        requireEngine(engine);
        const IDialect *dialect = m_manager->dialect(m_ids.value(engine));
        QVERIFY(dialect);
        const QString name = u"tst_resultview a\"b x'; DROP TABLE t; -- таблица"_s;
        const QString table = dialect->quoteIdentifier(name);
        EngineSession *s = session(engine);
        (void)exec(s, u"DROP TABLE IF EXISTS %1"_s.arg(table));
        QVERIFY(exec(s, u"CREATE TABLE %1 (%2 INT, %3 TEXT)%4"_s.arg(
                            table, dialect->quoteIdentifier(u"id"_s),
                            dialect->quoteIdentifier(u"a\"b `c`"_s),
                            engine == u"mysql" ? u" DEFAULT CHARSET=utf8mb4"_s : QString())));
        QVERIFY(exec(s, u"INSERT INTO %1 VALUES (%2, %3)"_s.arg(table, placeholder(engine, 1),
                                                                placeholder(engine, 2)),
                     {7, u"it's \\ \"x\""_s}));
        ResultView *view = show(engine, u"SELECT * FROM %1"_s.arg(table), 0);
        QVERIFY(view);
        view->view()->selectAll();
        const QString insert = view->copyActions()->text(CopyActions::Format::Insert);
        QVERIFY2(insert.startsWith(u"INSERT INTO "_s + table + u" ("_s)
                     || insert.contains(u"."_s + table + u" ("_s),
                 qPrintable(insert));
        QVERIFY(exec(s, u"DELETE FROM %1"_s.arg(table)));
        QString statement = insert;
        statement.chop(2);
        QVERIFY2(exec(s, statement), qPrintable(statement));
        ResultView *after = show(engine, u"SELECT * FROM %1"_s.arg(table), 0);
        QVERIFY(after);
        QCOMPARE(after->model()->rowCount(), 1);
        QCOMPARE(after->store()->text(0, 1), u"it's \\ \"x\""_s);
        QVERIFY(exec(s, u"DROP TABLE %1"_s.arg(table)));
    }

    void valueViewerShowsNullDistinctlyFromAnEmptyString()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT NULL AS a, '' AS b"_s, 0);
        QVERIFY(view);
        ValueViewer *nullViewer = view->viewValue(view->model()->index(0, 0));
        QVERIFY(nullViewer);
        QVERIFY(nullViewer->isNullValue());
        QVERIFY(nullViewer->findChild<QLabel *>(u"NullValue"_s));
        QVERIFY(!nullViewer->textView());
        QVERIFY(nullViewer->valueText().isNull());
        ValueViewer *emptyViewer = view->viewValue(view->model()->index(0, 1));
        QVERIFY(emptyViewer != nullViewer);
        QVERIFY(!emptyViewer->isNullValue());
        QVERIFY(emptyViewer->textView());
        QCOMPARE(emptyViewer->textView()->toPlainText(), QString());
        QVERIFY(!emptyViewer->valueText().isNull());
        QCOMPARE(view->valueViewer(), emptyViewer);
        nullViewer->close();
        emptyViewer->close();
    }

    void valueViewerOpensOnDoubleClickAndShiftEnter()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT 'first' AS a, 'second' AS b"_s, 0);
        QVERIFY(view);
        view->show();
        view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(view));
        const QModelIndex second = view->model()->index(0, 1);
        const QRect rect = view->view()->visualRect(second);
        QTest::mouseClick(view->view()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(view->view()->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY(view->valueViewer());
        QCOMPARE(view->valueViewer()->textView()->toPlainText(), u"second"_s);
        view->valueViewer()->close();
        QTRY_VERIFY(!view->valueViewer());
        view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(view));
        view->view()->setCurrentIndex(view->model()->index(0, 0));
        view->view()->setFocus();
        QTest::keyClick(view->view(), Qt::Key_Return, Qt::ShiftModifier);
        QTRY_VERIFY(view->valueViewer());
        QCOMPARE(view->valueViewer()->textView()->toPlainText(), u"first"_s);
        view->valueViewer()->close();
    }

    void valueViewerPrettyPrintsJsonAndKeepsServerTextPlain()
    {
        ColumnInfo json;
        json.name = u"doc"_s;
        json.kind = CellKind::Json;
        const QByteArray raw = "{\"z\":[1,12345678901234567890123,{}],\"b\":\"<b>x, \\\"y\\\"</b>\",\"e\":[ ]}";
        ValueViewer pretty(json, raw, false);
        QCOMPARE(pretty.tabs()->tabText(0), u"JSON"_s);
        QCOMPARE(pretty.textView()->toPlainText(),
                 u"{\n    \"z\": [\n        1,\n        12345678901234567890123,\n        {}\n    ],\n"
                 "    \"b\": \"<b>x, \\\"y\\\"</b>\",\n    \"e\": []\n}"_s);
        QCOMPARE(pretty.valueText(), QString::fromUtf8(raw));
        ValueViewer broken(json, "{not json", false);
        QCOMPARE(broken.textView()->toPlainText(), u"{not json"_s);
        QCOMPARE(broken.infoLabel()->textFormat(), Qt::PlainText);
    }

    void valueViewerCapsAHugeBinaryAndSavesTheRawBytes()
    {
        ColumnInfo blob;
        blob.name = u"blob"_s;
        blob.kind = CellKind::Binary;
        QByteArray bytes(10 * 1024 * 1024, '\0');
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 7);
        QElapsedTimer timer;
        timer.start();
        ValueViewer viewer(blob, bytes, false);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(viewer.isShownInPart());
        QCOMPARE(viewer.textView()->blockCount(), int(ValueViewer::HexDumpLimit / 16));
        QVERIFY(viewer.infoLabel()->text().contains(u"10,485,760"_s));
        const QString path = m_dir.filePath(u"blob.bin"_s);
        viewer.setFileChooser([&](const QString &suggested) {
            return suggested == u"blob.bin"_s ? path : QString();
        });
        QVERIFY(viewer.saveValue());
        QCOMPARE(readFile(path), bytes);
        QVERIFY(viewer.textView()->toPlainText().startsWith(
            u"00000000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  |.....#*18?FMT[bi|"_s));
    }

    void valueViewerCapsAHugeTextWithoutFreezing()
    {
        ColumnInfo text;
        text.name = u"t"_s;
        QByteArray big(10 * 1024 * 1024, 'a');
        QElapsedTimer timer;
        timer.start();
        ValueViewer viewer(text, big, false);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(viewer.isShownInPart());
        QCOMPARE(viewer.valueBytes().size(), big.size());
    }

    void valueViewerPreviewsImages()
    {
        QImage image(8, 6, QImage::Format_RGB32);
        image.fill(Qt::red);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG"));
        ColumnInfo blob;
        blob.name = u"img"_s;
        blob.kind = CellKind::Binary;
        ValueViewer viewer(blob, png, false);
        QVERIFY(viewer.hasImage());
        QCOMPARE(viewer.tabs()->tabText(0), u"Image"_s);
        QCOMPARE(viewer.tabs()->tabText(1), u"Hex"_s);
        ValueViewer notImage(blob, QByteArray("\x89PNG broken"), false);
        QVERIFY(!notImage.hasImage());
    }

    void fetchAllReplacesACutResultWithEveryRow()
    {
        const QString sql = u"SELECT id, \"we\"\"ird col\" FROM %1 ORDER BY id"_s.arg(ItemsTable);
        ResultView *view = show(u"sqlite"_s, sql, 100);
        QVERIFY(view);
        QVERIFY(view->store()->isTruncated());
        FetchAllBar *bar = view->fetchAllBar();
        QVERIFY(!bar->isHidden());
        QCOMPARE(bar->label()->text(), u"Showing the first 100 rows."_s);
        QCOMPARE(bar->label()->textFormat(), Qt::PlainText);
        QSignalSpy finished(bar, &FetchAllBar::fetchFinished);
        bar->fetchButton()->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(view->model()->rowCount(), RowCount);
        QVERIFY(!view->store()->isTruncated());
        QVERIFY(bar->fetchButton()->isHidden());
        QCOMPARE(view->model()->index(RowCount - 1, 0).data().toString(), QString::number(RowCount));
    }

    void fetchAllAsksBeforeRunningAStatementThatMayWrite()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT id FROM %1"_s.arg(ItemsTable), 10,
                                u"DELETE FROM %1 RETURNING id"_s.arg(ItemsTable));
        QVERIFY(view);
        QStringList questions;
        view->setAsker([&](const QString &, const QString &text) {
            questions << text;
            return false;
        });
        QVERIFY(!view->fetchAllBar()->fetchAll());
        QCOMPARE(questions.size(), 1);
        QVERIFY(questions.constFirst().contains(u"DELETE FROM"_s));
        QVERIFY(!view->fetchAllBar()->isFetching());
        ResultView *check = show(u"sqlite"_s, u"SELECT count(*) FROM %1"_s.arg(ItemsTable), 0);
        QCOMPARE(check->store()->text(0, 0), QString::number(RowCount));
    }

    void fetchAllCanBeCancelled()
    {
        requireEngine(u"postgresql"_s);
        const QString sql = u"SELECT g, repeat('x', 50) FROM generate_series(1, 20000000) g"_s;
        ResultView *view = show(u"postgresql"_s, u"SELECT g FROM generate_series(1, 20) g"_s, 10, sql);
        QVERIFY(view);
        QSignalSpy finished(view->fetchAllBar(), &FetchAllBar::fetchFinished);
        QVERIFY(view->fetchAllBar()->fetchAll());
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 1000, 30000);
        QVERIFY(!view->fetchAllBar()->cancelButton()->isHidden());
        QVERIFY(view->cancelWorkAction()->isEnabled());
        QCOMPARE(view->cancelWorkAction()->shortcut(), QKeySequence(Qt::Key_Escape));
        view->show();
        view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(view));
        view->view()->setFocus();
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(view->view(), Qt::Key_Escape);
        QVERIFY(finished.wait(10000));
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(view->fetchAllBar()->label()->text().contains(u"cancelled"_s));
        QVERIFY(!view->cancelWorkAction()->isEnabled());
        QVERIFY(view->fetchAllBar()->isPartial());
        QVERIFY(!view->fetchAllBar()->fetchButton()->isHidden());
        // A partial result is never exported from memory as if it were whole.
        int questions = 0;
        view->setAsker([&](const QString &, const QString &) {
            ++questions;
            return false;
        });
        QVERIFY(!view->exporter()->exportTo(m_dir.filePath(u"partial.csv"_s)));
        QCOMPARE(questions, 1);
        QVERIFY(exec(session(u"postgresql"_s), u"SELECT 1"_s));
    }

    void exportMatchesTheCliByteForByte_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("cut");
        for (const QString &engine : {u"postgresql"_s, u"mysql"_s, u"sqlite"_s}) {
            for (const QString &format : {u"csv"_s, u"json"_s}) {
                QTest::addRow("%s %s streamed", qPrintable(engine), qPrintable(format)) << engine << format << true;
                QTest::addRow("%s %s in memory", qPrintable(engine), qPrintable(format)) << engine << format << false;
            }
        }
    }

    void exportMatchesTheCliByteForByte()
    {
        QFETCH(QString, engine);
        QFETCH(QString, format);
        QFETCH(bool, cut);
        requireEngine(engine);
        const QString sql = u"SELECT * FROM %1 ORDER BY id"_s.arg(ItemsTable);
        const Test::CliRun cli = Test::runCli({u"query"_s, u"--url"_s, m_urls.value(engine),
                                              u"--sql"_s, sql, u"--format"_s, format});
        QVERIFY2(cli.finished && cli.exitCode == 0, cli.err.constData());
        QVERIFY(cli.out.size() > RowCount * 20);

        ResultView *view = show(engine, sql, cut ? 100 : 0);
        QVERIFY(view);
        QCOMPARE(view->store()->isTruncated(), cut);
        int questions = 0;
        view->setAsker([&](const QString &, const QString &text) {
            ++questions;
            return text.contains(u"runs the statement again on the server"_s);
        });
        const QString path = m_dir.filePath(u"%1-%2.%3"_s.arg(engine, cut ? u"cut"_s : u"whole"_s, format));
        QFile::remove(path);
        QSignalSpy finished(view->exporter(), &ResultExporter::exportFinished);
        QVERIFY(view->exporter()->exportTo(path));
        QVERIFY(!view->exporter()->isHidden());
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(questions, cut ? 1 : 0);
        QVERIFY(finished.at(0).at(1).toString().contains(u"Exported %L1 rows"_s.arg(RowCount)));
        const QByteArray written = readFile(path);
        QCOMPARE(written.size(), cli.out.size());
        QVERIFY(written == cli.out);
    }

    void exportRefusedOrCancelledLeavesNoFile()
    {
        requireEngine(u"postgresql"_s);
        const QString sql = u"SELECT g, repeat('y', 50) FROM generate_series(1, 20000000) g"_s;
        ResultView *view = show(u"postgresql"_s, u"SELECT g FROM generate_series(1, 20) g"_s, 10, sql);
        QVERIFY(view);
        const QString path = m_dir.filePath(u"cancelled.csv"_s);
        QFile::remove(path);
        view->setAsker([](const QString &, const QString &) { return false; });
        QVERIFY(!view->exporter()->exportTo(path));
        QVERIFY(!QFile::exists(path));

        view->setAsker([](const QString &, const QString &) { return true; });
        QSignalSpy finished(view->exporter(), &ResultExporter::exportFinished);
        QVERIFY(view->exporter()->exportTo(path));
        QCOMPARE(view->exporter()->progressBar()->maximum(), 0); // busy: the total is unknown
        QTRY_VERIFY_WITH_TIMEOUT(view->exporter()->label()->text().contains(u"rows"_s), 30000);
        QElapsedTimer timer;
        timer.start();
        view->exporter()->cancelButton()->click();
        QVERIFY(finished.wait(10000));
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(finished.at(0).at(1).toString(), u"Export cancelled; no file was written."_s);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(m_dir.path()).entryList({u"cancelled*"_s}, QDir::Files | QDir::Hidden), QStringList());
        QVERIFY(exec(session(u"postgresql"_s), u"SELECT 1"_s));
    }

    void exportToAnUnwritablePlaceSaysWhy()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT 1 AS a"_s, 0);
        QVERIFY(view);
        QSignalSpy finished(view->exporter(), &ResultExporter::exportFinished);
        QVERIFY(!view->exporter()->exportTo(m_dir.filePath(u"no/such/dir/out.csv"_s)));
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(1).toString().startsWith(u"Cannot write"_s));
        QVERIFY(!view->exporter()->isHidden());
    }

    // The grid with the Copy-as menu open and the fetch-all bar, composed into one picture
    // (the menu is its own window). STRATA_SCREENSHOT_DIR=dir saves docs/screenshot-results.png.
    void copyAsMenuOpensFromTheToolbar()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT id, \"we\"\"ird col\", n, bin, flag FROM %1 ORDER BY id"_s
                                                 .arg(ItemsTable), 40);
        QVERIFY(view);
        view->resize(820, 420);
        view->show();
        view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(view));
        view->view()->resizeColumnsToContents();
        select(view, 1, 1);
        select(view, 3, 2);
        QToolButton *button = view->copyAsButton();
        QMenu *menu = view->copyActions()->menu();
        bool shown = false;
        bool saved = true;
        QTimer::singleShot(0, menu, [&] {
            shown = menu->isVisible();
            QImage shot = view->grab().toImage();
            const QPoint at = button->mapTo(view, QPoint(0, button->height()));
            QPainter painter(&shot);
            painter.drawPixmap(at, menu->grab());
            painter.end();
            const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
            if (!dir.isEmpty())
                saved = shot.save(QDir(dir).filePath(u"screenshot-results.png"_s));
            menu->close();
        });
        button->showMenu();
        QVERIFY(shown);
        QVERIFY(saved);
        QVERIFY(!menu->isVisible());
        QVERIFY(!view->fetchAllBar()->isHidden());
    }

    void exportActionAsksForTheFile()
    {
        ResultView *view = show(u"sqlite"_s, u"SELECT 1 AS a, 'x' AS b"_s, 0);
        QVERIFY(view);
        const QString path = m_dir.filePath(u"chosen.json"_s);
        QString suggested;
        view->setFileChooser([&](const QString &s) {
            suggested = s;
            return path;
        });
        QSignalSpy finished(view->exporter(), &ResultExporter::exportFinished);
        view->exportAction()->trigger();
        QVERIFY(finished.wait(10000));
        QVERIFY(suggested.endsWith(u"result.csv"_s));
        QCOMPARE(readFile(path), "{\"results\": [\n[\n {\"a\": 1, \"b\": \"x\"}\n]\n]}\n"_ba);
        QCOMPARE(finished.at(0).at(1).toString(), u"Exported 1 row to %1 (41 bytes)."_s.arg(path));
    }
};

QTEST_MAIN(tst_ResultView)
#include "tst_resultview.moc"
