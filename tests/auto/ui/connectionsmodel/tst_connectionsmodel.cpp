// SPDX-License-Identifier: GPL-3.0-or-later
#include "connections/connectionmanager.h"
#include "connections/connectionsmodel.h"
#include "connection/profilestore.h"
#include "plugins/pluginmanager.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;

class tst_ConnectionsModel : public QObject
{
    Q_OBJECT

    static ConnectionProfile profile(const QString &name, const QString &host)
    {
        ConnectionSettings settings;
        settings.engine = QStringLiteral("postgresql");
        settings.host = host;
        settings.database = QStringLiteral("db");
        settings.user = QStringLiteral("u");
        settings.password = QStringLiteral("never-shown");
        return ConnectionProfile(name, settings);
    }

private Q_SLOTS:
    void listsProfilesThenAdHocConnections()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.filePath(QStringLiteral("profiles.ini")));
        ConnectionManager manager;
        manager.plugins()->setSearchPaths({});
        ConnectionsModel model(&store, &manager);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        QVERIFY(store.save(profile(QStringLiteral("zeta"), QStringLiteral("z.example"))));
        QVERIFY(store.save(profile(QStringLiteral("<b>alpha</b>"), QStringLiteral("a.example"))));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("<b>alpha</b>"));
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("zeta"));
        QCOMPARE(model.index(0).data(ConnectionsModel::StateRole).toInt(), -1);
        QVERIFY(model.index(0).data(ConnectionsModel::UrlRole).toString().contains(QStringLiteral("a.example")));
        const QString tip = model.index(0).data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("&lt;b&gt;alpha&lt;/b&gt;")));
        QVERIFY(!tip.contains(QStringLiteral("never-shown")));

        // No plugin is loaded here, so connections fail at once: still listed, as failed.
        ConnectionSettings adHoc;
        adHoc.engine = QStringLiteral("sqlite");
        adHoc.database = QStringLiteral("/tmp/x.db");
        const QString adHocId = manager.open(QStringLiteral("scratch"), adHoc);
        const QString profileId = manager.open(QStringLiteral("zeta"), profile(QStringLiteral("zeta"), QStringLiteral("z")).settings(), QStringLiteral("zeta"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data(ConnectionsModel::ConnectionIdRole).toString(), adHocId);
        QCOMPARE(model.index(2).data().toString(), QStringLiteral("scratch (failed)"));
        QCOMPARE(model.indexForConnection(profileId), model.index(1));
        QCOMPARE(model.index(1).data(ConnectionsModel::StateRole).toInt(), int(ConnectionManager::State::Failed));
        QCOMPARE(model.indexForProfile(QStringLiteral("zeta")), model.index(1));

        manager.close(adHocId);
        QCOMPARE(model.rowCount(), 2);
        manager.close(profileId);
        QVERIFY(model.index(1).data(ConnectionsModel::ConnectionIdRole).toString().isEmpty());
        QVERIFY(store.remove(QStringLiteral("zeta")));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(tst_ConnectionsModel)
#include "tst_connectionsmodel.moc"
