// SPDX-License-Identifier: GPL-3.0-or-later
#include "queryfeature.h"

#include "querytab.h"

#include "connections/connectionmanager.h"
#include "connections/connectionsfeature.h"
#include "editor/sqleditor.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QListView>
#include <QMenu>
#include <QTabWidget>

namespace Strata {

QueryFeature::QueryFeature() = default;
QueryFeature::~QueryFeature() = default;

void QueryFeature::install(MainWindow &window)
{
    m_window = &window;
    m_newTab = new QAction(tr("New &query tab"), this);
    m_newTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_newTab, &QAction::triggered, this,
            [this] { newQueryTab(m_window->currentConnection()); });

    QMenu *file = window.menu(MainWindow::Menu::File);
    const QList<QAction *> actions = file->actions();
    if (actions.isEmpty()) {
        file->addAction(m_newTab);
    } else {
        file->insertAction(actions.constFirst(), m_newTab);
        file->insertSeparator(actions.constFirst());
    }
    if (auto *connections = window.feature<ConnectionsFeature>()) {
        if (QListView *view = connections->view())
            view->addAction(m_newTab);
    }

    ConnectionManager *manager = window.connections();
    connect(&window, &MainWindow::currentConnectionChanged, this, &QueryFeature::updateAction);
    connect(manager, &ConnectionManager::connectionStateChanged, this,
            &QueryFeature::updateAction);
    connect(manager, &ConnectionManager::connectionClosed, this, &QueryFeature::updateAction);
    updateAction();
}

QueryTab *QueryFeature::newQueryTab(const QString &connectionId)
{
    ConnectionManager *manager = m_window->connections();
    if (connectionId.isEmpty() || !manager->contains(connectionId))
        return nullptr;
    const int number = ++m_counters[connectionId];
    auto *tab = new QueryTab(manager, connectionId, number);
    m_tabs << tab;
    const int index = m_window->addWorkspaceTab(tab, tab->title(), true);
    m_window->workspace()->setCurrentIndex(index);
    // Always the editor (the first tab of a connection included), never the row limit box.
    tab->editor()->setFocus();
    return tab;
}

QList<QueryTab *> QueryFeature::tabs() const
{
    QList<QueryTab *> open;
    for (const QPointer<QueryTab> &tab : m_tabs) {
        if (tab)
            open << tab.data();
    }
    return open;
}

void QueryFeature::updateAction()
{
    const QString id = m_window->currentConnection();
    m_newTab->setEnabled(!id.isEmpty() && m_window->connections()->contains(id));
}

} // namespace Strata
