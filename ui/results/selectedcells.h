// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "export/copyformat.h"
#include "results/columninfo.h"

class QAbstractItemView;

namespace Strata {

// The cells a copy action works on: the bounding rows x the selected columns of a grid's
// selection (the current cell when nothing is selected), read through the view's model and
// its roles (so an editing proxy may sit in between), always as whole raw values.
struct STRATA_UI_EXPORT SelectedCells
{
    ColumnList columns;
    QList<CopyRow> rows;

    bool isEmpty() const { return rows.isEmpty() || columns.isEmpty(); }

    // allColumns: the ColumnInfo of every column of the view's model, by column number.
    static SelectedCells fromView(const QAbstractItemView *view, const ColumnList &allColumns);
};

} // namespace Strata
