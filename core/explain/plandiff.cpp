// SPDX-License-Identifier: GPL-3.0-or-later
#include "plandiff.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Strata {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::PlanDiff)
};

// Above this many cells the children of two nodes are matched by key instead of by an
// order-preserving alignment (an Append over 10,000 partitions).
constexpr qsizetype MaxAlignmentCells = 250000;
constexpr double Significant = 1.1; // a figure "moved" when it changed by 10 % or more

bool endsWith(const QString &type, const char *suffix)
{
    return type.endsWith(QLatin1String(suffix));
}

// Node kinds that can replace one another for the same work.
int family(const QString &type)
{
    if (endsWith(type, "Scan"))
        return 1;
    if (type == QLatin1String("Nested Loop") || endsWith(type, "Join"))
        return 2;
    if (endsWith(type, "Aggregate") || type == QLatin1String("Group"))
        return 3;
    if (type.startsWith(QLatin1String("Gather")))
        return 4;
    if (type == QLatin1String("Sort") || type == QLatin1String("Incremental Sort"))
        return 5;
    return 0;
}

QString nodeTitle(const PlanNode &n)
{
    QString title = n.nodeType;
    if (!n.index.isEmpty())
        title += Tr::tr(" using %1").arg(n.index);
    if (!n.relation.isEmpty())
        title += Tr::tr(" on %1").arg(n.relation);
    return title;
}

QString ms(double v)
{
    if (v >= 1000)
        return Tr::tr("%1 s").arg(QLocale::c().toString(v / 1000.0, 'f', 2));
    return Tr::tr("%1 ms").arg(QLocale::c().toString(v, 'f', v >= 1 ? 1 : 3));
}

QString times(double ratio)
{
    return QLocale::c().toString(ratio, 'f', ratio >= 10 ? 0 : 1) + QStringLiteral("×");
}

QList<int> children(const Plan &plan, const QList<int> &ids, bool *expanded)
{
    QList<int> out;
    *expanded = false;
    for (int id : ids) {
        const QList<int> &c = plan.node(id).childIds;
        if (c.isEmpty()) {
            out.append(id);
        } else {
            out.append(c);
            *expanded = true;
        }
    }
    return out;
}

} // namespace

double PlanDiff::FigureChange::ratio() const
{
    if (before == 0)
        return after == 0 ? 1.0 : std::numeric_limits<double>::infinity();
    return after / before;
}

PlanDiff::Verdict PlanDiff::FigureChange::verdict() const
{
    switch (figure) {
    case Figure::InclusiveMs:
    case Figure::ExclusiveMs:
    case Figure::Blocks:
    case Figure::TotalCost:
        if (after < before)
            return Verdict::Better;
        if (after > before)
            return Verdict::Worse;
        return Verdict::Same;
    case Figure::EstimatedRows:
    case Figure::ActualRows:
    case Figure::Loops:
        break;
    }
    return after == before ? Verdict::Same : Verdict::Changed;
}

QString PlanDiff::figureName(Figure figure)
{
    switch (figure) {
    case Figure::EstimatedRows: return Tr::tr("estimated rows");
    case Figure::ActualRows: return Tr::tr("actual rows");
    case Figure::Loops: return Tr::tr("loops");
    case Figure::InclusiveMs: return Tr::tr("inclusive time");
    case Figure::ExclusiveMs: return Tr::tr("exclusive time");
    case Figure::Blocks: return Tr::tr("blocks");
    case Figure::TotalCost: return Tr::tr("cost");
    }
    return QString();
}

int PlanDiff::similarity(const PlanNode &a, const PlanNode &b)
{
    const bool bothRelations = !a.relation.isEmpty() && !b.relation.isEmpty();
    if (bothRelations && a.relation != b.relation)
        return 0; // never scans of two different tables
    int score = 0;
    if (a.nodeType == b.nodeType)
        score = 4;
    else if (family(a.nodeType) != 0 && family(a.nodeType) == family(b.nodeType))
        score = 2;
    else if (bothRelations)
        score = 1; // the same relation read another way
    else
        return 0;
    if (bothRelations)
        score += 4;
    if (!a.index.isEmpty() && a.index == b.index)
        score += 1;
    if (!a.subplanName.isEmpty() && a.subplanName == b.subplanName)
        score += 1;
    if (!a.cteName.isEmpty() && a.cteName == b.cteName)
        score += 1;
    return score;
}

