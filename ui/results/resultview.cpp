// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultview.h"

#include "resulteditor.h"
#include "resultgridmodel.h"

#include "results/rowstore.h"

#include <QHeaderView>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Strata {

ResultView::ResultView(RowStore *store, ConnectionManager *connections,
                       const QString &connectionId, const QString &statement, QWidget *parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_connectionId(connectionId)
    , m_statement(statement)
    , m_model(new ResultGridModel(store, this))
    , m_toolBar(new QToolBar(this))
    , m_view(new QTableView(this))
{
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view);

    m_editor = new ResultEditor(this);
}

ResultView::~ResultView() = default;

RowStore *ResultView::store() const
{
    return m_model->store();
}

} // namespace Strata
