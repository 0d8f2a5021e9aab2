// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteplanrules.h"

#include "sqlitedialect.h"
#include "sqliteeqpdetail.h"
#include "sqlitequerycolumns.h"

#include <QCoreApplication>
#include <QSet>

#include <optional>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Sqlite::SqlitePlanRules)
};

using Severity = PlanFinding::Severity;
const QString engine = u"sqlite"_s;

PlanFinding finding(const PlanNode &n, const QString &kind, Severity severity,
                    const QString &message)
{
    return PlanFinding{n.id, kind, severity, message};
}

std::optional<SqliteQueryColumns> queryOf(const Plan &plan)
{
    if (plan.queryText.trimmed().isEmpty())
        return std::nullopt;
    return SqliteQueryColumns(plan.queryText);
}

QString detailOf(const PlanNode &n)
{
    const QJsonValue detail = n.extraValue(u"Detail"_s);
    return detail.isString() ? detail.toString() : n.nodeType;
}

QString listed(const QStringList &columns)
{
    return columns.join(u", "_s);
}

// The relation a scan reads, as the statement names it: the table behind an alias.
QString tableFor(const PlanNode &n, const std::optional<SqliteQueryColumns> &query)
{
    if (query) {
        const QString table = query->tableOf(n.relation);
        if (!table.isEmpty())
            return table;
    }
    return n.relation;
}

// Names SQLite gives subqueries it runs as co-routines or materializes.
QSet<QString> derivedNames(const Plan &plan)
{
    QSet<QString> names;
    for (const PlanNode &n : plan.nodes) {
        if (n.nodeType == "CO-ROUTINE"_L1 || n.nodeType == "MATERIALIZE"_L1)
            names.insert(n.subplanName);
    }
    return names;
}

// The loop this scan runs inside: the table read before it at the same level, or null.
const PlanNode *outerLoop(const Plan &plan, const PlanNode &n)
{
    if (n.parentId < 0)
        return nullptr;
    const PlanNode *outer = nullptr;
    for (int sibling : plan.node(n.parentId).childIds) {
        if (sibling == n.id)
            return outer;
        if (SqliteEqpDetail::readsRelation(plan.node(sibling)))
            outer = &plan.node(sibling);
    }
    return nullptr;
}

bool isFullTableScan(const PlanNode &n)
{
    return n.nodeType == "SCAN"_L1 && !n.relation.isEmpty() &&
           n.extraValue(u"Using"_s).toString().isEmpty() &&
           n.extraValue(u"Virtual Table Index"_s).isUndefined();
}

QList<PlanFinding> scanWithoutIndex(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    const std::optional<SqliteQueryColumns> query = queryOf(plan);
    const QSet<QString> derived = derivedNames(plan);
    for (const PlanNode &n : plan.nodes) {
        if (!isFullTableScan(n) || n.relation.startsWith(u'(') || derived.contains(n.relation))
            continue;
        if (query && query->isDerived(n.relation))
            continue;
        const PlanNode *outer = outerLoop(plan, n);
        const QString table = tableFor(n, query);
        const QStringList columns =
            query ? query->searchedColumns(n.relation, outer != nullptr) : QStringList();
        if (columns.isEmpty() && !outer)
            continue;
        const QString reads =
            outer ? Tr::tr("%1 reads every row of %2 once for each row of %3 (the inner loop of "
                           "a join)")
                        .arg(detailOf(n), table, outer->relation)
                  : Tr::tr("%1 reads every row of %2 although the statement searches it by %3")
                        .arg(detailOf(n), table, listed(columns));
        QString advice;
        if (columns.isEmpty()) {
            advice = Tr::tr("an index on the columns %1 is joined by would let SQLite search it "
                            "instead.")
                         .arg(table);
        } else if (columns.size() > 1 && query->searchesWithOr(n.relation)) {
            QStringList statements;
            for (const QString &column : columns)
                statements.append(SqlitePlanRules::createIndexStatement(table, {column}));
            advice = Tr::tr("the conditions are combined with OR, so SQLite needs an index on each "
                            "column to search instead: %1")
                         .arg(statements.join(u' '));
        } else {
            advice = Tr::tr("an index on %1 (%2) would let SQLite search it instead: %3")
                         .arg(table, listed(columns),
                              SqlitePlanRules::createIndexStatement(table, columns));
        }
        out.append(finding(n, u"scan-without-index"_s,
                           outer ? Severity::Critical : Severity::Warning,
                           reads + u"; "_s + advice));
    }
    return out;
}