PlanDiff PlanDiff::compare(const PlanDocument &before, const PlanDocument &after)
{
    PlanDiff d;
    d.m_a = &before.plan;
    d.m_b = &after.plan;
    d.m_analysisA = &before.analysis;
    d.m_analysisB = &after.analysis;
    d.m_afterOf = QList<int>(before.plan.nodeCount(), -1);
    d.m_beforeOf = QList<int>(after.plan.nodeCount(), -1);
    if (!before.plan.isEmpty() && !after.plan.isEmpty())
        d.matchLists({0}, {0}, 0);
    d.matchLeftoverRelations();

    for (int id = 0; id < before.plan.nodeCount(); ++id)
        d.m_pairs.append(d.makePair(id, d.m_afterOf.at(id)));
    for (int id = 0; id < after.plan.nodeCount(); ++id) {
        if (d.m_beforeOf.at(id) < 0)
            d.m_pairs.append(d.makePair(-1, id));
    }
    d.compareFindings(before, after);

    d.m_planningBefore = before.plan.planningMs;
    d.m_planningAfter = after.plan.planningMs;
    d.m_executionBefore = before.plan.executionMs ? before.plan.executionMs
                                                  : before.analysis.totalMs();
    d.m_executionAfter = after.plan.executionMs ? after.plan.executionMs : after.analysis.totalMs();
    if (!before.plan.isEmpty())
        d.m_costBefore = before.plan.root().totalCost;
    if (!after.plan.isEmpty())
        d.m_costAfter = after.plan.root().totalCost;
    d.m_a = d.m_b = nullptr;
    d.m_analysisA = d.m_analysisB = nullptr;
    return d;
}

void PlanDiff::matchLists(QList<int> before, QList<int> after, int depth)
{
    if (before.isEmpty() || after.isEmpty())
        return;
    if (before.size() * after.size() <= MaxAlignmentCells)
        alignOrdered(before, after);
    else
        alignByKey(before, after);
    if (depth > 64)
        return;
    auto unmatched = [](const QList<int> &ids, const QList<int> &matches) {
        QList<int> out;
        for (int id : ids) {
            if (matches.at(id) < 0)
                out.append(id);
        }
        return out;
    };
    auto anyMatch = [this](const QList<int> &a, const QList<int> &b) {
        if (a.size() * b.size() > MaxAlignmentCells)
            return false;
        for (int x : a) {
            for (int y : b) {
                if (similarity(m_a->node(x), m_b->node(y)) > 0)
                    return true;
            }
        }
        return false;
    };
    // What is left may sit one level lower on the other side: a node that appeared in the
    // second plan (a Sort or Hash in between), or one that went away.
    before = unmatched(before, m_afterOf);
    after = unmatched(after, m_beforeOf);
    if (before.isEmpty() || after.isEmpty())
        return;
    bool expanded = false;
    const QList<int> deeperAfter = children(*m_b, after, &expanded);
    if (expanded && anyMatch(before, deeperAfter)) {
        matchLists(before, deeperAfter, depth + 1);
        before = unmatched(before, m_afterOf);
        after = unmatched(after, m_beforeOf);
        if (before.isEmpty() || after.isEmpty())
            return;
    }
    const QList<int> deeperBefore = children(*m_a, before, &expanded);
    if (expanded && anyMatch(deeperBefore, after))
        matchLists(deeperBefore, after, depth + 1);
}

void PlanDiff::alignOrdered(const QList<int> &before, const QList<int> &after)
{
    // Order-preserving alignment that maximises the summed similarity.
    const qsizetype n = before.size();
    const qsizetype m = after.size();
    QList<int> score((n + 1) * (m + 1), 0);
    auto at = [m](qsizetype i, qsizetype j) { return i * (m + 1) + j; };
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            int best = std::max(score.at(at(i - 1, j)), score.at(at(i, j - 1)));
            const int s = similarity(m_a->node(before.at(i - 1)), m_b->node(after.at(j - 1)));
            if (s > 0)
                best = std::max(best, score.at(at(i - 1, j - 1)) + s);
            score[at(i, j)] = best;
        }
    }
    QList<std::pair<int, int>> matches;
    qsizetype i = n;
    qsizetype j = m;
    while (i > 0 && j > 0) {
        const int s = similarity(m_a->node(before.at(i - 1)), m_b->node(after.at(j - 1)));
        if (s > 0 && score.at(at(i, j)) == score.at(at(i - 1, j - 1)) + s) {
            matches.append({before.at(i - 1), after.at(j - 1)});
            --i;
            --j;
        } else if (score.at(at(i, j)) == score.at(at(i - 1, j))) {
            --i;
        } else {
            --j;
        }
    }
    std::reverse(matches.begin(), matches.end());
    for (const auto &[a, b] : matches)
        matchPair(a, b);
}

