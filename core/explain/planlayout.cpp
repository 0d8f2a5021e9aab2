// SPDX-License-Identifier: GPL-3.0-or-later
#include "planlayout.h"

#include <algorithm>

namespace Strata {

namespace {

// Per node, relative to the left edge of its subtree's band.
struct Extent
{
    double span = 0;        // width of the subtree's band
    double centre = 0;      // the node's centre
    double childOffset = 0; // where the first child's band starts
};

} // namespace

PlanLayout PlanLayout::compute(const Plan &plan, const QList<QSizeF> &sizes, Spacing spacing)
{
    PlanLayout layout;
    const int n = plan.nodeCount();
    if (n == 0)
        return layout;
    const double hGap = std::max(0.0, spacing.horizontalGap);
    const double vGap = std::max(0.0, spacing.verticalGap);
    layout.m_verticalGap = vGap;
    const auto sizeOf = [&sizes](int id) {
        const QSizeF s = id < sizes.size() ? sizes.at(id) : QSizeF();
        return QSizeF(std::max(0.0, s.width()), std::max(0.0, s.height()));
    };

    // Pre-order from the root with an explicit stack; a node reachable twice (a malformed
    // plan) is placed once.
    QList<int> order;
    order.reserve(n);
    QList<int> depth(n, 0);
    QList<bool> seen(n, false);
    QList<int> stack{0};
    seen[0] = true;
    while (!stack.isEmpty()) {
        const int id = stack.takeLast();
        order.append(id);
        const QList<int> &children = plan.node(id).childIds;
        for (auto it = children.crbegin(); it != children.crend(); ++it) {
            const int child = *it;
            if (child <= 0 || child >= n || seen.at(child))
                continue;
            seen[child] = true;
            depth[child] = depth.at(id) + 1;
            stack.append(child);
        }
    }
    // The children each node was given in the walk above, in plan order.
    QList<int> parent(n, -1);
    QList<QList<int>> kids(n);
    for (int id : std::as_const(order)) {
        for (int child : plan.node(id).childIds) {
            if (child > 0 && child < n && parent.at(child) < 0 && depth.at(child) == depth.at(id) + 1
                && child != id) {
                parent[child] = id;
                kids[id].append(child);
            }
        }
    }

    // Bottom-up: each subtree's band and where its root sits in it.
    QList<Extent> extent(n);
    for (auto it = order.crbegin(); it != order.crend(); ++it) {
        const int id = *it;
        const double w = sizeOf(id).width();
        Extent &e = extent[id];
        const QList<int> &children = kids.at(id);
        if (children.isEmpty()) {
            e.span = w;
            e.centre = w / 2;
            continue;
        }
        double x = 0;
        double firstCentre = 0;
        double lastCentre = 0;
        for (int i = 0; i < children.size(); ++i) {
            const Extent &c = extent.at(children.at(i));
            if (i == 0)
                firstCentre = x + c.centre;
            lastCentre = x + c.centre;
            x += c.span + (i + 1 < children.size() ? hGap : 0.0);
        }
        const double childrenWidth = x;
        const double wanted = (firstCentre + lastCentre) / 2;
        const double left = std::max(0.0, w / 2 - wanted);
        const double right = std::max(0.0, wanted + w / 2 - childrenWidth);
        e.span = left + childrenWidth + right;
        e.centre = left + wanted;
        e.childOffset = left;
    }

    // Rows: one per depth, as tall as its tallest node.
    int maxDepth = 0;
    for (int id : std::as_const(order))
        maxDepth = std::max(maxDepth, depth.at(id));
    layout.m_rows.resize(maxDepth + 1);
    for (int id : std::as_const(order)) {
        Row &row = layout.m_rows[depth.at(id)];
        row.bottom = std::max(row.bottom, sizeOf(id).height());
        row.nodes.append(id); // pre-order visits each row left to right
    }
    double y = 0;
    for (Row &row : layout.m_rows) {
        const double height = row.bottom;
        row.top = y;
        row.bottom = y + height;
        y = row.bottom + vGap;
    }

    // Top-down: absolute positions.
    layout.m_rects.resize(n);
    layout.m_parents = parent;
    layout.m_rowOf = depth;
    QList<double> bandLeft(n, 0.0);
    for (int id : std::as_const(order)) {
        const Extent &e = extent.at(id);
        const QSizeF s = sizeOf(id);
        const double top = layout.m_rows.at(depth.at(id)).top;
        layout.m_rects[id] = QRectF(bandLeft.at(id) + e.centre - s.width() / 2, top, s.width(),
                                    s.height());
        double x = bandLeft.at(id) + e.childOffset;
        for (int child : kids.at(id)) {
            bandLeft[child] = x;
            x += extent.at(child).span + hGap;
        }
    }
    layout.m_bounds = QRectF(0, 0, extent.at(0).span, layout.m_rows.last().bottom);
    // Nodes a malformed plan left unreachable: a zero rect at the origin, never drawn.
    for (int id = 0; id < n; ++id) {
        if (!seen.at(id))
            layout.m_rowOf[id] = -1;
    }
    return layout;
}

QList<QPointF> PlanLayout::edge(int nodeId) const
{
    const int p = m_parents.at(nodeId);
    if (p < 0)
        return {};
    const QRectF pr = m_rects.at(p);
    const QRectF cr = m_rects.at(nodeId);
    const double midY = m_rows.at(m_rowOf.at(nodeId)).top - m_verticalGap / 2;
    return {QPointF(pr.center().x(), pr.bottom()), QPointF(pr.center().x(), midY),
            QPointF(cr.center().x(), midY), QPointF(cr.center().x(), cr.top())};
}

int PlanLayout::firstRowReaching(double y) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), y,
                                     [](const Row &row, double v) { return row.bottom < v; });
    return int(it - m_rows.cbegin());
}

