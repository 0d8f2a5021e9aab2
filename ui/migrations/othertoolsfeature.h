// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/othertoolspanel.h"
#include "shell/ifeature.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;

namespace Strata {


// The "Other Migration Tools" dock: what Sequelize, Knex, Prisma or Flyway has applied to a
// connection's database. Reached from the connections dock's context menu and the Connection
// menu ("Other Migration Tools…", Ctrl+Alt+O) for the selected open connection; View menu.
// Install it after ConnectionsFeature, whose list it adds its action to.
class STRATA_UI_EXPORT OtherToolsFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    OtherToolsFeature();
    ~OtherToolsFeature() override;

    void install(MainWindow &window) override;

    OtherToolsPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QAction *showAction() const { return m_showAction; }
    // Shows the dock and reads connectionId's histories.
    void showFor(const QString &connectionId);

private:
    QString targetConnection() const;
    void updateAction();

    MainWindow *m_window = nullptr;
    QPointer<QDockWidget> m_dock;
    QPointer<OtherToolsPanel> m_panel;
    QAction *m_showAction = nullptr;
    QString m_shown; // the connection the panel shows
};

} // namespace Strata
