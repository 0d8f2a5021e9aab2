// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqljsonplanparser.h"

#include "mysqlclientoutput.h"
#include "mysqlplanvalues.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringList>

namespace Strata::MySql::Internal {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlJsonPlanParser)
};

using Relationship = PlanNode::Relationship;
constexpr int MaxDepth = 400;

Error notAPlan(const QString &why)
{
    return Error(Error::Code::InvalidArgument, Tr::tr("not an EXPLAIN plan: %1").arg(why));
}

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

// Objects that become a node of their own, and the node type they get.
const QHash<QString, QString> &operationTypes()
{
    static const QHash<QString, QString> types{
        {key("filesort"), key("Filesort")},
        {key("ordering_operation"), key("Ordering")},
        {key("grouping_operation"), key("Grouping")},
        {key("duplicates_removal"), key("Duplicates Removal")},
        {key("temporary_table"), key("Temporary Table")},
        {key("buffer_result"), key("Buffer Result")},
        {key("read_sorted_file"), key("Read Sorted File")},
        {key("window_functions_computation"), key("Window Functions")},
        {key("windowing"), key("Window Functions")},
        {key("union_result"), key("Union Result")},
        {key("intersect_result"), key("Intersect Result")},
        {key("except_result"), key("Except Result")},
        {key("expression_cache"), key("Expression Cache")},
        {key("block-nl-join"), key("Block Nested Loop")},
        {key("range-checked-for-each-record"), key("Range Checked for Each Record")},
    };
    return types;
}

// Lists of subqueries; each entry holds a query_block (or MariaDB's expression_cache).
bool isSubqueryList(const QString &k)
{
    return k == QLatin1String("subqueries") || k == QLatin1String("attached_subqueries") ||
           k == QLatin1String("select_list_subqueries") ||
           k == QLatin1String("having_subqueries") || k == QLatin1String("order_by_subqueries") ||
           k == QLatin1String("group_by_subqueries") ||
           k == QLatin1String("optimized_away_subqueries") ||
           k == QLatin1String("update_value_subqueries");
}

bool isMaterialization(const QString &k)
{
    return k == QLatin1String("materialized_from_subquery") || k == QLatin1String("materialized");
}

// MariaDB's join_type of a join buffer, MySQL's using_join_buffer.
QString joinNodeType(const QString &joinType)
{
    if (joinType.isEmpty())
        return key("Nested Loop");
    const QString t = joinType.toLower();
    if (t == QLatin1String("bnl") || t == QLatin1String("block nested loop"))
        return key("Block Nested Loop");
    if (t == QLatin1String("bnlh") || t == QLatin1String("hash join"))
        return key("Hash Join");
    if (t == QLatin1String("bka") || t == QLatin1String("batched key access"))
        return key("Batched Key Access");
    if (t == QLatin1String("bkah") || t.startsWith(QLatin1String("batched key access (")))
        return key("Batched Key Access (hash)");
    return joinType;
}

class Builder
{
public:
    explicit Builder(Plan &plan)
        : m_plan(plan)
    {}

    Error error;

    int block(const QJsonObject &o, int parent, Relationship rel, int depth);
    // Fills each node's actualTotalMs from the times gathered; returns the root's total.
    std::optional<double> finishTimes();

private:
    int newNode(PlanNode n, int parent, Relationship rel);
    PlanNode &node(int id) { return m_plan.nodes[id]; }
    bool tooDeep(int depth);
    // Creates the children that key/value stands for; false when it is a plain property.
    bool structural(const QString &k, const QJsonValue &v, int parent, Relationship rel, int depth);
    // Every key of o as children of parent; plain properties go to parent's extra. Returns
    // the first node made, or -1.
    int element(const QJsonObject &o, int parent, Relationship rel, int depth);
    int table(const QJsonObject &o, int parent, Relationship rel, int depth);
    int operation(const QString &k, const QJsonObject &o, int parent, Relationship rel, int depth);
    void subquery(const QString &listKey, const QJsonObject &o, int parent, Relationship rel,
                  int depth);
    void nestedLoop(const QJsonArray &members, int parent, Relationship rel, int depth);
    void fillJoin(int joinId, const QJsonObject &buffer, int inner, std::optional<double> &estimate,
                  double loops);
    void keep(int id, const QString &k, const QJsonValue &v) { node(id).extra.append({k, v}); }

