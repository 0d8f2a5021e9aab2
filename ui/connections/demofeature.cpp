// SPDX-License-Identifier: GPL-3.0-or-later
#include "demofeature.h"

#include "connectionmanager.h"

#include "demo/demodatabase.h"
#include "plugins/pluginmanager.h"
#include "shell/mainwindow.h"
#include "shell/messages.h"

#include <QMenu>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace Strata {

namespace {
const auto SqliteId = QLatin1String("sqlite");
}

DemoFeature::~DemoFeature()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void DemoFeature::install(MainWindow &window)
{
    m_window = &window;
    QAction *open = window.menu(MainWindow::Menu::Help)->addAction(tr("Open the &demo database"));
    connect(open, &QAction::triggered, this, &DemoFeature::openDemo);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const Result<QString> path = m_watcher.result();
        if (!path) {
            Q_EMIT demoFailed(path.error().toString());
            Messages::error(m_window, tr("Demo database"),
                            tr("The demo database could not be created."),
                            path.error().toString());
            return;
        }
        ConnectionSettings settings;
        settings.engine = SqliteId;
        settings.database = path.value();
        const QString id = m_window->connections()->open(tr("Demo database"), settings);
        Q_EMIT demoOpened(id);
    });
    // After the window is shown: first start opens the demo when nothing else is open.
    QTimer::singleShot(0, this, [this] {
        if (m_window->connections()->connectionIds().isEmpty())
            openDemo();
    });
}

void DemoFeature::openDemo()
{
    if (m_watcher.isRunning())
        return;
    QObject *sqlite = m_window->connections()->plugins()->pluginObject(SqliteId);
    if (!sqlite) {
        const QString message = tr("The SQLite plugin is not loaded, so the demo database "
                                   "cannot be opened.");
        Q_EMIT demoFailed(message);
        m_window->statusBar()->showMessage(message);
        return;
    }
    m_watcher.setFuture(QtConcurrent::run([sqlite] { return DemoDatabase::ensure(sqlite); }));
}

} // namespace Strata
