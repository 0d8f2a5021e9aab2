// SPDX-License-Identifier: GPL-3.0-or-later
#include "plannodelabel.h"

#include <cmath>

namespace Strata {

namespace {

QString percent(double share)
{
    if (share > 0 && share < 0.01)
        return QStringLiteral("<1%");
    return QString::number(std::lround(share * 100)) + u'%';
}

QString grouped(qint64 value)
{
    QString digits = QString::number(std::llabs(value));
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return value < 0 ? u'-' + digits : digits;
}

} // namespace

QString PlanNodeLabel::formatCount(double value)
{
    const double a = std::fabs(value);
    if (a >= 1e9)
        return QString::number(value / 1e9, 'f', 1) + u'G';
    if (a >= 1e6)
        return QString::number(value / 1e6, 'f', 1) + u'M';
    if (a >= 1 || a == 0)
        return grouped(std::llround(value));
    return QString::number(value, 'g', 2);
}

QString PlanNodeLabel::formatMs(double ms)
{
    if (ms >= 1000)
        return QString::number(ms / 1000, 'f', 2) + QStringLiteral(" s");
    if (ms >= 100)
        return QString::number(ms, 'f', 0) + QStringLiteral(" ms");
    if (ms >= 1)
        return QString::number(ms, 'f', 1) + QStringLiteral(" ms");
    return QString::number(ms, 'f', 3) + QStringLiteral(" ms");
}

PlanNodeLabel PlanNodeLabel::of(const PlanDocument &document, int nodeId)
{
    const PlanNode &node = document.plan.node(nodeId);
    const PlanAnalysis::NodeMetrics *m =
        nodeId < document.analysis.nodeCount() ? &document.analysis.metrics(nodeId) : nullptr;
    PlanNodeLabel label;

    label.title = node.nodeType.isEmpty() ? QStringLiteral("(node)") : node.nodeType;
    if (!node.joinType.isEmpty() && !label.title.contains(node.joinType))
        label.title += QStringLiteral(" (") + node.joinType + u')';

    QString on = node.relation;
    if (!on.isEmpty() && !node.schema.isEmpty())
        on = node.schema + u'.' + on;
    if (!node.alias.isEmpty() && node.alias != node.relation)
        on = on.isEmpty() ? node.alias : on + u' ' + node.alias;
    if (!node.index.isEmpty())
        label.detail = QStringLiteral("using ") + node.index
                       + (on.isEmpty() ? QString() : QStringLiteral(" on ") + on);
    else if (!on.isEmpty())
        label.detail = QStringLiteral("on ") + on;
    else if (!node.cteName.isEmpty())
        label.detail = QStringLiteral("CTE ") + node.cteName;
    else if (!node.subplanName.isEmpty())
        label.detail = node.subplanName;
    else if (node.workersPlanned)
        label.detail = node.workersLaunched
                           ? QStringLiteral("%1 of %2 workers launched")
                                 .arg(*node.workersLaunched)
                                 .arg(*node.workersPlanned)
                           : QStringLiteral("%1 workers planned").arg(*node.workersPlanned);

    if (m && m->exclusiveMs) {
        label.figures = formatMs(*m->exclusiveMs);
        if (m->timeShare)
            label.figures += QStringLiteral(" · ") + percent(*m->timeShare);
    } else if (node.neverExecuted) {
        label.figures = QStringLiteral("never executed");
    } else if (m && m->exclusiveCost) {
        label.figures = QStringLiteral("cost ") + formatCount(*m->exclusiveCost);
        if (node.totalCost && nodeId != 0 && document.plan.root().totalCost
            && *document.plan.root().totalCost > 0)
            label.figures += QStringLiteral(" · ")
                             + percent(*m->exclusiveCost / *document.plan.root().totalCost);
    }

    const std::optional<double> actual = node.totalActualRows();
    if (actual && node.estimatedRows) {
        const double loops = node.actualLoops.value_or(1);
        label.rows = QStringLiteral("rows ") + formatCount(*actual) + QStringLiteral(" of ")
                     + formatCount(*node.estimatedRows * std::max(1.0, loops))
                     + QStringLiteral(" est.");
    } else if (actual) {
        label.rows = QStringLiteral("rows ") + formatCount(*actual);
    } else if (node.estimatedRows) {
        label.rows = QStringLiteral("rows ") + formatCount(*node.estimatedRows)
                     + QStringLiteral(" est.");
    }
    if (m && m->estimateFactor && *m->estimateFactor >= 10) {
        label.misestimated = true;
        label.rows += QStringLiteral(" · ") + formatCount(*m->estimateFactor) + QStringLiteral("× ")
                      + (m->estimateDirection == PlanAnalysis::EstimateDirection::Under
                             ? QStringLiteral("under")
                             : QStringLiteral("over"));
    }
    return label;
}

QStringList PlanNodeLabel::lines() const
{
    QStringList out;
    for (const QString *s : {&title, &detail, &figures, &rows}) {
        if (!s->isEmpty())
            out.append(*s);
    }
    return out;
}

bool PlanNodeLabel::matches(const PlanNode &node, const QString &needle)
{
    if (needle.isEmpty())
        return false;
    for (const QString *s : {&node.nodeType, &node.relation, &node.alias, &node.index,
                             &node.cteName, &node.subplanName, &node.filter, &node.indexCond,
                             &node.recheckCond, &node.hashCond, &node.joinFilter}) {
        if (s->contains(needle, Qt::CaseInsensitive))
            return true;
    }
    const QJsonValue mergeCond = node.extraValue(QStringLiteral("Merge Cond"));
    return mergeCond.isString() && mergeCond.toString().contains(needle, Qt::CaseInsensitive);
}

} // namespace Strata
