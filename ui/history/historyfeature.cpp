// SPDX-License-Identifier: GPL-3.0-or-later
#include "historyfeature.h"

#include "historypanel.h"

#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "shell/mainwindow.h"

#include "history/queryhistory.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QStatusBar>

namespace Strata {

HistoryFeature::HistoryFeature(const QString &filePath)
    : m_history(filePath.isEmpty() ? std::make_unique<QueryHistory>()
                                   : std::make_unique<QueryHistory>(filePath))
{}

HistoryFeature::~HistoryFeature()
{
    // The panel goes with the window; it must not outlive the history it reads.
    delete m_dock;
}

void HistoryFeature::install(MainWindow &window)
{
    m_window = &window;
    m_dock = new QDockWidget(tr("Query History"), &window);
    m_dock->setObjectName(QStringLiteral("QueryHistoryDock"));
    m_panel = new HistoryPanel(m_history.get(), m_dock);
    m_dock->setWidget(m_panel);
    // Under the workspace only: the connection and schema docks keep the left column.
    window.setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window.addDock(m_dock, Qt::BottomDockWidgetArea);
    m_dock->hide();

    QAction *toggle = m_dock->toggleViewAction();
    toggle->setText(tr("Query &History"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    toggle->setToolTip(tr("Show the statements run so far, searchable (Ctrl+H)"));
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) {
            // The first time, a low strip under the workspace rather than half the window.
            if (!m_sized && !m_dock->isFloating()) {
                m_sized = true;
                m_window->resizeDocks({m_dock}, {220}, Qt::Vertical);
            }
            m_panel->refresh();
            m_panel->searchBox()->setFocus();
        }
    });

    auto currentKey = [this] {
        const QString id = m_window->currentConnection();
        return m_window->connections()->title(id);
    };
    connect(&window, &MainWindow::currentConnectionChanged, this,
            [this, currentKey] { m_panel->setCurrentConnectionKey(currentKey()); });
    m_panel->setCurrentConnectionKey(currentKey());
    if (QueryFeature *queries = window.feature<QueryFeature>()) {
        connect(queries, &QueryFeature::statementRecorded, this, [this] {
            if (m_dock->isVisible())
                m_panel->refresh();
        });
    }
    connect(m_panel, &HistoryPanel::insertRequested, this, &HistoryFeature::insertIntoQueryTab);
}

void HistoryFeature::insertIntoQueryTab(const QString &sql)
{
    QueryFeature *queries = m_window->feature<QueryFeature>();
    if (!queries)
        return;
    QueryTab *tab = queries->currentTab();
    if (!tab)
        tab = queries->newQueryTab(m_window->currentConnection());
    if (!tab) {
        m_window->statusBar()->showMessage(
            tr("Open a connection first: the statement goes into a query tab."), 5000);
        return;
    }
    m_window->workspace()->setCurrentWidget(tab);
    tab->editor()->replaceSelectedText(sql);
    tab->editor()->setFocus();
}

} // namespace Strata
