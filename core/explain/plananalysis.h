// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"

#include <QList>

#include <optional>

namespace Strata {

// Derived figures of a Plan: inclusive and exclusive time per node, the row-estimate
// factor, and each node's share of time and buffers. Pure and engine-neutral.
//
// Inclusive time is wall-clock time spent in a node and everything it called:
//  - engines report per-loop averages, so time × loops;
//  - below a Gather, loops count every process (workers + leader) that ran the node, which
//    ran side by side, so time × loops / processes;
//  - a materialised CTE runs inside the CTE Scans that read it, and also appears as its own
//    subplan: its time is taken out of the CTE Scans (in proportion to their time), not out
//    of the node the subplan hangs under, so nothing is counted twice. A data-modifying CTE
//    that nothing reads runs after the main plan: its time adds to the root's.
// Exclusive time = inclusive − the inclusive time of the children, never below zero. Where
// children report more time than their parent (a node is timed until it is shut down, which
// can be after a Limit above it stopped reading), they are scaled down to the parent's time
// for this subtraction, so the exclusive times add up to the root's inclusive time (plus
// that of CTEs nothing reads).
class STRATA_CORE_EXPORT PlanAnalysis
{
public:
    enum class EstimateDirection { None, Under, Over }; // Under: more rows came than estimated

    struct NodeMetrics
    {
        std::optional<double> inclusiveMs;
        std::optional<double> exclusiveMs;
        std::optional<double> timeShare;      // exclusive / total, 0..1
        std::optional<double> estimateFactor; // ≥ 1: how far off the estimate was, either way
        EstimateDirection estimateDirection = EstimateDirection::None;
        std::optional<qint64> inclusiveBlocks; // shared + local + temp, as reported
        std::optional<qint64> exclusiveBlocks;
        std::optional<double> bufferShare;   // exclusive blocks / total, 0..1
        std::optional<double> exclusiveCost; // total cost − children's, for plans without ANALYZE
        int processes = 1; // processes that ran the node (parallel: workers + leader)
    };

    PlanAnalysis() = default;
    static PlanAnalysis analyze(const Plan &plan);

    const NodeMetrics &metrics(int nodeId) const { return m_metrics.at(nodeId); }
    int nodeCount() const { return int(m_metrics.size()); }
    // Sum of exclusive times (the root's inclusive time plus unread CTEs'), or nullopt
    // without timing.
    std::optional<double> totalMs() const { return m_totalMs; }
    std::optional<qint64> totalBlocks() const { return m_totalBlocks; }
    // The node with the largest exclusive time, or -1.
    int slowestNode() const { return m_slowest; }

private:
    QList<NodeMetrics> m_metrics;
    std::optional<double> m_totalMs;
    std::optional<qint64> m_totalBlocks;
    int m_slowest = -1;
};

} // namespace Strata
