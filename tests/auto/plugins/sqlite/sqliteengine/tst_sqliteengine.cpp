// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteengine.h"

#include "results/resultset.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QPluginLoader>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Strata;
using Strata::Sqlite::SqliteEngine;

class tst_SqliteEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describesItself()
    {
        SqliteEngine engine;
        QCOMPARE(engine.id(), u"sqlite"_s);
        QCOMPARE(engine.displayName(), u"SQLite"_s);
        QCOMPARE(engine.defaultPort(), 0);
        QVERIFY(qobject_cast<IEnginePlugin *>(&engine));
        QVERIFY(qobject_cast<ICatalog *>(&engine));
        QVERIFY(qobject_cast<IDialect *>(&engine));
    }

    void offersItsConnectionOptions()
    {
        SqliteEngine engine;
        const ConnectionOptionList options = engine.connectionOptions();
        QCOMPARE(options.size(), 3);
        QCOMPARE(options[0].name, u"mode"_s);
        QCOMPARE(options[0].type, ConnectionOption::Type::Choice);
        QCOMPARE(options[0].defaultValue.toString(), u"rwc"_s);
        QCOMPARE(options[0].choices, (QStringList{u"rw"_s, u"ro"_s, u"rwc"_s}));
        QCOMPARE(options[1].name, u"foreign_keys"_s);
        QCOMPARE(options[1].type, ConnectionOption::Type::Boolean);
        QCOMPARE(options[1].defaultValue.toBool(), true);
        QCOMPARE(options[2].name, u"busy_timeout"_s);
        QCOMPARE(options[2].type, ConnectionOption::Type::Integer);
        QCOMPARE(options[2].defaultValue.toInt(), 5000);
        for (const ConnectionOption &o : options)
            QVERIFY(!o.secret);
    }

    void loadsCatalogThroughItsOwnSession()
    {
        SqliteEngine engine;
        auto session = engine.createSession();
        ConnectionSettings s;
        s.database = u":memory:"_s;
        QVERIFY(session->open(s).ok());
        CollectingSink sink;
        QVERIFY(session->execute(u"CREATE TABLE t (id INTEGER PRIMARY KEY)"_s, {}, sink).ok());
        const auto catalog = engine.loadCatalog(*session, {});
        QVERIFY(catalog.ok());
        QCOMPARE(catalog->database, u":memory:"_s);
        QCOMPARE(catalog->serverVersion, u"SQLite 3.40.1"_s);
        QVERIFY(catalog->table(u"main"_s, u"t"_s));
        CatalogRequest other;
        other.schemas = {u"temp"_s};
        const auto refused = engine.loadCatalog(*session, other);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), Error::Code::NotSupported);
    }

    void pluginMetadataIsReadableBeforeLoading()
    {
        const QString file = QDir(QStringLiteral(STRATA_PLUGIN_DIR)).filePath(u"libstrata_sqlite.so"_s);
        if (!QFile::exists(file))
            QSKIP("the strata_sqlite plugin is not built");
        QPluginLoader loader(file);
        const QJsonObject meta = loader.metaData();
        QCOMPARE(meta.value(u"IID"_s).toString(), QStringLiteral(Strata_IEnginePlugin_iid));
        const QJsonObject data = meta.value(u"MetaData"_s).toObject();
        QCOMPARE(data.value(u"id"_s).toString(), u"sqlite"_s);
        QCOMPARE(data.value(u"urlSchemes"_s).toArray(), QJsonArray{u"sqlite"_s});
        QCOMPARE(data.value(u"capabilities"_s).toArray(),
                 (QJsonArray{u"session"_s, u"catalog"_s, u"dialect"_s, u"explain"_s, u"migrations"_s}));
        QVERIFY(!loader.isLoaded());
        QObject *instance = loader.instance();
        QVERIFY2(instance, qPrintable(loader.errorString()));
        auto *engine = qobject_cast<IEnginePlugin *>(instance);
        QVERIFY(engine);
        QCOMPARE(engine->id(), u"sqlite"_s);
        QVERIFY(qobject_cast<IDialect *>(instance));
        auto *explain = qobject_cast<IExplain *>(instance);
        QVERIFY(explain);
        QVERIFY(!explain->supportsAnalyze());
    }
};

QTEST_GUILESS_MAIN(tst_SqliteEngine)
#include "tst_sqliteengine.moc"
