// SPDX-License-Identifier: GPL-3.0-or-later
#include "planfindingsmodel.h"

#include "planformat.h"

#include "shell/messages.h"

namespace Strata {

PlanFindingsModel::PlanFindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PlanFindingsModel::setDocument(std::shared_ptr<const PlanDocument> document)
{
    beginResetModel();
    m_document = std::move(document);
    endResetModel();
}

int PlanFindingsModel::nodeIdAt(int row) const
{
    if (!m_document || row < 0 || row >= m_document->findings.size())
        return -1;
    return m_document->findings.at(row).nodeId;
}

int PlanFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_document ? 0 : int(m_document->findings.size());
}

int PlanFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case NodeColumn: return tr("Node");
    case MessageColumn: return tr("Finding");
    default: break;
    }
    return QVariant();
}

QVariant PlanFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_document)
        return QVariant();
    const PlanFinding &finding = m_document->findings.at(index.row());
    const bool hasNode = finding.nodeId >= 0 && finding.nodeId < m_document->plan.nodeCount();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: return PlanFormat::severityText(finding.severity);
        case NodeColumn:
            return hasNode ? PlanFormat::nodeReference(m_document->plan.node(finding.nodeId))
                           : tr("the whole statement");
        case MessageColumn: return finding.message;
        default: break;
        }
        break;
    case Qt::ToolTipRole:
        // Tooltips guess rich text: server names must not be read as HTML.
        return Messages::literalRichText(finding.message);
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return PlanFormat::severityIcon(finding.severity);
        break;
    case NodeIdRole:
        return finding.nodeId;
    default:
        break;
    }
    return QVariant();
}

} // namespace Strata
