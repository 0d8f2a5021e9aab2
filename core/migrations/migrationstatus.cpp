// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationstatus.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MigrationStatus)
};
} // namespace

MigrationStatus::MigrationStatus(const QList<Migration> &files,
                                 const QList<AppliedMigration> &history)
{
    QList<Entry> entries;
    QMap<QString, int> byVersion;
    for (const AppliedMigration &row : history) {
        Entry entry;
        entry.version = row.version;
        entry.name = row.name;
        entry.applied = row;
        entry.state = row.status == AppliedMigration::Status::Failed ? State::Failed
                                                                     : State::Missing;
        byVersion.insert(row.version, int(entries.size()));
        entries.append(entry);
        if (m_newestApplied.isEmpty() || Migration::versionLess(m_newestApplied, row.version))
            m_newestApplied = row.version;
    }
    for (const Migration &file : files) {
        const auto found = byVersion.constFind(file.version);
        if (found == byVersion.constEnd()) {
            Entry entry;
            entry.version = file.version;
            entry.name = file.name;
            entry.file = file;
            entry.state = State::Pending;
            entries.append(entry);
            continue;
        }
        Entry &entry = entries[*found];
        entry.file = file;
        entry.name = file.name;
        if (entry.state == State::Failed)
            continue;
        entry.state = entry.applied->checksum == file.checksum ? State::Applied : State::Changed;
    }
    for (Entry &entry : entries) {
        entry.outOfOrder = entry.state == State::Pending && !m_newestApplied.isEmpty()
                           && Migration::versionLess(entry.version, m_newestApplied);
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return Migration::versionLess(a.version, b.version);
    });
    m_entries = entries;
}

QList<MigrationStatus::Entry> MigrationStatus::pending() const
{
    QList<Entry> result;
    for (const Entry &entry : m_entries) {
        if (entry.state == State::Pending)
            result.append(entry);
    }
    return result;
}

QList<MigrationStatus::Entry> MigrationStatus::applied() const
{
    QList<Entry> result;
    for (const Entry &entry : m_entries) {
        if (entry.state != State::Pending)
            result.append(entry);
    }
    return result;
}

QStringList MigrationStatus::problems() const
{
    QStringList said;
    for (const Entry &entry : m_entries) {
        const QString who = QStringLiteral("%1_%2").arg(entry.version, entry.name);
        switch (entry.state) {
        case State::Changed:
            said << Tr::tr("%1 was changed after it was applied (checksum %2, applied as %3).")
                        .arg(who, QString::fromLatin1(entry.file->checksum.left(12)),
                             QString::fromLatin1(entry.applied->checksum.left(12)));
            break;
        case State::Missing:
            said << Tr::tr("%1 is applied but its file is missing.").arg(who);
            break;
        case State::Failed:
            said << (entry.applied->failedStatement
                         ? Tr::tr("%1 failed at statement %2 (%3); fix the database by hand, then "
                                  "run repair.")
                               .arg(who)
                               .arg(*entry.applied->failedStatement)
                               .arg(entry.applied->error)
                         : Tr::tr("%1 failed (%2); fix the database by hand, then run repair.")
                               .arg(who, entry.applied->error));
            break;
        case State::Pending:
            if (entry.outOfOrder)
                said << Tr::tr("%1 is pending but older than the newest applied migration %2.")
                            .arg(who, m_newestApplied);
            break;
        case State::Applied:
            break;
        }
    }
    return said;
}

QString MigrationStatus::stateName(State state)
{
    switch (state) {
    case State::Applied:
        return QStringLiteral("applied");
    case State::Pending:
        return QStringLiteral("pending");
    case State::Changed:
        return QStringLiteral("changed");
    case State::Missing:
        return QStringLiteral("missing");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace Strata
