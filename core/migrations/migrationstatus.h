// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/appliedmigration.h"
#include "migrations/migration.h"

#include <QList>

namespace Strata {

// Where a database stands against a folder of migrations: the files joined with the
// history rows by version, in version order. Pure; what `status` prints and what `validate`
// and `up` check.
class STRATA_CORE_EXPORT MigrationStatus
{
public:
    enum class State {
        Applied, // in the history, file unchanged
        Pending, // a file not in the history
        Changed, // applied, but the file's up section has another checksum now
        Missing, // applied, but no file has its version any more
        Failed,  // the history says it failed part-way (MariaDB); needs repair
    };
    struct Entry
    {
        QString version;
        QString name;
        State state = State::Pending;
        std::optional<Migration> file;
        std::optional<AppliedMigration> applied;
        // Pending, yet older than the newest applied migration: `up` refuses it unless
        // out-of-order runs are allowed.
        bool outOfOrder = false;
    };

    MigrationStatus() = default;
    MigrationStatus(const QList<Migration> &files, const QList<AppliedMigration> &history);

    const QList<Entry> &entries() const { return m_entries; }
    QList<Entry> pending() const; // in version order
    QList<Entry> applied() const; // Applied, Changed, Missing and Failed, in version order
    // The newest version in the history, or empty.
    QString newestApplied() const { return m_newestApplied; }
    // One sentence per problem `validate` reports: changed, missing, out-of-order, failed.
    QStringList problems() const;

    static QString stateName(State state); // "applied", "pending", "changed", "missing", "failed"

private:
    QList<Entry> m_entries;
    QString m_newestApplied;
};

} // namespace Strata
