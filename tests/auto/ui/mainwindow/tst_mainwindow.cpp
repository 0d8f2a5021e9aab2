// SPDX-License-Identifier: GPL-3.0-or-later
#include "connections/connectiondialog.h"
#include "connections/connectionmanager.h"
#include "connections/demofeature.h"
#include "connection/enginesession.h"
#include "objects/objectpane.h"
#include "objects/objectpanefeature.h"
#include "plugins/pluginmanager.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "schema/schemabrowser.h"
#include "schema/schemabrowserfeature.h"
#include "schema/schematreemodel.h"
#include "shell/mainwindow.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Strata;

class tst_MainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<ConnectionManager> newManager()
    {
        auto manager = std::make_unique<ConnectionManager>();
        manager->plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        manager->plugins()->loadAll();
        return manager;
    }

    // STRATA_SCREENSHOT_DIR=dir saves what the test sees, for docs/screenshot-*.png.
    static void saveShot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            widget->grab().save(QDir(dir).filePath(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        QCoreApplication::setApplicationName(QStringLiteral("strata-test-mainwindow"));
    }

    void firstStartOpensTheDemoWithItsSchema()
    {
        auto manager = newManager();
        if (!manager->plugins()->pluginObject(QStringLiteral("sqlite")))
            QSKIP("the sqlite plugin is not built");
        MainWindow window(manager.get());
        window.installDefaultFeatures();
        window.restoreLayout();
        QSignalSpy loaded(manager.get(), &ConnectionManager::catalogLoaded);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(manager->connectionIds().size(), 1);
        const QString id = manager->connectionIds().constFirst();

        SchemaBrowser *browser = window.feature<SchemaBrowserFeature>()->browser();
        SchemaTreeModel *model = browser->model();
        QVERIFY(model->catalog(id));
        QVERIFY(browser->view()->isExpanded(model->connectionIndex(id)));

        // The first table is shown at once, with its columns and its DDL.
        ObjectPane *pane = window.feature<ObjectPaneFeature>()->pane();
        QTRY_VERIFY(pane->model(ObjectDetailsModel::Facet::Columns)->rowCount() > 0);
        QVERIFY(pane->ddl().contains(QStringLiteral("CREATE"), Qt::CaseInsensitive));
        QVERIFY(window.statusBar()->findChildren<QLabel *>().size() > 0);
        bool versionShown = false;
        for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
            versionShown |= label->text().contains(manager->serverVersion(id));
        QVERIFY(versionShown);

        // Pick a table with foreign keys, as a user would.
        const Catalog *catalog = manager->catalog(id);
        QString withFks;
        for (const Table &t : catalog->schemas.constFirst().tables) {
            if (!t.foreignKeys.isEmpty() && withFks.isEmpty())
                withFks = t.name;
        }
        QVERIFY(!withFks.isEmpty());
        QVERIFY(browser->selectObject(id, catalog->schemas.constFirst().name, withFks));
        QVERIFY(pane->title().endsWith(withFks));
        QVERIFY(pane->model(ObjectDetailsModel::Facet::ForeignKeys)->rowCount() > 0);
        pane->tabs()->setCurrentIndex(ObjectPane::ColumnsTab);
        browser->view()->expand(browser->view()->currentIndex());
        QTest::qWait(50);
        saveShot(&window, QStringLiteral("main-columns.png"));
        pane->tabs()->setCurrentIndex(ObjectPane::DdlTab);
        QTest::qWait(50);
        saveShot(&window, QStringLiteral("main-ddl.png"));

        // The filter narrows the tree as one types.
        const int before = model->rowCount(model->index(0, 0, model->index(0, 0, model->connectionIndex(id))));
        QTest::keyClicks(browser->filterEdit(), withFks.left(4));
        QCOMPARE(model->filter(), withFks.left(4).toLower());
        const QModelIndex tables = model->index(0, 0, model->index(0, 0, model->connectionIndex(id)));
        QVERIFY(model->rowCount(tables) <= before);
        QVERIFY(browser->view()->isExpanded(tables));

        ConnectionDialog dialog(manager->plugins(), &window);
        dialog.setTester(manager.get());
        dialog.urlEdit()->setText(QString());
        QTest::keyClicks(dialog.urlEdit(), QStringLiteral("postgresql://alice@db.example.com:5432/shop?sslmode=verify-full"));
        dialog.nameEdit()->setText(QStringLiteral("Production shop"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveShot(&dialog, QStringLiteral("connect.png"));
    }

    void queryTabOpenedWhileConnectingStaysCurrent()
    {
        auto manager = newManager();
        if (!manager->plugins()->pluginObject(QStringLiteral("sqlite")))
            QSKIP("the sqlite plugin is not built");
        MainWindow window(manager.get());
        window.installDefaultFeatures();
        QSignalSpy loaded(manager.get(), &ConnectionManager::catalogLoaded);
        // A tab opened as soon as the connection exists, before its catalog is read: what
        // `strata FILE.sql` and recovered tabs do.
        QueryTab *tab = nullptr;
        connect(manager.get(), &ConnectionManager::connectionAdded, &window,
                [&](const QString &id) { tab = window.feature<QueryFeature>()->newQueryTab(id); });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        if (manager->connectionIds().isEmpty() && !tab)
            window.feature<DemoFeature>()->openDemo();  // not the first start any more
        QTRY_VERIFY_WITH_TIMEOUT(tab, 30000);
        QCOMPARE(window.workspace()->currentWidget(), tab);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 30000);
        // The Object tab is filled with the first table, but the query tab stays in front.
        ObjectPane *pane = window.feature<ObjectPaneFeature>()->pane();
        QTRY_VERIFY(pane->model(ObjectDetailsModel::Facet::Columns)->rowCount() > 0);
        QCOMPARE(window.workspace()->currentWidget(), tab);
    }

    void hostileTableNameIsShownAsPlainText()
    {
        auto manager = newManager();
        if (!manager->plugins()->pluginObject(QStringLiteral("sqlite")))
            QSKIP("the sqlite plugin is not built");
        QTemporaryDir dir;
        MainWindow window(manager.get());
        window.installDefaultFeatures();
        ConnectionSettings settings;
        settings.engine = QStringLiteral("sqlite");
        settings.database = dir.filePath(QStringLiteral("hostile.db"));
        QSignalSpy loaded(manager.get(), &ConnectionManager::catalogLoaded);
        const QString id = manager->open(QStringLiteral("<i>hostile</i>"), settings);
        window.show();
        QVERIFY(loaded.wait(30000));
        auto created = manager->session(id)->query(
            QStringLiteral("CREATE TABLE \"<b>bold</b>\" (\"<img src=x>\" INTEGER PRIMARY KEY)"));
        QTRY_VERIFY(created.isFinished());
        QVERIFY2(created.result().ok(), qPrintable(created.result().error().toString()));
        manager->reloadCatalog(id);
        QVERIFY(loaded.wait(30000));
        SchemaBrowser *browser = window.feature<SchemaBrowserFeature>()->browser();
        QVERIFY(browser->selectObject(id, QStringLiteral("main"), QStringLiteral("<b>bold</b>")));
        ObjectPane *pane = window.feature<ObjectPaneFeature>()->pane();
        QVERIFY(pane->title().endsWith(QStringLiteral("<b>bold</b>")));
        QCOMPARE(pane->titleLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(pane->model(ObjectDetailsModel::Facet::Columns)->index(0, 0).data().toString(),
                 QStringLiteral("<img src=x>"));
        QVERIFY(pane->ddl().contains(QStringLiteral("\"<b>bold</b>\"")));
        for (QLabel *label : window.findChildren<QLabel *>())
            QVERIFY(label->textFormat() == Qt::PlainText || !label->text().contains(QStringLiteral("<b>bold")));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