    Plan &m_plan;
    QList<std::optional<double>> m_ownMs;       // the node's own time, total over its loops
    QList<std::optional<double>> m_inclusiveMs; // reported inclusive totals (query blocks)
};

bool Builder::tooDeep(int depth)
{
    if (depth <= MaxDepth)
        return false;
    if (error.isNull())
        error = notAPlan(Tr::tr("the plan nests deeper than %1 levels").arg(MaxDepth));
    return true;
}

int Builder::newNode(PlanNode n, int parent, Relationship rel)
{
    n.relationship = rel;
    m_ownMs.append(std::nullopt);
    m_inclusiveMs.append(std::nullopt);
    return m_plan.addNode(std::move(n), parent);
}

bool Builder::structural(const QString &k, const QJsonValue &v, int parent, Relationship rel,
                         int depth)
{
    if (tooDeep(depth))
        return true;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (k == QLatin1String("query_block")) {
            block(o, parent, rel, depth + 1);
            return true;
        }
        if (k == QLatin1String("table")) {
            table(o, parent, rel, depth + 1);
            return true;
        }
        if (isMaterialization(k)) {
            subquery(k, o, parent, Relationship::Subquery, depth + 1);
            return true;
        }
        if (operationTypes().contains(k)) {
            operation(k, o, parent, rel, depth + 1);
            return true;
        }
        return false;
    }
    if (!v.isArray())
        return false;
    const QJsonArray a = v.toArray();
    if (k == QLatin1String("nested_loop")) {
        nestedLoop(a, parent, rel, depth + 1);
        return true;
    }
    if (isSubqueryList(k) || k == QLatin1String("query_specifications")) {
        const Relationship r = k == QLatin1String("query_specifications") ? Relationship::Member
                                                                          : Relationship::SubPlan;
        for (const QJsonValue &entry : a) {
            if (entry.isObject())
                subquery(k, entry.toObject(), parent, r, depth + 1);
            else
                keep(parent, k, entry);
        }
        return true;
    }
    if (k == QLatin1String("sorts") || operationTypes().contains(k)) {
        // Window sorts, and MariaDB's duplicates_removal given as a list of tables.
        int host = parent;
        if (operationTypes().contains(k))
            host = operation(k, QJsonObject(), parent, rel, depth + 1);
        for (const QJsonValue &entry : a) {
            if (entry.isObject())
                element(entry.toObject(), host, Relationship::None, depth + 1);
            else
                keep(host, k, entry);
        }
        return true;
    }
    return false;
}

int Builder::element(const QJsonObject &o, int parent, Relationship rel, int depth)
{
    const int before = m_plan.nodeCount();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!structural(it.key(), it.value(), parent, rel, depth))
            keep(parent, it.key(), it.value());
    }
    return m_plan.nodeCount() > before ? before : -1;
}

int Builder::block(const QJsonObject &o, int parent, Relationship rel, int depth)
{
    PlanNode n;
    n.nodeType = key("Query Block");
    if (const std::optional<double> id =
            MySqlPlanValues::number(o.value(QLatin1String("select_id"))))
        n.subplanName = Tr::tr("Select #%1").arg(qint64(*id));
    const int id = newNode(std::move(n), parent, rel);
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString &k = it.key();
        const QJsonValue &v = it.value();
        if (structural(k, v, id, Relationship::None, depth))
            continue;
        if (k == QLatin1String("r_loops") && MySqlPlanValues::number(v)) {
            node(id).actualLoops = MySqlPlanValues::number(v);
            continue;
        }
        if (k == QLatin1String("r_total_time_ms"))
            m_inclusiveMs[id] = MySqlPlanValues::number(v);
        else if (k == QLatin1String("cost_info"))
            node(id).totalCost =
                MySqlPlanValues::number(v.toObject().value(QLatin1String("query_cost")));
        keep(id, k, v);
    }
    return id;
}