int PlanLayout::firstNodeReaching(const Row &row, double x) const
{
    const auto it = std::lower_bound(row.nodes.cbegin(), row.nodes.cend(), x,
                                     [this](int id, double v) { return m_rects.at(id).right() < v; });
    return int(it - row.nodes.cbegin());
}

QList<int> PlanLayout::nodesIn(const QRectF &rect) const
{
    QList<int> result;
    for (int r = firstRowReaching(rect.top()); r < m_rows.size(); ++r) {
        const Row &row = m_rows.at(r);
        if (row.top > rect.bottom())
            break;
        for (int i = firstNodeReaching(row, rect.left()); i < row.nodes.size(); ++i) {
            const int id = row.nodes.at(i);
            const QRectF nodeRect = m_rects.at(id);
            if (nodeRect.left() > rect.right())
                break;
            if (nodeRect.intersects(rect))
                result.append(id);
        }
    }
    return result;
}

QList<int> PlanLayout::edgesIn(const QRectF &rect) const
{
    QList<int> result;
    // Edges into row r live between the top of row r - 1 and the top of row r.
    for (int r = std::max(1, firstRowReaching(rect.top())); r < m_rows.size(); ++r) {
        const Row &above = m_rows.at(r - 1);
        const Row &row = m_rows.at(r);
        if (above.top > rect.bottom())
            break;
        if (row.top < rect.top())
            continue;
        const int first = firstNodeReaching(row, rect.left());
        int last = first;
        while (last < row.nodes.size() && m_rects.at(row.nodes.at(last)).left() <= rect.right())
            ++last;
        // Parents are in the same left-to-right order as their children, so only the
        // nearest node on each side can have a bus running over rect.
        const auto parentX = [this](int id) { return m_rects.at(m_parents.at(id)).center().x(); };
        if (first > 0 && parentX(row.nodes.at(first - 1)) >= rect.left())
            result.append(row.nodes.at(first - 1));
        for (int i = first; i < last; ++i)
            result.append(row.nodes.at(i));
        if (last < row.nodes.size() && parentX(row.nodes.at(last)) <= rect.right())
            result.append(row.nodes.at(last));
    }
    return result;
}

int PlanLayout::nodeAt(const QPointF &point) const
{
    const int r = firstRowReaching(point.y());
    if (r >= m_rows.size() || m_rows.at(r).top > point.y())
        return -1;
    const Row &row = m_rows.at(r);
    const int i = firstNodeReaching(row, point.x());
    if (i < row.nodes.size() && m_rects.at(row.nodes.at(i)).contains(point))
        return row.nodes.at(i);
    return -1;
}

} // namespace Strata