QList<PlanFinding> tempBTree(const Plan &plan, const PlanAnalysis &)
{
    static const QString prefix = u"USE TEMP B-TREE FOR "_s;
    QList<PlanFinding> out;
    const std::optional<SqliteQueryColumns> query = queryOf(plan);
    for (const PlanNode &n : plan.nodes) {
        if (!n.nodeType.startsWith(prefix))
            continue;
        const QString purpose = n.nodeType.mid(prefix.size());
        QString message;
        if (purpose == "DISTINCT"_L1) {
            message = Tr::tr("SQLite removes duplicate rows for DISTINCT in a temporary B-tree; an "
                             "index on the selected columns, in the order they are selected, would "
                             "let it skip duplicates as it reads them.");
        } else if (purpose == "GROUP BY"_L1) {
            const SqliteQueryColumns::Ordering by =
                query ? query->groupBy() : SqliteQueryColumns::Ordering{};
            message = by.isEmpty()
                          ? Tr::tr("SQLite groups the rows for GROUP BY in a temporary B-tree; an "
                                   "index on the grouped columns, in GROUP BY order, would deliver "
                                   "them already grouped.")
                          : Tr::tr("SQLite groups the rows for GROUP BY in a temporary B-tree; an "
                                   "index on %1 (%2) would deliver them already grouped: %3")
                                .arg(by.table, listed(by.columns),
                                     SqlitePlanRules::createIndexStatement(by.table, by.columns));
        } else if (purpose.endsWith("ORDER BY"_L1)) {
            const SqliteQueryColumns::Ordering by =
                query ? query->orderBy() : SqliteQueryColumns::Ordering{};
            const QString what =
                purpose == "ORDER BY"_L1
                    ? Tr::tr("SQLite sorts the rows for ORDER BY in a temporary B-tree")
                    : Tr::tr("SQLite reads the first ORDER BY terms from an index but sorts the "
                             "rest (%1) in a temporary B-tree")
                          .arg(purpose.toLower());
            message =
                by.isEmpty()
                    ? what + Tr::tr("; an index on the ORDER BY columns, in that order, would "
                                    "return the rows sorted.")
                    : what + Tr::tr("; an index on %1 (%2) would return the rows in that "
                                    "order without sorting: %3")
                                 .arg(by.table, listed(by.columns),
                                      SqlitePlanRules::createIndexStatement(by.table, by.columns));
        } else {
            continue;
        }
        out.append(finding(n, u"temp-b-tree"_s, Severity::Info, message));
    }
    return out;
}

QList<PlanFinding> automaticIndex(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    const std::optional<SqliteQueryColumns> query = queryOf(plan);
    for (const PlanNode &n : plan.nodes) {
        if (!n.extraValue(u"Automatic"_s).toBool() || n.relation.isEmpty())
            continue;
        const QString table = tableFor(n, query);
        const QStringList columns = SqlitePlanRules::conditionColumns(n.indexCond);
        const bool derived = n.relation.startsWith(u'(') ||
                             derivedNames(plan).contains(n.relation) ||
                             (query && query->isDerived(n.relation));
        QString message;
        if (derived)
            message =
                Tr::tr("SQLite builds an automatic index on %1 (%2), the rows of a subquery "
                       "or CTE, every time this statement runs and throws it away afterwards; "
                       "index the tables it reads, or join them directly.")
                    .arg(table, listed(columns));
        else if (columns.isEmpty())
            message = Tr::tr("SQLite builds an automatic index on %1 every time this statement "
                             "runs and throws it away afterwards; create the index it needs for "
                             "real, on the columns %1 is joined by.")
                          .arg(table);
        else
            message = Tr::tr("SQLite builds an automatic index on %1 (%2) every time this "
                             "statement runs and throws it away afterwards; create it for real: %3")
                          .arg(table, listed(columns),
                               SqlitePlanRules::createIndexStatement(table, columns));
        out.append(finding(n, u"automatic-index"_s, Severity::Warning, message));
    }
    return out;
}

