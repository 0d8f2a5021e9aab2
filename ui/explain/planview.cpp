// SPDX-License-Identifier: GPL-3.0-or-later
#include "planview.h"

#include "plandetailspanel.h"
#include "planfindingsmodel.h"
#include "planflameview.h"
#include "plangraphpage.h"
#include "planformat.h"
#include "plannodemodel.h"
#include "plannodeselection.h"
#include "planrawview.h"

#include "shell/messages.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Strata {

namespace {

QString engineName(const QString &engine)
{
    if (engine == QLatin1String("postgresql"))
        return QStringLiteral("PostgreSQL");
    if (engine == QLatin1String("mysql"))
        return QStringLiteral("MySQL/MariaDB");
    if (engine == QLatin1String("sqlite"))
        return QStringLiteral("SQLite");
    return engine;
}

} // namespace

PlanView::PlanView(QWidget *parent)
    : QWidget(parent)
    , m_selection(new PlanNodeSelection(this))
    , m_header(new QLabel(this))
    , m_compare(new QToolButton(this))
    , m_quickCompare(new QToolButton(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_pages(new QTabWidget(m_splitter))
    , m_graph(new PlanGraphPage(m_selection, this))
    , m_nodeModel(new PlanNodeModel(this))
    , m_grid(new QTreeView(this))
    , m_flame(new PlanFlameView(m_selection, this))
    , m_findingsModel(new PlanFindingsModel(this))
    , m_findings(new QTreeView(this))
    , m_raw(new PlanRawView(this))
    , m_details(new PlanDetailsPanel(m_selection, m_splitter))
{
    m_header->setObjectName(QStringLiteral("PlanHeader"));
    m_header->setTextFormat(Qt::PlainText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setContentsMargins(6, 3, 6, 3);
    m_compare->setText(tr("Compare with…"));
    m_compare->setToolTip(tr("Compare this plan with another open plan or a plan from a file"));
    m_compare->setPopupMode(QToolButton::InstantPopup);
    m_compare->setAutoRaise(true);
    m_compare->hide(); // shown once someone fills its menu
    m_quickCompare->setObjectName(QStringLiteral("QuickCompare"));
    m_quickCompare->setAutoRaise(true);
    m_quickCompare->hide();

    m_grid->setObjectName(QStringLiteral("PlanGrid"));
    m_grid->setModel(m_nodeModel);
    m_grid->setRootIsDecorated(false);
    m_grid->setUniformRowHeights(true);
    m_grid->setAlternatingRowColors(true);
    m_grid->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setSortingEnabled(true);
    m_grid->sortByColumn(PlanNodeModel::NodeColumn, Qt::AscendingOrder);
    m_grid->header()->setSectionsMovable(true);
    m_grid->setToolTip(tr("Every node of the plan; click a column header to sort"));
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_selection->setCurrentNode(m_nodeModel->nodeIdAt(current.row()));
            });

    auto *flameScroll = new QScrollArea(this);
    flameScroll->setObjectName(QStringLiteral("PlanFlameScroll"));
    flameScroll->setWidgetResizable(true);
    flameScroll->setFrameShape(QFrame::NoFrame);
    flameScroll->setWidget(m_flame);

    m_findings->setObjectName(QStringLiteral("PlanFindings"));
    m_findings->setModel(m_findingsModel);
    m_findings->setRootIsDecorated(false);
    m_findings->setUniformRowHeights(true);
    m_findings->setTextElideMode(Qt::ElideRight); // the whole message: tooltip and details
    m_findings->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_findings->header()->setStretchLastSection(true);
    m_findings->setToolTip(tr("Problems spotted in the plan; activate one to select its node"));
    auto selectFinding = [this](const QModelIndex &index) {
        const int node = m_findingsModel->nodeIdAt(index.row());
        if (index.isValid() && node >= 0)
            m_selection->setCurrentNode(node);
    };
    connect(m_findings, &QAbstractItemView::activated, this, selectFinding);
    connect(m_findings, &QAbstractItemView::clicked, this, selectFinding);

    m_pages->setDocumentMode(true);
    insertPage(-1, m_grid, tr("Grid"));
    insertPage(-1, flameScroll, tr("Flame"));
    insertPage(-1, m_findings, tr("Findings"));
    insertPage(-1, m_raw, tr("Raw"));
    m_pages->setTabToolTip(0, tr("All nodes as a sortable table"));
    m_pages->setTabToolTip(1, tr("Nodes as wide as their time (or cost without ANALYZE)"));
    m_pages->setTabToolTip(2, tr("Problems spotted in the plan"));
    m_pages->setTabToolTip(3, tr("The plan as text"));
    insertPage(0, m_graph, tr("Graph"));
    m_pages->setTabToolTip(0, tr("The plan as a tree of boxes coloured by time; zoom, pan, "
                                 "search and export"));

    m_splitter->addWidget(m_pages);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_header, 1);
    top->addWidget(m_quickCompare);
    top->addWidget(m_compare);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_selection, &PlanNodeSelection::currentNodeChanged, this,
            &PlanView::showSelectedInGrid);
}

