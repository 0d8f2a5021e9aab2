// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "migrations/catalogdiff.h"
#include "migrations/migration.h"
#include "sql/result.h"
#include "strata_core_global.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Strata {

class EngineSession;

// `migrate verify` on a scratch database: applies every up (oldest first), then every down
// (newest first), then every up again, snapshotting the catalog before and after each step,
// and names each down that does not bring back the catalog from before its up, each up that
// fails the second time, and each up that leaves another catalog the second time than the
// first. A difference is named once, where it first shows.
//
// How SQL runs and how the catalog is read are parameters, so the migration runner can plug
// in its own step execution (transactions, history rows, locks): the history table
// strata_schema_migrations is ignored by the comparison. verify() blocks; run it off the GUI
// thread. sessionStepRunner()/sessionSnapshot() adapt an open EngineSession for callers that
// simply want each section's statements run one by one.
class STRATA_CORE_EXPORT MigrationVerifier
{
public:
    enum class Direction { Up, Down };

    // Runs one section of one migration on the scratch database; an Error stops verification
    // where it is (the database is then in an unknown state) and is reported as a problem.
    using StepRunner = std::function<Result<void>(const Migration &migration, Direction direction)>;
    // Reads the scratch database's catalog now.
    using Snapshot = std::function<Result<Catalog>()>;

    struct Problem
    {
        enum class Kind {
            UpFailed,            // the first up failed: nothing after it ran
            MissingDown,         // no down section: the downs stopped there
            DownFailed,          // a down failed: the downs stopped there
            DownDoesNotRestore,  // after the down the catalog differs from before its up
            UpFailedAgain,       // the up failed when applied a second time, after the downs
            UpDiffersAgain,      // the second up left another catalog than the first
        };
        Kind kind = Kind::DownDoesNotRestore;
        QString version;
        QString name;
        QString error;              // the server's error for the *Failed kinds
        QStringList differences;    // CatalogDiff sentences for DownDoesNotRestore, UpDiffersAgain

        // One line: "20240101120000_add_orders: down does not restore the catalog: ...".
        QString toString() const;
    };

    struct Report
    {
        QList<Problem> problems;
        int stepsRun = 0;        // sections run successfully, over the three passes
        bool completed = false;  // all three passes ran to the end
        bool ok() const { return completed && problems.isEmpty(); }
    };

    // migrations must be sorted by version (MigrationReader gives them so). The Error is for
    // a snapshot that could not be read: then nothing can be compared.
    static Result<Report> verify(const QList<Migration> &migrations, const StepRunner &run,
                                 const Snapshot &snapshot,
                                 const CatalogDiff::Options &options = CatalogDiff::Options());

    // Runs a section's statements, split by StatementSplitter for the session's engine, one
    // by one through session.query() (autocommit), waiting for each. The session must be open
    // and must outlive the returned function.
    static StepRunner sessionStepRunner(EngineSession &session);
    // Loads the session's catalog for request, waiting for it.
    static Snapshot sessionSnapshot(EngineSession &session, const CatalogRequest &request = {});
};

} // namespace Strata