const PlanNode *scannedBelow(const Plan &plan, const PlanNode &n)
{
    for (int child : n.childIds) {
        const PlanNode &c = plan.node(child);
        if (isFullTableScan(c))
            return &c;
        if (const PlanNode *deeper = scannedBelow(plan, c))
            return deeper;
    }
    return nullptr;
}

QList<PlanFinding> correlatedSubquery(const Plan &plan, const PlanAnalysis &)
{
    QList<PlanFinding> out;
    for (const PlanNode &n : plan.nodes) {
        if (!n.nodeType.startsWith("CORRELATED "_L1))
            continue;
        const QString what = n.subplanName.isEmpty()
                                 ? n.nodeType.toLower()
                                 : Tr::tr("%1 %2").arg(n.nodeType.toLower(), n.subplanName);
        const PlanNode *scan = scannedBelow(plan, n);
        if (scan)
            out.append(finding(n, u"correlated-subquery"_s, Severity::Critical,
                               Tr::tr("The %1 runs once for every row of the outer query and reads "
                                      "all of %2 each time; rewrite it as a join, or index the "
                                      "columns of %2 it compares with the outer query.")
                                   .arg(what, scan->relation)));
        else
            out.append(finding(n, u"correlated-subquery"_s, Severity::Warning,
                               Tr::tr("The %1 runs once for every row of the outer query; a join "
                                      "usually avoids the repetition.")
                                   .arg(what)));
    }
    return out;
}

} // namespace

QList<PlanRule> SqlitePlanRules::rules()
{
    return {
        {u"scan-without-index"_s, engine, scanWithoutIndex},
        {u"temp-b-tree"_s, engine, tempBTree},
        {u"automatic-index"_s, engine, automaticIndex},
        {u"correlated-subquery"_s, engine, correlatedSubquery},
    };
}

QStringList SqlitePlanRules::conditionColumns(const QString &indexCond)
{
    QStringList columns;
    if (indexCond.isEmpty())
        return columns;
    for (QString term : indexCond.split(u" AND "_s)) {
        if (term.startsWith("ANY("_L1) && term.endsWith(u')'))
            term = term.mid(4, term.size() - 5) + u'='; // a skip-scan column
        qsizetype end = term.size();
        for (const QString &op : {u"="_s, u">"_s, u"<"_s, u" IN"_s, u" IS"_s, u"!="_s}) {
            const qsizetype at = term.indexOf(op);
            if (at > 0 && at < end)
                end = at;
        }
        const QString column = term.left(end);
        if (end < term.size() && !column.isEmpty() && !columns.contains(column))
            columns.append(column);
    }
    return columns;
}

QString SqlitePlanRules::createIndexStatement(const QString &table, const QStringList &columns)
{
    const SqliteDialect dialect;
    QStringList quoted;
    for (const QString &c : columns)
        quoted.append(dialect.quoteIdentifier(c));
    const QString name = table + u'_' + columns.join(u'_') + u"_idx"_s;
    return u"CREATE INDEX %1 ON %2 (%3);"_s.arg(
        dialect.quoteIdentifier(name), dialect.quoteIdentifier(table), quoted.join(u", "_s));
}

} // namespace Strata::Sqlite::Internal
