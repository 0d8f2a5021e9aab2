// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/icatalog.h"
#include "plugins/idialect.h"
#include "plugins/iengineplugin.h"
#include "plugins/iexplain.h"
#include "plugins/pluginmanager.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QPluginLoader>
#include <QtTest>

using namespace Strata;

// The built strata_mysql plugin, loaded as the application loads it.
class tst_MySqlPlugin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metadataIsReadableBeforeLoading();
    void loadsWithEveryCapability();
    void pluginManagerMapsBothSchemes();

private:
    static QString pluginFile()
    {
        return QDir(QStringLiteral(STRATA_PLUGIN_DIR))
            .filePath(QStringLiteral("libstrata_mysql.so"));
    }
};

void tst_MySqlPlugin::metadataIsReadableBeforeLoading()
{
    QPluginLoader loader(pluginFile());
    const QJsonObject meta = loader.metaData();
    QCOMPARE(meta.value(QLatin1String("IID")).toString(), QStringLiteral(Strata_IEnginePlugin_iid));
    QVERIFY(!loader.isLoaded());
    const QJsonObject data = meta.value(QLatin1String("MetaData")).toObject();
    QCOMPARE(data.value(QLatin1String("id")).toString(), QStringLiteral("mysql"));
    QCOMPARE(data.value(QLatin1String("displayName")).toString(),
             QStringLiteral("MySQL / MariaDB"));
    QCOMPARE(data.value(QLatin1String("minAppVersion")).toString(), QStringLiteral("0.1.0"));
    QCOMPARE(data.value(QLatin1String("capabilities")).toArray(),
             QJsonArray({QStringLiteral("session"), QStringLiteral("catalog"),
                         QStringLiteral("dialect"), QStringLiteral("explain"), QStringLiteral("migrations")}));
    QCOMPARE(data.value(QLatin1String("urlSchemes")).toArray(),
             QJsonArray({QStringLiteral("mysql"), QStringLiteral("mariadb")}));
}

void tst_MySqlPlugin::loadsWithEveryCapability()
{
    QPluginLoader loader(pluginFile());
    QObject *instance = loader.instance();
    QVERIFY2(instance, qPrintable(loader.errorString()));
    IEnginePlugin *engine = qobject_cast<IEnginePlugin *>(instance);
    QVERIFY(engine);
    QCOMPARE(engine->id(), QStringLiteral("mysql"));
    QCOMPARE(engine->defaultPort(), 3306);
    QVERIFY(engine->createSession());
    QVERIFY(qobject_cast<ICatalog *>(instance));
    IDialect *dialect = qobject_cast<IDialect *>(instance);
    QVERIFY(dialect);
    QCOMPARE(dialect->quoteIdentifier(QStringLiteral("a`b")), QStringLiteral("`a``b`"));
    IExplain *explain = qobject_cast<IExplain *>(instance);
    QVERIFY(explain);
    QVERIFY(explain->supportsAnalyze());
    QVERIFY(!explain->planRules().isEmpty());
}

void tst_MySqlPlugin::pluginManagerMapsBothSchemes()
{
    PluginManager manager;
    manager.setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
    manager.loadAll();
    QVERIFY2(manager.engineIds().contains(QStringLiteral("mysql")),
             qPrintable(manager.errors().join(u'\n')));
    QCOMPARE(manager.engineForScheme(QStringLiteral("mariadb")), QStringLiteral("mysql"));
    QCOMPARE(manager.engineForScheme(QStringLiteral("mysql")), QStringLiteral("mysql"));
    QVERIFY(manager.capability<IDialect>(QStringLiteral("mysql")));
    QVERIFY(manager.capability<IExplain>(QStringLiteral("mysql")));
}

QTEST_GUILESS_MAIN(tst_MySqlPlugin)
#include "tst_mysqlplugin.moc"
