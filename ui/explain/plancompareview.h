// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandiff.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QTreeView;

namespace Strata {

class PlanCompareModel;

// Two plans of one query side by side: a summary line ("Execution 18.2 ms → 2.1 ms (8.7×
// faster); Seq Scan on orders → Index Scan ..."), the two plans as grids with their matched
// nodes linked (selecting a node selects and shows its match), the differences coloured and
// spelled out in a Change column, and the findings that appeared or went away.
class STRATA_UI_EXPORT PlanCompareView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanCompareView(QWidget *parent = nullptr);
    ~PlanCompareView() override;

    // The diff is computed here; titles name the two plans in the headers.
    void setPlans(std::shared_ptr<const PlanDocument> before, const QString &beforeTitle,
                  std::shared_ptr<const PlanDocument> after, const QString &afterTitle);
    const PlanDiff *diff() const { return m_diff.get(); }

    QLabel *summary() const { return m_summary; }
    QTreeView *beforeView() const { return m_beforeView; }
    QTreeView *afterView() const { return m_afterView; }
    PlanCompareModel *beforeModel() const { return m_beforeModel; }
    PlanCompareModel *afterModel() const { return m_afterModel; }
    QPlainTextEdit *findings() const { return m_findings; }

    // Selects a node of one side (and its match on the other).
    void selectBefore(int nodeId);
    void selectAfter(int nodeId);

private:
    void linkSelection(QTreeView *from, QTreeView *to, bool fromBefore);
    static void showRow(QTreeView *view, int row);

    std::shared_ptr<const PlanDiff> m_diff;
    QLabel *m_summary;
    QLabel *m_beforeTitle;
    QLabel *m_afterTitle;
    QTreeView *m_beforeView;
    QTreeView *m_afterView;
    PlanCompareModel *m_beforeModel;
    PlanCompareModel *m_afterModel;
    QPlainTextEdit *m_findings;
    bool m_syncing = false;
};

} // namespace Strata
