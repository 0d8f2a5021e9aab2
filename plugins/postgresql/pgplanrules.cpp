// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgplanrules.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Strata::Postgres::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgPlanRules)
};

using Severity = PlanFinding::Severity;
const QString engine = QStringLiteral("postgresql");

QString count(double n)
{
    return QLocale(QLocale::English).toString(qint64(std::llround(n)));
}

QString rows(double n)
{
    return std::llround(n) == 1 ? Tr::tr("1 row") : Tr::tr("%1 rows").arg(count(n));
}

QString size(qint64 kb)
{
    if (kb >= 10 * 1024 * 1024)
        return Tr::tr("%1 GB").arg(std::llround(double(kb) / (1024.0 * 1024.0)));
    if (kb >= 10 * 1024)
        return Tr::tr("%1 MB").arg(std::llround(double(kb) / 1024.0));
    return Tr::tr("%1 kB").arg(kb);
}

// work_mem that would hold kb in memory: twice the spilled size (in-memory sorts and hash
// tables take more room than their on-disk form), rounded up to a power of two in MB.
QString workMemHint(double kb)
{
    qint64 mb = 1;
    while (double(mb) * 1024.0 < 2.0 * kb && mb < (qint64(1) << 40))
        mb *= 2;
    return mb >= 1024 ? Tr::tr("%1GB").arg(mb / 1024) : Tr::tr("%1MB").arg(mb);
}

double loops(const PlanNode &n)
{
    return n.actualLoops.value_or(1.0);
}

bool isSeqScan(const PlanNode &n)
{
    return n.nodeType == QLatin1String("Seq Scan") ||
           n.nodeType == QLatin1String("Parallel Seq Scan");
}

PlanFinding finding(const PlanNode &n, const char *kind, Severity severity, const QString &message)
{
    return PlanFinding{n.id, QString::fromLatin1(kind), severity, message};
}

QList<PlanFinding> seqScanFilter(const Plan &plan, const PlanAnalysis &analysis)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!isSeqScan(n) || n.filter.isEmpty() || !n.rowsRemovedByFilter || !n.actualRows)
            continue;
        const double removed = *n.rowsRemovedByFilter * loops(n);
        const double kept = *n.actualRows * loops(n);
        const double fraction = removed / std::max(removed + kept, 1.0);
        if (removed < PgPlanRules::MinDiscardedRows || fraction < PgPlanRules::MinDiscardedFraction)
            continue;
        const QStringList columns = PgPlanRules::filterColumns(n.filter);
        const QString advice =
            columns.isEmpty()
                ? Tr::tr("an index matching the filter would let it read only the rows it keeps")
                : Tr::tr("an index on (%1) would let it read only the rows it keeps")
                      .arg(columns.join(QStringLiteral(", ")));
        const double share = analysis.metrics(n.id).timeShare.value_or(0);
        out.append(
            finding(n, "seq-scan-filter", share >= 0.5 ? Severity::Critical : Severity::Warning,
                    Tr::tr("%1 reads %2 rows and its filter discards %3 of them (%4%); %5.")
                        .arg(PgPlanRules::nodeLabel(n), count(removed + kept), count(removed),
                             QString::number(std::floor(fraction * 1000) / 10), advice)));
    }
    return out;
}

QList<PlanFinding> sortSpill(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        const bool disk =
            n.sortSpaceType.compare(QLatin1String("Disk"), Qt::CaseInsensitive) == 0 ||
            n.sortMethod.startsWith(QLatin1String("external"), Qt::CaseInsensitive);
        if (!disk)
            continue;
        const qint64 kb = n.sortSpaceUsedKb.value_or(n.temp.written.value_or(0) * 8);
        const QString method =
            n.sortMethod.isEmpty() ? QString() : Tr::tr(" (%1)").arg(n.sortMethod);
        out.append(finding(
            n, "sort-spill", Severity::Warning,
            Tr::tr("%1 spilled %2 to disk%3; a work_mem of about %4 would let it sort in memory.")
                .arg(PgPlanRules::nodeLabel(n), size(kb), method, workMemHint(kb))));
    }
    return out;
}

