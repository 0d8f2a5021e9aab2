// SPDX-License-Identifier: GPL-3.0-or-later
#include "plancompareview.h"

#include "plancomparemodel.h"
#include "planformat.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace Strata {

namespace {

QTreeView *makeGrid(PlanCompareModel *model, QWidget *parent, const QString &name)
{
    auto *view = new QTreeView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->header()->setStretchLastSection(true);
    // What changed is what the comparison is about: right after the node.
    view->header()->moveSection(PlanCompareModel::ChangeColumn, 1);
    view->setToolTip(QCoreApplication::translate(
        "Strata::PlanCompareView", "Selecting a node selects its match in the other plan"));
    return view;
}

QWidget *titled(QLabel *title, QWidget *body, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(title);
    layout->addWidget(body);
    return box;
}

} // namespace

PlanCompareView::PlanCompareView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_beforeTitle(new QLabel(this))
    , m_afterTitle(new QLabel(this))
    , m_beforeModel(new PlanCompareModel(PlanCompareModel::Side::Before, this))
    , m_afterModel(new PlanCompareModel(PlanCompareModel::Side::After, this))
    , m_findings(new QPlainTextEdit(this))
{
    m_beforeView = makeGrid(m_beforeModel, this, QStringLiteral("CompareBefore"));
    m_afterView = makeGrid(m_afterModel, this, QStringLiteral("CompareAfter"));
    for (QLabel *label : {m_summary, m_beforeTitle, m_afterTitle}) {
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_summary->setObjectName(QStringLiteral("CompareSummary"));
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(6, 4, 6, 4);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_findings->setObjectName(QStringLiteral("CompareFindings"));
    m_findings->setReadOnly(true);
    m_findings->setMaximumHeight(90);
    m_findings->setPlaceholderText(tr("No finding appeared or went away."));

    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(titled(m_beforeTitle, m_beforeView, sides));
    sides->addWidget(titled(m_afterTitle, m_afterView, sides));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_summary);
    layout->addWidget(sides, 1);
    layout->addWidget(m_findings);

    linkSelection(m_beforeView, m_afterView, true);
    linkSelection(m_afterView, m_beforeView, false);
}

PlanCompareView::~PlanCompareView() = default;

void PlanCompareView::setPlans(std::shared_ptr<const PlanDocument> before,
                               const QString &beforeTitle,
                               std::shared_ptr<const PlanDocument> after,
                               const QString &afterTitle)
{
    m_diff = std::make_shared<const PlanDiff>(PlanDiff::compare(*before, *after));
    m_beforeModel->setComparison(before, after, m_diff);
    m_afterModel->setComparison(before, after, m_diff);
    m_summary->setText(m_diff->summary());
    m_beforeTitle->setText(tr("Before: %1").arg(beforeTitle));
    m_afterTitle->setText(tr("After: %1").arg(afterTitle));
    QStringList lines;
    for (const PlanDiff::FindingChange &change : m_diff->findingChanges()) {
        const PlanDocument &doc = change.appeared ? *after : *before;
        const QString node = change.finding.nodeId >= 0 && change.finding.nodeId < doc.plan.nodeCount()
            ? PlanFormat::nodeReference(doc.plan.node(change.finding.nodeId))
            : tr("the statement");
        lines.append((change.appeared ? tr("New %1 (%2): %3") : tr("Went away %1 (%2): %3"))
                         .arg(PlanFormat::severityText(change.finding.severity).toLower(), node,
                              change.finding.message));
    }
    m_findings->setPlainText(lines.join(QLatin1Char('\n')));
    for (QTreeView *view : {m_beforeView, m_afterView}) {
        for (int column = 0; column < PlanCompareModel::ColumnCount; ++column)
            view->resizeColumnToContents(column);
        // Long change texts are in the tooltip; the figures stay in view.
        view->setColumnWidth(PlanCompareModel::ChangeColumn,
                             std::min(view->columnWidth(PlanCompareModel::ChangeColumn), 240));
        view->setColumnWidth(PlanCompareModel::NodeColumn,
                             std::min(view->columnWidth(PlanCompareModel::NodeColumn), 320));
    }
}

void PlanCompareView::showRow(QTreeView *view, int row)
{
    if (row < 0) {
        view->clearSelection();
        view->setCurrentIndex(QModelIndex());
        return;
    }
    const QModelIndex index = view->model()->index(row, 0);
    view->setCurrentIndex(index);
    view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void PlanCompareView::linkSelection(QTreeView *from, QTreeView *to, bool fromBefore)
{
    connect(from->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, to, fromBefore](const QModelIndex &current) {
                if (m_syncing || !m_diff || !current.isValid())
                    return;
                m_syncing = true;
                const int node = current.row();
                showRow(to, fromBefore ? m_diff->afterOf(node) : m_diff->beforeOf(node));
                m_syncing = false;
            });
}

void PlanCompareView::selectBefore(int nodeId)
{
    showRow(m_beforeView, nodeId);
}

void PlanCompareView::selectAfter(int nodeId)
{
    showRow(m_afterView, nodeId);
}

} // namespace Strata
