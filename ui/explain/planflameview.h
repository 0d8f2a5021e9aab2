// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"

#include <QList>
#include <QWidget>

#include <memory>

namespace Strata {

class PlanNodeSelection;

// An icicle graph of a plan: the root across the top, each node as wide as its inclusive time
// (its total cost for plans without ANALYZE) and coloured by its own share. Click selects,
// hovering tells the figures, double-click or Ctrl+wheel zooms into a subtree, Ctrl+wheel back
// or Esc zooms out.
class STRATA_UI_EXPORT PlanFlameView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int RowHeight = 22;

    PlanFlameView(PlanNodeSelection *selection, QWidget *parent = nullptr);

    void setDocument(std::shared_ptr<const PlanDocument> document);
    // True when widths are times, false when they are costs.
    bool byTime() const { return m_byTime; }
    int zoomNode() const { return m_zoom; }
    void zoomTo(int nodeId);
    void resetZoom() { zoomTo(0); }
    // The node drawn at pos, or -1.
    int nodeAt(const QPoint &pos) const;
    // Where the node is drawn (empty when it is not visible at this zoom).
    QRect nodeRect(int nodeId) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void zoomChanged(int nodeId);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void layoutNodes();
    QString tooltipFor(int nodeId) const;
    QColor heatColor(int nodeId) const;

    PlanNodeSelection *m_selection;
    std::shared_ptr<const PlanDocument> m_document;
    bool m_byTime = false;
    QList<double> m_x0; // 0..1 of the root's width
    QList<double> m_x1;
    QList<bool> m_inZoom; // in the zoomed subtree, or an ancestor of it
    int m_zoom = 0;
    int m_maxDepth = 0;
};

} // namespace Strata
