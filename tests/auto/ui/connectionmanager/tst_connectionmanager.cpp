// SPDX-License-Identifier: GPL-3.0-or-later
#include "connections/connectionmanager.h"
#include "connection/connectionurl.h"
#include "demo/demodatabase.h"
#include "plugins/pluginmanager.h"
#include "testservers.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using State = ConnectionManager::State;

class tst_ConnectionManager : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_demoPath;

    void loadPlugins(ConnectionManager &manager)
    {
        manager.plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        manager.plugins()->loadAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ConnectionManager manager;
        loadPlugins(manager);
        QObject *sqlite = manager.plugins()->pluginObject(QStringLiteral("sqlite"));
        if (!sqlite)
            QSKIP("the sqlite plugin is not built");
        const Result<QString> demo = DemoDatabase::ensure(sqlite, m_dir.filePath(QStringLiteral("demo.sqlite")));
        QVERIFY2(demo, qPrintable(demo.error().toString()));
        m_demoPath = demo.value();
    }

    void opensAndLoadsTheCatalogWithoutBlocking()
    {
        ConnectionManager manager;
        loadPlugins(manager);
        QSignalSpy busy(&manager, &ConnectionManager::busyChanged);
        QSignalSpy opened(&manager, &ConnectionManager::connectionOpened);
        QSignalSpy loaded(&manager, &ConnectionManager::catalogLoaded);
        ConnectionSettings settings;
        settings.engine = QStringLiteral("sqlite");
        settings.database = m_demoPath;
        QElapsedTimer timer;
        timer.start();
        const QString id = manager.open(QStringLiteral("demo"), settings);
        QVERIFY(timer.elapsed() < 50); // open() only starts the work
        QCOMPARE(manager.state(id), State::Connecting);
        QVERIFY(manager.isBusy());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(manager.state(id), State::Ready);
        QVERIFY(!manager.serverVersion(id).isEmpty());
        QVERIFY(manager.catalog(id));
        QVERIFY(manager.catalog(id)->tableCount() >= 5);
        QVERIFY(manager.dialect(id));
        QVERIFY(!manager.isBusy());
        QCOMPARE(busy.count(), 2);

        manager.reloadCatalog(id);
        QCOMPARE(manager.state(id), State::LoadingCatalog);
        QVERIFY(loaded.wait(10000));
        manager.close(id);
        QVERIFY(!manager.contains(id));
        QVERIFY(manager.connectionIds().isEmpty());
    }

    void failuresArriveAsSignalsWithPlainMessages_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("database");
        QTest::newRow("unknown engine") << QStringLiteral("<b>nope</b>") << QString();
        QTest::newRow("missing directory") << QStringLiteral("sqlite") << QStringLiteral("/nonexistent/dir/x.db");
    }
    void failuresArriveAsSignalsWithPlainMessages()
    {
        QFETCH(QString, engine);
        QFETCH(QString, database);
        ConnectionManager manager;
        loadPlugins(manager);
        QSignalSpy failed(&manager, &ConnectionManager::connectionFailed);
        ConnectionSettings settings;
        settings.engine = engine;
        settings.database = database;
        const QString id = manager.open(QStringLiteral("bad"), settings);
        QVERIFY(failed.count() == 1 || failed.wait(10000));
        QCOMPARE(failed.at(0).at(0).toString(), id);
        QVERIFY(!failed.at(0).at(1).toString().isEmpty());
        QCOMPARE(manager.state(id), State::Failed);
        QVERIFY(!manager.catalog(id));
    }

    void closingWhileConnectingDoesNotWait()
    {
        ConnectionManager manager;
        loadPlugins(manager);
        if (!manager.plugins()->pluginObject(QStringLiteral("postgresql")))
            QSKIP("the postgresql plugin is not built");
        ConnectionSettings settings;
        settings.engine = QStringLiteral("postgresql");
        settings.host = QStringLiteral("10.255.255.1"); // unroutable: the connect hangs
        settings.database = QStringLiteral("x");
        settings.options.insert(QStringLiteral("connect_timeout"), QStringLiteral("3"));
        const QString id = manager.open(QStringLiteral("slow"), settings);
        QElapsedTimer timer;
        timer.start();
        manager.close(id);
        QVERIFY(timer.elapsed() < 200);
        QTRY_VERIFY_WITH_TIMEOUT(!manager.isBusy(), 10000);
    }

    void testReportsTheServerVersion()
    {
        ConnectionManager manager;
        loadPlugins(manager);
        ConnectionSettings settings;
        settings.engine = QStringLiteral("sqlite");
        settings.database = m_demoPath;
        QFuture<Result<QString>> future = manager.test(settings);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
        QVERIFY(future.result().ok());
        QVERIFY(!future.result().value().isEmpty());
        QVERIFY(manager.connectionIds().isEmpty());
    }

    void loadsAServerCatalog_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("postgresql") << QStringLiteral("pg");
        QTest::newRow("mariadb") << QStringLiteral("mysql");
    }
    void loadsAServerCatalog()
    {
        QFETCH(QString, which);
        if (which == QLatin1String("pg")) {
            STRATA_REQUIRE_PG();
        } else {
            STRATA_REQUIRE_MYSQL();
        }
        ConnectionManager manager;
        loadPlugins(manager);
        Result<ConnectionSettings> settings
            = ConnectionUrl::parse(which == QLatin1String("pg") ? Test::pgUrl() : Test::mysqlUrl());
        QVERIFY(settings);
        if (!manager.plugins()->pluginObject(settings->engine))
            QSKIP("the engine plugin is not built");
        settings->password = Test::password();
        QSignalSpy loaded(&manager, &ConnectionManager::catalogLoaded);
        QSignalSpy failed(&manager, &ConnectionManager::connectionFailed);
        const QString id = manager.open(which, settings.value());
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
        QVERIFY(manager.catalog(id));
        QVERIFY(manager.serverVersion(id).size() > 0);
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionManager)
#include "tst_connectionmanager.moc"
