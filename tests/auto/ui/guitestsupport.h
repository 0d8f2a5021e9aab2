// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared set-up of the GUI tests that build a whole MainWindow: a private, emptied data
// directory and a ConnectionManager with the plugins of the build tree.

#include "connections/connectionmanager.h"
#include "plugins/pluginmanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <memory>

namespace Strata::Test {

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
