// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlplanrules.h"

#include "mysqlplanvalues.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace Strata::MySql::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlPlanRules)
};

using Severity = PlanFinding::Severity;
const QString engine = QStringLiteral("mysql");

QString count(double n)
{
    return QLocale(QLocale::English).toString(qint64(std::llround(n)));
}

QString rows(double n)
{
    return std::llround(n) == 1 ? Tr::tr("1 row") : Tr::tr("%1 rows").arg(count(n));
}

QString percent(double fraction)
{
    const double p = fraction * 100.0;
    return QString::number(p < 1 ? std::round(p * 10) / 10 : std::round(p));
}

QString milliseconds(double ms)
{
    return ms >= 100 ? Tr::tr("%1 ms").arg(count(ms)) : Tr::tr("%1 ms").arg(ms, 0, 'f', 1);
}

PlanFinding finding(const PlanNode &n, const char *kind, Severity severity, const QString &message)
{
    return PlanFinding{n.id, QString::fromLatin1(kind), severity, message};
}

std::optional<double> extraNumber(const PlanNode &n, const char *key)
{
    return MySqlPlanValues::number(n.extraValue(QString::fromLatin1(key)));
}

bool isTableAccess(const PlanNode &n)
{
    return !n.relation.isEmpty() && !n.relation.startsWith(u'<');
}

// JSON "Full Table Scan" (access_type ALL, also as a hash join's build side), tree "Table scan".
bool isFullScan(const PlanNode &n)
{
    return isTableAccess(n) && (n.nodeType.startsWith(QLatin1String("Full Table Scan")) ||
                                n.nodeType == QLatin1String("Table scan"));
}

bool ran(const PlanNode &n)
{
    return n.actualRows.has_value() && !n.neverExecuted;
}

// Rows a node produced over all its loops, or its estimate. A MySQL/MariaDB JSON table reads
// rows and keeps (r_)filtered percent of them.
std::optional<double> rowsOut(const PlanNode &n)
{
    if (ran(n))
        return *n.actualRows * n.actualLoops.value_or(1) *
               extraNumber(n, "r_filtered").value_or(100) / 100.0;
    if (n.neverExecuted)
        return 0.0;
    if (const std::optional<double> produced = extraNumber(n, "rows_produced_per_join"))
        return produced;
    if (n.estimatedRows)
        return *n.estimatedRows * extraNumber(n, "filtered").value_or(100) / 100.0;
    return std::nullopt;
}

// Rows that flowed into a node from its inputs (subqueries aside).
std::optional<double> rowsIn(const Plan &plan, const PlanNode &n)
{
    std::optional<double> sum;
    for (int child : n.childIds) {
        const PlanNode &c = plan.node(child);
        if (c.relationship == PlanNode::Relationship::SubPlan)
            continue;
        if (const std::optional<double> r = rowsOut(c))
            sum = sum.value_or(0) + *r;
    }
    return sum;
}

// The tree format puts a table's condition on a "Filter" node above it.
const PlanNode *filterAbove(const Plan &plan, const PlanNode &n)
{
    if (n.parentId < 0)
        return nullptr;
    const PlanNode &p = plan.node(n.parentId);
    return p.nodeType == QLatin1String("Filter") ? &p : nullptr;
}

QString indexAdvice(const QString &relation, const QStringList &columns)
{
    if (columns.isEmpty())
        return Tr::tr("an index on %1 matching the condition would let it read only those rows")
            .arg(relation);
    return Tr::tr("an index on %1 (%2) would let it read only those rows")
        .arg(relation, columns.join(QStringLiteral(", ")));
}

