// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationruntext.h"

#include "migrationsmodel.h"

namespace Strata {

using Command = MigrationPlanner::Command;

QString MigrationRunText::title(Command command)
{
    switch (command) {
    case Command::Up:
        return tr("Apply");
    case Command::Down:
        return tr("Rollback");
    case Command::Repair:
        return tr("Repair");
    }
    return {};
}

QString MigrationRunText::count(int migrations)
{
    return migrations == 1 ? tr("1 migration") : tr("%1 migrations").arg(migrations);
}

QString MigrationRunText::question(const MigrationPlanner::Plan &plan, const QString &databaseLabel)
{
    const int n = int(plan.steps.size());
    switch (plan.command) {
    case Command::Up:
        return tr("Apply %1 to %2?").arg(count(n), databaseLabel);
    case Command::Down:
        return tr("Roll back %1 on %2?").arg(count(n), databaseLabel);
    case Command::Repair:
        if (plan.steps.isEmpty())
            break;
        return tr("Repair the history row of %1 on %2?")
            .arg(QStringLiteral("%1_%2").arg(plan.steps.first().version, plan.steps.first().name),
                 databaseLabel);
    }
    return tr("%1 on %2?").arg(title(plan.command), databaseLabel);
}

QString MigrationRunText::stepLine(const MigrationRunner::Progress &progress)
{
    MigrationsModel::RunResult result;
    result.event = progress.event;
    result.kind = progress.kind;
    result.elapsedMs = progress.elapsedMs;
    result.error = progress.error;
    return tr("[%1/%2] %3: %4")
        .arg(progress.step + 1)
        .arg(progress.stepCount)
        .arg(QStringLiteral("%1_%2").arg(progress.version, progress.name),
             MigrationsModel::resultText(result));
}

MigrationRunText::Line MigrationRunText::outcome(const MigrationRunner::Outcome &outcome,
                                                 const QString &databaseLabel)
{
    const int n = int(outcome.plan.steps.size());
    const QString what = title(outcome.plan.command);
    if (!outcome.failure.isEmpty()) {
        return {tr("%1 failed after %2 of %3 steps on %4: %5")
                    .arg(what)
                    .arg(outcome.finishedSteps)
                    .arg(n)
                    .arg(databaseLabel, outcome.failure.section(u'\n', 0, 0)),
                true};
    }
    if (outcome.stopped) {
        return {tr("%1 stopped after %2 of %3 steps on %4.")
                    .arg(what)
                    .arg(outcome.finishedSteps)
                    .arg(n)
                    .arg(databaseLabel),
                false};
    }
    if (n == 0)
        return {tr("%1: nothing to do on %2 (another run got there first).").arg(what, databaseLabel), false};
    switch (outcome.plan.command) {
    case Command::Up:
        return {tr("Applied %1 to %2.").arg(count(n), databaseLabel), false};
    case Command::Down:
        return {tr("Rolled back %1 on %2.").arg(count(n), databaseLabel), false};
    case Command::Repair:
        break;
    }
    return {tr("Repaired the history of %1.").arg(databaseLabel), false};
}

} // namespace Strata
