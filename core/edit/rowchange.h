// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QHash>
#include <QList>
#include <QVariant>
#include <QVariantList>

namespace Strata {

// One pending change of an edited result. Values are what the user typed (a QString), or a
// null QVariant for an explicit NULL; originals are the values as read, for the WHERE clause.
struct STRATA_CORE_EXPORT RowChange
{
    enum class Kind { Update, Insert, Delete };

    Kind kind = Kind::Update;
    int row = -1;                // the caller's row number, reported back with outcomes
    QVariantList original;       // Update/Delete: every result column as read
    QHash<int, QVariant> values; // Update/Insert: result column -> new value
};

using ChangeSet = QList<RowChange>;

} // namespace Strata