QList<PlanFinding> fullTableScan(const Plan &plan, const PlanAnalysis &analysis)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!isFullScan(n) || n.neverExecuted)
            continue;
        const PlanNode *filter = filterAbove(plan, n);
        const QString condition = !n.filter.isEmpty() ? n.filter
                                  : filter            ? filter->filter
                                                      : QString();
        if (condition.isEmpty())
            continue;
        const bool actual = ran(n);
        std::optional<double> read;
        std::optional<double> kept;
        if (actual) {
            read = *n.actualRows * n.actualLoops.value_or(1);
            if (const std::optional<double> f = extraNumber(n, "r_filtered"))
                kept = *f / 100.0;
            else if (filter && ran(*filter) && *read > 0)
                kept = *filter->actualRows * filter->actualLoops.value_or(1) / *read;
        } else {
            read = n.estimatedRows;
            if (const std::optional<double> f = extraNumber(n, "filtered"))
                kept = *f / 100.0;
            else if (filter && filter->estimatedRows && read && *read > 0)
                kept = *filter->estimatedRows / *read;
        }
        if (!read || !kept || *read < MySqlPlanRules::MinScanRows ||
            *kept > MySqlPlanRules::MaxKeptFraction)
            continue;
        const QString advice =
            indexAdvice(n.relation, MySqlPlanRules::conditionColumns(condition, n.relation));
        const QString message =
            actual ? Tr::tr("%1 reads %2 and its condition keeps %3% of them; %4.")
                         .arg(MySqlPlanRules::nodeLabel(n), rows(*read), percent(*kept), advice)
                   : Tr::tr("%1 reads about %2 and the optimizer expects its condition to keep "
                            "%3% of them; %4.")
                         .arg(MySqlPlanRules::nodeLabel(n), rows(*read), percent(*kept), advice);
        const double share = analysis.metrics(n.id).timeShare.value_or(0);
        out.append(finding(n, "full-table-scan",
                           share >= 0.5 ? Severity::Critical : Severity::Warning, message));
    }
    return out;
}

bool usesTemporaryTable(const PlanNode &n)
{
    if (n.nodeType == QLatin1String("Temporary Table") ||
        n.nodeType.contains(QLatin1String("temporary table"), Qt::CaseInsensitive) ||
        n.nodeType == QLatin1String("Temporary table with deduplication"))
        return true;
    static const QStringList operations{
        QStringLiteral("Grouping"),      QStringLiteral("Filesort"),
        QStringLiteral("Ordering"),      QStringLiteral("Duplicates Removal"),
        QStringLiteral("Buffer Result"), QStringLiteral("Window Functions")};
    return operations.contains(n.nodeType) &&
           n.extraValue(QStringLiteral("using_temporary_table")).toBool(false);
}

QList<PlanFinding> temporaryTable(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!usesTemporaryTable(n) || n.neverExecuted)
            continue;
        const std::optional<double> in = rowsIn(plan, n);
        const bool window = n.nodeType == QLatin1String("Window Functions") ||
                            (n.parentId >= 0 &&
                             plan.node(n.parentId).nodeType == QLatin1String("Window Functions"));
        const QString what = in ? Tr::tr("%1 go through an internal temporary table").arg(rows(*in))
                                : Tr::tr("The rows go through an internal temporary table");
        const QString advice =
            window ? Tr::tr("for the window functions; an index on the PARTITION BY and ORDER BY "
                            "columns, in order, lets the server read the rows in window order")
                   : Tr::tr("for GROUP BY, DISTINCT or ORDER BY; an index whose leading columns "
                            "are the grouping columns lets the server read the rows already "
                            "grouped and skip it");
        out.append(finding(n, "temporary-table",
                           in && *in >= MySqlPlanRules::MinTemporaryRows ? Severity::Warning
                                                                         : Severity::Info,
                           Tr::tr("%1 (\"Using temporary\") %2.").arg(what, advice)));
    }
    return out;
}

bool isSort(const PlanNode &n)
{
    return n.nodeType == QLatin1String("Filesort") || n.nodeType == QLatin1String("Sort") ||
           n.nodeType.startsWith(QLatin1String("Sort row IDs")) ||
           n.nodeType.startsWith(QLatin1String("Sort with duplicate removal"));
}

QString sortKey(const PlanNode &n)
{
    const QString key = n.extraValue(QStringLiteral("sort_key")).toString();
    if (!key.isEmpty())
        return key;
    const QString operation = n.extraValue(QStringLiteral("Operation")).toString();
    const qsizetype colon = operation.indexOf(QLatin1String(": "));
    if (colon < 0)
        return QString();
    QString tail = operation.mid(colon + 2);
    const qsizetype limit = tail.indexOf(QLatin1String(", limit input to"));
    if (limit >= 0)
        tail.truncate(limit);
    return tail;
}