void PlanDiff::alignByKey(const QList<int> &before, const QList<int> &after)
{
    auto key = [](const PlanNode &n) {
        return n.nodeType + QChar(0x1f) + n.relation + QChar(0x1f) + n.index;
    };
    QHash<QString, QList<int>> byKey;
    QHash<QString, QList<int>> byRelation;
    for (int id : after) {
        const PlanNode &n = m_b->node(id);
        byKey[key(n)].append(id);
        if (!n.relation.isEmpty())
            byRelation[n.relation].append(id);
    }
    auto take = [this](QList<int> &ids) {
        while (!ids.isEmpty()) {
            const int id = ids.takeFirst();
            if (m_beforeOf.at(id) < 0)
                return id;
        }
        return -1;
    };
    for (int id : before) {
        const PlanNode &n = m_a->node(id);
        int match = take(byKey[key(n)]);
        if (match < 0 && !n.relation.isEmpty())
            match = take(byRelation[n.relation]);
        if (match >= 0)
            matchPair(id, match);
    }
}

void PlanDiff::matchLeftoverRelations()
{
    // Scans of one table that moved elsewhere in the tree (join sides swapped): same relation,
    // the same node type preferred.
    QHash<QString, QList<int>> byRelation;
    for (int id = 0; id < m_b->nodeCount(); ++id) {
        if (m_beforeOf.at(id) < 0 && !m_b->node(id).relation.isEmpty())
            byRelation[m_b->node(id).relation].append(id);
    }
    if (byRelation.isEmpty())
        return;
    for (int id = 0; id < m_a->nodeCount(); ++id) {
        const PlanNode &n = m_a->node(id);
        if (m_afterOf.at(id) >= 0 || n.relation.isEmpty())
            continue;
        const auto found = byRelation.find(n.relation);
        if (found == byRelation.end())
            continue;
        QList<int> &candidates = found.value();
        candidates.removeIf([this](int b) { return m_beforeOf.at(b) >= 0; });
        if (candidates.isEmpty())
            continue;
        int pick = 0;
        for (int i = 0; i < candidates.size(); ++i) {
            if (m_b->node(candidates.at(i)).nodeType == n.nodeType) {
                pick = i;
                break;
            }
        }
        matchPair(id, candidates.takeAt(pick));
    }
}

void PlanDiff::matchPair(int before, int after)
{
    m_afterOf[before] = after;
    m_beforeOf[after] = before;
    matchLists(m_a->node(before).childIds, m_b->node(after).childIds, 0);
}

PlanDiff::Pair PlanDiff::makePair(int before, int after) const
{
    Pair pair;
    pair.before = before;
    pair.after = after;
    if (before < 0 || after < 0) {
        pair.verdict = Verdict::Changed;
        return pair;
    }
    const PlanNode &a = m_a->node(before);
    const PlanNode &b = m_b->node(after);
    const PlanAnalysis::NodeMetrics &ma = m_analysisA->metrics(before);
    const PlanAnalysis::NodeMetrics &mb = m_analysisB->metrics(after);
    pair.typeChanged = a.nodeType != b.nodeType || a.index != b.index;
    auto blocks = [](std::optional<qint64> v) {
        return v ? std::optional<double>(double(*v)) : std::nullopt;
    };
    const struct
    {
        Figure figure;
        std::optional<double> before;
        std::optional<double> after;
        double noise; // smaller absolute changes are not changes
    } figures[] = {
        {Figure::EstimatedRows, a.estimatedRows, b.estimatedRows, 0.5},
        {Figure::ActualRows, a.totalActualRows(), b.totalActualRows(), 0.5},
        {Figure::Loops, a.actualLoops, b.actualLoops, 0.5},
        {Figure::InclusiveMs, ma.inclusiveMs, mb.inclusiveMs, 0.05},
        {Figure::ExclusiveMs, ma.exclusiveMs, mb.exclusiveMs, 0.05},
        {Figure::Blocks, blocks(ma.inclusiveBlocks), blocks(mb.inclusiveBlocks), 0.5},
        {Figure::TotalCost, a.totalCost, b.totalCost, 0.01},
    };
    std::optional<Verdict> primary;
    for (const auto &f : figures) {
        if (!f.before || !f.after)
            continue;
        const FigureChange change{f.figure, *f.before, *f.after};
        const double r = change.ratio();
        const bool moved = std::abs(*f.after - *f.before) > f.noise &&
                           (r >= Significant || r <= 1.0 / Significant);
        if (moved)
            pair.changes.append(change);
        const bool decides = f.figure == Figure::InclusiveMs || f.figure == Figure::Blocks ||
                             f.figure == Figure::TotalCost;
        if (decides && !primary)
            primary = moved ? change.verdict() : Verdict::Same;
    }
    if (primary && *primary != Verdict::Same)
        pair.verdict = *primary;
    else if (pair.typeChanged || !pair.changes.isEmpty())
        pair.verdict = Verdict::Changed;
    return pair;
}

