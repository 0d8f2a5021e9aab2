// SPDX-License-Identifier: GPL-3.0-or-later
#include "plananalysis.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace Strata {

namespace {

const QString ctePrefix = QStringLiteral("CTE ");

bool isGather(const PlanNode &n)
{
    return n.nodeType == QLatin1String("Gather") || n.nodeType == QLatin1String("Gather Merge");
}

// The subplan that computes a materialised CTE ("CTE name" under some node).
bool isCteSubplan(const PlanNode &n)
{
    return n.subplanName.startsWith(ctePrefix) &&
           (n.relationship == PlanNode::Relationship::InitPlan ||
            n.relationship == PlanNode::Relationship::SubPlan);
}

std::optional<qint64> blocks(const PlanNode &n)
{
    if (!n.hasBuffers())
        return std::nullopt;
    return n.shared.total() + n.local.total() + n.temp.total();
}

// Processes that ran each node: 1, or workers + leader below a Gather. The leader joins the
// work unless the Gather is "Single Copy" (the leader only collects).
QList<int> processCounts(const Plan &plan)
{
    QList<int> processes(plan.nodeCount(), 1);
    for (const PlanNode &n : plan.nodes) { // parents come before their children
        if (n.parentId < 0)
            continue;
        const PlanNode &parent = plan.node(n.parentId);
        if (isGather(parent)) {
            // The node right below a Gather runs once per participating process; without
            // ANALYZE figures, assume the launched (or planned) workers plus the leader.
            const int workers = parent.workersLaunched.value_or(parent.workersPlanned.value_or(0));
            const bool singleCopy = parent.extraValue(QStringLiteral("Single Copy")).toBool(false);
            int count = workers + (singleCopy ? 0 : 1);
            if (n.actualLoops && *n.actualLoops >= 1 && *n.actualLoops <= count)
                count = int(*n.actualLoops);
            processes[n.id] = std::max(1, count);
        } else {
            processes[n.id] = processes.at(n.parentId);
        }
    }
    return processes;
}

// A CTE's subplan is never part of the time of the node it hangs under: a CTE that is read
// runs inside its CTE Scans, and a data-modifying CTE nobody reads runs after the main plan.
bool outsideParent(const PlanNode &child)
{
    return isCteSubplan(child);
}

// PostgreSQL times a node until it is shut down, so a child can report more time than its
// parent (a Gather Merge under a Limit that stopped reading). Scale such children down to
// their parent's time, top-down, so exclusive times stay ≥ 0 and add up to the root's time.
QList<std::optional<double>> consistentTimes(const Plan &plan, QList<std::optional<double>> times)
{
    for (const PlanNode &n : plan.nodes) { // parents come before their children
        if (!times.at(n.id))
            continue;
        double children = 0;
        for (int child : n.childIds) {
            if (!outsideParent(plan.node(child)))
                children += times.at(child).value_or(0);
        }
        if (children <= *times.at(n.id) || children <= 0)
            continue;
        const double factor = *times.at(n.id) / children;
        for (int child : n.childIds) {
            if (times.at(child) && !outsideParent(plan.node(child)))
                times[child] = *times.at(child) * factor;
        }
    }
    return times;
}

// Exclusive value = inclusive − children's, where a CTE's value is taken from the CTE Scans
// that read it instead of from the node its subplan hangs under. Negative results are
// clamped to 0.
template <typename T>
QList<std::optional<T>> exclusiveOf(const Plan &plan, const QList<std::optional<T>> &inclusive)
{
    QHash<QString, int> cteByName;
    QHash<QString, T> cteScanTotal;
    for (const PlanNode &n : plan.nodes) {
        if (isCteSubplan(n))
            cteByName.insert(n.subplanName.mid(ctePrefix.size()), n.id);
    }
    for (const PlanNode &n : plan.nodes) {
        if (!n.cteName.isEmpty() && cteByName.contains(n.cteName) && inclusive.at(n.id))
            cteScanTotal[n.cteName] += *inclusive.at(n.id);
    }
    QList<std::optional<T>> exclusive(plan.nodeCount());
    for (const PlanNode &n : plan.nodes) {
        if (!inclusive.at(n.id))
            continue;
        T value = *inclusive.at(n.id);
        for (int child : n.childIds) {
            if (outsideParent(plan.node(child)))
                continue; // taken out of its CTE Scans below, if any
            value -= inclusive.at(child).value_or(T(0));
        }
        if (!n.cteName.isEmpty() && cteByName.contains(n.cteName)) {
            const T scans = cteScanTotal.value(n.cteName);
            const std::optional<T> cte = inclusive.at(cteByName.value(n.cteName));
            if (cte && scans > T(0))
                value -= T(double(*cte) * double(*inclusive.at(n.id)) / double(scans));
        }
        exclusive[n.id] = std::max(value, T(0));
    }
    return exclusive;
}

} // namespace

