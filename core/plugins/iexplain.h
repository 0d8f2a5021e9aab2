// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "explain/planrule.h"
#include "sql/result.h"

#include <QtPlugin>

namespace Strata {

// The engine's EXPLAIN: the statement that makes it explain a query in its richest format,
// and the parser from whatever it (or a user's paste) produced to the common Plan model.
// Pure functions, any thread; running the statement is the session's business.
class IExplain
{
public:
    struct Options
    {
        bool analyze = false;  // run the statement and report actual figures
        bool buffers = false;  // buffer (page) counts
        bool verbose = false;  // output columns, schema-qualified names
        bool settings = false; // planner settings that differ from the defaults
        bool wal = false;      // WAL records written (needs analyze)
        bool timing = true;    // per-node timing when analyzing; off lowers the overhead
        bool summary = true;   // planning and execution time
        // The server's version as EngineSession::serverVersion() reports it ("15.4",
        // "10.11.6-MariaDB", "8.0.36"); empty when unknown. Engines whose EXPLAIN differs by
        // server (MariaDB ANALYZE FORMAT=JSON vs MySQL EXPLAIN ANALYZE) pick the form with it.
        QString serverVersion;
    };

    virtual ~IExplain() = default;

    // The statement to run for one SQL statement, or Error::Code::InvalidArgument (empty
    // input, several statements, an option combination the engine rejects).
    virtual Result<QString> explainStatement(const QString &sql, const Options &options) const = 0;
    // True when running sql changes data (INSERT/UPDATE/DELETE/MERGE, also inside a WITH):
    // EXPLAIN ANALYZE of it should run in a transaction that is rolled back.
    virtual bool changesData(const QString &sql) const = 0;
    // False when the engine cannot run a statement and report actual figures (SQLite):
    // explainStatement() then refuses options.analyze, and the GUI offers Explain only.
    virtual bool supportsAnalyze() const = 0;
    // Any plan text the engine or its tools produce, the format detected automatically;
    // anything else is an Error "not an EXPLAIN plan: <why>".
    virtual Result<Plan> parsePlan(const QString &text) const = 0;
    // The engine's findings rules, for PlanFindings::find().
    virtual QList<PlanRule> planRules() const = 0;
};

} // namespace Strata

#define Strata_IExplain_iid "org.strata.Explain/2"
Q_DECLARE_INTERFACE(Strata::IExplain, Strata_IExplain_iid)