void PlanDiff::compareFindings(const PlanDocument &before, const PlanDocument &after)
{
    auto has = [](const QList<PlanFinding> &findings, const QString &kind, int node) {
        return std::any_of(findings.cbegin(), findings.cend(), [&](const PlanFinding &f) {
            return f.kind == kind && f.nodeId == node;
        });
    };
    for (const PlanFinding &f : before.findings) {
        const int match = f.nodeId >= 0 ? afterOf(f.nodeId) : -1;
        if ((f.nodeId >= 0 && match < 0) || !has(after.findings, f.kind, match))
            m_findings.append({f, false});
    }
    for (const PlanFinding &f : after.findings) {
        const int match = f.nodeId >= 0 ? beforeOf(f.nodeId) : -1;
        if ((f.nodeId >= 0 && match < 0) || !has(before.findings, f.kind, match))
            m_findings.append({f, true});
    }
    for (const Pair &pair : std::as_const(m_pairs)) {
        if (pair.typeChanged)
            m_typeChanges.append(nodeTitle(before.plan.node(pair.before)) + QStringLiteral(" → ") +
                                 nodeTitle(after.plan.node(pair.after)));
    }
}

const PlanDiff::Pair *PlanDiff::pairOfBefore(int beforeId) const
{
    return beforeId >= 0 && beforeId < m_pairs.size() && m_pairs.at(beforeId).before == beforeId
        ? &m_pairs.at(beforeId)
        : nullptr;
}

const PlanDiff::Pair *PlanDiff::pairOfAfter(int afterId) const
{
    const int before = beforeOf(afterId);
    if (before >= 0)
        return pairOfBefore(before);
    for (qsizetype i = m_afterOf.size(); i < m_pairs.size(); ++i) {
        if (m_pairs.at(i).after == afterId)
            return &m_pairs.at(i);
    }
    return nullptr;
}

QList<int> PlanDiff::onlyBefore() const
{
    QList<int> ids;
    for (int id = 0; id < m_afterOf.size(); ++id) {
        if (m_afterOf.at(id) < 0)
            ids.append(id);
    }
    return ids;
}

QList<int> PlanDiff::onlyAfter() const
{
    QList<int> ids;
    for (int id = 0; id < m_beforeOf.size(); ++id) {
        if (m_beforeOf.at(id) < 0)
            ids.append(id);
    }
    return ids;
}

QString PlanDiff::summary() const
{
    QStringList parts;
    auto compareTotals = [&](const QString &label, double a, double b, bool time) {
        QString part = QStringLiteral("%1 %2 → %3").arg(
            label, time ? ms(a) : QLocale::c().toString(a, 'f', 0),
            time ? ms(b) : QLocale::c().toString(b, 'f', 0));
        if (b > 0 && a / b >= Significant)
            part += time ? Tr::tr(" (%1 faster)").arg(times(a / b))
                         : Tr::tr(" (%1 cheaper)").arg(times(a / b));
        else if (a > 0 && b / a >= Significant)
            part += time ? Tr::tr(" (%1 slower)").arg(times(b / a))
                         : Tr::tr(" (%1 dearer)").arg(times(b / a));
        else
            part += Tr::tr(" (about the same)");
        parts.append(part);
    };
    if (m_executionBefore && m_executionAfter)
        compareTotals(Tr::tr("Execution"), *m_executionBefore, *m_executionAfter, true);
    else if (m_costBefore && m_costAfter)
        compareTotals(Tr::tr("Cost"), *m_costBefore, *m_costAfter, false);
    for (int i = 0; i < std::min<int>(3, int(m_typeChanges.size())); ++i)
        parts.append(m_typeChanges.at(i));
    if (m_typeChanges.size() > 3)
        parts.append(Tr::tr("%1 more node changes").arg(m_typeChanges.size() - 3));
    const qsizetype gone = onlyBefore().size();
    const qsizetype added = onlyAfter().size();
    if (gone > 0)
        parts.append(gone == 1 ? Tr::tr("1 node only in the first plan")
                               : Tr::tr("%1 nodes only in the first plan").arg(gone));
    if (added > 0)
        parts.append(added == 1 ? Tr::tr("1 node only in the second plan")
                                : Tr::tr("%1 nodes only in the second plan").arg(added));
    qsizetype appeared = 0;
    for (const FindingChange &f : m_findings)
        appeared += f.appeared ? 1 : 0;
    const qsizetype wentAway = m_findings.size() - appeared;
    if (wentAway > 0)
        parts.append(wentAway == 1 ? Tr::tr("1 finding went away")
                                   : Tr::tr("%1 findings went away").arg(wentAway));
    if (appeared > 0)
        parts.append(appeared == 1 ? Tr::tr("1 new finding")
                                   : Tr::tr("%1 new findings").arg(appeared));
    return parts.join(QStringLiteral("; "));
}

} // namespace Strata
