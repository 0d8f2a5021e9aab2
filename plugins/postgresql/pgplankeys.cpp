// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgplankeys.h"

#include <QHash>

#include <cmath>
#include <variant>

namespace Strata::Postgres::Internal {

namespace {

using TextField = QString &(*)(PlanNode &);
using RealField = std::optional<double> &(*)(PlanNode &);
using CountField = std::optional<qint64> &(*)(PlanNode &);
using SmallField = std::optional<int> &(*)(PlanNode &);
using Accessor = std::variant<TextField, RealField, CountField, SmallField>;

struct Binding
{
    const char *key;
    Accessor field;
};

// clang-format off
const Binding bindings[] = {
    {"Node Type", TextField([](PlanNode &n) -> QString & { return n.nodeType; })},
    {"Relation Name", TextField([](PlanNode &n) -> QString & { return n.relation; })},
    {"Schema", TextField([](PlanNode &n) -> QString & { return n.schema; })},
    {"Alias", TextField([](PlanNode &n) -> QString & { return n.alias; })},
    {"Index Name", TextField([](PlanNode &n) -> QString & { return n.index; })},
    {"Join Type", TextField([](PlanNode &n) -> QString & { return n.joinType; })},
    {"Subplan Name", TextField([](PlanNode &n) -> QString & { return n.subplanName; })},
    {"CTE Name", TextField([](PlanNode &n) -> QString & { return n.cteName; })},
    {"Filter", TextField([](PlanNode &n) -> QString & { return n.filter; })},
    {"Index Cond", TextField([](PlanNode &n) -> QString & { return n.indexCond; })},
    {"Recheck Cond", TextField([](PlanNode &n) -> QString & { return n.recheckCond; })},
    {"Hash Cond", TextField([](PlanNode &n) -> QString & { return n.hashCond; })},
    {"Join Filter", TextField([](PlanNode &n) -> QString & { return n.joinFilter; })},
    {"Plan Rows", RealField([](PlanNode &n) -> std::optional<double> & { return n.estimatedRows; })},
    {"Plan Width", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.width; })},
    {"Startup Cost", RealField([](PlanNode &n) -> std::optional<double> & { return n.startupCost; })},
    {"Total Cost", RealField([](PlanNode &n) -> std::optional<double> & { return n.totalCost; })},
    {"Actual Startup Time", RealField([](PlanNode &n) -> std::optional<double> & { return n.actualStartupMs; })},
    {"Actual Total Time", RealField([](PlanNode &n) -> std::optional<double> & { return n.actualTotalMs; })},
    {"Actual Rows", RealField([](PlanNode &n) -> std::optional<double> & { return n.actualRows; })},
    {"Actual Loops", RealField([](PlanNode &n) -> std::optional<double> & { return n.actualLoops; })},
    {"Shared Hit Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.shared.hit; })},
    {"Shared Read Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.shared.read; })},
    {"Shared Dirtied Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.shared.dirtied; })},
    {"Shared Written Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.shared.written; })},
    {"Local Hit Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.local.hit; })},
    {"Local Read Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.local.read; })},
    {"Local Dirtied Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.local.dirtied; })},
    {"Local Written Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.local.written; })},
    {"Temp Hit Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.temp.hit; })},
    {"Temp Read Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.temp.read; })},
    {"Temp Dirtied Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.temp.dirtied; })},
    {"Temp Written Blocks", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.temp.written; })},
    // PostgreSQL 16 renamed these to "Shared I/O ..."; both land in the same field.
    {"I/O Read Time", RealField([](PlanNode &n) -> std::optional<double> & { return n.ioReadMs; })},
    {"I/O Write Time", RealField([](PlanNode &n) -> std::optional<double> & { return n.ioWriteMs; })},
    {"Shared I/O Read Time", RealField([](PlanNode &n) -> std::optional<double> & { return n.ioReadMs; })},
    {"Shared I/O Write Time", RealField([](PlanNode &n) -> std::optional<double> & { return n.ioWriteMs; })},
    {"Workers Planned", SmallField([](PlanNode &n) -> std::optional<int> & { return n.workersPlanned; })},
    {"Workers Launched", SmallField([](PlanNode &n) -> std::optional<int> & { return n.workersLaunched; })},
    {"Sort Method", TextField([](PlanNode &n) -> QString & { return n.sortMethod; })},
    {"Sort Space Used", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.sortSpaceUsedKb; })},
    {"Sort Space Type", TextField([](PlanNode &n) -> QString & { return n.sortSpaceType; })},
    {"Hash Buckets", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.hashBuckets; })},
    {"Hash Batches", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.hashBatches; })},
    {"Original Hash Batches", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.originalHashBatches; })},
    {"Peak Memory Usage", CountField([](PlanNode &n) -> std::optional<qint64> & { return n.peakMemoryKb; })},
    {"Rows Removed by Filter", RealField([](PlanNode &n) -> std::optional<double> & { return n.rowsRemovedByFilter; })},
    {"Rows Removed by Index Recheck", RealField([](PlanNode &n) -> std::optional<double> & { return n.rowsRemovedByIndexRecheck; })},
    {"Rows Removed by Join Filter", RealField([](PlanNode &n) -> std::optional<double> & { return n.rowsRemovedByJoinFilter; })},
    {"Heap Fetches", RealField([](PlanNode &n) -> std::optional<double> & { return n.heapFetches; })},
};
// clang-format on

const QString parentRelationshipKey = QStringLiteral("Parent Relationship");

const QHash<QString, Accessor> &bindingIndex()
{
    static const QHash<QString, Accessor> index = [] {
        QHash<QString, Accessor> h;
        for (const Binding &b : bindings)
            h.insert(QString::fromLatin1(b.key), b.field);
        return h;
    }();
    return index;
}

std::optional<double> toNumber(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double d = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

// Stores value in the field; false when it does not fit (wrong type, not a whole number).
bool store(const Accessor &field, PlanNode &node, const QJsonValue &value)
{
    if (auto text = std::get_if<TextField>(&field)) {
        if (!value.isString())
            return false;
        (*text)(node) = value.toString();
        return true;
    }
    const std::optional<double> number = toNumber(value);
    if (!number || !std::isfinite(*number))
        return false;
    if (auto real = std::get_if<RealField>(&field)) {
        (*real)(node) = *number;
        return true;
    }
    if (*number != std::floor(*number))
        return false;
    // Counts beyond these are not plan figures (a trillion blocks is 8 PB); keeping them out
    // of the fields keeps every sum the analysis makes far from overflowing.
    if (auto count = std::get_if<CountField>(&field)) {
        if (std::fabs(*number) > 1.0e12)
            return false;
        (*count)(node) = qint64(*number);
        return true;
    }
    if (std::fabs(*number) > 1.0e6) // workers
        return false;
    (*std::get<SmallField>(field))(node) = int(*number);
    return true;
}

QJsonValue load(const Accessor &field, const PlanNode &node)
{
    PlanNode &n = const_cast<PlanNode &>(node); // the accessors only read here
    if (auto text = std::get_if<TextField>(&field)) {
        const QString &s = (*text)(n);
        return s.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(s);
    }
    if (auto real = std::get_if<RealField>(&field)) {
        const auto &v = (*real)(n);
        return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Undefined);
    }
    if (auto count = std::get_if<CountField>(&field)) {
        const auto &v = (*count)(n);
        return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Undefined);
    }
    const auto &v = (*std::get<SmallField>(field))(n);
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Undefined);
}

} // namespace

