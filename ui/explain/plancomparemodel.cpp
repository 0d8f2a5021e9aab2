// SPDX-License-Identifier: GPL-3.0-or-later
#include "plancomparemodel.h"

#include "planformat.h"

#include "shell/messages.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <cmath>

namespace Strata {

PlanCompareModel::PlanCompareModel(Side side, QObject *parent)
    : QAbstractTableModel(parent)
    , m_side(side)
{}

void PlanCompareModel::setComparison(std::shared_ptr<const PlanDocument> before,
                                     std::shared_ptr<const PlanDocument> after,
                                     std::shared_ptr<const PlanDiff> diff)
{
    beginResetModel();
    m_before = std::move(before);
    m_after = std::move(after);
    m_diff = std::move(diff);
    endResetModel();
}

const PlanDocument *PlanCompareModel::mine() const
{
    return m_side == Side::Before ? m_before.get() : m_after.get();
}

const PlanDocument *PlanCompareModel::theirs() const
{
    return m_side == Side::Before ? m_after.get() : m_before.get();
}

const PlanDiff::Pair *PlanCompareModel::pairOf(int nodeId) const
{
    if (!m_diff)
        return nullptr;
    return m_side == Side::Before ? m_diff->pairOfBefore(nodeId) : m_diff->pairOfAfter(nodeId);
}

int PlanCompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !mine() ? 0 : mine()->plan.nodeCount();
}

int PlanCompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NodeColumn: return tr("Node");
        case RowsColumn: return tr("Rows");
        case InclusiveColumn: return tr("Inclusive");
        case ExclusiveColumn: return tr("Exclusive");
        case ChangeColumn: return tr("Change");
        default: break;
        }
    } else if (role == Qt::ToolTipRole && section == ChangeColumn) {
        return tr("What changed against the matching node of the other plan");
    } else if (role == Qt::TextAlignmentRole && section != NodeColumn && section != ChangeColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return QVariant();
}

QColor PlanCompareModel::verdictColor(PlanDiff::Verdict verdict)
{
    switch (verdict) {
    case PlanDiff::Verdict::Better:
        return QColor(0x2e, 0xa0, 0x43, 0x60);
    case PlanDiff::Verdict::Worse:
        return QColor(0xd0, 0x35, 0x2b, 0x60);
    case PlanDiff::Verdict::Changed:
        return QColor(0xe0, 0xa0, 0x20, 0x50);
    case PlanDiff::Verdict::Same:
        break;
    }
    return QColor();
}

QString PlanCompareModel::changeText(int nodeId) const
{
    const PlanDiff::Pair *pair = pairOf(nodeId);
    if (!pair)
        return QString();
    const int other = m_side == Side::Before ? pair->after : pair->before;
    if (other < 0)
        return m_side == Side::Before ? tr("only in the first plan") : tr("only in the second plan");
    QStringList parts;
    const PlanNode &a = m_before->plan.node(pair->before);
    const PlanNode &b = m_after->plan.node(pair->after);
    if (pair->typeChanged)
        parts.append(tr("%1 → %2").arg(PlanFormat::nodeTitle(a), PlanFormat::nodeTitle(b)));
    for (const PlanDiff::FigureChange &change : pair->changes) {
        if (change.figure == PlanDiff::Figure::ExclusiveMs ||
            change.figure == PlanDiff::Figure::Loops)
            continue; // the inclusive figure and the rows say it
        const double r = change.ratio();
        QString how;
        if (std::isinf(r))
            how = tr("from 0");
        else if (r >= 1)
            how = QStringLiteral("↑ %1×").arg(QLocale().toString(r, 'f', r >= 10 ? 0 : 1));
        else if (r > 0)
            how = QStringLiteral("↓ %1×").arg(QLocale().toString(1 / r, 'f', 1 / r >= 10 ? 0 : 1));
        else
            how = tr("to 0");
        parts.append(QStringLiteral("%1 %2").arg(PlanDiff::figureName(change.figure), how));
    }
    return parts.join(QStringLiteral("; "));
}

QVariant PlanCompareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !mine())
        return QVariant();
    const int id = index.row();
    const PlanNode &n = mine()->plan.node(id);
    const PlanAnalysis::NodeMetrics &m = mine()->analysis.metrics(id);
    const PlanDiff::Pair *pair = pairOf(id);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NodeColumn:
            return QString(n.depth * 2, QLatin1Char(' ')) + PlanFormat::nodeTitle(n);
        case RowsColumn:
            return PlanFormat::number(n.totalActualRows() ? n.totalActualRows() : n.estimatedRows);
        case InclusiveColumn: return PlanFormat::ms(m.inclusiveMs);
        case ExclusiveColumn: return PlanFormat::ms(m.exclusiveMs);
        case ChangeColumn: return changeText(id);
        default: break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ChangeColumn || index.column() == NodeColumn) {
            const QString text = index.column() == NodeColumn ? PlanFormat::nodeReference(n)
                                                              : changeText(id);
            return text.isEmpty() ? QVariant() : QVariant(Messages::literalRichText(text));
        }
        break;
    case Qt::BackgroundRole:
        if (pair && pair->verdict != PlanDiff::Verdict::Same)
            return QBrush(verdictColor(pair->verdict));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != NodeColumn && index.column() != ChangeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case NodeIdRole:
        return id;
    case VerdictRole:
        return int(pair ? pair->verdict : PlanDiff::Verdict::Same);
    default:
        break;
    }
    return QVariant();
}

} // namespace Strata