QList<PlanFinding> hashSpill(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        // Hash (for a Hash Join) reports batches; HashAggregate (PostgreSQL 13+) reports its own.
        const double batches = n.hashBatches
                                   ? double(*n.hashBatches)
                                   : n.extraValue(QStringLiteral("HashAgg Batches")).toDouble(0);
        if (!(batches > 1))
            continue;
        const double diskKb = n.extraValue(QStringLiteral("Disk Usage")).toDouble(0);
        const double neededKb = std::max(double(n.peakMemoryKb.value_or(0)) * batches, diskKb);
        const QString grew =
            n.originalHashBatches && double(*n.originalHashBatches) < batches
                ? Tr::tr(" (planned %1: the estimate was too low)").arg(*n.originalHashBatches)
                : QString();
        out.append(finding(
            n, "hash-spill", Severity::Warning,
            Tr::tr("%1 was split into %2 batches%3 and spilled to disk; a work_mem of about %4 "
                   "would keep it in one batch.")
                .arg(PgPlanRules::nodeLabel(n), count(batches), grew, workMemHint(neededKb))));
    }
    return out;
}

bool isMisestimate(const PlanAnalysis::NodeMetrics &m)
{
    return m.estimateFactor && *m.estimateFactor >= PgPlanRules::MisestimateFactor;
}

QList<PlanFinding> rowMisestimate(const Plan &plan, const PlanAnalysis &analysis)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        const PlanAnalysis::NodeMetrics &m = analysis.metrics(n.id);
        if (!isMisestimate(m))
            continue;
        // A Limit stops its input early: rows below it are cut short, not misestimated.
        if (n.parentId >= 0 && plan.node(n.parentId).nodeType == QLatin1String("Limit"))
            continue;
        // Report where the error starts, not every node that inherits it.
        const bool inherited = std::any_of(n.childIds.cbegin(), n.childIds.cend(), [&](int child) {
            const PlanAnalysis::NodeMetrics &c = analysis.metrics(child);
            return isMisestimate(c) && c.estimateDirection == m.estimateDirection;
        });
        if (inherited)
            continue;
        const double actual = *n.actualRows * loops(n);
        const double estimated = *n.estimatedRows * loops(n);
        if (std::max(actual, estimated) < PgPlanRules::MinMisestimateRows)
            continue;
        const bool under = m.estimateDirection == PlanAnalysis::EstimateDirection::Under;
        const QString target = n.relation.isEmpty() ? Tr::tr("the tables involved") : n.relation;
        const QString factor = count(*m.estimateFactor);
        const QString what = under ? Tr::tr("%1 expected %2 but got %3 (%4× more)")
                                   : Tr::tr("%1 expected %2 but got %3 (%4× fewer)");
        out.append(
            finding(n, "row-misestimate",
                    *m.estimateFactor >= PgPlanRules::BadMisestimateFactor ? Severity::Critical
                                                                           : Severity::Warning,
                    what.arg(PgPlanRules::nodeLabel(n), rows(estimated), rows(actual), factor) +
                        Tr::tr("; run ANALYZE on %1, or create extended statistics if the filtered "
                               "columns are correlated.")
                            .arg(target)));
    }
    return out;
}

QList<PlanFinding> nestedLoopMany(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (n.nodeType != QLatin1String("Nested Loop") || n.childIds.size() < 2)
            continue;
        const PlanNode &inner = plan.node(n.childIds.at(1));
        if (!inner.actualLoops || *inner.actualLoops < PgPlanRules::ManyLoops)
            continue;
        const double innerLoops = *inner.actualLoops;
        out.append(finding(
            n, "nested-loop-many",
            innerLoops >= PgPlanRules::HugeLoops ? Severity::Critical : Severity::Warning,
            Tr::tr("%1 runs its inner side (%2) %3 times; a hash or merge join may be cheaper, "
                   "check the row estimate of the outer side.")
                .arg(n.nodeType, PgPlanRules::nodeLabel(inner), count(innerLoops))));
    }
    return out;
}

QList<PlanFinding> indexRecheck(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!n.rowsRemovedByIndexRecheck)
            continue;
        const double removed = *n.rowsRemovedByIndexRecheck * loops(n);
        const double kept = n.actualRows.value_or(0) * loops(n);
        if (removed < PgPlanRules::MinRecheckRows || removed < kept)
            continue;
        const double lossy = n.extraValue(QStringLiteral("Lossy Heap Blocks")).toDouble(0);
        const QString why =
            lossy > 0 ? Tr::tr("the bitmap went lossy on %1 pages, so raise work_mem or narrow the "
                               "condition")
                            .arg(count(lossy))
                      : Tr::tr("narrow the index condition or use a more selective index");
        out.append(finding(n, "index-recheck", Severity::Warning,
                           Tr::tr("%1 rechecked and discarded %2 rows while keeping %3; %4.")
                               .arg(PgPlanRules::nodeLabel(n), count(removed), count(kept), why)));
    }
    return out;
}

