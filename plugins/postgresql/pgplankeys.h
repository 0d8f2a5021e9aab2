// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plannode.h"

#include <QJsonObject>
#include <QStringList>

namespace Strata::Postgres::Internal {

// The one table between PostgreSQL's EXPLAIN property names ("Rows Removed by Filter") and
// PlanNode fields. Both plan parsers store every property through assign(), so a property
// lands in its field or in PlanNode::extra and is never lost; toJson() gives it back under
// PostgreSQL's names (for the golden tests and for "show every property").
class PgPlanKeys
{
public:
    // Stores value under key: in its field when the key has one and the value fits,
    // otherwise in node.extra. "Plans" is structural and must not be passed here.
    static void assign(PlanNode &node, const QString &key, const QJsonValue &value);
    // Clears the field of key and drops kept properties named key.
    static void remove(PlanNode &node, const QString &key);
    // The node's value for key: a field if set, else the kept property, else undefined.
    static QJsonValue value(const PlanNode &node, const QString &key);
    // Every set field and every kept property, under PostgreSQL's names, without "Plans".
    static QJsonObject toJson(const PlanNode &node);
    // The property names that have a PlanNode field.
    static QStringList fieldKeys();
};

} // namespace Strata::Postgres::Internal
