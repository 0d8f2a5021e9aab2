// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace Strata {

// One generated statement of a save: SQL with parameter markers and its bound values.
struct STRATA_CORE_EXPORT EditStatement
{
    enum class Kind { Update, Insert, Delete };

    Kind kind = Kind::Update;
    int row = -1; // the RowChange::row it comes from
    QString sql;
    QVariantList parameters;
    // UPDATE/DELETE must touch exactly one row; 0 means someone else changed or deleted it.
    bool requiresOneRow() const { return kind != Kind::Insert; }
};

} // namespace Strata
