// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plandocument.h"
#include "explain/planlayout.h"
#include "explain/plannodelabel.h"
#include "explain/planpalette.h"
#include "explain/plannodeselection.h"

#include <QAbstractScrollArea>
#include <QFont>
#include <QImage>
#include <QPointer>

#include <memory>

namespace Strata {

// The plan as a tree of boxes, custom-painted: only what is visible is drawn (a spatial
// lookup over PlanLayout), so 10,000-node plans pan and zoom at frame rate. Box colour by
// exclusive-time share, edge width by rows, the worst finding badged; click selects the node
// in the shared PlanNodeSelection, and a selection made elsewhere scrolls into view.
// Ctrl+wheel zooms about the cursor, dragging or the arrow keys pan. All server text is
// drawn with drawText (plain text); tooltips are escaped.
class STRATA_UI_EXPORT PlanGraphView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit PlanGraphView(PlanNodeSelection *selection, QWidget *parent = nullptr);
    ~PlanGraphView() override;

    void setDocument(std::shared_ptr<const PlanDocument> document);
    std::shared_ptr<const PlanDocument> document() const { return m_document; }
    const PlanLayout &planLayout() const { return m_layout; }
    PlanNodeSelection *selection() const { return m_selection; }

    static constexpr double maxZoom = 4.0;
    double zoom() const { return m_zoom; }
    // The zoom at which the whole graph fits the viewport (at most 1).
    double fitZoom() const;
    double minZoom() const;
    // Zooms keeping the scene point under anchor (viewport coordinates) in place.
    void setZoom(double zoom, const QPointF &anchor);
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    void fitToView();
    void resetZoom(); // 100%

    // Search over type, relation, alias, index, conditions: highlights every match.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    QList<int> matches() const { return m_matches; }
    int currentMatchIndex() const { return m_currentMatch; }
    // Select the next (previous) match, wrapping around, and scroll it into view.
    void nextMatch();
    void previousMatch();

    // Scrolls (keeping the zoom) so nodeId is fully visible, centring it if it was not.
    void ensureNodeVisible(int nodeId);
    QRectF nodeViewportRect(int nodeId) const;
    int nodeAtViewportPos(const QPointF &pos) const;
    QPointF viewportToScene(const QPointF &pos) const;
    QPointF sceneToViewport(const QPointF &scene) const;
    // The tooltip of nodeId: its label and its findings, escaped for QToolTip.
    QString toolTipFor(int nodeId) const;

    // The whole graph, every detail, at scale (1 = 100%) on the view's background.
    QImage renderImage(double scale) const;
    // The pixel size renderImage(scale) would have.
    QSize imageSize(double scale) const;

    bool isDarkTheme() const { return m_palette.isDark(); }

Q_SIGNALS:
    void zoomChanged(double zoom);
    void matchesChanged(int current, int count); // current: -1 before the first jump

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild(); // labels, sizes, layout: on a new document or font
    void pickPalette();
    void updateScrollBars();
    QPointF contentOffset() const;
    void jumpToMatch(int index);
    void applyInitialView(); // the whole plan when readable, else 75% from the root
    void paintScene(QPainter *painter, const QRectF &sceneRect, double scale, bool allDetail) const;
    void paintBoxes(QPainter *painter, const QList<int> &nodes, double scale) const;
    void paintOverview(QPainter *painter, const QRectF &sceneRect, double scale) const;
    void paintTitles(QPainter *painter, const QRectF &sceneRect, double scale) const;

    QPointer<PlanNodeSelection> m_selection;
    std::shared_ptr<const PlanDocument> m_document;
    PlanLayout m_layout;
    PlanPalette m_palette;
    QList<QStringList> m_lines;   // per node: the label's lines, elided to the box
    QList<bool> m_misestimated;   // per node: draw the rows line in the warning colour
    QList<double> m_heats;
    QList<int> m_worst;           // worst finding severity, -1 for none
    QList<double> m_edgeWidths;
    QList<bool> m_isMatch;
    QFont m_titleFont;
    double m_lineHeight = 16;
    double m_zoom = 1.0;
    bool m_fitPending = true; // fit on the first show with a document

    QString m_searchText;
    QList<int> m_matches;
    int m_currentMatch = -1;

    QPoint m_pressPos;
    QPoint m_pressScroll;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace Strata
