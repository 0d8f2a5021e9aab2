// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"

#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace Strata {

class PlanDetailsPanel;
class PlanFindingsModel;
class PlanFlameView;
class PlanGraphPage;
class PlanNodeModel;
class PlanNodeSelection;
class PlanRawView;

// One plan on screen: a header line (engine, planning and execution time, node count, the
// worst finding), the pages in tabs (Grid, Flame, Findings, Raw; other views such as the
// graph come in through insertPage()) and the details of the selected node beside them. All
// pages share one PlanNodeSelection: selecting anywhere selects everywhere.
class STRATA_UI_EXPORT PlanView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanView(QWidget *parent = nullptr);
    ~PlanView() override;

    // source: the text the plan was read from (shown on the Raw page); when empty, the
    // plan's own Plan::sourceText (what the server sent for a plan explained here). title names the plan in lists ("Plan 2", a file name).
    void setDocument(std::shared_ptr<const PlanDocument> document, const QString &source = {},
                     const QString &title = {});
    std::shared_ptr<const PlanDocument> document() const { return m_document; }
    QString title() const { return m_title; }
    void setTitle(const QString &title) { m_title = title; }
    QString source() const { return m_source; }

    // Adds a page; index 0 makes it the first (and current) page. The page shares
    // selection(); the built-in pages use this too.
    void insertPage(int index, QWidget *page, const QString &title);
    QTabWidget *pages() const { return m_pages; }
    PlanNodeSelection *selection() const { return m_selection; }

    QString headerText() const;
    QLabel *header() const { return m_header; }
    // "Compare with…" beside the header; the owner fills its menu.
    QToolButton *compareButton() const { return m_compare; }
    // "Compare with Plan 1" when an earlier plan of the same query is open; hidden otherwise.
    QToolButton *quickCompareButton() const { return m_quickCompare; }
    QTreeView *grid() const { return m_grid; }
    PlanNodeModel *nodeModel() const { return m_nodeModel; }
    QTreeView *findingsList() const { return m_findings; }
    PlanFindingsModel *findingsModel() const { return m_findingsModel; }
    PlanGraphPage *graphPage() const { return m_graph; }
    PlanFlameView *flameView() const { return m_flame; }
    PlanDetailsPanel *detailsPanel() const { return m_details; }
    PlanRawView *rawView() const { return m_raw; }

private:
    void showSelectedInGrid(int nodeId);

    std::shared_ptr<const PlanDocument> m_document;
    QString m_title;
    QString m_source;
    PlanNodeSelection *m_selection;
    QLabel *m_header;
    QToolButton *m_compare;
    QToolButton *m_quickCompare;
    QSplitter *m_splitter;
    QTabWidget *m_pages;
    PlanGraphPage *m_graph;
    PlanNodeModel *m_nodeModel;
    QTreeView *m_grid;
    PlanFlameView *m_flame;
    PlanFindingsModel *m_findingsModel;
    QTreeView *m_findings;
    PlanRawView *m_raw;
    PlanDetailsPanel *m_details;
};

} // namespace Strata
