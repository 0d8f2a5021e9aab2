// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "shell/ifeature.h"
#include "sql/result.h"

#include <QFutureWatcher>
#include <QObject>

namespace Strata {

class ConnectionManager;

// Opens the generated demo SQLite database when nothing else is open at start, and on
// demand from the Help menu. The file is built off the GUI thread on first use.
class STRATA_UI_EXPORT DemoFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    ~DemoFeature() override;
    void install(MainWindow &window) override;
    void openDemo();

Q_SIGNALS:
    // The demo connection was started (its catalog follows through ConnectionManager).
    void demoOpened(const QString &connectionId);
    void demoFailed(const QString &message);

private:
    MainWindow *m_window = nullptr;
    QFutureWatcher<Result<QString>> m_watcher;
};

} // namespace Strata
