// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "results/columninfo.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Strata {

// The one base table an editable result reads, and how the result's columns map onto it.
struct STRATA_CORE_EXPORT EditTarget
{
    QString schema;
    QString table;
    ColumnList columns;        // the result's columns, in result order
    QStringList sourceColumns; // the table column each result column reads, in result order
    QList<int> keyColumns;     // result column of each primary-key column, in key order

    bool isKeyColumn(int column) const { return keyColumns.contains(column); }
};

} // namespace Strata
