// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demodatabase.h"

#include "results/resultset.h"
#include "sqliteengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Strata::CollectingSink;
using Strata::DemoDatabase;
using Strata::ResultSet;

class tst_DemoDatabase : public QObject
{
    Q_OBJECT

private:
    Strata::Sqlite::SqliteEngine m_engine;
    QTemporaryDir m_dir;

    QList<ResultSet> query(const QString &file, const QString &sql)
    {
        auto session = m_engine.createSession();
        Strata::ConnectionSettings s;
        s.database = file;
        s.options.insert(u"mode"_s, u"rw"_s);
        const auto opened = session->open(s);
        if (!opened)
            return {};
        CollectingSink sink;
        const auto ran = session->execute(sql, {}, sink);
        if (!ran)
            qWarning("%s", qPrintable(ran.error().toString()));
        return sink.takeResults();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"Strata"_s);
        QCoreApplication::setApplicationName(u"strata"_s);
        QVERIFY(m_dir.isValid());
    }

    void defaultPathIsInAppLocalData()
    {
        const QString path = DemoDatabase::defaultPath();
        QCOMPARE(QFileInfo(path).fileName(), u"demo.sqlite"_s);
        QCOMPARE(QFileInfo(path).absolutePath(),
                 QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation));
    }

    void scriptsAreCompiledIn()
    {
        QVERIFY(DemoDatabase::schemaSql().contains(u"CREATE TABLE order_items"_s));
        QVERIFY(DemoDatabase::dataSql().contains(u"INSERT INTO customers"_s));
    }

    void createsDemoWhenMissing_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<qint64>("rows");
        QTest::newRow("categories") << u"categories"_s << qint64(12);
        QTest::newRow("products") << u"products"_s << qint64(300);
        QTest::newRow("customers") << u"customers"_s << qint64(500);
        QTest::newRow("orders") << u"orders"_s << qint64(2000);
        QTest::newRow("order_items") << u"order_items"_s << qint64(6000);
        QTest::newRow("order_totals") << u"order_totals"_s << qint64(2000);
    }
    void createsDemoWhenMissing()
    {
        QFETCH(QString, table);
        QFETCH(qint64, rows);
        const QString path = m_dir.filePath(u"sub/dir/demo.sqlite"_s);
        if (!QFileInfo::exists(path)) {
            const auto made = DemoDatabase::ensure(&m_engine, path);
            QVERIFY2(made.ok(), qPrintable(made.error().toString()));
            QCOMPARE(made.value(), path);
        }
        const auto results = query(path, u"SELECT count(*) FROM \"%1\""_s.arg(table));
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].text(0, 0).toLongLong(), rows);
        // Nothing but the database is left in the folder (no temporary or journal file).
        QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files),
                 QStringList{u"demo.sqlite"_s});
    }

    void foreignKeysAndIntegrityHold()
    {
        const QString path = m_dir.filePath(u"fk/demo.sqlite"_s);
        QVERIFY(DemoDatabase::ensure(&m_engine, path).ok());
        const auto fk = query(path, u"PRAGMA foreign_key_check"_s);
        QCOMPARE(fk.size(), 1);
        QCOMPARE(fk[0].rowCount(), 0);
        const auto integrity = query(path, u"PRAGMA integrity_check"_s);
        QCOMPARE(integrity[0].text(0, 0), u"ok"_s);
        // Deterministic data: the same totals on every build.
        const auto sum = query(path, u"SELECT printf('%.2f', sum(total)) FROM order_totals"_s);
        const auto again = query(m_dir.filePath(u"sub/dir/demo.sqlite"_s),
                                 u"SELECT printf('%.2f', sum(total)) FROM order_totals"_s);
        QCOMPARE(sum[0].text(0, 0), again[0].text(0, 0));
    }

    void existingFileIsNeverTouched()
    {
        const QString path = m_dir.filePath(u"keep/demo.sqlite"_s);
        QVERIFY(DemoDatabase::ensure(&m_engine, path).ok());
        query(path, u"INSERT INTO categories (id, name) VALUES (999, 'marker')"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-3);
        QVERIFY(file.setFileTime(old, QFileDevice::FileModificationTime));
        file.close();

        const auto second = DemoDatabase::ensure(&m_engine, path);
        QVERIFY(second.ok());
        QCOMPARE(QFileInfo(path).lastModified().toSecsSinceEpoch(), old.toSecsSinceEpoch());
        const auto marker = query(path, u"SELECT name FROM categories WHERE id = 999"_s);
        QCOMPARE(marker[0].text(0, 0), u"marker"_s);
    }

    void existingNonDatabaseFileIsLeftAlone()
    {
        const QString path = m_dir.filePath(u"other.sqlite"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database, but the user's file");
        file.close();
        QVERIFY(DemoDatabase::ensure(&m_engine, path).ok());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("not a database, but the user's file"));
    }

    void missingPluginIsRefusedWithoutCreatingAFile()
    {
        const QString path = m_dir.filePath(u"none/demo.sqlite"_s);
        QObject notAPlugin;
        const auto r = DemoDatabase::ensure(&notAPlugin, path);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), Strata::Error::Code::Plugin);
        QVERIFY(!QFileInfo::exists(path));
    }

    void schemaRunsStatementByStatement()
    {
        // The PostgreSQL and MariaDB tests split schema.sql on ';' at line ends: every piece
        // must run alone.
        const QStringList pieces = DemoDatabase::schemaSql().split(
            QRegularExpression(u";[ \\t]*\\r?\\n"_s), Qt::SkipEmptyParts);
        auto session = m_engine.createSession();
        Strata::ConnectionSettings s;
        s.database = m_dir.filePath(u"split.sqlite"_s);
        QVERIFY(session->open(s).ok());
        int statements = 0;
        for (const QString &piece : pieces) {
            CollectingSink sink;
            const auto ran = session->execute(piece, {}, sink);
            QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
            QVERIFY(sink.results().size() <= 1);
            statements += int(sink.results().size());
        }
        QCOMPARE(statements, 9); // 5 tables, 3 indexes, 1 view
    }
};

QTEST_GUILESS_MAIN(tst_DemoDatabase)
#include "tst_demodatabase.moc"