QString kilobytes(qint64 kb)
{
    return kb >= 10 * 1024 ? Tr::tr("%1 MB").arg(std::llround(double(kb) / 1024.0))
                           : Tr::tr("%1 kB").arg(kb);
}

QList<PlanFinding> filesort(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!isSort(n) || n.neverExecuted)
            continue;
        std::optional<double> in = rowsIn(plan, n);
        if (!in)
            in = MySqlPlanValues::number(n.extraValue(QStringLiteral("r_output_rows")));
        const QString key = sortKey(n);
        const QString by = key.isEmpty() ? QString() : Tr::tr(" by %1").arg(key);
        const std::optional<double> passes = extraNumber(n, "r_sort_passes");
        const bool spilled =
            (passes && *passes > 0) ||
            n.sortSpaceType.compare(QLatin1String("Disk"), Qt::CaseInsensitive) == 0;
        const QString sorted =
            in ? Tr::tr("%1 of %2%3").arg(MySqlPlanRules::nodeLabel(n), rows(*in), by)
               : Tr::tr("%1%2").arg(MySqlPlanRules::nodeLabel(n), by);
        if (spilled) {
            const QString buffer =
                n.sortSpaceUsedKb
                    ? Tr::tr(" with a %1 sort buffer").arg(kilobytes(*n.sortSpaceUsedKb))
                    : QString();
            const QString merges = passes ? Tr::tr(" needed %1 merge passes").arg(count(*passes))
                                          : Tr::tr(" spilled to disk");
            out.append(finding(n, "filesort", Severity::Warning,
                               Tr::tr("%1%2%3 (\"Using filesort\"); a larger sort_buffer_size "
                                      "would sort in memory, and an index in ORDER BY order "
                                      "would return the rows already sorted.")
                                   .arg(sorted, merges, buffer)));
        } else if (in && *in >= MySqlPlanRules::MinSortRows) {
            out.append(finding(n, "filesort", Severity::Info,
                               Tr::tr("%1 (\"Using filesort\"); an index in ORDER BY order would "
                                      "return the rows already sorted.")
                                   .arg(sorted)));
        }
    }
    return out;
}

QList<PlanFinding> rowMisestimate(const Plan &plan, const PlanAnalysis &analysis)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        const PlanAnalysis::NodeMetrics &m = analysis.metrics(n.id);
        if (!m.estimateFactor || *m.estimateFactor < MySqlPlanRules::MisestimateFactor)
            continue;
        QString relation = isTableAccess(n) ? n.relation : QString();
        if (relation.isEmpty() && n.nodeType == QLatin1String("Filter") && n.childIds.size() >= 1 &&
            isTableAccess(plan.node(n.childIds.first())))
            relation = plan.node(n.childIds.first()).relation;
        if (relation.isEmpty())
            continue;
        const double actual = *n.actualRows;
        const double estimated = *n.estimatedRows;
        if (std::max(actual, estimated) < MySqlPlanRules::MinMisestimateRows)
            continue;
        const QString direction = m.estimateDirection == PlanAnalysis::EstimateDirection::Under
                                      ? Tr::tr("more")
                                      : Tr::tr("fewer");
        out.append(finding(
            n, "row-misestimate",
            *m.estimateFactor >= MySqlPlanRules::BadMisestimateFactor ? Severity::Critical
                                                                      : Severity::Warning,
            Tr::tr("%1: the optimizer expected %2 per loop but got %3 (%4× %5); run ANALYZE "
                   "TABLE %6 to refresh its statistics, and if the estimate stays off, collect a "
                   "histogram on the filtered columns (MySQL 8: ANALYZE TABLE ... UPDATE "
                   "HISTOGRAM ON ...; MariaDB: ANALYZE TABLE ... PERSISTENT FOR ALL).")
                .arg(MySqlPlanRules::nodeLabel(n), rows(estimated), count(actual),
                     count(*m.estimateFactor), direction, relation)));
    }
    return out;
}

// The table a join's inner side scans in full, through "Hash" and "Filter" wrappers.
const PlanNode *scannedInner(const Plan &plan, const PlanNode &join)
{
    if (join.childIds.size() < 2)
        return nullptr;
    const PlanNode *inner = &plan.node(join.childIds.at(1));
    while (!isTableAccess(*inner) && inner->childIds.size() == 1 &&
           (inner->nodeType == QLatin1String("Hash") || inner->nodeType == QLatin1String("Filter")))
        inner = &plan.node(inner->childIds.first());
    return isFullScan(*inner) ? inner : nullptr;
}

