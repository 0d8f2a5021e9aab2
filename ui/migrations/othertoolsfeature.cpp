// SPDX-License-Identifier: GPL-3.0-or-later
#include "othertoolsfeature.h"

#include "othertoolspanel.h"

#include "connections/connectionmanager.h"
#include "connections/connectionsfeature.h"
#include "connections/connectionsmodel.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QListView>
#include <QMenu>

namespace Strata {

OtherToolsFeature::OtherToolsFeature() = default;

OtherToolsFeature::~OtherToolsFeature()
{
    delete m_dock;
}

void OtherToolsFeature::install(MainWindow &window)
{
    m_window = &window;
    m_dock = new QDockWidget(tr("Other Migration Tools"), &window);
    m_dock->setObjectName(QStringLiteral("OtherMigrationToolsDock"));
    m_panel = new OtherToolsPanel(m_dock);
    m_dock->setWidget(m_panel);
    window.addDock(m_dock, Qt::BottomDockWidgetArea);
    m_dock->hide();
    QAction *toggle = m_dock->toggleViewAction();
    toggle->setText(tr("Other &Migration Tools"));
    toggle->setToolTip(tr("Show what Sequelize, Knex, Prisma or Flyway has applied"));

    m_showAction = new QAction(tr("Other Migration &Tools…"), this);
    m_showAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    m_showAction->setToolTip(tr("Show what Sequelize, Knex, Prisma or Flyway has applied to "
                                "this connection's database, read-only (Ctrl+Alt+O)"));
    m_showAction->setStatusTip(m_showAction->toolTip());
    connect(m_showAction, &QAction::triggered, this, [this] { showFor(targetConnection()); });
    window.menu(MainWindow::Menu::Connection)->addAction(m_showAction);

    if (auto *connections = window.feature<ConnectionsFeature>()) {
        if (QListView *view = connections->view()) {
            auto *separator = new QAction(this);
            separator->setSeparator(true);
            view->addAction(separator);
            view->addAction(m_showAction);
            connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                    &OtherToolsFeature::updateAction);
        }
    }
    ConnectionManager *manager = window.connections();
    connect(manager, &ConnectionManager::connectionStateChanged, this, &OtherToolsFeature::updateAction);
    connect(manager, &ConnectionManager::connectionClosed, this, [this](const QString &id) {
        if (id == m_shown) {
            m_shown.clear();
            m_panel->clear(tr("The connection was closed."));
        }
        updateAction();
    });
    connect(&window, &MainWindow::currentConnectionChanged, this, &OtherToolsFeature::updateAction);
    updateAction();
}

// The open connection selected in the connections dock, else the window's current one.
QString OtherToolsFeature::targetConnection() const
{
    if (auto *connections = m_window->feature<ConnectionsFeature>()) {
        if (QListView *view = connections->view()) {
            const QString id = view->currentIndex().data(ConnectionsModel::ConnectionIdRole).toString();
            if (!id.isEmpty())
                return id;
        }
    }
    return m_window->currentConnection();
}

void OtherToolsFeature::updateAction()
{
    const QString id = targetConnection();
    m_showAction->setEnabled(!id.isEmpty() && m_window->connections()->session(id) != nullptr);
}

void OtherToolsFeature::showFor(const QString &connectionId)
{
    ConnectionManager *manager = m_window->connections();
    m_dock->show();
    m_dock->raise();
    EngineSession *session = connectionId.isEmpty() ? nullptr : manager->session(connectionId);
    if (!session) {
        m_shown.clear();
        m_panel->clear(tr("Select an open connection first."));
        return;
    }
    m_shown = connectionId;
    m_panel->load(session, manager->title(connectionId));
}

} // namespace Strata
