// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandiff.h"

#include <QAbstractTableModel>

#include <memory>

namespace Strata {

// One side of a plan comparison as a grid in plan order: the node, its rows and times, and
// what changed against its match on the other side, coloured (green: better, red: worse,
// amber: changed or only on this side).
class STRATA_UI_EXPORT PlanCompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Side { Before, After };
    enum Column { NodeColumn, RowsColumn, InclusiveColumn, ExclusiveColumn, ChangeColumn, ColumnCount };
    static constexpr int NodeIdRole = Qt::UserRole + 1;
    static constexpr int VerdictRole = Qt::UserRole + 2; // int(PlanDiff::Verdict)

    PlanCompareModel(Side side, QObject *parent = nullptr);

    void setComparison(std::shared_ptr<const PlanDocument> before,
                       std::shared_ptr<const PlanDocument> after,
                       std::shared_ptr<const PlanDiff> diff);
    int nodeIdAt(int row) const { return row; }
    // Text of the change column for a node of this side.
    QString changeText(int nodeId) const;
    static QColor verdictColor(PlanDiff::Verdict verdict);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const PlanDocument *mine() const;
    const PlanDocument *theirs() const;
    const PlanDiff::Pair *pairOf(int nodeId) const;

    Side m_side;
    std::shared_ptr<const PlanDocument> m_before;
    std::shared_ptr<const PlanDocument> m_after;
    std::shared_ptr<const PlanDiff> m_diff;
};

} // namespace Strata
