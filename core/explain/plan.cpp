// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan.h"

namespace Strata {

bool Plan::hasActuals() const
{
    for (const PlanNode &n : nodes) {
        if (n.hasActuals())
            return true;
    }
    return executionMs.has_value();
}

int Plan::addNode(PlanNode node, int parentId)
{
    const int id = int(nodes.size());
    node.id = id;
    node.parentId = parentId;
    node.childIds.clear();
    node.depth = parentId >= 0 ? nodes.at(parentId).depth + 1 : 0;
    nodes.append(std::move(node));
    if (parentId >= 0)
        nodes[parentId].childIds.append(id);
    return id;
}

} // namespace Strata
