// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationsFeature in a whole MainWindow: Connection ▸ Migrations… (Ctrl+Alt+M) shows the dock
// bound to the demo SQLite connection with the folder remembered for it, the folder is watched,
// a run against the demo database shows every state (the screenshot of the panel), and New
// Migration… / Open File open the migration editor with the connection's lint rules.
#include "editor/sqleditor.h"
#include "migrations/migrationcontroller.h"
#include "migrations/migrationeditordialog.h"
#include "migrations/migrationsfeature.h"
#include "migrations/migrationsmodel.h"
#include "migrations/migrationspanel.h"
#include "migrations/othertoolsfeature.h"
#include "shell/mainwindow.h"

#include "connection/enginesession.h"

#include "../guitestsupport.h"
#include "../migrationpanelsupport.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

QString migration(const QString &table, const QString &extra = {})
{
    return u"-- migrate:up\nCREATE TABLE %1 (id integer PRIMARY KEY%2);\n\n-- migrate:down\nDROP TABLE %1;\n"_s
        .arg(table, extra);
}

// A whole window on a fresh demo database, with the default features.
struct DemoWindow
{
    std::unique_ptr<ConnectionManager> manager = Test::freshGuiManager(u"tst_migrationsfeature"_s);
    std::unique_ptr<MainWindow> window;
    MigrationsFeature *feature = nullptr;
    QString demo; // the demo connection's id

    bool hasSqlite() const { return manager->plugins()->pluginObject(u"sqlite"_s) != nullptr; }
    // Shows the window; false when the demo database did not load in time.
    bool show()
    {
        window = std::make_unique<MainWindow>(manager.get());
        window->installDefaultFeatures();
        feature = window->feature<MigrationsFeature>();
        demo = Test::showWithDemo(*window, *manager);
        return feature && !demo.isEmpty();
    }
};

} // namespace

