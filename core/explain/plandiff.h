// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plandocument.h"

#include <QList>
#include <QString>

#include <optional>

namespace Strata {

// What changed between two plans of the same query ("before" and "after"): the nodes matched
// by tree position, node type and relation/index, robust to nodes that appeared or went away
// (a Sort on top, a Hash in between) and to a node that changed kind on the same relation (a
// Seq Scan that became an Index Scan counts as matched and changed); per matched pair the
// figures that moved, nodes only in one plan, findings that appeared or went away, and the
// totals. Pure; any thread.
class STRATA_CORE_EXPORT PlanDiff
{
public:
    enum class Figure {
        EstimatedRows,
        ActualRows,
        Loops,
        InclusiveMs,
        ExclusiveMs,
        Blocks,
        TotalCost,
    };
    // Better: less time, fewer blocks, a lower cost. Rows and loops are neither.
    enum class Verdict { Same, Better, Worse, Changed };

    struct FigureChange
    {
        Figure figure = Figure::InclusiveMs;
        double before = 0;
        double after = 0;
        // after / before (∞ when before is 0 and after is not).
        double ratio() const;
        Verdict verdict() const;
    };

    struct Pair
    {
        int before = -1; // node id in the first plan, -1: only in the second
        int after = -1;  // node id in the second plan, -1: only in the first
        bool typeChanged = false;   // node type (or index) differs
        QList<FigureChange> changes; // figures that moved by 10 % or more
        // Better or Worse by inclusive time when both plans have it, else by blocks, else by
        // cost; Changed when only the type or the rows moved; Same otherwise. Nodes only in
        // one plan are Changed.
        Verdict verdict = Verdict::Same;
    };

    struct FindingChange
    {
        PlanFinding finding;
        bool appeared = false; // in the second plan only; false: went away
    };

    static PlanDiff compare(const PlanDocument &before, const PlanDocument &after);

    const QList<Pair> &pairs() const { return m_pairs; }
    // The match of a node of the first plan in the second (and back), or -1.
    int afterOf(int beforeId) const { return m_afterOf.value(beforeId, -1); }
    int beforeOf(int afterId) const { return m_beforeOf.value(afterId, -1); }
    // The pair holding that node, or null.
    const Pair *pairOfBefore(int beforeId) const;
    const Pair *pairOfAfter(int afterId) const;
    QList<int> onlyBefore() const;
    QList<int> onlyAfter() const;
    const QList<FindingChange> &findingChanges() const { return m_findings; }

    std::optional<double> planningBefore() const { return m_planningBefore; }
    std::optional<double> planningAfter() const { return m_planningAfter; }
    // Execution time, or the sum of exclusive times when the plan has no total.
    std::optional<double> executionBefore() const { return m_executionBefore; }
    std::optional<double> executionAfter() const { return m_executionAfter; }
    std::optional<double> costBefore() const { return m_costBefore; }
    std::optional<double> costAfter() const { return m_costAfter; }

    // One line: "Execution 18.2 ms → 2.1 ms (8.7× faster); Seq Scan on orders → Index Scan
    // using orders_customer_idx on orders; 1 finding went away".
    QString summary() const;
    static QString figureName(Figure figure);
    // Node similarity used for matching: 0 (never matched) and up.
    static int similarity(const PlanNode &a, const PlanNode &b);

private:
    void matchLists(QList<int> before, QList<int> after, int depth);
    void matchPair(int before, int after);
    void matchLeftoverRelations();
    void alignOrdered(const QList<int> &before, const QList<int> &after);
    void alignByKey(const QList<int> &before, const QList<int> &after);
    Pair makePair(int before, int after) const;
    void compareFindings(const PlanDocument &before, const PlanDocument &after);

    const Plan *m_a = nullptr; // only during compare()
    const Plan *m_b = nullptr;
    const PlanAnalysis *m_analysisA = nullptr;
    const PlanAnalysis *m_analysisB = nullptr;
    QList<Pair> m_pairs;
    QList<int> m_afterOf;
    QList<int> m_beforeOf;
    QList<FindingChange> m_findings;
    QList<QString> m_typeChanges; // "Seq Scan on orders → Index Scan ..." for the summary
    std::optional<double> m_planningBefore;
    std::optional<double> m_planningAfter;
    std::optional<double> m_executionBefore;
    std::optional<double> m_executionAfter;
    std::optional<double> m_costBefore;
    std::optional<double> m_costAfter;
};

} // namespace Strata
