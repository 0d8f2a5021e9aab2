// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared set-up of the GUI tests that build a whole MainWindow: a private, emptied data
// directory, a ConnectionManager with the plugins of the build tree, the window on screen.

#include "connections/connectionmanager.h"
#include "plugins/pluginmanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QWidget>

#include <memory>

namespace Strata::Test {

// Shows window and waits until the demo database (opened on the first start) has its catalog;
// its connection id, or an empty string when that did not happen in time.
inline QString showWithDemo(QWidget &window, ConnectionManager &manager)
{
    QSignalSpy loaded(&manager, &ConnectionManager::catalogLoaded);
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !loaded.wait(30000))
        return QString();
    return manager.connectionIds().value(0);
}

inline std::unique_ptr<ConnectionManager> freshGuiManager(const QString &applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    QCoreApplication::setApplicationName(applicationName);
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).removeRecursively();
    auto manager = std::make_unique<ConnectionManager>();
    manager->plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
    manager->plugins()->loadAll();
    return manager;
}

} // namespace Strata::Test