bool isJoin(const PlanNode &n)
{
    return !n.joinType.isEmpty() || n.nodeType == QLatin1String("Block Nested Loop") ||
           n.nodeType == QLatin1String("Hash Join") || n.nodeType == QLatin1String("Nested Loop");
}

QList<PlanFinding> joinWithoutIndex(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!isJoin(n) || n.neverExecuted)
            continue;
        const PlanNode *inner = scannedInner(plan, n);
        if (!inner)
            continue;
        const std::optional<double> innerRows =
            ran(*inner) ? inner->actualRows : inner->estimatedRows;
        const std::optional<double> outerRows = rowsOut(plan.node(n.childIds.first()));
        if (!innerRows || *innerRows < MySqlPlanRules::MinJoinScanRows)
            continue;
        QStringList columns;
        const PlanNode *filter = filterAbove(plan, *inner);
        for (const QString &condition :
             {n.joinFilter, n.hashCond, inner->filter, filter ? filter->filter : QString()}) {
            for (const QString &c : MySqlPlanRules::conditionColumns(condition, inner->relation)) {
                if (!columns.contains(c))
                    columns.append(c);
            }
        }
        const QString index =
            columns.isEmpty()
                ? Tr::tr("an index on %1 covering the join columns").arg(inner->relation)
                : Tr::tr("an index on %1 (%2)")
                      .arg(inner->relation, columns.join(QStringLiteral(", ")));
        const double work = outerRows.value_or(1) * *innerRows;
        const QString compared =
            outerRows ? Tr::tr("each of %1 from the other side is matched against all %2 of %3 (%4 "
                               "row pairs)")
                            .arg(rows(*outerRows), rows(*innerRows), inner->relation, count(work))
                      : Tr::tr("every row from the other side is matched against all %1 of %2")
                            .arg(rows(*innerRows), inner->relation);
        out.append(
            finding(n, "join-without-index",
                    work >= MySqlPlanRules::HugeJoinWork ? Severity::Critical : Severity::Warning,
                    Tr::tr("%1 joins %2 without a usable index: %3; %4 would let it look "
                           "the matching rows up.")
                        .arg(MySqlPlanRules::nodeLabel(n), inner->relation, compared, index)));
    }
    return out;
}

bool isDependentSubquery(const Plan &plan, const PlanNode &n)
{
    if (n.nodeType == QLatin1String("Subquery"))
        return n.extraValue(QStringLiteral("Subquery Kind"))
            .toString()
            .contains(QLatin1String("dependent"));
    if (n.nodeType != QLatin1String("Query Block") || n.parentId < 0)
        return false;
    if (n.extraValue(QStringLiteral("dependent")).toBool(false) ||
        n.extraValue(QStringLiteral("outer_ref_condition")).isString())
        return true;
    return plan.node(n.parentId).nodeType == QLatin1String("Expression Cache");
}

QList<PlanFinding> dependentSubquery(const Plan &plan, const PlanAnalysis &analysis)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!isDependentSubquery(plan, n))
            continue;
        std::optional<double> runs =
            n.nodeType == QLatin1String("Query Block") ? n.actualLoops : std::nullopt;
        if (!runs && !n.childIds.isEmpty())
            runs = plan.node(n.childIds.first()).actualLoops;
        const PlanAnalysis::NodeMetrics &m = analysis.metrics(n.id);
        const double total = analysis.totalMs().value_or(0);
        const double share = m.inclusiveMs && total > 0 ? *m.inclusiveMs / total : 0;
        const QString label =
            n.subplanName.isEmpty() ? MySqlPlanRules::nodeLabel(n) : n.subplanName;
        const QString advice = Tr::tr("rewriting it as a JOIN, or as a derived table grouped once, "
                                      "would run it once");
        QString message;
        Severity severity = Severity::Info;
        if (runs && m.inclusiveMs) {
            message = Tr::tr("Subquery %1 depends on the outer query and ran %2 times, once per "
                             "outer row (%3 in all); %4.")
                          .arg(label, count(*runs), milliseconds(*m.inclusiveMs), advice);
            if (share >= 0.5)
                severity = Severity::Critical;
            else if (*runs >= MySqlPlanRules::ManySubqueryRuns || share >= 0.3)
                severity = Severity::Warning;
        } else {
            message = Tr::tr("Subquery %1 depends on the outer query and runs once per outer row; "
                             "%2.")
                          .arg(label, advice);
        }
        out.append(finding(n, "dependent-subquery", severity, message));
    }
    return out;
}

