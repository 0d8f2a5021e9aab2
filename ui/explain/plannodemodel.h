// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"

#include <QAbstractTableModel>
#include <QList>

#include <memory>

namespace Strata {

// Every node of one plan as a sortable grid row. Numbers sort as numbers; a figure the plan
// does not have shows "—" and sorts last in either direction. Sorting permutes an index list,
// so 10,000 nodes sort in milliseconds.
class STRATA_UI_EXPORT PlanNodeModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NodeColumn,
        RelationColumn,
        AliasColumn,
        IndexColumn,
        EstimatedRowsColumn,
        ActualRowsColumn,
        LoopsColumn,
        EstimateColumn,
        ExclusiveColumn,
        InclusiveColumn,
        TimeShareColumn,
        BuffersColumn,
        CostColumn,
        FindingsColumn,
        ColumnCount
    };
    // The node id of a row; and the sort key (a double, or an invalid QVariant for null).
    static constexpr int NodeIdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit PlanNodeModel(QObject *parent = nullptr);

    void setDocument(std::shared_ptr<const PlanDocument> document);
    const PlanDocument *document() const { return m_document.get(); }

    int nodeIdAt(int row) const;
    int rowOf(int nodeId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    // A number for sorting, or nullopt (sorts last); text columns use sortText().
    std::optional<double> sortValue(int nodeId, int column) const;
    QString displayText(int nodeId, int column) const;

    std::shared_ptr<const PlanDocument> m_document;
    QList<int> m_rows;     // row → node id
    QList<int> m_rowOf;    // node id → row
    QList<int> m_findings; // node id → findings count
};

} // namespace Strata
