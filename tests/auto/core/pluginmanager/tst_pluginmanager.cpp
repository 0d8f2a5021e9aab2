// SPDX-License-Identifier: GPL-3.0-or-later
#include "dummyengine.h"
#include "plugins/idialect.h"
#include "plugins/iengineplugin.h"
#include "plugins/pluginmanager.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace Strata;

class tst_PluginManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsTheGoodPlugin();
    void refusesEachBrokenPluginWithOneMessage_data();
    void refusesEachBrokenPluginWithOneMessage();
    void givesOneMessagePerRefusedFile();
    void mapsUrlSchemesFromMetadata_data();
    void mapsUrlSchemesFromMetadata();
    void missingCapabilityIsNullNotACrash();
    void rescanKeepsLoadedPluginsAndRepeatsNoWork();
    void searchesEnvironmentPathFirst();
    void skipsMissingFoldersAndSeesEachFileOnce();
    void addPluginRegistersObjects();
    void addPluginRefusesDuplicatesAndNonEngines();
    void loadsTheRealEnginePlugins_data();
    void loadsTheRealEnginePlugins();

private:
    PluginManager *m_manager = nullptr;
};

void tst_PluginManager::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(TEST_PLUGIN_DIR "/x.so")), TEST_PLUGIN_DIR);
    m_manager = new PluginManager(this);
    m_manager->setSearchPaths({QStringLiteral(TEST_PLUGIN_DIR)});
    QSignalSpy changed(m_manager, &PluginManager::pluginsChanged);
    m_manager->loadAll();
    QCOMPARE(changed.count(), 1);
}

void tst_PluginManager::loadsTheGoodPlugin()
{
    QCOMPARE(m_manager->engineIds(), QStringList{QStringLiteral("dummy")});
    IEnginePlugin *engine = m_manager->engine(QStringLiteral("dummy"));
    QVERIFY(engine);
    QCOMPARE(engine->displayName(), QStringLiteral("Dummy engine"));

    int loaded = 0;
    const QList<PluginSpec> specs = m_manager->plugins();
    for (const PluginSpec &spec : specs) {
        if (!spec.isLoaded())
            continue;
        ++loaded;
        QVERIFY(spec.fileName.endsWith(QLatin1String("dummy_a.so")));
        QCOMPARE(spec.iid, QStringLiteral(Strata_IEnginePlugin_iid));
        QCOMPARE(spec.id, QStringLiteral("dummy"));
        QCOMPARE(spec.version, QStringLiteral("1.2.3"));
        QCOMPARE(spec.minAppVersion, QStringLiteral("0.1"));
        QCOMPARE(spec.capabilities, QStringList{QStringLiteral("session")});
        QCOMPARE(spec.urlSchemes, QStringList({QStringLiteral("dummy"), QStringLiteral("dummydb")}));
        QVERIFY(spec.errorString.isEmpty());
    }
    QCOMPARE(loaded, 1);
}

void tst_PluginManager::refusesEachBrokenPluginWithOneMessage_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("problem");

    QTest::newRow("garbage file") << "x.so" << "not a Qt plugin";
    QTest::newRow("plain shared library") << "notaplugin.so" << "not a Qt plugin";
    QTest::newRow("wrong IID") << "wrongiid.so"
                               << "wrong plugin interface 'org.strata.EnginePlugin/0' (this Strata needs "
                                  "'org.strata.EnginePlugin/1')";
    QTest::newRow("too new") << "toonew.so" << "needs Strata 99.0 or newer (this is " STRATA_VERSION ")";
    QTest::newRow("no id") << "noid.so" << "the plugin metadata has no engine id";
    QTest::newRow("duplicate id") << "dummy_b.so" << "engine 'dummy' is already provided by";
    QTest::newRow("load error") << "unresolved.so" << "cannot be loaded:";
    QTest::newRow("object is not an engine") << "notengine.so"
                                             << "the plugin object does not implement org.strata.EnginePlugin/1";
}

