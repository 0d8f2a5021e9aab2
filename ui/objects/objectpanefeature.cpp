// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectpanefeature.h"

#include "objectpane.h"

#include "connections/connectionmanager.h"
#include "shell/mainwindow.h"

#include <QTabWidget>

namespace Strata {

void ObjectPaneFeature::install(MainWindow &window)
{
    m_pane = new ObjectPane(&window);
    m_pane->setObjectName(QStringLiteral("ObjectPane"));
    window.addWorkspaceTab(m_pane, tr("Object"), false);
    ConnectionManager *connections = window.connections();
    QTabWidget *workspace = window.workspace();

    connect(&window, &MainWindow::tableSelected, m_pane,
            [this, connections, workspace](const QString &connectionId, const Table &table) {
                m_shownConnection = connectionId;
                m_pane->showTable(table, connections->dialect(connectionId));
                workspace->setCurrentWidget(m_pane);
            });
    connect(&window, &MainWindow::definitionSelected, m_pane,
            [this, connections, workspace](const QString &connectionId, const QString &title,
                                           const QString &subtitle, const QString &sql) {
                m_shownConnection = connectionId;
                m_pane->showDefinition(title, subtitle, sql, connections->dialect(connectionId));
                workspace->setCurrentWidget(m_pane);
            });
    connect(connections, &ConnectionManager::connectionClosed, m_pane,
            [this](const QString &connectionId) {
                if (connectionId == m_shownConnection)
                    m_pane->showPlaceholder(tr("Select a table or view in the schema browser."));
            });
}

} // namespace Strata
