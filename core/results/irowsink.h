// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "columninfo.h"
#include "rowblock.h"

#include <QString>

namespace Strata {

// What one statement of an execute() call produced.
struct ResultSummary
{
    bool hasRows = false;       // the statement returned a row set (possibly empty)
    qint64 rowCount = 0;        // rows delivered to the sink
    qint64 rowsAffected = -1;   // INSERT/UPDATE/DELETE count, -1 when not applicable
    QString commandTag;         // e.g. "SELECT 3", "UPDATE 2" where the engine gives one
    qint64 elapsedMs = 0;
    bool truncated = false;     // the sink asked to stop before the last row
};

// Receives the results of ISession::execute on the session's worker thread, as they stream.
// For each statement of the call: beginResult() if it returns rows, then rows() for each
// block, then endResult() (also for statements without rows).
class IRowSink
{
public:
    virtual ~IRowSink() = default;

    virtual void beginResult(const ColumnList &columns) = 0;
    // Return false to stop fetching this result; the engine discards the rest.
    virtual bool rows(RowBlock &&block) = 0;
    virtual void endResult(const ResultSummary &summary) = 0;
    // Server notices and warnings (RAISE NOTICE, SHOW WARNINGS), as plain text.
    virtual void notice(const QString &message) { Q_UNUSED(message) }
};

} // namespace Strata
