// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationsfeature.h"

#include "migrationcontroller.h"
#include "migrationeditordialog.h"
#include "migrationspanel.h"
#include "othertoolsfeature.h"

#include "connections/connectionmanager.h"
#include "query/queryfeature.h"
#include "shell/mainwindow.h"

#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "plugins/imigrations.h"
#include "plugins/pluginmanager.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QUrl>

namespace Strata {

MigrationsFeature::MigrationsFeature() = default;

MigrationsFeature::~MigrationsFeature()
{
    delete m_dock; // the controller's run holds a session of the window's connections
}

void MigrationsFeature::install(MainWindow &window)
{
    m_window = &window;
    m_dock = new QDockWidget(tr("Migrations"), &window);
    m_dock->setObjectName(QStringLiteral("MigrationsDock"));
    m_panel = new MigrationsPanel(m_dock);
    m_dock->setWidget(m_panel);
    window.addDock(m_dock, Qt::RightDockWidgetArea);
    m_dock->hide();
    QAction *toggle = m_dock->toggleViewAction();
    toggle->setText(tr("&Migrations"));
    toggle->setToolTip(tr("Show the migrations of a folder against the current connection"));

    m_showAction = new QAction(tr("&Migrations…"), this);
    m_showAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_M));
    m_showAction->setToolTip(tr("Apply, roll back and repair the versioned migrations of a folder "
                                "on the current connection's database (Ctrl+Alt+M)"));
    m_showAction->setStatusTip(m_showAction->toolTip());
    connect(m_showAction, &QAction::triggered, this, &MigrationsFeature::show);
    window.menu(MainWindow::Menu::Connection)->addAction(m_showAction);

    if (auto *other = window.feature<OtherToolsFeature>()) {
        if (QAction *action = other->showAction())
            m_panel->addExtraAction(action);
    }

    m_watcher = new QFileSystemWatcher(this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        if (!m_panel)
            return;
        MigrationController *controller = m_panel->controller();
        if (controller->isRunning() || controller->isLoading()) {
            m_debounce->start(); // read once the run or the read in progress is over
            return;
        }
        watch(m_panel->folder()); // files come and go
        m_panel->refresh();
    });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_debounce,
            qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_debounce, qOverload<>(&QTimer::start));

    connect(m_panel, &MigrationsPanel::folderChanged, this, [this](const QString &folder) {
        if (!m_binding)
            rememberFolder(folder);
        watch(folder);
    });
    connect(m_panel, &MigrationsPanel::migrationActivated, this,
            [this](const QString &path) { openEditor(path); });
    connect(m_panel, &MigrationsPanel::newMigrationRequested, this, [this] { openEditor(); });
    // After the panel's own handler (connected first), so the row is there to select.
    connect(m_panel->controller(), &MigrationController::statusChanged, this, [this] {
        if (m_selectAfterRead.isEmpty() || m_panel->controller()->isLoading())
            return;
        m_panel->selectVersion(m_selectAfterRead);
        m_selectAfterRead.clear();
    });
    connect(m_panel, &MigrationsPanel::runEnded, this, [this] {
        if (!m_deferred.isNull()) {
            const QString id = m_deferred;
            m_deferred = QString();
            follow(id);
        }
    });

    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_stale)
            follow(m_window->currentConnection());
    });
    connect(&window, &MainWindow::currentConnectionChanged, this, &MigrationsFeature::follow);
    if (ConnectionManager *manager = window.connections()) {
        connect(manager, &ConnectionManager::connectionOpened, this, [this](const QString &id) {
            if (m_window && m_window->currentConnection() == id)
                follow(id);
        });
        connect(manager, &ConnectionManager::connectionFailed, this, [this](const QString &id) {
            if (m_window && m_window->currentConnection() == id)
                follow(id);
        });
        connect(manager, &ConnectionManager::connectionClosed, this, [this](const QString &id) {
            if (id != m_bound)
                return;
            m_bound.clear();
            const QString current = m_window->currentConnection();
            follow(current == id ? QString() : current);
        });
    }
    follow(window.currentConnection());
}

void MigrationsFeature::show()
{
    m_dock->show();
    m_dock->raise();
    if (m_stale) // showing it usually bound it already
        follow(m_window->currentConnection());
    if (m_panel->folder().isEmpty() && !m_bound.isEmpty())
        m_panel->chooseFolder();
    m_panel->view()->setFocus();
}

