// SPDX-License-Identifier: GPL-3.0-or-later
// OtherToolsPanel and its feature: other tools' histories of a SQLite database read off the
// GUI thread into a read-only tree, reached from the connections dock's context menu.
#include "connections/connectionmanager.h"
#include "connections/connectionsfeature.h"
#include "connections/connectionsmodel.h"
#include "migrations/othertoolsfeature.h"
#include "migrations/othertoolsmodel.h"
#include "migrations/othertoolspanel.h"
#include "shell/mainwindow.h"

#include "connection/enginesession.h"
#include "sqliteengine.h"

#include "../guitestsupport.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

const QString HostileName = u"20240102030405_x'; DROP TABLE t; -- <b>bold</b>.js"_s;

template <typename T> T waitFor(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

ConnectionSettings sqlite(const QString &file)
{
    ConnectionSettings settings;
    settings.engine = u"sqlite"_s;
    settings.database = file;
    return settings;
}

// Knex's and Flyway's tables as the tools create them on SQLite, with a few rows.
bool populate(const QString &file)
{
    Sqlite::SqliteEngine engine;
    EngineSession session(&engine, sqlite(file));
    if (!waitFor(session.open()))
        return false;
    const QStringList script = {
        u"CREATE TABLE knex_migrations (id integer not null primary key autoincrement, "
        "name varchar(255), batch integer, migration_time datetime)"_s,
        u"CREATE TABLE knex_migrations_lock (\"index\" integer not null primary key autoincrement, "
        "is_locked integer)"_s,
        u"CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version "
        "VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script "
        "VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, "
        "installed_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), "
        "execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)"_s,
    };
    for (const QString &sql : script) {
        if (!waitFor(session.query(sql)))
            return false;
    }
    const QString knex = u"INSERT INTO knex_migrations (name, batch, migration_time) VALUES (?, ?, ?)"_s;
    const QString flyway = u"INSERT INTO flyway_schema_history VALUES (?, ?, ?, 'SQL', ?, 1, 'ci', ?, 5, ?)"_s;
    return waitFor(session.query(knex, {u"20240101000000_init.js"_s, 1, 1704164645000LL}))
           && waitFor(session.query(knex, {HostileName, 2, 1704445200000LL}))
           && waitFor(session.query(flyway, {1, u"1"_s, u"init"_s, u"V1__init.sql"_s,
                                             u"2024-02-01 08:00:00.000"_s, 1}))
           && waitFor(session.query(flyway, {2, u"2"_s, u"<i>orders</i>"_s, u"V2__orders.sql"_s,
                                             u"2024-02-02 09:30:00.000"_s, 0}));
}

} // namespace