int Builder::table(const QJsonObject &o, int parent, Relationship rel, int depth)
{
    PlanNode n;
    const int id = newNode(std::move(n), parent, rel);
    std::optional<double> own;
    std::optional<double> filtered;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString &k = it.key();
        const QJsonValue &v = it.value();
        if (structural(k, v, id, Relationship::None, depth))
            continue;
        PlanNode &t = node(id);
        const std::optional<double> number = MySqlPlanValues::number(v);
        if (k == QLatin1String("table_name") && v.isString()) {
            t.relation = v.toString();
        } else if (k == QLatin1String("key") && v.isString()) {
            t.index = v.toString();
        } else if (k == QLatin1String("attached_condition") && v.isString()) {
            t.filter = v.toString();
        } else if (k == QLatin1String("index_condition") && v.isString()) {
            t.indexCond = v.toString();
        } else if ((k == QLatin1String("rows") || k == QLatin1String("rows_examined_per_scan")) &&
                   number) {
            t.estimatedRows = number;
        } else if (k == QLatin1String("r_rows") && number) {
            t.actualRows = number;
        } else if (k == QLatin1String("r_loops") && number) {
            t.actualLoops = number;
        } else {
            if (k == QLatin1String("access_type") && v.isString())
                t.nodeType = MySqlJsonPlanParser::accessTypeName(v.toString());
            else if (k == QLatin1String("message") && v.isString() && t.nodeType.isEmpty())
                t.nodeType = v.toString();
            else if ((k == QLatin1String("r_table_time_ms") ||
                      k == QLatin1String("r_other_time_ms")) &&
                     number)
                own = own.value_or(0) + *number;
            else if (k == QLatin1String("r_filtered"))
                filtered = number;
            else if (k == QLatin1String("cost_info") && v.isObject()) {
                const QJsonObject cost = v.toObject();
                const std::optional<double> read =
                    MySqlPlanValues::number(cost.value(QLatin1String("read_cost")));
                const std::optional<double> eval =
                    MySqlPlanValues::number(cost.value(QLatin1String("eval_cost")));
                if (read || eval)
                    t.totalCost = read.value_or(0) + eval.value_or(0);
            }
            keep(id, k, v);
        }
    }
    PlanNode &t = node(id);
    if (t.nodeType.isEmpty())
        t.nodeType = key("Table");
    if (t.actualRows && filtered && *filtered >= 0 && *filtered <= 100)
        t.rowsRemovedByFilter = *t.actualRows * (100.0 - *filtered) / 100.0;
    m_ownMs[id] = own;
    return id;
}

int Builder::operation(const QString &k, const QJsonObject &o, int parent, Relationship rel,
                       int depth)
{
    PlanNode n;
    n.nodeType = operationTypes().value(k);
    if (k == QLatin1String("ordering_operation") &&
        o.value(QLatin1String("using_filesort")).toBool(false))
        n.nodeType = key("Filesort");
    const int id = newNode(std::move(n), parent, rel);
    std::optional<double> own;
    bool readsTable = false;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString &ck = it.key();
        const QJsonValue &v = it.value();
        if (structural(ck, v, id, Relationship::None, depth)) {
            readsTable = readsTable || ck == QLatin1String("table");
            continue;
        }
        PlanNode &op = node(id);
        const std::optional<double> number = MySqlPlanValues::number(v);
        if (ck == QLatin1String("r_loops") && number) {
            op.actualLoops = number;
            continue;
        }
        if (ck == QLatin1String("table_name") && v.isString()) {
            op.relation = v.toString();
            continue;
        }
        if (ck == QLatin1String("r_rows") && number) {
            op.actualRows = number;
            continue;
        }
        if (ck == QLatin1String("attached_condition") && v.isString()) {
            op.filter = v.toString();
            continue;
        }
        if ((ck == QLatin1String("r_total_time_ms") || ck == QLatin1String("r_other_time_ms") ||
             ck == QLatin1String("r_unpack_time_ms")) &&
            number)
            own = own.value_or(0) + *number;
        else if (ck == QLatin1String("r_buffer_size") || ck == QLatin1String("buffer_size"))
            op.sortSpaceUsedKb = MySqlPlanValues::kilobytes(v);
        else if (ck == QLatin1String("r_sort_passes") && number)
            op.sortSpaceType = *number > 0 ? key("Disk") : key("Memory");
        keep(id, ck, v);
    }
    PlanNode &op = node(id);
    if (op.sortSpaceUsedKb && op.sortSpaceType.isEmpty() && k == QLatin1String("filesort"))
        op.sortSpaceType = key("Memory");
    // A filesort that reads its table itself times the reading too.
    if (readsTable && k == QLatin1String("filesort"))
        m_inclusiveMs[id] = own;
    else
        m_ownMs[id] = own;
    return id;
}