// A run in progress keeps its connection: the panel follows once it ends.
void MigrationsFeature::follow(const QString &connectionId)
{
    if (!m_panel)
        return;
    if (m_panel->controller()->isRunning()) {
        m_deferred = connectionId.isNull() ? QStringLiteral("") : connectionId;
        return;
    }
    // A hidden panel reads nothing from the server: it binds when it is shown.
    if (!m_dock->isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    bind(connectionId);
}

void MigrationsFeature::bind(const QString &connectionId)
{
    ConnectionManager *manager = m_window->connections();
    EngineSession *session =
        connectionId.isEmpty() || !manager ? nullptr : manager->session(connectionId);
    if (!session || manager->state(connectionId) == ConnectionManager::State::Connecting ||
        manager->state(connectionId) == ConnectionManager::State::Failed) {
        m_bound.clear();
        m_binding = true;
        QString message = tr("No connection: open one and make it current.");
        if (!connectionId.isEmpty() &&
            manager->state(connectionId) == ConnectionManager::State::Failed)
            message = tr("Could not connect to %1: %2")
                          .arg(manager->title(connectionId), manager->errorText(connectionId));
        else if (!connectionId.isEmpty())
            message = tr("Connecting to %1…").arg(manager->title(connectionId));
        m_panel->clearConnection(message);
        m_binding = false;
        return;
    }
    const bool same = connectionId == m_bound && m_panel->controller()->session() == session;
    if (same) {
        m_panel->refresh();
        return;
    }
    m_bound = connectionId;
    const IMigrations *engine = manager->plugins()
                                    ? manager->plugins()->capability<IMigrations>(session->engine())
                                    : nullptr;
    const ConnectionSettings &settings = session->settings();
    m_binding = true;
    m_panel->setConnection(session, engine, databaseLabel(settings),
                           manager->serverVersion(connectionId));
    const QString folder =
        QSettings().value(folderKey(manager->profileName(connectionId), settings)).toString();
    m_panel->setFolder(folder);
    m_binding = false;
    watch(folder);
}

QString MigrationsFeature::databaseLabel(const ConnectionSettings &settings)
{
    if (settings.engine == u"sqlite")
        return QFileInfo(settings.database).fileName();
    const QString host = settings.host.isEmpty() ? QStringLiteral("localhost") : settings.host;
    const QString where =
        settings.port > 0 ? QStringLiteral("%1:%2").arg(host).arg(settings.port) : host;
    if (settings.database.isEmpty())
        return where;
    return tr("%1 on %2").arg(settings.database, where);
}

QString MigrationsFeature::folderKey(const QString &profileName, const ConnectionSettings &settings)
{
    const QString name = profileName.isEmpty() ? ConnectionUrl::toString(settings) : profileName;
    // Percent-encoded: a URL's slashes would otherwise nest settings groups.
    return QStringLiteral("migrations/folders/") +
           QString::fromLatin1(QUrl::toPercentEncoding(name));
}

void MigrationsFeature::rememberFolder(const QString &folder)
{
    ConnectionManager *manager = m_window->connections();
    EngineSession *session = m_bound.isEmpty() || !manager ? nullptr : manager->session(m_bound);
    if (!session)
        return;
    const QString key = folderKey(manager->profileName(m_bound), session->settings());
    QSettings settings;
    if (folder.isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, folder);
}

void MigrationsFeature::watch(const QString &folder)
{
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    if (!watched.isEmpty())
        m_watcher->removePaths(watched);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        return;
    QStringList paths{folder};
    const QDir dir(folder);
    for (const QString &name : dir.entryList({QStringLiteral("*.sql")}, QDir::Files))
        paths << dir.filePath(name);
    m_watcher->addPaths(paths);
}

MigrationEditorDialog *MigrationsFeature::openEditor(const QString &path)
{
    if (!m_panel)
        return nullptr;
    m_editors.removeAll(nullptr);
    const QString folder = path.isEmpty() ? m_panel->folder() : QFileInfo(path).absolutePath();
    if (folder.isEmpty())
        return nullptr;
    for (const QPointer<MigrationEditorDialog> &open : std::as_const(m_editors)) {
        if (!path.isEmpty() && open->path() == path) {
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    // Lint with the bound connection's rules and server version; generic rules without one.
    const MigrationController *controller = m_panel->controller();
    const EngineSession *session = controller->session();
    auto *editor = new MigrationEditorDialog(
        folder, session ? sqlDialectForEngine(session->engine()) : SqlDialect::PostgreSQL,
        session ? controller->engine() : nullptr, session ? session->serverVersion() : QString(),
        m_window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty()) {
        if (!editor->loadFile(path)) {
            delete editor;
            // golang-migrate's .up.sql/.down.sql are plain SQL: a query tab edits them.
            if (QueryFeature *queries = m_window->feature<QueryFeature>())
                queries->openFile(path, m_bound);
            return nullptr;
        }
        for (const MigrationStatus::Entry &entry : controller->status().entries()) {
            if (entry.version != editor->version() || !entry.applied)
                continue;
            editor->setWarning(tr("This migration is applied to %1: saving changes its checksum, so "
                                  "validate reports it and Apply refuses until Repair accepts it.")
                                   .arg(controller->databaseLabel()));
        }
    }
    connect(editor, &MigrationEditorDialog::saved, this, [this, editor](const QString &saved) {
        editorSaved(saved, editor->version());
    });
    m_editors.append(editor);
    editor->show();
    return editor;
}

void MigrationsFeature::editorSaved(const QString &path, const QString &version)
{
    if (!m_panel || QFileInfo(path).absolutePath() != QFileInfo(m_panel->folder()).absoluteFilePath())
        return;
    m_selectAfterRead = version;
    watch(m_panel->folder());
    if (!m_panel->controller()->isRunning())
        m_panel->refresh();
}

} // namespace Strata