void tst_PluginManager::refusesEachBrokenPluginWithOneMessage()
{
    QFETCH(QString, file);
    QFETCH(QString, problem);

    QStringList lines;
    const QStringList errors = m_manager->errors();
    for (const QString &line : errors) {
        if (line.section(QLatin1String(": "), 0, 0).endsWith(QLatin1Char('/') + file)
            || line.section(QLatin1String(": "), 0, 0).endsWith(QLatin1String("/lib") + file)) {
            lines.append(line);
        }
    }
    QVERIFY2(lines.size() == 1, qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY2(lines.first().contains(problem), qPrintable(lines.first()));
    QVERIFY(!lines.first().contains(QLatin1Char('\n')));

    bool specFound = false;
    const QList<PluginSpec> specs = m_manager->plugins();
    for (const PluginSpec &spec : specs) {
        if (QFileInfo(spec.fileName).fileName().endsWith(file)
            && QFileInfo(spec.fileName).fileName().size() <= file.size() + 3) {
            specFound = true;
            QVERIFY(!spec.isLoaded());
            QVERIFY(spec.errorString.contains(problem.section(QLatin1String(" ("), 0, 0)));
        }
    }
    QVERIFY(specFound);
}

void tst_PluginManager::givesOneMessagePerRefusedFile()
{
    QCOMPARE(m_manager->errors().size(), 8);
    const QStringList errors = m_manager->errors();
    for (const QString &line : errors)
        QVERIFY2(line.startsWith(QStringLiteral(TEST_PLUGIN_DIR "/")), qPrintable(line));
    // The load error carries the loader's own explanation.
    QVERIFY(m_manager->errors().join(QLatin1Char('\n')).contains(QLatin1String("strata_missing_symbol")));
    QCOMPARE(m_manager->plugins().size(), 9);
}

void tst_PluginManager::mapsUrlSchemesFromMetadata_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("engine");
    QTest::newRow("id") << "dummy" << "dummy";
    QTest::newRow("alias") << "dummydb" << "dummy";
    QTest::newRow("case-insensitive") << "DummyDB" << "dummy";
    QTest::newRow("refused plugin's scheme") << "toonew" << "";
    QTest::newRow("unknown") << "oracle" << "";
}

void tst_PluginManager::mapsUrlSchemesFromMetadata()
{
    QFETCH(QString, scheme);
    QFETCH(QString, engine);
    QCOMPARE(m_manager->engineForScheme(scheme), engine);
}

void tst_PluginManager::missingCapabilityIsNullNotACrash()
{
    QVERIFY(m_manager->capability<IEnginePlugin>(QStringLiteral("dummy")));
    QVERIFY(!m_manager->capability<IDialect>(QStringLiteral("dummy")));
    QVERIFY(!m_manager->capability<IEnginePlugin>(QStringLiteral("toonew")));
    QVERIFY(!m_manager->engine(QStringLiteral("nothing")));
    QVERIFY(!m_manager->pluginObject(QString()));
}

void tst_PluginManager::rescanKeepsLoadedPluginsAndRepeatsNoWork()
{
    QObject *before = m_manager->pluginObject(QStringLiteral("dummy"));
    QSignalSpy changed(m_manager, &PluginManager::pluginsChanged);
    m_manager->loadAll();
    QCOMPARE(m_manager->pluginObject(QStringLiteral("dummy")), before);
    QCOMPARE(m_manager->engineIds(), QStringList{QStringLiteral("dummy")});
    QCOMPARE(m_manager->errors().size(), 8);
    QCOMPARE(m_manager->plugins().size(), 9);

    // A second manager over the same folder shares the loaded library's instance.
    PluginManager second;
    second.setSearchPaths({QStringLiteral(TEST_PLUGIN_DIR)});
    second.loadAll();
    QCOMPARE(second.pluginObject(QStringLiteral("dummy")), before);
}

void tst_PluginManager::searchesEnvironmentPathFirst()
{
    const QByteArray saved = qgetenv("STRATA_PLUGIN_PATH");
    qputenv("STRATA_PLUGIN_PATH", "/first:/second::");
    const QStringList paths = PluginManager::defaultSearchPaths();
    qputenv("STRATA_PLUGIN_PATH", saved);
    QCOMPARE(paths.size(), 3);
    QCOMPARE(paths.at(0), QStringLiteral("/first"));
    QCOMPARE(paths.at(1), QStringLiteral("/second"));
    QVERIFY2(paths.at(2).endsWith(QLatin1String("/strata/plugins")), qPrintable(paths.at(2)));
    QVERIFY(QDir::isAbsolutePath(paths.at(2)));
}

