// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/migrationreader.h"
#include "migrations/migrationstatus.h"
#include "plugins/imigrations.h"
#include "sql/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Strata {

// Turns where a database stands (MigrationStatus) and a command (up, down, repair) into the
// ordered steps of the run, each with the exact statements it sends: the section's statements
// and the history-row statement. Refuses, with one sentence and nothing to run, what must not
// run. Pure: what --dry-run prints and the GUI previews is what MigrationRunner executes.
class STRATA_CORE_EXPORT MigrationPlanner
{
public:
    enum class Command { Up, Down, Repair };
    struct Options
    {
        QString target;        // up/down: --to V; repair: --version V
        int steps = 1;         // down without a target
        bool allowOutOfOrder = false;
    };
    struct Step
    {
        enum class Kind {
            Apply,          // the up section, then the history row
            Revert,         // the down section, then the row is deleted
            DeleteRow,      // repair of a failed or missing migration
            UpdateChecksum, // repair of a changed migration
        };
        Kind kind = Kind::Apply;
        QString version;
        QString name;
        QByteArray checksum;       // Apply, UpdateChecksum: the file's
        QStringList statements;    // the section's, in order
        QString file;              // where the section is, for messages
        // True: BEGIN, the statements and the history statement, COMMIT as one. False: each
        // statement commits alone (MariaDB, `transaction:false`); a failure is recorded.
        bool transaction = true;
        // Apply: the insert as the dry run shows it (applied_at, execution_ms and applied_by
        // are filled in when the step runs); others: exactly what runs.
        IMigrations::Statement history;
    };
    struct Plan
    {
        Command command = Command::Up;
        QList<Step> steps;
    };

    explicit MigrationPlanner(const IMigrations *engine);

    // problems: MigrationReader's for the folder; any one refuses up and down.
    Result<Plan> plan(const MigrationStatus &status,
                      const QList<MigrationReader::Problem> &problems, Command command,
                      const Options &options) const;

    // The plan as SQL text, in order, with the bound values as comments; what --dry-run prints.
    QString render(const Plan &plan) const;

    // The row an Apply step inserts (status applied), without run-time fields.
    static AppliedMigration rowFor(const Step &step);

private:
    Result<Plan> planUp(const MigrationStatus &status, const Options &options) const;
    Result<Plan> planDown(const MigrationStatus &status, const Options &options) const;
    Result<Plan> planRepair(const MigrationStatus &status, const Options &options) const;
    QStringList statementsOf(const Migration::Section &section) const;

    const IMigrations *m_engine;
    IMigrations::RunnerSql m_sql;
};

} // namespace Strata
