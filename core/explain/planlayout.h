// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace Strata {

// Where each node of a plan goes in the plan graph: a top-down tidy tree. Every subtree
// owns a horizontal band no other subtree enters, siblings stay in plan order, a parent is
// centred over its first and last child, and all nodes of one depth share a row. O(n),
// iterative (plans thousands of levels deep cannot overflow the stack), pure QtCore: the GUI
// and the SVG writer lay out the same tree with their own node sizes.
class STRATA_CORE_EXPORT PlanLayout
{
public:
    struct Spacing
    {
        double horizontalGap = 24.0; // between neighbouring subtrees
        double verticalGap = 44.0;   // between rows
    };

    PlanLayout() = default;
    // sizes: one per node, by node id. Missing or negative sizes count as empty.
    static PlanLayout compute(const Plan &plan, const QList<QSizeF> &sizes, Spacing spacing);
    static PlanLayout compute(const Plan &plan, const QList<QSizeF> &sizes)
    {
        return compute(plan, sizes, Spacing());
    }

    int nodeCount() const { return int(m_rects.size()); }
    bool isEmpty() const { return m_rects.isEmpty(); }
    QRectF nodeRect(int nodeId) const { return m_rects.at(nodeId); }
    // The edge from the parent's bottom centre down to the node's top centre, as an
    // orthogonal polyline (down, across at the middle of the gap, down); empty for the root.
    QList<QPointF> edge(int nodeId) const;
    int parentOf(int nodeId) const { return m_parents.at(nodeId); }
    QRectF boundingRect() const { return m_bounds; }

    // The nodes whose rects intersect rect, row by row, left to right.
    QList<int> nodesIn(const QRectF &rect) const;
    // The nodes whose incoming edge may cross rect (a superset, small: per row the nodes
    // over rect plus at most one on each side whose edge runs across it).
    QList<int> edgesIn(const QRectF &rect) const;
    // The topmost node under point, or -1.
    int nodeAt(const QPointF &point) const;

private:
    struct Row
    {
        double top = 0;
        double bottom = 0;
        QList<int> nodes; // left to right
    };
    // First row whose bottom edge is at or below y.
    int firstRowReaching(double y) const;
    // Index in row.nodes of the first node whose right edge is at or beyond x.
    int firstNodeReaching(const Row &row, double x) const;

    QList<QRectF> m_rects;
    QList<int> m_parents;
    QList<int> m_rowOf;
    QList<Row> m_rows;
    QRectF m_bounds;
    double m_verticalGap = 0;
};

} // namespace Strata
