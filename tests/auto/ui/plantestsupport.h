// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plans for the plan-view tests: corpus plans read by the real PostgreSQL parser, and small
// synthetic plans whose figures the tests choose.

#include "pgexplain.h"
#include "plancorpus.h"

#include "explain/plandocument.h"

#include <memory>
#include <optional>

namespace Strata::Test {

inline std::shared_ptr<const PlanDocument> documentOf(Plan plan)
{
    const Postgres::Internal::PgExplain explain;
    return std::make_shared<const PlanDocument>(
        PlanDocument::analyze(std::move(plan), explain.planRules()));
}

// The corpus plan under postgresql-json/<name>, analysed with PostgreSQL's rules; null when
// the corpora are not there or it does not parse.
inline std::shared_ptr<const PlanDocument> corpusDocument(const QString &name,
                                                          QString *source = nullptr)
{
    const QString text = readCorpusFile(explainCorpusDir(QStringLiteral("postgresql-json/")) +
                                        QLatin1Char('/') + name);
    if (text.isEmpty())
        return nullptr;
    const Postgres::Internal::PgExplain explain;
    Result<Plan> plan = explain.parsePlan(text);
    if (!plan)
        return nullptr;
    if (source)
        *source = text;
    return documentOf(std::move(plan.value()));
}

inline PlanNode syntheticNode(const QString &type, const QString &relation,
                              std::optional<double> estimated, std::optional<double> actual,
                              std::optional<double> totalMs)
{
    PlanNode n;
    n.nodeType = type;
    n.relation = relation;
    n.estimatedRows = estimated;
    n.actualRows = actual;
    if (actual)
        n.actualLoops = 1.0;
    n.actualTotalMs = totalMs;
    if (totalMs)
        n.actualStartupMs = 0.0;
    n.startupCost = 0.0;
    n.totalCost = estimated.value_or(1.0) * 2;
    return n;
}

// A root with `children` scans under it, each of its own relation; the scans' rows and
// times grow with their position.
inline Plan widePlan(int children)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.executionMs = children * 1.0 + 5.0;
    plan.addNode(syntheticNode(QStringLiteral("Append"), QString(), children * 10.0,
                               children * 10.0, children * 1.0 + 5.0),
                 -1);
    for (int i = 0; i < children; ++i) {
        plan.addNode(syntheticNode(QStringLiteral("Seq Scan"),
                                   QStringLiteral("part_%1").arg(i), 10.0, double(i % 50),
                                   1.0 * (i % 7) / 7.0),
                     0);
    }
    return plan;
}

} // namespace Strata::Test
