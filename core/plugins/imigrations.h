// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/appliedmigration.h"
#include "migrations/lintfinding.h"
#include "sql/statementsplitter.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtPlugin>

namespace Strata {

// The engine's side of versioned migrations: its lint rules, and the SQL the runner sends
// (the history table strata_schema_migrations, its rows, the lock). Pure functions, any
// thread; MigrationRunner executes the statements on the connection's worker.
class IMigrations
{
public:
    // One section of a migration (its up SQL, usually) and where it sits.
    struct LintSection
    {
        QString sql;
        QString file;          // reported in the findings
        int firstLine = 1;     // 1-based line of sql's first line in file
        bool transaction = true; // false: `transaction:false`, each statement commits alone
    };
    struct LintOptions
    {
        // As EngineSession::serverVersion() reports it; empty means the newest server.
        QString serverVersion;
    };

    // One statement with its values bound, never spliced.
    struct Statement
    {
        QString sql;
        QVariantList parameters;
    };
    // How the engine takes the run's lock.
    enum class LockKind {
        // tryLock is polled (one short statement each time, never a blocking wait that would
        // hold a snapshot) until it returns 1; unlock frees it; the server frees it when the
        // session ends.
        SessionLock,
        // The lock is the write transaction each migration runs in (SQLite BEGIN IMMEDIATE,
        // polled until the busy timeout gives it); the history is re-read inside it.
        TransactionLock,
    };
    // The fixed statements of the runner.
    struct RunnerSql
    {
        SqlDialect dialect = SqlDialect::PostgreSQL; // how sections are split into statements
        bool transactionalDdl = true; // false: each statement commits alone (MariaDB)
        LockKind lockKind = LockKind::SessionLock;
        QString tryLock; // SessionLock: one row, one cell: 1 when taken, 0 when someone holds it
        QString unlock;
        QString begin;   // TransactionLock: also takes the lock
        QString commit;
        QString rollback;
        QString historyExists; // one row, one cell: 1 when the table exists, else 0
        QStringList createHistory; // idempotent (IF NOT EXISTS)
        // version, name, checksum, applied_at (UTC as "yyyy-MM-ddTHH:mm:ss[.zzz]"),
        // execution_ms, applied_by, status, failed_statement, error; in version order.
        QString selectHistory;
        QString currentUser; // one row, one cell: the database user; empty when none
    };

    virtual ~IMigrations() = default;

    virtual RunnerSql migrationRunnerSql() const = 0;
    // The history row's statements. The insert stores every field of row.
    virtual Statement insertHistoryRow(const AppliedMigration &row) const = 0;
    virtual Statement deleteHistoryRow(const QString &version) const = 0;
    virtual Statement updateHistoryChecksum(const QString &version, const QString &name,
                                            const QByteArray &checksum) const = 0;

    // The engine's findings for sections applied in this order (the up sections of a folder,
    // or a single one). Rules may carry what earlier sections created (a table's columns,
    // its indexes) into later ones; a table created earlier in the same section is new and
    // empty, so lock rules do not fire for it. Lines are lines of LintSection::file.
    virtual QList<LintFinding> lintSections(const QList<LintSection> &sections,
                                            const LintOptions &options) const = 0;
    // Every rule id lintSections() may report. MigrationLinter leaves out its generic rule of
    // the same id (the engine's parse tree sees more than tokens).
    virtual QStringList lintRuleIds() const = 0;
};

} // namespace Strata

#define Strata_IMigrations_iid "org.strata.Migrations/2"
Q_DECLARE_INTERFACE(Strata::IMigrations, Strata_IMigrations_iid)