// The condition with its string literals emptied ('a = b' → ''), so nothing in them is taken
// for a column; `quoted names` stay, quotes inside them included.
QString blankLiterals(const QString &condition)
{
    QString out;
    out.reserve(condition.size());
    const qsizetype n = condition.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = condition.at(i);
        if (c != u'`' && c != u'\'' && c != u'"') {
            out += c;
            ++i;
            continue;
        }
        qsizetype j = i + 1;
        while (j < n) {
            if (c != u'`' && condition.at(j) == u'\\') {
                j += 2;
                continue;
            }
            if (condition.at(j) == c) {
                if (j + 1 < n && condition.at(j + 1) == c) {
                    j += 2;
                    continue;
                }
                break;
            }
            ++j;
        }
        j = std::min(j, n - 1);
        if (c == u'`')
            out += condition.mid(i, j - i + 1);
        else
            out += QStringLiteral("''");
        i = j + 1;
    }
    return out;
}

QString unquote(QString name)
{
    if (name.size() >= 2 && name.startsWith(u'`') && name.endsWith(u'`')) {
        name = name.mid(1, name.size() - 2);
        name.replace(QStringLiteral("``"), QStringLiteral("`"));
    }
    return name;
}

} // namespace

QList<PlanRule> MySqlPlanRules::rules()
{
    return {
        {QStringLiteral("full-table-scan"), engine, fullTableScan},
        {QStringLiteral("temporary-table"), engine, temporaryTable},
        {QStringLiteral("filesort"), engine, filesort},
        {QStringLiteral("row-misestimate"), engine, rowMisestimate},
        {QStringLiteral("join-without-index"), engine, joinWithoutIndex},
        {QStringLiteral("dependent-subquery"), engine, dependentSubquery},
    };
}

QStringList MySqlPlanRules::conditionColumns(const QString &condition, const QString &relation)
{
    static const QRegularExpression compared(
        QStringLiteral(
            R"re(((?:(?:`(?:[^`]|``)*`|[A-Za-z_][\w$]*)\.)*)(`(?:[^`]|``)*`|[A-Za-z_][\w$]*)\s*(?:<=>|=|<>|!=|<=|>=|<|>|\bnot\s+like\b|\blike\b|\bnot\s+in\b|\bin\b|\bbetween\b|\bis\b))re"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression lastQualifier(
        QStringLiteral(R"re((`(?:[^`]|``)*`|[A-Za-z_][\w$]*)\.$)re"));
    static const QStringList keywords{QStringLiteral("and"),  QStringLiteral("or"),
                                      QStringLiteral("not"),  QStringLiteral("null"),
                                      QStringLiteral("true"), QStringLiteral("false"),
                                      QStringLiteral("xor")};
    const QString text = blankLiterals(condition);
    QStringList columns;
    for (auto it = compared.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString column = unquote(m.captured(2));
        if (keywords.contains(column.toLower()))
            continue;
        const QRegularExpressionMatch q = lastQualifier.match(m.captured(1));
        if (q.hasMatch() && !relation.isEmpty() && unquote(q.captured(1)) != relation)
            continue;
        if (!columns.contains(column))
            columns.append(column);
    }
    return columns;
}

QString MySqlPlanRules::nodeLabel(const PlanNode &node)
{
    if (!node.relation.isEmpty()) {
        QString label = Tr::tr("%1 on %2").arg(node.nodeType, node.relation);
        if (!node.index.isEmpty())
            label += Tr::tr(" using %1").arg(node.index);
        return label;
    }
    if (!node.subplanName.isEmpty())
        return node.subplanName;
    return node.nodeType;
}

} // namespace Strata::MySql::Internal
