// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plannode.h"

#include <QList>
#include <QString>

#include <optional>

namespace Strata {

// A whole execution plan, engine-neutral: the nodes in one flat list (a node's id is its
// index, the root is id 0, parents come before their children) plus what the engine reports
// about the statement as a whole. A plain value, safe to move between threads.
struct STRATA_CORE_EXPORT Plan
{
    struct Trigger
    {
        QString name;
        QString relation;
        std::optional<double> timeMs;
        std::optional<double> calls;
    };
    struct Setting
    {
        QString name;
        QString value;
    };

    QString engine;       // "postgresql", "mysql", "sqlite"
    QString sourceFormat; // "json", "text", ...
    QString queryText;    // when the plan carries it (auto_explain)
    QString sourceText;   // the text it was read from, when kept (ExplainRunner keeps it)
    std::optional<double> planningMs;
    std::optional<double> executionMs;
    QList<Trigger> triggers;
    QList<Setting> settings;
    QList<PlanNode::Property> extra; // statement-level properties without a field (JIT, WAL, ...)
    QList<PlanNode> nodes;

    bool isEmpty() const { return nodes.isEmpty(); }
    int nodeCount() const { return int(nodes.size()); }
    const PlanNode &root() const { return nodes.first(); }
    const PlanNode &node(int id) const { return nodes.at(id); }
    // True when the plan carries actual figures (EXPLAIN ANALYZE and friends).
    bool hasActuals() const;

    // Appends node as a child of parentId (-1 for the root) and returns its id; sets the
    // node's id, parentId and depth.
    int addNode(PlanNode node, int parentId);
};

} // namespace Strata
