// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/migrationplanner.h"
#include "migrations/migrationrunner.h"

#include <QCoreApplication>
#include <QString>

namespace Strata {

// What the Migrations panel says about a run, in plain text: the command's title, the
// confirmation question naming the database, a line per finished step, the outcome.
class STRATA_UI_EXPORT MigrationRunText
{
    Q_DECLARE_TR_FUNCTIONS(MigrationRunText)
public:
    struct Line
    {
        QString text;
        bool error = false;
    };

    static QString title(MigrationPlanner::Command command); // "Apply", "Rollback", "Repair"
    static QString count(int migrations);                    // "1 migration", "3 migrations"
    // "Apply 3 migrations to strata_test on 127.0.0.1:54329?"
    static QString question(const MigrationPlanner::Plan &plan, const QString &databaseLabel);
    // "[2/4] 20260302091500_create_contacts: applied in 4 ms"
    static QString stepLine(const MigrationRunner::Progress &progress);
    // "Applied 4 migrations to demo.sqlite.", "Apply failed after 1 of 3 steps on …: …"
    static Line outcome(const MigrationRunner::Outcome &outcome, const QString &databaseLabel);
};

} // namespace Strata