QList<PlanFinding> heapFetches(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!n.heapFetches)
            continue;
        const double fetches = *n.heapFetches * loops(n);
        const double rows = n.actualRows.value_or(0) * loops(n);
        if (fetches < PgPlanRules::MinHeapFetches ||
            fetches < rows * PgPlanRules::MinHeapFetchFraction)
            continue;
        const QString table = n.relation.isEmpty() ? Tr::tr("the table") : n.relation;
        out.append(finding(
            n, "heap-fetches", Severity::Warning,
            Tr::tr("%1 visited the table for %2 of its %3 rows because the visibility map is "
                   "out of date; VACUUM %4 would make it index-only again.")
                .arg(PgPlanRules::nodeLabel(n), count(fetches), count(rows), table)));
    }
    return out;
}

QList<PlanFinding> workersNotLaunched(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!n.workersPlanned || !n.workersLaunched || *n.workersLaunched >= *n.workersPlanned)
            continue;
        out.append(finding(
            n, "workers-not-launched",
            *n.workersLaunched == 0 ? Severity::Critical : Severity::Warning,
            Tr::tr("%1 planned %2 parallel workers but launched %3; the server ran out of "
                   "background workers, raise max_parallel_workers or max_worker_processes.")
                .arg(n.nodeType, QString::number(*n.workersPlanned),
                     QString::number(*n.workersLaunched))));
    }
    return out;
}

} // namespace

QList<PlanRule> PgPlanRules::rules()
{
    return {
        {QStringLiteral("seq-scan-filter"), engine, seqScanFilter},
        {QStringLiteral("sort-spill"), engine, sortSpill},
        {QStringLiteral("hash-spill"), engine, hashSpill},
        {QStringLiteral("row-misestimate"), engine, rowMisestimate},
        {QStringLiteral("nested-loop-many"), engine, nestedLoopMany},
        {QStringLiteral("index-recheck"), engine, indexRecheck},
        {QStringLiteral("heap-fetches"), engine, heapFetches},
        {QStringLiteral("workers-not-launched"), engine, workersNotLaunched},
    };
}

QStringList PgPlanRules::filterColumns(const QString &expression)
{
    // An optionally qualified, optionally quoted name, optionally in parentheses and cast
    // ("((o.status)::text"), followed by a comparison.
    static const QRegularExpression compared(QStringLiteral(
        R"re((?:(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\.)?("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\)*(?:::[\w ."\[\]]+?\)*)?\s*)re"
        R"re((?:=|<>|!=|<=|>=|<|>|~~\*?|!~~\*?|~\*?|!~|@>|<@|&&|\bIS\b|\bIN\b|\bLIKE\b|\bBETWEEN\b))re"));
    static const QStringList notColumns{
        QStringLiteral("and"),     QStringLiteral("or"),      QStringLiteral("not"),
        QStringLiteral("null"),    QStringLiteral("true"),    QStringLiteral("false"),
        QStringLiteral("any"),     QStringLiteral("all"),     QStringLiteral("text"),
        QStringLiteral("numeric"), QStringLiteral("integer"), QStringLiteral("bigint")};
    QStringList columns;
    auto it = compared.globalMatch(expression);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        // A "name" inside a string literal is data, not a column.
        const qsizetype start = m.capturedStart(1);
        if (expression.left(start).count(u'\'') % 2 != 0)
            continue;
        QString name = m.captured(1);
        if (name.startsWith(u'"'))
            name =
                name.mid(1, name.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
        else if (notColumns.contains(name.toLower()) || name.front().isDigit())
            continue;
        if (!columns.contains(name))
            columns.append(name);
    }
    return columns;
}

QString PgPlanRules::nodeLabel(const PlanNode &node)
{
    QString label = node.nodeType;
    if (!node.index.isEmpty())
        label += Tr::tr(" using %1").arg(node.index);
    if (!node.relation.isEmpty()) {
        label += Tr::tr(" on %1").arg(node.relation);
        if (!node.alias.isEmpty() && node.alias != node.relation)
            label += u' ' + node.alias;
    } else if (!node.cteName.isEmpty()) {
        label += Tr::tr(" on %1").arg(node.cteName);
    }
    return label;
}

} // namespace Strata::Postgres::Internal
