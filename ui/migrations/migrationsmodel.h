// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/migrationrunner.h"
#include "migrations/migrationstatus.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPalette>

namespace Strata {

// The Migrations panel's table: every migration of a folder joined with the history
// (MigrationStatus), plus what this session's runs did to each one (the Result column, fed
// by MigrationRunner progress). Read-only; all text is plain.
class STRATA_UI_EXPORT MigrationsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        VersionColumn,
        NameColumn,
        StateColumn,
        AppliedAtColumn,
        DurationColumn,
        AppliedByColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role {
        PathRole = Qt::UserRole + 1, // absolute path of the row's (up) file; empty when missing
        FileRole,                    // the file name as found in the folder
        VersionRole,
        StateRole,      // int(MigrationStatus::State)
        OutOfOrderRole, // bool
        SortRole,       // what the column sorts by (numbers for durations, UTC for dates)
    };
    // What a run did to one migration in this session.
    struct RunResult
    {
        MigrationRunner::Progress::Event event = MigrationRunner::Progress::Event::Started;
        MigrationPlanner::Step::Kind kind = MigrationPlanner::Step::Kind::Apply;
        qint64 elapsedMs = 0;
        QString error;
    };

    explicit MigrationsModel(QObject *parent = nullptr);

    // folder: where the files are, for PathRole. Keeps this session's results.
    void setStatus(const MigrationStatus &status, const QString &folder);
    const MigrationStatus &status() const { return m_status; }
    const MigrationStatus::Entry *entry(int row) const;
    int rowOf(const QString &version) const; // -1 when not shown

    void setProgress(const MigrationRunner::Progress &progress);
    void clearResults();
    bool hasResult(const QString &version) const { return m_results.contains(version); }
    QString resultText(const QString &version) const;
    static QString resultText(const RunResult &result);

    // The palette the state colours are chosen for (dark themes get lighter tones).
    void setPalette(const QPalette &palette);

    static QString stateText(const MigrationStatus::Entry &entry);
    // What the state means and what to do about it (one or two sentences).
    static QString stateExplanation(const MigrationStatus::Entry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const MigrationStatus::Entry &entry, int column) const;
    QVariant foreground(const MigrationStatus::Entry &entry, int column) const;
    QVariant toolTip(const MigrationStatus::Entry &entry, int column) const;
    QVariant sortData(const MigrationStatus::Entry &entry, int column) const;
    QString fileName(const MigrationStatus::Entry &entry) const;

    MigrationStatus m_status;
    QString m_folder;
    QHash<QString, RunResult> m_results; // by version
    bool m_dark = false;
};

} // namespace Strata
