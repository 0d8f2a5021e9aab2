// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "plugins/iexplain.h"
#include "results/resultset.h"
#include "sql/result.h"

#include <QFuture>
#include <QList>

namespace Strata {

class EngineSession;

// Explains one statement on a live connection: asks the engine's IExplain for the EXPLAIN
// statement, runs it through the session (inside a transaction that is rolled back when
// asked: EXPLAIN ANALYZE of a statement that changes data), and parses what comes back into
// a Plan whose queryText is the statement and whose sourceText is what the server sent.
// Shared by the GUI and strata-cli.
class STRATA_CORE_EXPORT ExplainRunner
{
public:
    struct Request
    {
        QString sql;
        IExplain::Options options; // serverVersion is filled from the session when empty
        bool rollBack = false;     // run inside a transaction that is rolled back
    };

    // The engine's IExplain, or null when its plugin has none.
    static const IExplain *explainOf(const EngineSession &session);

    // Error (in the future) when the engine cannot explain, the statement is refused, the
    // server fails, or the output is not a plan. The parse runs on the session's worker.
    static QFuture<Result<Plan>> run(EngineSession &session, Request request);

    // What a statement's result sets say as plan text: one column → the rows' values joined
    // by "\n"; several columns → a header line of the column names, then one line per row,
    // tab-separated (SQLite's EXPLAIN QUERY PLAN). Result sets are separated by "\n".
    static QString resultText(const QList<ResultSet> &results);
};

} // namespace Strata
