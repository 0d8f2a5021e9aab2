// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/migrationspanel.h"
#include "shell/ifeature.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QFileSystemWatcher;
class QTimer;

namespace Strata {

struct ConnectionSettings;
class MigrationEditorDialog;

// The "Migrations" dock: the migrations panel bound to the window's current connection and
// the folder remembered for that connection's profile. Connection ▸ Migrations… (Ctrl+Alt+M)
// and the View menu show it; the folder is watched and read again when its files change.
// New Migration… and a double-click on a migration open the migration editor (linting with
// the bound connection's rules and server version).
class STRATA_UI_EXPORT MigrationsFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    MigrationsFeature();
    ~MigrationsFeature() override;

    void install(MainWindow &window) override;

    MigrationsPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QAction *showAction() const { return m_showAction; }
    QString boundConnection() const { return m_bound; }

    // "strata_test on 127.0.0.1:54329", "shop.db": how confirmations name the database.
    static QString databaseLabel(const ConnectionSettings &settings);
    // The QSettings key of a connection's folder: by profile name, else by the URL (which
    // never holds the password).
    static QString folderKey(const QString &profileName, const ConnectionSettings &settings);

    // Shows the dock bound to the current connection; asks for a folder when there is none.
    void show();
    // A non-modal editor for a new migration in the panel's folder (path empty) or for the
    // migration file path (raised when it is open already). Null when there is no folder, or
    // when path is not a dbmate file: that opens in a query tab instead.
    MigrationEditorDialog *openEditor(const QString &path = QString());

private:
    void follow(const QString &connectionId);
    void bind(const QString &connectionId);
    void rememberFolder(const QString &folder);
    void watch(const QString &folder);
    void editorSaved(const QString &path, const QString &version);

    MainWindow *m_window = nullptr;
    QPointer<QDockWidget> m_dock;
    QPointer<MigrationsPanel> m_panel;
    QAction *m_showAction = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_debounce = nullptr;
    QString m_bound;    // the connection the panel shows
    QString m_deferred; // the connection to bind once the run in progress ends
    QString m_selectAfterRead; // the version a saved editor wrote, selected once it is read
    QList<QPointer<MigrationEditorDialog>> m_editors;
    bool m_binding = false;
    bool m_stale = true; // the dock was hidden when the connection changed
};

} // namespace Strata