void tst_PluginManager::skipsMissingFoldersAndSeesEachFileOnce()
{
    PluginManager manager;
    manager.setSearchPaths({QStringLiteral("/nonexistent/strata"), QStringLiteral(TEST_PLUGIN_DIR),
                            QStringLiteral(TEST_PLUGIN_DIR "/../plugins")});
    manager.loadAll();
    QCOMPARE(manager.engineIds(), QStringList{QStringLiteral("dummy")});
    QCOMPARE(manager.errors().size(), 8);
}

void tst_PluginManager::addPluginRegistersObjects()
{
    PluginManager manager;
    manager.setSearchPaths({});
    Test::DummyEngine engine(QStringLiteral("inprocess"));
    engine.setProperty("urlSchemes", QStringList{QStringLiteral("inproc")});
    QSignalSpy changed(&manager, &PluginManager::pluginsChanged);
    manager.addPlugin(&engine);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(manager.engineIds(), QStringList{QStringLiteral("inprocess")});
    QCOMPARE(manager.engine(QStringLiteral("inprocess")), static_cast<IEnginePlugin *>(&engine));
    QCOMPARE(manager.engineForScheme(QStringLiteral("inproc")), QStringLiteral("inprocess"));
    QCOMPARE(manager.engineForScheme(QStringLiteral("inprocess")), QStringLiteral("inprocess"));
    QVERIFY(manager.errors().isEmpty());
}

void tst_PluginManager::addPluginRefusesDuplicatesAndNonEngines()
{
    PluginManager manager;
    Test::DummyEngine first(QStringLiteral("twin"));
    Test::DummyEngine second(QStringLiteral("twin"));
    QObject plain;
    manager.addPlugin(&first);
    manager.addPlugin(&second);
    manager.addPlugin(&plain);
    manager.addPlugin(nullptr);
    QCOMPARE(manager.engineIds(), QStringList{QStringLiteral("twin")});
    QCOMPARE(manager.engine(QStringLiteral("twin")), static_cast<IEnginePlugin *>(&first));
    const QStringList errors = manager.errors();
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.at(0).contains(QLatin1String("engine 'twin' is already provided")), qPrintable(errors.at(0)));
    QVERIFY2(errors.at(1).startsWith(QLatin1String("QObject: ")), qPrintable(errors.at(1)));
    QVERIFY(errors.at(2).contains(QLatin1String("does not implement")));
}

void tst_PluginManager::loadsTheRealEnginePlugins_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QStringList>("schemes");
    QTest::newRow("postgresql") << "postgresql" << QStringList{"postgresql", "postgres"};
    QTest::newRow("mysql") << "mysql" << QStringList{"mysql", "mariadb"};
    QTest::newRow("sqlite") << "sqlite" << QStringList{"sqlite"};
}

void tst_PluginManager::loadsTheRealEnginePlugins()
{
    QFETCH(QString, engine);
    QFETCH(QStringList, schemes);

    PluginManager manager;
    manager.setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
    manager.loadAll();
    bool built = false;
    const QList<PluginSpec> specs = manager.plugins();
    for (const PluginSpec &spec : specs)
        built = built || spec.id == engine;
    if (!built)
        QSKIP(qPrintable(QStringLiteral("the %1 plugin is not built in " STRATA_PLUGIN_DIR).arg(engine)));

    QVERIFY2(manager.engineIds().contains(engine), qPrintable(manager.errors().join(QLatin1Char('\n'))));
    QCOMPARE(manager.engine(engine)->id(), engine);
    for (const QString &scheme : std::as_const(schemes))
        QCOMPARE(manager.engineForScheme(scheme), engine);
}

QTEST_GUILESS_MAIN(tst_PluginManager)
#include "tst_pluginmanager.moc"