class tst_OtherToolsPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void showsEachToolsAppliedMigrationsAsPlainText()
    {
        const QString file = m_dir.filePath(u"tools.db"_s);
        QVERIFY(populate(file));
        Sqlite::SqliteEngine engine;
        EngineSession session(&engine, sqlite(file));
        QVERIFY(waitFor(session.open()));

        OtherToolsPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(900, 320);
        QSignalSpy loaded(&panel, &OtherToolsPanel::loaded);
        panel.load(&session, u"<b>shop</b>"_s);
        QVERIFY(panel.isLoading());
        QVERIFY(loaded.wait(10000));
        QVERIFY(!panel.isLoading());

        OtherToolsModel *model = panel.model();
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex knex = model->index(0, 0);
        QCOMPARE(knex.data().toString(), u"Knex"_s);
        QCOMPARE(model->index(0, OtherToolsModel::NameColumn).data().toString(), u"main.knex_migrations"_s);
        QCOMPARE(model->rowCount(knex), 2);
        QCOMPARE(model->index(0, OtherToolsModel::StatusColumn).data().toString(), u"2 applied"_s);
        QCOMPARE(model->index(1, OtherToolsModel::NameColumn, knex).data().toString(), HostileName);
        QCOMPARE(model->index(0, OtherToolsModel::AppliedAtColumn, knex).data().toString(),
                 u"2024-01-02 03:04:05 UTC"_s);
        QCOMPARE(model->index(0, OtherToolsModel::DescriptionColumn, knex).data().toString(), u"batch 1"_s);
        const QModelIndex flyway = model->index(1, 0);
        QCOMPARE(flyway.data().toString(), u"Flyway"_s);
        QCOMPARE(model->index(1, OtherToolsModel::StatusColumn).data().toString(), u"1 applied, 1 failed"_s);
        QCOMPARE(model->index(1, OtherToolsModel::DescriptionColumn, flyway).data().toString(),
                 u"<i>orders</i>"_s);
        QCOMPARE(model->index(1, OtherToolsModel::StatusColumn, flyway).data().toString(),
                 u"failed or rolled back"_s);
        QVERIFY(panel.summary().contains(u"Knex, Flyway"_s));
        for (QLabel *label : panel.findChildren<QLabel *>())
            QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY(panel.view()->isExpanded(knex));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.grab().save(u"/tmp/strata-othertoolspanel.png"_s);

        // A refresh reads again and finds the same.
        panel.refresh();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(model->rowCount(), 2);
    }

    void databaseWithoutToolTablesSaysSo()
    {
        Sqlite::SqliteEngine engine;
        EngineSession session(&engine, sqlite(m_dir.filePath(u"empty.db"_s)));
        QVERIFY(waitFor(session.open()));
        OtherToolsPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&panel, &OtherToolsPanel::loaded);
        panel.load(&session, u"empty"_s);
        QVERIFY2(loaded.wait(10000), qPrintable(panel.summary()));
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.summary(), u"No Sequelize, Knex, Prisma or Flyway history table in main."_s);
    }

    void aLaterLoadDiscardsAnEarlierOne()
    {
        const QString file = m_dir.filePath(u"tools2.db"_s);
        QVERIFY(populate(file));
        Sqlite::SqliteEngine engine;
        EngineSession withTools(&engine, sqlite(file));
        EngineSession empty(&engine, sqlite(m_dir.filePath(u"empty2.db"_s)));
        QVERIFY(waitFor(withTools.open()));
        QVERIFY(waitFor(empty.open()));
        OtherToolsPanel panel;
        QSignalSpy loaded(&panel, &OtherToolsPanel::loaded);
        panel.load(&withTools, u"tools"_s);
        panel.load(&empty, u"empty"_s);
        QVERIFY(loaded.wait(10000));
        QTest::qWait(200); // the first read's answers arrive and are dropped
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.session(), &empty);

        // A panel closed while it reads drops the answers.
        auto *gone = new OtherToolsPanel;
        gone->load(&withTools, u"tools"_s);
        delete gone;
        QTest::qWait(200);
        QVERIFY(waitFor(withTools.query(u"SELECT 1"_s)));
    }

    void connectionsContextMenuOpensTheDock()
    {
        const QString file = m_dir.filePath(u"window.db"_s);
        QVERIFY(populate(file));
        auto manager = Test::freshGuiManager(u"tst_othertoolspanel"_s);
        if (!manager->plugins()->pluginObject(u"sqlite"_s))
            QSKIP("the sqlite plugin is not built");
        MainWindow window(manager.get());
        window.installDefaultFeatures();
        auto *feature = window.feature<OtherToolsFeature>();
        QVERIFY(feature);
        QAction *action = feature->showAction();
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
        QVERIFY(!action->toolTip().isEmpty());
        QVERIFY(window.menu(MainWindow::Menu::Connection)->actions().contains(action));
        QListView *list = window.feature<ConnectionsFeature>()->view();
        QVERIFY(list->actions().contains(action));
        QCOMPARE(list->contextMenuPolicy(), Qt::ActionsContextMenu);

        const QString id = manager->open(u"<b>shop</b>"_s, sqlite(file));
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(manager->state(id) == ConnectionManager::State::Ready, 30000);
        // Select the open connection in the dock, as a right-click does.
        QModelIndex row;
        for (int r = 0; r < list->model()->rowCount(); ++r) {
            const QModelIndex index = list->model()->index(r, 0);
            if (index.data(ConnectionsModel::ConnectionIdRole).toString() == id)
                row = index;
        }
        QVERIFY(row.isValid());
        list->setCurrentIndex(row);
        QTRY_VERIFY(action->isEnabled());

        QSignalSpy loaded(feature->panel(), &OtherToolsPanel::loaded);
        action->trigger();
        QVERIFY(feature->dock()->isVisible());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(feature->panel()->model()->rowCount(), 2);
        window.grab().save(u"/tmp/strata-othertools-window.png"_s);

        manager->close(id);
        QTRY_COMPARE(feature->panel()->model()->rowCount(), 0);
        QCOMPARE(feature->panel()->summary(), u"The connection was closed."_s);
        QTRY_VERIFY(!action->isEnabled());
    }
};

QTEST_MAIN(tst_OtherToolsPanel)
#include "tst_othertoolspanel.moc"
