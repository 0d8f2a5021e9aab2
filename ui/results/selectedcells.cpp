// SPDX-License-Identifier: GPL-3.0-or-later
#include "selectedcells.h"

#include "resultgridmodel.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

#include <algorithm>
#include <set>

namespace Strata {

SelectedCells SelectedCells::fromView(const QAbstractItemView *view, const ColumnList &allColumns)
{
    SelectedCells cells;
    const QAbstractItemModel *model = view->model();
    if (!model)
        return cells;
    QModelIndexList indexes;
    if (const QItemSelectionModel *selection = view->selectionModel())
        indexes = selection->selectedIndexes();
    if (indexes.isEmpty() && view->currentIndex().isValid())
        indexes << view->currentIndex();
    if (indexes.isEmpty())
        return cells;

    std::set<int> columnSet;
    int firstRow = indexes.constFirst().row();
    int lastRow = firstRow;
    for (const QModelIndex &index : std::as_const(indexes)) {
        columnSet.insert(index.column());
        firstRow = std::min(firstRow, index.row());
        lastRow = std::max(lastRow, index.row());
    }
    const QList<int> columns(columnSet.cbegin(), columnSet.cend());
    for (const int column : columns) {
        ColumnInfo info = column < allColumns.size() ? allColumns.at(column) : ColumnInfo();
        const QVariant name = model->headerData(column, Qt::Horizontal, Qt::DisplayRole);
        if (name.isValid())
            info.name = name.toString();
        cells.columns << info;
    }
    cells.rows.reserve(lastRow - firstRow + 1);
    for (int row = firstRow; row <= lastRow; ++row) {
        CopyRow copyRow;
        copyRow.reserve(columns.size());
        for (const int column : columns) {
            const QVariant raw = model->index(row, column).data(ResultGridModel::RawValueRole);
            copyRow << (!raw.isValid() ? CopyCell::null() : CopyCell::value(raw.toByteArray()));
        }
        cells.rows << copyRow;
    }
    return cells;
}

} // namespace Strata