PlanAnalysis PlanAnalysis::analyze(const Plan &plan)
{
    PlanAnalysis a;
    const int count = plan.nodeCount();
    a.m_metrics.resize(count);
    const QList<int> processes = processCounts(plan);

    QList<std::optional<double>> inclusiveMs(count);
    QList<std::optional<qint64>> inclusiveBlocks(count);
    QList<std::optional<double>> inclusiveCost(count);
    for (const PlanNode &n : plan.nodes) {
        NodeMetrics &m = a.m_metrics[n.id];
        m.processes = processes.at(n.id);
        if (n.neverExecuted)
            inclusiveMs[n.id] = 0.0;
        else if (n.actualTotalMs)
            inclusiveMs[n.id] = *n.actualTotalMs * n.actualLoops.value_or(1.0) / m.processes;
        inclusiveBlocks[n.id] = blocks(n);
        inclusiveCost[n.id] = n.totalCost;
        m.inclusiveMs = inclusiveMs.at(n.id);
        m.inclusiveBlocks = inclusiveBlocks.at(n.id);

        if (n.actualRows && n.estimatedRows && !n.neverExecuted) {
            const double actual = std::max(*n.actualRows, 1.0);
            const double estimated = std::max(*n.estimatedRows, 1.0);
            if (actual > estimated) {
                m.estimateFactor = actual / estimated;
                m.estimateDirection = EstimateDirection::Under;
            } else {
                m.estimateFactor = estimated / actual;
                m.estimateDirection =
                    actual < estimated ? EstimateDirection::Over : EstimateDirection::None;
            }
        }
    }

    const QList<std::optional<double>> exclusiveMs =
        exclusiveOf(plan, consistentTimes(plan, inclusiveMs));
    const QList<std::optional<qint64>> exclusiveBlocks = exclusiveOf(plan, inclusiveBlocks);
    const QList<std::optional<double>> exclusiveCost = exclusiveOf(plan, inclusiveCost);

    double totalMs = 0;
    qint64 totalBlocks = 0;
    bool anyTime = false;
    bool anyBlocks = false;
    double slowest = -1;
    for (int id = 0; id < count; ++id) {
        NodeMetrics &m = a.m_metrics[id];
        m.exclusiveMs = exclusiveMs.at(id);
        m.exclusiveBlocks = exclusiveBlocks.at(id);
        m.exclusiveCost = exclusiveCost.at(id);
        if (m.exclusiveMs) {
            anyTime = true;
            totalMs += *m.exclusiveMs;
            if (*m.exclusiveMs > slowest) {
                slowest = *m.exclusiveMs;
                a.m_slowest = id;
            }
        }
        if (m.exclusiveBlocks) {
            anyBlocks = true;
            totalBlocks += *m.exclusiveBlocks;
        }
    }
    if (anyTime)
        a.m_totalMs = totalMs;
    if (anyBlocks)
        a.m_totalBlocks = totalBlocks;
    for (NodeMetrics &m : a.m_metrics) {
        if (m.exclusiveMs && totalMs > 0)
            m.timeShare = *m.exclusiveMs / totalMs;
        if (m.exclusiveBlocks && totalBlocks > 0)
            m.bufferShare = double(*m.exclusiveBlocks) / double(totalBlocks);
    }
    return a;
}

} // namespace Strata