void PgPlanKeys::assign(PlanNode &node, const QString &key, const QJsonValue &value)
{
    if (key == parentRelationshipKey && value.isString()) {
        node.relationship = PlanNode::relationshipFromName(value.toString());
        if (node.relationship == PlanNode::Relationship::Other)
            node.relationshipText = value.toString();
        return;
    }
    const auto &index = bindingIndex();
    const auto it = index.constFind(key);
    // A second value for a field (old and new spellings both present) is kept, not overwritten.
    if (it != index.cend() && load(*it, node).isUndefined() && store(*it, node, value)) {
        if (key == QLatin1String("Actual Loops") && node.actualLoops && *node.actualLoops == 0)
            node.neverExecuted = true;
        return;
    }
    node.extra.append({key, value});
}

void PgPlanKeys::remove(PlanNode &node, const QString &key)
{
    node.extra.removeIf([&key](const PlanNode::Property &p) { return p.key == key; });
    const auto &index = bindingIndex();
    const auto it = index.constFind(key);
    if (it == index.cend())
        return;
    std::visit([&node](auto field) { field(node) = std::decay_t<decltype(field(node))>(); }, *it);
}

QJsonValue PgPlanKeys::value(const PlanNode &node, const QString &key)
{
    if (key == parentRelationshipKey) {
        if (node.relationship == PlanNode::Relationship::None)
            return QJsonValue(QJsonValue::Undefined);
        return node.relationship == PlanNode::Relationship::Other
                   ? node.relationshipText
                   : PlanNode::relationshipName(node.relationship);
    }
    const auto &index = bindingIndex();
    const auto it = index.constFind(key);
    if (it != index.cend()) {
        const QJsonValue v = load(*it, node);
        if (!v.isUndefined())
            return v;
    }
    return node.extraValue(key);
}

QJsonObject PgPlanKeys::toJson(const PlanNode &node)
{
    QJsonObject o;
    const QJsonValue rel = value(node, parentRelationshipKey);
    if (!rel.isUndefined())
        o.insert(parentRelationshipKey, rel);
    for (const Binding &b : bindings) {
        const QJsonValue v = load(b.field, node);
        if (!v.isUndefined())
            o.insert(QString::fromLatin1(b.key), v);
    }
    // A field with two spellings ("I/O Read Time", "Shared I/O Read Time") appears under both.
    for (const PlanNode::Property &p : node.extra) {
        if (!o.contains(p.key))
            o.insert(p.key, p.value);
    }
    return o;
}

QStringList PgPlanKeys::fieldKeys()
{
    QStringList keys{parentRelationshipKey};
    for (const Binding &b : bindings)
        keys.append(QString::fromLatin1(b.key));
    return keys;
}

} // namespace Strata::Postgres::Internal
