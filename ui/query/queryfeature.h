// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "shell/ifeature.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;

namespace Strata {

class QueryTab;

// Query tabs in the main window's workspace: "New query tab" (Ctrl+T) for the current
// connection, in the File menu and the connections dock's context menu.
class STRATA_UI_EXPORT QueryFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    QueryFeature();
    ~QueryFeature() override;

    void install(MainWindow &window) override;

    QAction *newTabAction() const { return m_newTab; }
    // Opens a query tab for that connection and makes it current; null when it is not open.
    QueryTab *newQueryTab(const QString &connectionId);
    QList<QueryTab *> tabs() const;

private:
    void updateAction();

    MainWindow *m_window = nullptr;
    QAction *m_newTab = nullptr;
    QHash<QString, int> m_counters;  // per connection id: tabs opened so far
    QList<QPointer<QueryTab>> m_tabs;
};

} // namespace Strata
