// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Strata {

// The node the user is looking at in one plan view, shared by its graph, grid, flame graph,
// details panel and findings list so that selecting in one selects in all. -1: none.
class PlanNodeSelection : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    int currentNode() const { return m_node; }

    void setCurrentNode(int nodeId)
    {
        if (nodeId == m_node)
            return;
        m_node = nodeId;
        Q_EMIT currentNodeChanged(nodeId);
    }

Q_SIGNALS:
    void currentNodeChanged(int nodeId);

private:
    int m_node = -1;
};

} // namespace Strata