PlanView::~PlanView() = default;

void PlanView::insertPage(int index, QWidget *page, const QString &title)
{
    const int at = m_pages->insertTab(index, page, title);
    if (index == 0)
        m_pages->setCurrentIndex(at);
}

void PlanView::setDocument(std::shared_ptr<const PlanDocument> document, const QString &source,
                           const QString &title)
{
    m_document = std::move(document);
    m_source = source;
    if (!title.isEmpty())
        m_title = title;
    m_selection->setCurrentNode(-1);
    m_nodeModel->setDocument(m_document);
    m_findingsModel->setDocument(m_document);
    m_graph->setDocument(m_document);
    m_flame->setDocument(m_document);
    m_details->setDocument(m_document);
    if (m_document)
        m_raw->setPlan(*m_document, source.isEmpty() ? m_document->plan.sourceText : source);
    else
        m_raw->clear();
    m_grid->sortByColumn(PlanNodeModel::NodeColumn, Qt::AscendingOrder);
    for (int column = 0; column < PlanNodeModel::ColumnCount; ++column)
        m_grid->resizeColumnToContents(column);
    m_findings->resizeColumnToContents(PlanFindingsModel::SeverityColumn);
    m_findings->resizeColumnToContents(PlanFindingsModel::NodeColumn);
    m_header->setText(headerText());
    m_header->setToolTip(Messages::literalRichText(headerText()));
    if (m_document && !m_document->plan.isEmpty()) {
        // Start on the worst problem, else on the root.
        const int first = m_document->findings.isEmpty() ? 0 : m_document->findings.first().nodeId;
        m_selection->setCurrentNode(first >= 0 ? first : 0);
    }
}

QString PlanView::headerText() const
{
    if (!m_document)
        return QString();
    const Plan &plan = m_document->plan;
    QStringList parts{engineName(plan.engine)};
    if (plan.planningMs)
        parts.append(tr("planning %1").arg(PlanFormat::ms(plan.planningMs)));
    if (plan.executionMs)
        parts.append(tr("execution %1").arg(PlanFormat::ms(plan.executionMs)));
    else if (!plan.hasActuals())
        parts.append(tr("estimate only"));
    parts.append(plan.nodeCount() == 1 ? tr("1 node") : tr("%L1 nodes").arg(plan.nodeCount()));
    if (m_document->findings.isEmpty()) {
        parts.append(tr("no findings"));
    } else {
        const PlanFinding &worst = m_document->findings.first();
        QString message = worst.message;
        if (message.size() > 160)
            message = message.left(160) + QStringLiteral("…");
        parts.append(tr("%1: %2").arg(PlanFormat::severityText(worst.severity), message));
    }
    return parts.join(QStringLiteral(" · "));
}

void PlanView::showSelectedInGrid(int nodeId)
{
    const int row = m_nodeModel->rowOf(nodeId);
    if (row < 0) {
        m_grid->clearSelection();
        return;
    }
    const QModelIndex index = m_nodeModel->index(row, 0);
    if (m_grid->currentIndex().row() != row)
        m_grid->setCurrentIndex(index);
    m_grid->scrollTo(index);
}

} // namespace Strata
