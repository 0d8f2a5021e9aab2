// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace Strata {

// One operator of an execution plan, engine-neutral. Figures the engine did not report stay
// std::nullopt (no ANALYZE: no actual figures), so consumers can print null instead of 0.
// Times are milliseconds as the engine reports them: per loop (and, for parallel nodes,
// averaged over the processes that ran it); PlanAnalysis turns them into totals.
struct STRATA_CORE_EXPORT PlanNode
{
    enum class Relationship { None, Outer, Inner, InitPlan, SubPlan, Member, Subquery, Other };

    // Block counts of one kind of buffer (shared, local or temp).
    struct BlockCounts
    {
        std::optional<qint64> hit;
        std::optional<qint64> read;
        std::optional<qint64> dirtied;
        std::optional<qint64> written;

        bool isEmpty() const { return !hit && !read && !dirtied && !written; }
        qint64 total() const
        {
            return hit.value_or(0) + read.value_or(0) + dirtied.value_or(0) + written.value_or(0);
        }
    };

    // A property the model has no field for, kept as the engine gave it ("Output",
    // "Sort Key", "Workers", "Strategy", ...), in the engine's order.
    struct Property
    {
        QString key;
        QJsonValue value;
    };

    int id = -1;         // index in Plan::nodes(); the root is 0
    int parentId = -1;   // -1 for the root
    QList<int> childIds; // in plan order
    int depth = 0;       // 0 for the root

    QString nodeType; // "Seq Scan", "Hash Join", "ModifyTable", "table scan", "SCAN" ...
    QString relation;
    QString schema;
    QString alias;
    QString index;
    QString joinType; // Inner, Left, Semi, Anti, ...
    Relationship relationship = Relationship::None;
    QString relationshipText; // the engine's own words, when relationship is Other
    QString subplanName;      // "InitPlan 1 (returns $0)", "SubPlan 2"
    QString cteName;

    QString filter;
    QString indexCond;
    QString recheckCond;
    QString hashCond;
    QString joinFilter;

    std::optional<double> estimatedRows;
    std::optional<double> actualRows; // per loop
    std::optional<double> actualLoops;
    std::optional<double> startupCost;
    std::optional<double> totalCost;
    std::optional<qint64> width;
    std::optional<double> actualStartupMs; // per loop
    std::optional<double> actualTotalMs;   // per loop
    bool neverExecuted = false;            // ANALYZE ran, this node did not (loops = 0)

    BlockCounts shared;
    BlockCounts local;
    BlockCounts temp;
    std::optional<double> ioReadMs;
    std::optional<double> ioWriteMs;

    std::optional<int> workersPlanned;
    std::optional<int> workersLaunched;

    QString sortMethod;
    std::optional<qint64> sortSpaceUsedKb;
    QString sortSpaceType; // Memory, Disk

    std::optional<qint64> hashBuckets;
    std::optional<qint64> hashBatches;
    std::optional<qint64> originalHashBatches;
    std::optional<qint64> peakMemoryKb;

    std::optional<double> rowsRemovedByFilter;
    std::optional<double> rowsRemovedByIndexRecheck;
    std::optional<double> rowsRemovedByJoinFilter;
    std::optional<double> heapFetches;

    QList<Property> extra;

    bool hasActuals() const
    {
        return actualTotalMs.has_value() || actualRows.has_value() || neverExecuted;
    }
    bool hasBuffers() const { return !shared.isEmpty() || !local.isEmpty() || !temp.isEmpty(); }
    // The kept property named key, or an undefined QJsonValue.
    QJsonValue extraValue(const QString &key) const;
    // actualRows × loops, or nullopt without ANALYZE.
    std::optional<double> totalActualRows() const;

    static QString relationshipName(Relationship r);
    static Relationship relationshipFromName(const QString &name);
};

} // namespace Strata