class tst_MigrationsFeature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actionShowsTheDockBoundToTheDemoConnection()
    {
        auto manager = Test::freshGuiManager(u"tst_migrationsfeature"_s);
        if (!manager->plugins()->pluginObject(u"sqlite"_s))
            QSKIP("the sqlite plugin is not built");
        MainWindow window(manager.get());
        window.installDefaultFeatures();
        auto *feature = window.feature<MigrationsFeature>();
        QVERIFY(feature);
        QAction *action = feature->showAction();
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_M));
        QVERIFY(action->toolTip().contains(u"Ctrl+Alt+M"_s));
        QVERIFY(window.menu(MainWindow::Menu::Connection)->actions().contains(action));
        QVERIFY(window.menu(MainWindow::Menu::View)
                    ->actions()
                    .contains(feature->dock()->toggleViewAction()));
        QCOMPARE(feature->dock()->objectName(), u"MigrationsDock"_s);
        // No other action of the window uses the shortcut.
        for (QAction *other : window.findChildren<QAction *>()) {
            if (other != action)
                QVERIFY2(other->shortcut() != action->shortcut(), qPrintable(other->text()));
        }
        // Other Migration Tools… is reachable from the panel's toolbar.
        QToolBar *toolBar = feature->panel()->findChild<QToolBar *>();
        QVERIFY(toolBar);
        QVERIFY(toolBar->actions().contains(window.feature<OtherToolsFeature>()->showAction()));

        const QString demo = Test::showWithDemo(window, *manager);
        QVERIFY(!demo.isEmpty());
        QVERIFY(!feature->dock()->isVisible());
        QVERIFY(feature->boundConnection().isEmpty()); // hidden: it reads nothing yet
        EngineSession *session = manager->session(demo);
        QVERIFY(session);

        // The folder remembered for the demo connection.
        QTemporaryDir dir;
        QVERIFY(
            Test::writeFile(dir.filePath(u"20260101000001_first.sql"_s), migration(u"tst_mf_first"_s)));
        QVERIFY(
            Test::writeFile(dir.filePath(u"20260101000002_second.sql"_s), migration(u"tst_mf_second"_s)));
        const QString key =
            MigrationsFeature::folderKey(manager->profileName(demo), session->settings());
        QVERIFY(key.startsWith(u"migrations/folders/"_s));
        QVERIFY(!key.mid(19).contains(u'/'));
        QSettings().setValue(key, dir.path());

        action->trigger();
        QVERIFY(feature->dock()->isVisible());
        QCOMPARE(feature->boundConnection(), demo);
        MigrationsPanel *panel = feature->panel();
        QVERIFY(Test::settle(*panel));
        QCOMPARE(panel->folder(), dir.path());
        QVERIFY2(panel->targetText().startsWith(
                     u"Target: %1"_s.arg(MigrationsFeature::databaseLabel(session->settings()))),
                 qPrintable(panel->targetText()));
        QVERIFY(panel->targetText().contains(u"SQLite"_s));
        QCOMPARE(panel->model()->rowCount(), 2);
        QVERIFY(panel->applyAction()->isEnabled());

        // F5 in the panel reads again (the schema browser's F5 does not take it).
        window.activateWindow();
        panel->view()->setFocus();
        QTRY_VERIFY(panel->view()->hasFocus());
        QSignalSpy loading(panel->controller(), &MigrationController::loadingChanged);
        QTest::keyClick(panel->view(), Qt::Key_F5);
        QVERIFY(!loading.isEmpty());
        QVERIFY(Test::settle(*panel));

        // A new file in the folder is picked up without a refresh.
        QVERIFY(
            Test::writeFile(dir.filePath(u"20260101000003_third.sql"_s), migration(u"tst_mf_third"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 3, 10000);

        // Another folder chosen in the panel is remembered for the connection.
        QTemporaryDir other;
        panel->setFolder(other.path());
        QCOMPARE(QSettings().value(key).toString(), other.path());
        QVERIFY(Test::settle(*panel));
        QCOMPARE(panel->model()->rowCount(), 0);
        QVERIFY(!panel->applyAction()->isEnabled());

        // Closing the connection unbinds the panel.
        manager->close(demo);
        QTRY_VERIFY(panel->targetText() == u"Target: no connection"_s);
        QVERIFY(!panel->applyAction()->isEnabled());
    }

    // The panel keeps the connection of a run in progress and follows the window afterwards.
    void aRunKeepsItsConnectionUntilItEnds()
    {
        DemoWindow demoWindow;
        if (!demoWindow.hasSqlite())
            QSKIP("the sqlite plugin is not built");
        QVERIFY(demoWindow.show());
        auto manager = demoWindow.manager.get();
        MainWindow &window = *demoWindow.window;
        const QString demo = demoWindow.demo;
        MigrationsFeature *feature = demoWindow.feature;
        MigrationsPanel *panel = feature->panel();
        QTemporaryDir dir;
        for (int i = 1; i <= 30; ++i) {
            const QString table = u"tst_mf_fill_%1"_s.arg(i);
            QVERIFY(Test::writeFile(
                dir.filePath(u"202604010000"_s + QString::number(i).rightJustified(2, u'0') +
                             u"_fill.sql"_s),
                u"-- migrate:up\nCREATE TABLE %1 (n int);\nWITH RECURSIVE c(n) AS (SELECT 1 "
                "UNION ALL SELECT n + 1 FROM c WHERE n < 40000) INSERT INTO %1 SELECT n FROM c;"
                "\n-- migrate:down\nDROP TABLE %1;\n"_s.arg(table)));
        }
        feature->showAction()->trigger();
        QCOMPARE(feature->boundConnection(), demo);
        panel->setFolder(dir.path());
        QVERIFY(Test::settle(*panel));

        ConnectionSettings other;
        other.engine = u"sqlite"_s;
        other.database = dir.filePath(u"other.db"_s);
        const QString second = manager->open(u"Other"_s, other);
        QTRY_VERIFY_WITH_TIMEOUT(manager->state(second) == ConnectionManager::State::Ready, 30000);

        panel->setAsker([](const MigrationsPanel::Confirmation &) { return true; });
        QSignalSpy ended(panel, &MigrationsPanel::runEnded);
        panel->apply();
        QVERIFY(panel->controller()->isRunning());
        window.setCurrentConnection(second);
        QCOMPARE(feature->boundConnection(), demo);
        QVERIFY(panel->targetText().contains(u"demo"_s));
        QVERIFY(ended.wait(60000));
        QTRY_COMPARE(feature->boundConnection(), second);
        QVERIFY(Test::settle(*panel));
        QVERIFY2(panel->targetText().contains(u"other.db"_s), qPrintable(panel->targetText()));
        QVERIFY(panel->folder().isEmpty()); // nothing remembered for this one yet
    }

    // New Migration… opens the editor on the panel's folder with the SQLite rules; saving
    // shows the new migration selected and pending. Open File on an applied migration opens
    // it with a warning, once.
    void newMigrationAndOpenFileUseTheEditor()
    {
        DemoWindow demoWindow;
        if (!demoWindow.hasSqlite())
            QSKIP("the sqlite plugin is not built");
        QVERIFY(demoWindow.show());
        MainWindow &window = *demoWindow.window;
        MigrationsFeature *feature = demoWindow.feature;
        MigrationsPanel *panel = feature->panel();
        QTemporaryDir dir;
        const QString first = dir.filePath(u"20260101000001_first.sql"_s);
        QVERIFY(Test::writeFile(first, migration(u"tst_mf_editor"_s)));
        feature->showAction()->trigger();
        panel->setFolder(dir.path());
        QVERIFY(Test::settle(*panel));
        panel->setAsker([](const MigrationsPanel::Confirmation &) { return true; });
        QSignalSpy ended(panel, &MigrationsPanel::runEnded);
        panel->apply();
        QVERIFY(ended.wait(30000));
        QVERIFY(Test::settle(*panel));

        QVERIFY(panel->newAction()->isEnabled());
        panel->newAction()->trigger();
        QList<MigrationEditorDialog *> editors = window.findChildren<MigrationEditorDialog *>();
        QCOMPARE(editors.size(), 1);
        MigrationEditorDialog *editor = editors.first();
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->folder(), dir.path());
        // The SQLite plugin's rule: SQLite cannot change a column in place.
        editor->setName(u"note"_s);
        editor->editor()->setText(u"-- migrate:up\nALTER TABLE tst_mf_editor ALTER COLUMN id SET NOT NULL;\n"
                                  "-- migrate:down\nSELECT 1;\n"_s);
        editor->lintNow();
        QTRY_VERIFY_WITH_TIMEOUT(!editor->isLinting(), 10000);
        QStringList rules;
        for (const LintFinding &finding : editor->findings())
            rules << finding.rule;
        QVERIFY2(rules.contains(u"table-rebuild-required"_s), qPrintable(rules.join(u", "_s)));

        editor->editor()->setText(u"-- migrate:up\nALTER TABLE tst_mf_editor ADD COLUMN note text;\n\n"
                                  "-- migrate:down\nALTER TABLE tst_mf_editor DROP COLUMN note;\n"_s);
        QVERIFY(editor->save());
        QVERIFY(QFile::exists(editor->path()));
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 2, 10000);
        QTRY_COMPARE(panel->selectedVersion(), editor->version());
        const QModelIndex state = panel->view()->currentIndex().siblingAtColumn(MigrationsModel::StateColumn);
        QCOMPARE(state.data().toString(), u"pending"_s);
        editor->close();
        QTRY_VERIFY(window.findChildren<MigrationEditorDialog *>().isEmpty());

        // Open File (the table's context menu; a double-click does the same) on the applied one.
        panel->selectVersion(u"20260101000001"_s);
        QAction *openFile = nullptr;
        for (QAction *action : panel->view()->actions()) {
            if (action->text().remove(u'&') == u"Open File"_s)
                openFile = action;
        }
        QVERIFY(openFile);
        QVERIFY(openFile->isEnabled());
        openFile->trigger();
        openFile->trigger(); // the same file: the open editor is raised, not a second one
        editors = window.findChildren<MigrationEditorDialog *>();
        QCOMPARE(editors.size(), 1);
        QCOMPARE(editors.first()->path(), first);
        QVERIFY2(editors.first()->warning().contains(u"applied"_s), qPrintable(editors.first()->warning()));
        QVERIFY(editors.first()->editor()->text().contains(u"CREATE TABLE tst_mf_editor"_s));
        editors.first()->close();
    }

    // Five migrations against the demo database: three applied, one changed, one pending.
    void showsEveryStateAfterARunOnTheDemoDatabase()
    {
        DemoWindow demoWindow;
        if (!demoWindow.hasSqlite())
            QSKIP("the sqlite plugin is not built");
        QVERIFY(demoWindow.show());
        MainWindow &window = *demoWindow.window;
        MigrationsFeature *feature = demoWindow.feature;
        MigrationsPanel *panel = feature->panel();

        QTemporaryDir dir;
        const QStringList names = {u"create_suppliers"_s, u"create_supplier_contacts"_s,
                                   u"add_warehouses"_s, u"create_stock_moves"_s,
                                   u"create_audit_log"_s};
        for (int i = 0; i < 4; ++i) {
            QVERIFY(Test::writeFile(dir.filePath(u"2026030"_s + QString::number(i + 1) + u"091500_"_s +
                                           names.at(i) + u".sql"_s),
                              migration(u"tst_mf_%1"_s.arg(names.at(i)))));
        }
        feature->showAction()->trigger();
        panel->setFolder(dir.path());
        QVERIFY(Test::settle(*panel));
        QVERIFY2(panel->model()->rowCount() == 4, qPrintable(panel->problems()->toPlainText()));
        panel->setAsker([](const MigrationsPanel::Confirmation &) { return true; });
        QSignalSpy ended(panel, &MigrationsPanel::runEnded);
        panel->apply();
        QVERIFY(ended.wait(30000));
        QVERIFY(Test::settle(*panel));
        QVERIFY2(!panel->summaryIsError(), qPrintable(panel->summary()));

        // One file edited after it was applied, one new.
        QVERIFY(Test::writeFile(dir.filePath(u"20260302091500_%1.sql"_s.arg(names.at(1))),
                          migration(u"tst_mf_%1"_s.arg(names.at(1)), u", email text"_s)));
        QVERIFY(Test::writeFile(dir.filePath(u"20260305091500_%1.sql"_s.arg(names.at(4))),
                          migration(u"tst_mf_%1"_s.arg(names.at(4)))));
        panel->refresh();
        QVERIFY(Test::settle(*panel));
        QCOMPARE(panel->model()->rowCount(), 5);
        QStringList states;
        for (int r = 0; r < 5; ++r)
            states << panel->model()->index(r, MigrationsModel::StateColumn).data().toString();
        QCOMPARE(states, (QStringList{u"applied"_s, u"changed"_s, u"applied"_s, u"applied"_s,
                                      u"pending"_s}));
        QVERIFY(!panel->applyAction()->isEnabled()); // a changed migration blocks Apply
        QVERIFY2(panel->summaryIsError() &&
                     panel->summary().contains(u"create_supplier_contacts was changed"_s),
                 qPrintable(panel->summary()));
        panel->selectVersion(u"20260302091500"_s);
        QVERIFY(panel->repairAction()->isEnabled());
        window.resizeDocks({feature->dock()}, {780}, Qt::Horizontal);
        panel->pages()->setCurrentWidget(panel->output());
        QTest::qWait(50);
        window.grab().save(u"/tmp/strata-migrations-window.png"_s);
        panel->pages()->setCurrentWidget(panel->historyView());
        panel->grab().save(u"/tmp/strata-migrations-history.png"_s);
        panel->pages()->setCurrentIndex(0);
        panel->previewChoice()->setCurrentIndex(2);
        feature->dock()->grab().save(u"/tmp/strata-migrations-dock.png"_s);
    }
};

QTEST_MAIN(tst_MigrationsFeature)
#include "tst_migrationsfeature.moc"
