// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "icons.h"
#include "ifeature.h"

#include "connections/connectionmanager.h"
#include "connections/connectionsfeature.h"
#include "connections/demofeature.h"
#include "explain/planfeature.h"
#include "history/historyfeature.h"
#include "migrations/migrationlintfeature.h"
#include "migrations/migrationsfeature.h"
#include "migrations/othertoolsfeature.h"
#include "objects/objectpanefeature.h"
#include "query/queryfeature.h"
#include "schema/schemabrowserfeature.h"

#include "plugins/iengineplugin.h"
#include "plugins/pluginmanager.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

namespace Strata {

namespace {
const auto GeometryKey = QLatin1String("mainwindow/geometry");
const auto StateKey = QLatin1String("mainwindow/state");
} // namespace

MainWindow::MainWindow(ConnectionManager *connections, QWidget *parent)
    : QMainWindow(parent)
    , m_connections(connections)
    , m_connectionLabel(new QLabel(this))
    , m_busyLabel(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_workspace(new QTabWidget(this))
{
    setWindowTitle(tr("Strata"));
    setWindowIcon(Icons::icon(Icons::Strata));
    setObjectName(QStringLiteral("MainWindow"));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    createMenus();

    m_workspace->setObjectName(QStringLiteral("Workspace"));
    m_workspace->setDocumentMode(true);
    m_workspace->setTabsClosable(true);
    m_workspace->setMovable(true);
    setCentralWidget(m_workspace);
    connect(m_workspace, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *page = m_workspace->widget(index);
        for (const CloseGuard &guard : m_closeGuards) {
            if (!guard(page))
                return;
        }
        m_workspace->removeTab(index);
        if (page)
            page->deleteLater();
    });

    // Connection titles and server versions come from users and servers: plain text only.
    m_connectionLabel->setTextFormat(Qt::PlainText);
    m_busyLabel->setTextFormat(Qt::PlainText);
    m_busy->setRange(0, 0);  // indeterminate
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_busyLabel->hide();
    statusBar()->addWidget(m_busyLabel);
    statusBar()->addWidget(m_busy);
    statusBar()->addPermanentWidget(m_connectionLabel);

    connect(m_connections, &ConnectionManager::busyChanged, this, [this](bool busy) {
        m_busy->setVisible(busy);
        m_busyLabel->setVisible(busy);
        updateStatus();
    });
    for (auto signal : {&ConnectionManager::connectionStateChanged,
                        &ConnectionManager::connectionAdded}) {
        connect(m_connections, signal, this, [this](const QString &id) {
            if (m_currentConnection.isEmpty() || !m_connections->contains(m_currentConnection))
                setCurrentConnection(id);
            updateStatus();
        });
    }
    connect(m_connections, &ConnectionManager::connectionClosed, this, [this](const QString &id) {
        if (id == m_currentConnection) {
            const QStringList open = m_connections->connectionIds();
            setCurrentConnection(open.isEmpty() ? QString() : open.constLast());
        }
    });
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    m_menus[int(Menu::File)] = menuBar()->addMenu(tr("&File"));
    m_menus[int(Menu::Connection)] = menuBar()->addMenu(tr("&Connection"));
    m_menus[int(Menu::View)] = menuBar()->addMenu(tr("&View"));
    m_menus[int(Menu::Help)] = menuBar()->addMenu(tr("&Help"));

    QAction *quit = m_menus[int(Menu::File)]->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QAction *about = m_menus[int(Menu::Help)]->addAction(tr("&About Strata"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        QStringList engines;
        PluginManager *plugins = m_connections->plugins();
        for (const QString &id : plugins->engineIds())
            engines << plugins->engine(id)->displayName();
        QMessageBox box(QMessageBox::Information, tr("About Strata"),
                        tr("Strata %1\nA database workbench for PostgreSQL, MySQL/MariaDB and "
                           "SQLite.\n\nEngines: %2")
                            .arg(QStringLiteral(STRATA_VERSION),
                                 engines.isEmpty() ? tr("none loaded")
                                                   : engines.join(QStringLiteral(", "))),
                        QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    });
}

QMenu *MainWindow::menu(Menu menu) const
{
    return m_menus[int(menu)];
}

void MainWindow::addDock(QDockWidget *dock, Qt::DockWidgetArea area)
{
    addDockWidget(area, dock);
    m_menus[int(Menu::View)]->addAction(dock->toggleViewAction());
}

int MainWindow::addWorkspaceTab(QWidget *page, const QString &title, bool closable)
{
    const int index = m_workspace->addTab(page, title);
    m_workspace->setTabToolTip(index, title);
    if (!closable) {
        for (auto side : {QTabBar::LeftSide, QTabBar::RightSide}) {
            if (QWidget *button = m_workspace->tabBar()->tabButton(index, side)) {
                m_workspace->tabBar()->setTabButton(index, side, nullptr);
                button->deleteLater();
            }
        }
    }
    return index;
}

void MainWindow::addFeature(std::unique_ptr<IFeature> feature)
{
    IFeature *raw = feature.get();
    m_features.push_back(std::move(feature));
    raw->install(*this);
}

void MainWindow::installDefaultFeatures()
{
    addFeature(std::make_unique<ObjectPaneFeature>());
    addFeature(std::make_unique<ConnectionsFeature>());
    addFeature(std::make_unique<SchemaBrowserFeature>());
    addFeature(std::make_unique<QueryFeature>());
    addFeature(std::make_unique<HistoryFeature>());
    addFeature(std::make_unique<PlanFeature>());
    addFeature(std::make_unique<MigrationLintFeature>());
    addFeature(std::make_unique<OtherToolsFeature>());
    addFeature(std::make_unique<MigrationsFeature>());
    addFeature(std::make_unique<DemoFeature>());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    const QByteArray geometry = settings.value(GeometryKey).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(StateKey).toByteArray();
    if (!state.isEmpty() && restoreState(state))
        return;
    // First start: the schema tree gets most of the left column.
    QList<QDockWidget *> left;
    for (QDockWidget *dock : findChildren<QDockWidget *>()) {
        if (dockWidgetArea(dock) == Qt::LeftDockWidgetArea)
            left << dock;
    }
    if (left.size() == 2) {
        resizeDocks(left, {160, 560}, Qt::Vertical);
        resizeDocks({left.constFirst()}, {320}, Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::setCurrentConnection(const QString &id)
{
    if (id == m_currentConnection)
        return;
    m_currentConnection = id;
    updateStatus();
    Q_EMIT currentConnectionChanged(id);
}

void MainWindow::selectTable(const QString &connectionId, const Table &table)
{
    setCurrentConnection(connectionId);
    Q_EMIT tableSelected(connectionId, table);
}

void MainWindow::selectDefinition(const QString &connectionId, const QString &title,
                                  const QString &subtitle, const QString &sql)
{
    setCurrentConnection(connectionId);
    Q_EMIT definitionSelected(connectionId, title, subtitle, sql);
}

void MainWindow::updateStatus()
{
    const QString id = m_currentConnection;
    if (id.isEmpty() || !m_connections->contains(id)) {
        m_connectionLabel->setText(tr("Not connected"));
        setWindowTitle(tr("Strata"));
    } else {
        const QString title = m_connections->title(id);
        const QString version = m_connections->serverVersion(id);
        m_connectionLabel->setText(version.isEmpty() ? title
                                                     : tr("%1 — %2").arg(title, version));
        setWindowTitle(tr("%1 — Strata").arg(title));
    }
    if (m_connections->isBusy()) {
        QString what = tr("Working…");
        for (const QString &open : m_connections->connectionIds()) {
            const auto state = m_connections->state(open);
            if (state == ConnectionManager::State::Connecting)
                what = tr("Connecting to %1…").arg(m_connections->title(open));
            else if (state == ConnectionManager::State::LoadingCatalog)
                what = tr("Loading the catalog of %1…").arg(m_connections->title(open));
        }
        m_busyLabel->setText(what);
    }
}

} // namespace Strata
