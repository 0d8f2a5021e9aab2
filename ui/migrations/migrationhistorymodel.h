// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/appliedmigration.h"

#include <QAbstractTableModel>
#include <QList>

namespace Strata {

// The rows of strata_schema_migrations as the Migrations panel lists them: who applied what,
// when and how long it took, newest first; a failed row is tinted and says which statement
// failed and why. All server text is plain.
class STRATA_UI_EXPORT MigrationHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        VersionColumn,
        NameColumn,
        StatusColumn,
        AppliedAtColumn,
        DurationColumn,
        AppliedByColumn,
        ErrorColumn,
        ColumnCount
    };

    explicit MigrationHistoryModel(QObject *parent = nullptr);

    // Rows in any order (MigrationRunner reads them in version order); shown newest first.
    void setHistory(const QList<AppliedMigration> &history);
    const AppliedMigration &migrationAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "12 ms", "1.4 s", "3 min 12 s"; "—" when the history does not say.
    static QString durationText(std::optional<qint64> milliseconds);
    // "2026-11-22 18:30:05" in local time; "—" when unknown.
    static QString appliedAtText(const QDateTime &appliedAt);
    // Failed rows: "statement 3: <server message>" (the message on one line).
    static QString errorText(const AppliedMigration &row);

private:
    QVariant display(const AppliedMigration &row, int column) const;

    QList<AppliedMigration> m_rows;
};

} // namespace Strata
