// SPDX-License-Identifier: GPL-3.0-or-later
#include "plannode.h"

namespace Strata {

QJsonValue PlanNode::extraValue(const QString &key) const
{
    for (const Property &p : extra) {
        if (p.key == key)
            return p.value;
    }
    return QJsonValue(QJsonValue::Undefined);
}

std::optional<double> PlanNode::totalActualRows() const
{
    if (!actualRows)
        return std::nullopt;
    return *actualRows * actualLoops.value_or(1.0);
}

QString PlanNode::relationshipName(Relationship r)
{
    switch (r) {
    case Relationship::None:
        return QString();
    case Relationship::Outer:
        return QStringLiteral("Outer");
    case Relationship::Inner:
        return QStringLiteral("Inner");
    case Relationship::InitPlan:
        return QStringLiteral("InitPlan");
    case Relationship::SubPlan:
        return QStringLiteral("SubPlan");
    case Relationship::Member:
        return QStringLiteral("Member");
    case Relationship::Subquery:
        return QStringLiteral("Subquery");
    case Relationship::Other:
        return QStringLiteral("Other");
    }
    return QString();
}

PlanNode::Relationship PlanNode::relationshipFromName(const QString &name)
{
    if (name.isEmpty())
        return Relationship::None;
    for (Relationship r : {Relationship::Outer, Relationship::Inner, Relationship::InitPlan,
                           Relationship::SubPlan, Relationship::Member, Relationship::Subquery}) {
        if (name.compare(relationshipName(r), Qt::CaseInsensitive) == 0)
            return r;
    }
    return Relationship::Other;
}

} // namespace Strata
