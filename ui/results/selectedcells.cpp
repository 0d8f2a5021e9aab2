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
    // Selection ranges, not selectedIndexes(): a select-all of 100,000 rows is one range.
    std::set<int> columnSet;
    int firstRow = -1;
    int lastRow = -1;
    const auto take = [&](int top, int bottom, int left, int right) {
        for (int column = left; column <= right; ++column)
            columnSet.insert(column);
        firstRow = firstRow < 0 ? top : std::min(firstRow, top);
        lastRow = std::max(lastRow, bottom);
    };
    if (const QItemSelectionModel *selection = view->selectionModel()) {
        for (const QItemSelectionRange &range : selection->selection())
            take(range.top(), range.bottom(), range.left(), range.right());
    }
    if (columnSet.empty() && view->currentIndex().isValid()) {
        const QModelIndex current = view->currentIndex();
        take(current.row(), current.row(), current.column(), current.column());
    }
    if (columnSet.empty())
        return cells;
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
