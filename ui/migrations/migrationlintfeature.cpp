// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationlintfeature.h"

#include "migrationlintpanel.h"

#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "shell/mainwindow.h"

#include "connection/enginesession.h"
#include "plugins/imigrations.h"
#include "plugins/pluginmanager.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>

namespace Strata {

MigrationLintFeature::MigrationLintFeature() = default;

MigrationLintFeature::~MigrationLintFeature()
{
    delete m_dock; // the panel reads the plugins, which go with the window's connections
}

void MigrationLintFeature::install(MainWindow &window)
{
    m_window = &window;
    m_dock = new QDockWidget(tr("Migration Lint"), &window);
    m_dock->setObjectName(QStringLiteral("MigrationLintDock"));
    ConnectionManager *connections = window.connections();
    m_panel = new MigrationLintPanel(
        [connections](const QString &engineId) -> const IMigrations * {
            return connections && connections->plugins()
                ? connections->plugins()->capability<IMigrations>(engineId)
                : nullptr;
        },
        m_dock);
    m_dock->setWidget(m_panel);
    window.addDock(m_dock, Qt::BottomDockWidgetArea);
    m_dock->hide();
    QAction *toggle = m_dock->toggleViewAction();
    toggle->setText(tr("Migration &Lint"));
    toggle->setToolTip(tr("Show the lint findings of a migrations folder"));

    m_lintAction = new QAction(tr("Lint &Migrations…"), this);
    m_lintAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    m_lintAction->setToolTip(tr("Check a folder of migration files for locking, rewriting and "
                                "destructive statements (Ctrl+Alt+L)"));
    connect(m_lintAction, &QAction::triggered, this, [this] {
        m_dock->show();
        m_dock->raise();
        if (m_panel->folder().isEmpty())
            m_panel->chooseFolder();
        else
            m_panel->lint();
    });
    if (QMenu *file = window.menu(MainWindow::Menu::File)) {
        // Before the separator that leads to Quit, when there is one.
        const QList<QAction *> actions = file->actions();
        QAction *before = nullptr;
        for (QAction *a : actions) {
            if (a->isSeparator())
                before = a;
        }
        file->insertAction(before, m_lintAction);
    }
    window.addAction(m_lintAction);

    connect(m_panel, &MigrationLintPanel::findingActivated, this, &MigrationLintFeature::openFinding);
    connect(&window, &MainWindow::currentConnectionChanged, this, &MigrationLintFeature::followConnection);
    if (connections) {
        connect(connections, &ConnectionManager::connectionOpened, this, [this](const QString &id) {
            if (m_window && m_window->currentConnection() == id)
                followConnection(id);
        });
    }
}

void MigrationLintFeature::followConnection(const QString &connectionId)
{
    ConnectionManager *connections = m_window ? m_window->connections() : nullptr;
    if (!connections || !m_panel)
        return;
    if (EngineSession *session = connections->session(connectionId))
        m_panel->setEngine(session->engine());
    m_panel->setServerVersion(connections->serverVersion(connectionId));
}

void MigrationLintFeature::openFinding(const QString &file, int line)
{
    QueryFeature *queries = m_window ? m_window->feature<QueryFeature>() : nullptr;
    if (!queries)
        return;
    QueryTab *tab = queries->openFile(file, m_window->currentConnection());
    if (!tab)
        return;
    tab->editor()->setCursorPosition(qMax(0, line - 1), 0);
    tab->editor()->ensureLineVisible(qMax(0, line - 1));
    tab->editor()->setFocus();
}

} // namespace Strata
