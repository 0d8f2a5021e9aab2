// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "history/queryhistory.h"

#include <QAbstractTableModel>
#include <QList>

namespace Strata {

// The query history as a table, newest first: time, connection, duration, rows, error and the
// statement's first line (the whole statement in the tooltip and FullSqlRole). Shows the
// entries it is given; HistoryPanel asks QueryHistory for them.
class STRATA_UI_EXPORT HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Connection, Duration, Rows, Error, Statement, ColumnCount };
    enum Role { FullSqlRole = Qt::UserRole + 1, HasErrorRole };

    explicit HistoryModel(QObject *parent = nullptr);

    void setEntries(const QList<HistoryEntry> &entries);
    const QList<HistoryEntry> &entries() const { return m_entries; }
    HistoryEntry entry(int row) const { return m_entries.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The first non-empty line, cut at 200 characters.
    static QString firstLine(const QString &sql);

private:
    QList<HistoryEntry> m_entries;
};

} // namespace Strata
