// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the Migrations panel's GUI tests: writing migration files and waiting for the
// panel's controller to be idle.

#include "migrations/migrationcontroller.h"
#include "migrations/migrationspanel.h"

#include "connection/enginesession.h"

#include <QFile>
#include <QTest>

namespace Strata::Test {

inline bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text.toUtf8()) == text.toUtf8().size() && file.flush();
}

// Waits until the panel's controller has read the folder and the history and no run is on.
inline bool settle(MigrationsPanel &panel)
{
    MigrationController *controller = panel.controller();
    return QTest::qWaitFor(
        [controller] { return !controller->isLoading() && !controller->isRunning(); }, 30000);
}

} // namespace Strata::Test
