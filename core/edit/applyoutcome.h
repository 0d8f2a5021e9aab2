// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QHash>
#include <QString>
#include <QVariantList>

namespace Strata {

// What applying a list of EditStatements in one transaction did.
struct STRATA_CORE_EXPORT ApplyOutcome
{
    enum class Status { Committed, Conflict, Failed };

    Status status = Status::Committed;
    int failedStatement = -1; // index into the applied list, when not committed
    int failedRow = -1;       // that statement's row
    QString message;          // plain text: the server's error or the conflict explanation
    // Committed inserts: the row as the server stored it (RETURNING), one value per returned
    // column; null QVariant for NULL, QByteArray for binary, QString otherwise. Keyed by row.
    QHash<int, QVariantList> insertedValues;

    bool committed() const { return status == Status::Committed; }
};

} // namespace Strata