void Builder::subquery(const QString &listKey, const QJsonObject &o, int parent, Relationship rel,
                       int depth)
{
    if (o.value(QLatin1String("query_block")).isObject()) {
        const int id =
            block(o.value(QLatin1String("query_block")).toObject(), parent, rel, depth + 1);
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (it.key() != QLatin1String("query_block") &&
                !structural(it.key(), it.value(), id, Relationship::None, depth))
                keep(id, it.key(), it.value());
        }
        return;
    }
    const int first = element(o, parent, rel, depth);
    if (first < 0)
        keep(parent, listKey, o);
}

void Builder::nestedLoop(const QJsonArray &members, int parent, Relationship rel, int depth)
{
    QList<QJsonObject> objects;
    for (const QJsonValue &m : members) {
        if (m.isObject())
            objects.append(m.toObject());
        else
            keep(parent, key("nested_loop"), m);
    }
    if (objects.isEmpty())
        return;
    if (objects.size() == 1) {
        element(objects.first(), parent, rel, depth);
        return;
    }
    // Left-deep: the last table joins the join of everything before it.
    const int joins = int(objects.size()) - 1;
    QList<int> joinIds(joins + 1, -1); // joinIds[i]: the join that adds member i (i ≥ 1)
    int host = parent;
    Relationship hostRel = rel;
    for (int i = joins; i >= 1; --i) {
        PlanNode j;
        j.nodeType = key("Nested Loop");
        joinIds[i] = newNode(std::move(j), host, hostRel);
        host = joinIds[i];
        hostRel = Relationship::Outer;
    }
    QList<int> memberIds;
    QList<QJsonObject> buffers;
    for (int i = 0; i <= joins; ++i) {
        const int joinId = joinIds[std::max(i, 1)];
        const Relationship r = i == 0 ? Relationship::Outer : Relationship::Inner;
        const QJsonObject &o = objects.at(i);
        const QJsonValue buffer = o.value(QLatin1String("block-nl-join"));
        if (i > 0 && buffer.isObject()) {
            const QJsonObject b = buffer.toObject();
            QJsonObject rest; // the join buffer's own properties
            int inner = -1;
            for (auto it = b.constBegin(); it != b.constEnd(); ++it) {
                const int before = m_plan.nodeCount();
                if (!structural(it.key(), it.value(), joinId, r, depth))
                    rest.insert(it.key(), it.value());
                else if (inner < 0 && m_plan.nodeCount() > before)
                    inner = before;
            }
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                if (it.key() != QLatin1String("block-nl-join"))
                    keep(joinId, it.key(), it.value());
            }
            memberIds.append(inner);
            buffers.append(rest);
        } else {
            memberIds.append(element(o, joinId, r, depth));
            buffers.append(QJsonObject());
        }
    }
    // Figures of each join, from the tables it joins.
    std::optional<double> estimate;
    double loops = 1;
    if (memberIds.first() >= 0) {
        const PlanNode &first = node(memberIds.first());
        loops = first.actualLoops.value_or(1);
        const std::optional<double> produced =
            MySqlPlanValues::number(first.extraValue(QStringLiteral("rows_produced_per_join")));
        const std::optional<double> filtered =
            MySqlPlanValues::number(first.extraValue(QStringLiteral("filtered")));
        if (produced)
            estimate = produced;
        else if (first.estimatedRows)
            estimate = *first.estimatedRows * filtered.value_or(100) / 100.0;
    }
    for (int i = 1; i <= joins; ++i)
        fillJoin(joinIds[i], buffers.at(i), memberIds.at(i), estimate, loops);
}

