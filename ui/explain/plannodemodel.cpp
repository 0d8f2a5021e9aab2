// SPDX-License-Identifier: GPL-3.0-or-later
#include "plannodemodel.h"

#include "planformat.h"

#include "shell/messages.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPalette>

#include <algorithm>
#include <numeric>

namespace Strata {

PlanNodeModel::PlanNodeModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PlanNodeModel::setDocument(std::shared_ptr<const PlanDocument> document)
{
    beginResetModel();
    m_document = std::move(document);
    const int count = m_document ? m_document->plan.nodeCount() : 0;
    m_rows.resize(count);
    std::iota(m_rows.begin(), m_rows.end(), 0);
    m_rowOf = m_rows;
    m_findings = QList<int>(count, 0);
    if (m_document) {
        for (const PlanFinding &finding : m_document->findings) {
            if (finding.nodeId >= 0 && finding.nodeId < count)
                ++m_findings[finding.nodeId];
        }
    }
    endResetModel();
}

int PlanNodeModel::nodeIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : -1;
}

int PlanNodeModel::rowOf(int nodeId) const
{
    return nodeId >= 0 && nodeId < m_rowOf.size() ? m_rowOf.at(nodeId) : -1;
}

int PlanNodeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PlanNodeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanNodeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NodeColumn: return tr("Node");
        case RelationColumn: return tr("Relation");
        case AliasColumn: return tr("Alias");
        case IndexColumn: return tr("Index");
        case EstimatedRowsColumn: return tr("Est. rows");
        case ActualRowsColumn: return tr("Actual rows");
        case LoopsColumn: return tr("Loops");
        case EstimateColumn: return tr("Estimate");
        case ExclusiveColumn: return tr("Exclusive");
        case InclusiveColumn: return tr("Inclusive");
        case TimeShareColumn: return tr("Time %");
        case BuffersColumn: return tr("Buffers");
        case CostColumn: return tr("Cost");
        case FindingsColumn: return tr("Findings");
        default: break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case ActualRowsColumn: return tr("Rows returned over all loops");
        case EstimateColumn:
            return tr("How far the row estimate was off: ↓ more rows came than estimated, "
                      "↑ fewer");
        case ExclusiveColumn: return tr("Time spent in the node itself, over all loops");
        case InclusiveColumn: return tr("Time spent in the node and everything below it");
        case TimeShareColumn: return tr("Share of the execution time spent in the node itself");
        case BuffersColumn: return tr("Blocks (8 kB pages) read or hit by the node itself");
        case CostColumn: return tr("The planner's total cost estimate");
        default: break;
        }
    } else if (role == Qt::TextAlignmentRole && section >= EstimatedRowsColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return QVariant();
}

std::optional<double> PlanNodeModel::sortValue(int nodeId, int column) const
{
    const PlanNode &n = m_document->plan.node(nodeId);
    const PlanAnalysis::NodeMetrics &m = m_document->analysis.metrics(nodeId);
    switch (column) {
    case EstimatedRowsColumn: return n.estimatedRows;
    case ActualRowsColumn: return n.totalActualRows();
    case LoopsColumn: return n.actualLoops;
    case EstimateColumn: return m.estimateFactor;
    case ExclusiveColumn: return m.exclusiveMs;
    case InclusiveColumn: return m.inclusiveMs;
    case TimeShareColumn: return m.timeShare;
    case BuffersColumn:
        return m.exclusiveBlocks ? std::optional<double>(double(*m.exclusiveBlocks))
                                 : std::nullopt;
    case CostColumn: return n.totalCost;
    case FindingsColumn: return double(m_findings.at(nodeId));
    default: break;
    }
    return std::nullopt;
}

