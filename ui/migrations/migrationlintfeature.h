// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/migrationlintpanel.h"
#include "shell/ifeature.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;

namespace Strata {

// The "Migration Lint" dock (File ▸ Lint Migrations…, Ctrl+Alt+L; View menu): lints a folder
// of migration files with the current connection's engine rules and server version; a
// finding opens its file in a query tab at its line.
class STRATA_UI_EXPORT MigrationLintFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    MigrationLintFeature();
    ~MigrationLintFeature() override;

    void install(MainWindow &window) override;

    MigrationLintPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QAction *lintAction() const { return m_lintAction; }
    // Opens file in a query tab with the cursor on line (1-based).
    void openFinding(const QString &file, int line);

private:
    void followConnection(const QString &connectionId);

    MainWindow *m_window = nullptr;
    QPointer<QDockWidget> m_dock;
    QPointer<MigrationLintPanel> m_panel;
    QAction *m_lintAction = nullptr;
};

} // namespace Strata