void Builder::fillJoin(int joinId, const QJsonObject &buffer, int inner,
                       std::optional<double> &estimate, double loops)
{
    std::optional<double> own;
    QString joinType;
    for (auto it = buffer.constBegin(); it != buffer.constEnd(); ++it) {
        const QString &k = it.key();
        const QJsonValue &v = it.value();
        const std::optional<double> number = MySqlPlanValues::number(v);
        if (k == QLatin1String("attached_condition") && v.isString()) {
            node(joinId).joinFilter = v.toString();
            continue;
        }
        if ((k == QLatin1String("r_unpack_time_ms") || k == QLatin1String("r_other_time_ms")) &&
            number)
            own = own.value_or(0) + *number;
        else if (k == QLatin1String("join_type") && v.isString())
            joinType = v.toString();
        keep(joinId, k, v);
    }
    m_ownMs[joinId] = own;
    PlanNode &j = node(joinId);
    if (inner < 0) {
        j.nodeType = joinNodeType(joinType);
        estimate.reset();
        return;
    }
    const PlanNode t = node(inner);
    if (joinType.isEmpty())
        joinType = t.extraValue(QStringLiteral("using_join_buffer")).toString();
    j.nodeType = joinNodeType(joinType);
    j.joinType = key("Inner");
    j.totalCost = MySqlPlanValues::number(
        t.extraValue(QStringLiteral("cost_info")).toObject().value(QLatin1String("prefix_cost")));

    const std::optional<double> produced =
        MySqlPlanValues::number(t.extraValue(QStringLiteral("rows_produced_per_join")));
    const double filtered =
        MySqlPlanValues::number(t.extraValue(QStringLiteral("filtered"))).value_or(100);
    if (produced)
        estimate = produced;
    else if (estimate && t.estimatedRows)
        estimate = *estimate * *t.estimatedRows * filtered / 100.0;
    else
        estimate.reset();
    j.estimatedRows = estimate;

    // Rows out of the join: what the inner side kept, over all its loops (for a join buffer,
    // its refills × the rows each one matched).
    std::optional<double> out;
    const std::optional<double> bufferLoops =
        MySqlPlanValues::number(buffer.value(QLatin1String("r_loops")));
    const std::optional<double> effective =
        MySqlPlanValues::number(buffer.value(QLatin1String("r_effective_rows")));
    if (bufferLoops && effective) {
        out = *bufferLoops * *effective *
              MySqlPlanValues::number(buffer.value(QLatin1String("r_filtered"))).value_or(100) /
              100.0;
    } else if (t.actualRows) {
        out = *t.actualRows * t.actualLoops.value_or(1) *
              MySqlPlanValues::number(t.extraValue(QStringLiteral("r_filtered"))).value_or(100) /
              100.0;
    } else if (t.neverExecuted || (t.actualLoops && *t.actualLoops == 0)) {
        out = 0;
    }
    if (out) {
        j.actualLoops = loops;
        if (loops > 0)
            j.actualRows = *out / loops;
    }
}

std::optional<double> Builder::finishTimes()
{
    const int count = m_plan.nodeCount();
    QList<std::optional<double>> inclusive(count);
    for (int id = count - 1; id >= 0; --id) { // children come after their parents
        PlanNode &n = node(id);
        std::optional<double> total = m_inclusiveMs.at(id);
        if (!total) {
            std::optional<double> sum = m_ownMs.at(id);
            for (int child : n.childIds) {
                if (inclusive.at(child))
                    sum = sum.value_or(0) + *inclusive.at(child);
            }
            total = sum;
        }
        if (n.actualLoops && *n.actualLoops == 0) {
            n.neverExecuted = true;
            total = total ? std::optional<double>(0.0) : std::nullopt;
        }
        inclusive[id] = total;
        if (total && !n.neverExecuted)
            n.actualTotalMs = *total / n.actualLoops.value_or(1);
    }
    return count > 0 ? inclusive.first() : std::nullopt;
}

// Where the JSON object starts and ends in text, or an empty string.
QString jsonObjectIn(const QString &text)
{
    const qsizetype open = text.indexOf(u'{');
    const qsizetype close = text.lastIndexOf(u'}');
    if (open < 0 || close < open)
        return QString();
    return text.mid(open, close - open + 1);
}

// MariaDB (10.11 at least) prints names and conditions into its JSON without escaping the
// double quotes in them: "table_name": "a"b". Escapes such quotes in "key": "value" lines.
QString repairUnescapedQuotes(const QString &json)
{
    static const QRegularExpression valueLine(
        QStringLiteral(R"re(^(\s*"[A-Za-z_][\w-]*": ")(.*)"(,?)\s*$)re"));
    QStringList lines = json.split(u'\n');
    for (QString &line : lines) {
        const QRegularExpressionMatch m = valueLine.match(line);
        if (!m.hasMatch())
            continue;
        const QString value = m.captured(2);
        QString fixed;
        fixed.reserve(value.size() + 8);
        for (qsizetype i = 0; i < value.size(); ++i) {
            const QChar c = value.at(i);
            if (c == u'\\' && i + 1 < value.size()) {
                fixed += c;
                fixed += value.at(++i);
                continue;
            }
            if (c == u'"')
                fixed += u'\\';
            fixed += c;
        }
        line = m.captured(1) + fixed + u'"' + m.captured(3);
    }
    return lines.join(u'\n');
}

} // namespace