QString PlanNodeModel::displayText(int nodeId, int column) const
{
    const PlanNode &n = m_document->plan.node(nodeId);
    const PlanAnalysis::NodeMetrics &m = m_document->analysis.metrics(nodeId);
    switch (column) {
    case NodeColumn: {
        QString text = QString(n.depth * 2, QLatin1Char(' ')) + n.nodeType;
        if (n.neverExecuted)
            text += tr(" (never executed)");
        return text;
    }
    case RelationColumn: return n.relation.isEmpty() ? n.cteName : n.relation;
    case AliasColumn: return n.alias;
    case IndexColumn: return n.index;
    case EstimatedRowsColumn: return PlanFormat::number(n.estimatedRows);
    case ActualRowsColumn: return PlanFormat::number(n.totalActualRows());
    case LoopsColumn: return PlanFormat::number(n.actualLoops);
    case EstimateColumn: return PlanFormat::estimate(m.estimateFactor, m.estimateDirection);
    case ExclusiveColumn: return PlanFormat::ms(m.exclusiveMs);
    case InclusiveColumn: return PlanFormat::ms(m.inclusiveMs);
    case TimeShareColumn: return PlanFormat::percent(m.timeShare);
    case BuffersColumn: return PlanFormat::blocks(m.exclusiveBlocks);
    case CostColumn: return PlanFormat::number(n.totalCost);
    case FindingsColumn:
        return m_findings.at(nodeId) > 0 ? QString::number(m_findings.at(nodeId)) : QString();
    default: break;
    }
    return QString();
}

QVariant PlanNodeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_document)
        return QVariant();
    const int nodeId = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(nodeId, index.column());
    case Qt::ToolTipRole:
        if (index.column() == NodeColumn)
            return Messages::literalRichText(
                PlanFormat::nodeReference(m_document->plan.node(nodeId)));
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() >= EstimatedRowsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case Qt::ForegroundRole: {
        // Large misestimates and hot nodes stand out; everything else keeps the palette.
        const PlanAnalysis::NodeMetrics &m = m_document->analysis.metrics(nodeId);
        if (index.column() == EstimateColumn && m.estimateFactor && *m.estimateFactor >= 10)
            return QBrush(QColor(0xd0, 0x40, 0x30));
        if ((index.column() == ExclusiveColumn || index.column() == TimeShareColumn) &&
            m.timeShare && *m.timeShare >= 0.3)
            return QBrush(QColor(0xd0, 0x40, 0x30));
        return QVariant();
    }
    case NodeIdRole:
        return nodeId;
    case SortRole: {
        if (index.column() <= IndexColumn)
            return displayText(nodeId, index.column());
        const std::optional<double> v = sortValue(nodeId, index.column());
        return v ? QVariant(*v) : QVariant();
    }
    default:
        break;
    }
    return QVariant();
}

void PlanNodeModel::sort(int column, Qt::SortOrder order)
{
    if (!m_document || column < 0 || column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> beforeNodes;
    beforeNodes.reserve(before.size());
    for (const QModelIndex &index : before)
        beforeNodes.append(m_rows.at(index.row()));

    QList<int> rows(m_rows.size());
    std::iota(rows.begin(), rows.end(), 0);
    const bool ascending = order == Qt::AscendingOrder;
    if (column == NodeColumn) {
        // Plan order (depth first), which is what the indentation shows.
        if (!ascending)
            std::reverse(rows.begin(), rows.end());
    } else if (column <= IndexColumn) {
        QList<QString> keys(rows.size());
        for (int id : rows)
            keys[id] = displayText(id, column);
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
            const QString &ka = keys.at(a);
            const QString &kb = keys.at(b);
            if (ka.isEmpty() != kb.isEmpty())
                return kb.isEmpty(); // empty last either way
            const int c = ka.localeAwareCompare(kb);
            return ascending ? c < 0 : c > 0;
        });
    } else {
        QList<std::optional<double>> keys(rows.size());
        for (int id : rows)
            keys[id] = sortValue(id, column);
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
            const std::optional<double> &ka = keys.at(a);
            const std::optional<double> &kb = keys.at(b);
            if (ka.has_value() != kb.has_value())
                return ka.has_value(); // nulls last either way
            if (!ka)
                return false;
            return ascending ? *ka < *kb : *ka > *kb;
        });
    }
    m_rows = rows;
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowOf[m_rows.at(row)] = row;

    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i)
        after.append(index(m_rowOf.at(beforeNodes.at(i)), before.at(i).column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace Strata
