// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "edit/applyoutcome.h"
#include "edit/rowchange.h"
#include "results/columninfo.h"

#include <QAbstractTableModel>
#include <QFont>
#include <QHash>
#include <QPointer>

#include <vector>

namespace Strata {

class ResultGridModel;

// The rows of one finished result with the user's pending edits on top: edited cells, new
// rows and rows marked for deletion, plus per-row save errors. After a save is committed the
// saved values become the rows' values here (the RowStore underneath never changes).
class STRATA_UI_EXPORT ResultEditModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class RowState { Unchanged, Edited, Inserted, Deleted };

    explicit ResultEditModel(ResultGridModel *source, QObject *parent = nullptr);
    ~ResultEditModel() override;

    // Pending changes may be made only while editable.
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    RowState rowState(int row) const;
    bool isEdited(const QModelIndex &index) const;
    // The value as it is now: a null QVariant for NULL, QByteArray for binary, else QString.
    QVariant value(int row, int column) const;
    QString rowError(int row) const;

    bool hasPendingChanges() const;
    int pendingRowCount() const;
    ChangeSet changes() const;

    // Returns the new row.
    int addRow();
    // New rows go away; existing rows are marked for deletion (again: unmarked).
    void toggleDeleted(const QList<int> &rows);
    void setNull(const QModelIndexList &indexes);
    // Drops every pending change and error mark.
    void revert();
    void markRowError(int row, const QString &message);
    void clearRowErrors();
    // After a committed save: pending values become the rows' values, deleted rows go, new
    // rows take what the server returned.
    void commit(const ApplyOutcome &outcome);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // A tooltip that shows text as plain text even when it looks like HTML.
    static QString plainToolTip(const QString &text);

Q_SIGNALS:
    void pendingChanged();

private:
    struct Row
    {
        int source = -1;            // row of the RowStore, -1 for a row not read from it
        QHash<int, QVariant> base;  // saved values that replace the store's
        QHash<int, QVariant> edits; // pending values
        bool inserted = false;      // pending new row
        bool deleted = false;
        QString error;
    };

    // The row's state; rows nobody touched share one scratch Row.
    const Row &rowAt(int row) const;
    Row &rowRef(int row); // creates the state
    int idOf(int row) const { return m_ids[size_t(row)]; }
    QVariant baseValue(const Row &row, int column) const;
    QString text(const QVariant &value, int column) const;
    void rowChanged(int row);
    void dropRows(const QList<int> &rows);
    void reset();

    QPointer<ResultGridModel> m_source;
    ColumnList m_columns;
    // Model row -> row id: the RowStore row (>= 0), or a new row (< 0). Only rows with edits,
    // marks or saved values have a Row, so a million-row result costs 4 bytes a row here.
    std::vector<int> m_ids;
    QHash<int, Row> m_states;
    mutable Row m_plain;
    int m_nextNewId = -1;
    bool m_editable = false;
    QFont m_nullFont;
    QFont m_deletedFont;
};

} // namespace Strata