bool MySqlJsonPlanParser::looksLikeJson(const QString &text)
{
    const QString plain = MySqlClientOutput::plainText(text.left(64 * 1024)).trimmed();
    return plain.startsWith(u'{') || plain.startsWith(u'[');
}

QString MySqlJsonPlanParser::accessTypeName(const QString &accessType)
{
    static const QHash<QString, QString> names{
        {key("system"), key("System Table")},
        {key("const"), key("Single Row (constant)")},
        {key("eq_ref"), key("Unique Key Lookup")},
        {key("ref"), key("Non-Unique Key Lookup")},
        {key("fulltext"), key("Fulltext Index Search")},
        {key("ref_or_null"), key("Key Lookup + Fetch NULL Values")},
        {key("index_merge"), key("Index Merge")},
        {key("unique_subquery"), key("Unique Key Lookup into Subquery Table")},
        {key("index_subquery"), key("Non-Unique Key Lookup into Subquery Table")},
        {key("range"), key("Index Range Scan")},
        {key("index"), key("Full Index Scan")},
        {key("ALL"), key("Full Table Scan")},
    };
    if (accessType.startsWith(QLatin1String("hash_"))) {
        const QString base = accessType.mid(5);
        return Tr::tr("%1 (hash join)").arg(names.value(base, base));
    }
    return names.value(accessType, accessType);
}

Result<Plan> MySqlJsonPlanParser::parse(const QString &text)
{
    if (text.trimmed().isEmpty())
        return notAPlan(Tr::tr("the input is empty"));
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (doc.isNull()) {
        const QString plain = MySqlClientOutput::plainText(text);
        doc = QJsonDocument::fromJson(jsonObjectIn(plain).toUtf8(), &error);
        if (doc.isNull() && MySqlClientOutput::isBatchEscaped(plain)) {
            doc = QJsonDocument::fromJson(
                jsonObjectIn(MySqlClientOutput::unescapeBatch(plain)).toUtf8(), &error);
        }
        if (doc.isNull()) {
            QString candidate = jsonObjectIn(plain);
            if (MySqlClientOutput::isBatchEscaped(plain))
                candidate = jsonObjectIn(MySqlClientOutput::unescapeBatch(plain));
            const QJsonDocument repaired =
                QJsonDocument::fromJson(repairUnescapedQuotes(candidate).toUtf8());
            if (!repaired.isNull())
                doc = repaired;
        }
        if (doc.isNull())
            return notAPlan(Tr::tr("invalid JSON at offset %1 (%2)")
                                .arg(error.offset)
                                .arg(error.errorString()));
    }
    if (!doc.isObject())
        return notAPlan(Tr::tr("the JSON document is not an object with a \"query_block\""));
    return parseDocument(doc.object());
}

Result<Plan> MySqlJsonPlanParser::parseDocument(const QJsonObject &document)
{
    const QJsonValue root = document.value(QLatin1String("query_block"));
    if (!root.isObject() && document.contains(QLatin1String("operation")) &&
        document.contains(QLatin1String("inputs")))
        return notAPlan(Tr::tr("this is MySQL's JSON format version 2; Strata reads version 1 "
                               "(SET explain_json_format_version = 1) and the tree text of "
                               "EXPLAIN ANALYZE"));
    if (!root.isObject())
        return notAPlan(Tr::tr("the JSON document has no \"query_block\" object"));
    Plan plan;
    plan.engine = QStringLiteral("mysql");
    plan.sourceFormat = QStringLiteral("json");
    Builder builder(plan);
    builder.block(root.toObject(), -1, Relationship::None, 0);
    if (!builder.error.isNull())
        return builder.error;
    const std::optional<double> total = builder.finishTimes();
    for (auto it = document.constBegin(); it != document.constEnd(); ++it) {
        if (it.key() == QLatin1String("query_block"))
            continue;
        if (it.key() == QLatin1String("query_optimization"))
            plan.planningMs = MySqlPlanValues::number(
                it.value().toObject().value(QLatin1String("r_total_time_ms")));
        plan.extra.append({it.key(), it.value()});
    }
    if (total && !plan.root().neverExecuted)
        plan.executionMs = total;
    return plan;
}

} // namespace Strata::MySql::Internal
