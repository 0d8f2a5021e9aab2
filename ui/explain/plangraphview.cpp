// SPDX-License-Identifier: GPL-3.0-or-later
#include "plangraphview.h"

#include "plannodeselection.h"
#include "textadvancecache.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Strata {

namespace {

// Pixels of background around the graph, at any zoom.
constexpr double marginPx = 24.0;
// From this zoom up boxes carry their whole label; below it the text would be unreadable.
constexpr double textZoom = 0.45;
// Between this and textZoom only the node types are drawn, in a font kept readable.
constexpr double titleZoom = 0.18;
constexpr double titlePixels = 10.0;
constexpr double zoomStep = 1.25;

QColor rgb(quint32 c)
{
    return QColor::fromRgb(c);
}

} // namespace

PlanGraphView::PlanGraphView(PlanNodeSelection *selection, QWidget *parent)
    : QAbstractScrollArea(parent), m_selection(selection)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setMouseTracking(false);
    horizontalScrollBar()->setSingleStep(40);
    verticalScrollBar()->setSingleStep(40);
    setToolTip(tr("Plan graph: click a node to select it, drag to pan, Ctrl+wheel to zoom"));
    pickPalette();
    if (m_selection) {
        connect(m_selection, &PlanNodeSelection::currentNodeChanged, this, [this](int nodeId) {
            viewport()->update();
            ensureNodeVisible(nodeId);
        });
    }
}

PlanGraphView::~PlanGraphView() = default;

void PlanGraphView::setDocument(std::shared_ptr<const PlanDocument> document)
{
    m_document = std::move(document);
    rebuild();
    m_fitPending = true;
    if (isVisible())
        applyInitialView();
    else
        updateScrollBars();
    setSearchText(m_searchText);
    viewport()->update();
}

void PlanGraphView::rebuild()
{
    m_lines.clear();
    m_misestimated.clear();
    m_heats.clear();
    m_worst.clear();
    m_edgeWidths.clear();
    m_layout = PlanLayout();
    if (!m_document || m_document->plan.isEmpty())
        return;
    const PlanDocument &doc = *m_document;
    const int n = doc.plan.nodeCount();
    m_titleFont = font();
    m_titleFont.setBold(true);
    TextAdvanceCache regular(font());
    TextAdvanceCache bold(m_titleFont);
    m_lineHeight = std::ceil(std::max(regular.metrics().height(), bold.metrics().height()));
    const double pad = PlanPalette::padding;
    const double badgeRoom = 2 * PlanPalette::badgeRadius + 4;
    m_worst = PlanPalette::worstSeverities(doc);

    QList<QSizeF> sizes;
    sizes.reserve(n);
    m_lines.reserve(n);
    m_misestimated.reserve(n);
    for (int i = 0; i < n; ++i) {
        const PlanNodeLabel label = PlanNodeLabel::of(doc, i);
        QStringList lines = label.lines();
        double width = 0;
        for (int l = 0; l < lines.size(); ++l) {
            const double w = l == 0 ? bold.width(lines.at(l)) + badgeRoom
                                    : regular.width(lines.at(l));
            width = std::max(width, w);
        }
        width = std::clamp(std::ceil(width + 2 * pad), PlanPalette::minBoxWidth,
                           PlanPalette::maxBoxWidth);
        const double room = width - 2 * pad;
        for (int l = 0; l < lines.size(); ++l) {
            TextAdvanceCache &cache = l == 0 ? bold : regular;
            const double lineRoom = l == 0 && m_worst.at(i) >= 0 ? room - badgeRoom : room;
            if (cache.width(lines.at(l)) > lineRoom
                && cache.metrics().horizontalAdvance(lines.at(l)) > lineRoom)
                lines[l] = cache.metrics().elidedText(lines.at(l), Qt::ElideRight, lineRoom);
        }
        sizes.append(QSizeF(width, lines.size() * m_lineHeight + 2 * pad));
        m_lines.append(lines);
        m_misestimated.append(label.misestimated && !label.rows.isEmpty());
    }
    m_layout = PlanLayout::compute(doc.plan, sizes);
    m_heats = PlanPalette::heats(doc);
    m_edgeWidths.resize(n);
    for (int i = 0; i < n; ++i)
        m_edgeWidths[i] = i == 0 ? 0.0 : PlanPalette::edgeWidth(doc, i);
}

void PlanGraphView::pickPalette()
{
    m_palette = palette().color(QPalette::Window).lightness() < 128 ? PlanPalette::dark()
                                                                    : PlanPalette::light();
}

// --- geometry ---------------------------------------------------------------------------

double PlanGraphView::fitZoom() const
{
    if (m_layout.isEmpty())
        return 1.0;
    const QRectF b = m_layout.boundingRect();
    const double w = std::max(1.0, viewport()->width() - 2 * marginPx);
    const double h = std::max(1.0, viewport()->height() - 2 * marginPx);
    return std::min({1.0, w / std::max(1.0, b.width()), h / std::max(1.0, b.height())});
}

double PlanGraphView::minZoom() const
{
    return std::max(1e-4, std::min(0.1, fitZoom()));
}

QPointF PlanGraphView::contentOffset() const
{
    const QRectF b = m_layout.boundingRect();
    const double cw = b.width() * m_zoom + 2 * marginPx;
    const double ch = b.height() * m_zoom + 2 * marginPx;
    const double x = cw < viewport()->width() ? (viewport()->width() - cw) / 2
                                              : -horizontalScrollBar()->value();
    const double y = ch < viewport()->height() ? (viewport()->height() - ch) / 2
                                               : -verticalScrollBar()->value();
    return QPointF(x + marginPx, y + marginPx);
}

QPointF PlanGraphView::sceneToViewport(const QPointF &scene) const
{
    return contentOffset() + (scene - m_layout.boundingRect().topLeft()) * m_zoom;
}

QPointF PlanGraphView::viewportToScene(const QPointF &pos) const
{
    return (pos - contentOffset()) / m_zoom + m_layout.boundingRect().topLeft();
}

QRectF PlanGraphView::nodeViewportRect(int nodeId) const
{
    const QRectF r = m_layout.nodeRect(nodeId);
    return QRectF(sceneToViewport(r.topLeft()), r.size() * m_zoom);
}

int PlanGraphView::nodeAtViewportPos(const QPointF &pos) const
{
    return m_layout.nodeAt(viewportToScene(pos));
}

void PlanGraphView::updateScrollBars()
{
    const QRectF b = m_layout.boundingRect();
    const int cw = int(std::ceil(b.width() * m_zoom + 2 * marginPx));
    const int ch = int(std::ceil(b.height() * m_zoom + 2 * marginPx));
    const QSize vp = viewport()->size();
    horizontalScrollBar()->setRange(0, std::max(0, cw - vp.width()));
    horizontalScrollBar()->setPageStep(vp.width());
    verticalScrollBar()->setRange(0, std::max(0, ch - vp.height()));
    verticalScrollBar()->setPageStep(vp.height());
}

void PlanGraphView::setZoom(double zoom, const QPointF &anchor)
{
    zoom = std::clamp(zoom, minZoom(), maxZoom);
    if (m_layout.isEmpty() || qFuzzyCompare(zoom, m_zoom)) {
        m_zoom = m_layout.isEmpty() ? zoom : m_zoom;
        return;
    }
    const QPointF scene = viewportToScene(anchor);
    m_zoom = zoom;
    updateScrollBars();
    const QPointF at = (scene - m_layout.boundingRect().topLeft()) * m_zoom
                       + QPointF(marginPx, marginPx);
    horizontalScrollBar()->setValue(int(std::lround(at.x() - anchor.x())));
    verticalScrollBar()->setValue(int(std::lround(at.y() - anchor.y())));
    viewport()->update();
    Q_EMIT zoomChanged(m_zoom);
}

void PlanGraphView::setZoom(double zoom)
{
    setZoom(zoom, QRectF(viewport()->rect()).center());
}

void PlanGraphView::zoomIn()
{
    setZoom(m_zoom * zoomStep);
}

void PlanGraphView::zoomOut()
{
    setZoom(m_zoom / zoomStep);
}

void PlanGraphView::fitToView()
{
    m_fitPending = false;
    const double fit = fitZoom();
    if (!qFuzzyCompare(fit, m_zoom)) {
        m_zoom = fit;
        Q_EMIT zoomChanged(m_zoom);
    }
    updateScrollBars();
    horizontalScrollBar()->setValue(horizontalScrollBar()->maximum() / 2);
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

void PlanGraphView::resetZoom()
{
    // Keep the selected node (else the view's centre) where it is.
    const int selected = m_selection ? m_selection->currentNode() : -1;
    if (selected >= 0 && selected < m_layout.nodeCount()) {
        const QRectF r = nodeViewportRect(selected);
        if (QRectF(viewport()->rect()).intersects(r)) {
            setZoom(1.0, r.center());
            return;
        }
    }
    setZoom(1.0);
}

void PlanGraphView::ensureNodeVisible(int nodeId)
{
    if (nodeId < 0 || nodeId >= m_layout.nodeCount())
        return;
    const QRectF r = nodeViewportRect(nodeId);
    if (QRectF(viewport()->rect()).contains(r))
        return;
    const QPointF delta = r.center() - QRectF(viewport()->rect()).center();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::lround(delta.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::lround(delta.y())));
    viewport()->update();
}

// --- search -----------------------------------------------------------------------------

void PlanGraphView::setSearchText(const QString &text)
{
    m_searchText = text;
    m_matches.clear();
    m_currentMatch = -1;
    const int n = m_document ? m_document->plan.nodeCount() : 0;
    m_isMatch = QList<bool>(n, false);
    const QString needle = text.trimmed();
    for (int i = 0; i < n && !needle.isEmpty(); ++i) {
        if (PlanNodeLabel::matches(m_document->plan.node(i), needle)) {
            m_matches.append(i);
            m_isMatch[i] = true;
        }
    }
    viewport()->update();
    Q_EMIT matchesChanged(m_currentMatch, int(m_matches.size()));
}

void PlanGraphView::jumpToMatch(int index)
{
    m_currentMatch = index;
    const int node = m_matches.at(index);
    if (m_selection && m_selection->currentNode() != node)
        m_selection->setCurrentNode(node); // scrolls it into view
    else
        ensureNodeVisible(node);
    viewport()->update();
    Q_EMIT matchesChanged(m_currentMatch, int(m_matches.size()));
}

void PlanGraphView::nextMatch()
{
    if (m_matches.isEmpty())
        return;
    jumpToMatch(m_currentMatch < 0 ? 0 : (m_currentMatch + 1) % int(m_matches.size()));
}

void PlanGraphView::previousMatch()
{
    if (m_matches.isEmpty())
        return;
    const int n = int(m_matches.size());
    jumpToMatch(m_currentMatch < 0 ? n - 1 : (m_currentMatch + n - 1) % n);
}

// --- painting ---------------------------------------------------------------------------

void PlanGraphView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), rgb(m_palette.colors().background));
    if (m_layout.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No plan"));
        return;
    }
    const QRectF visible(viewportToScene(QPointF(event->rect().topLeft())),
                         viewportToScene(QPointF(event->rect().bottomRight()) + QPointF(1, 1)));
    painter.translate(contentOffset());
    painter.scale(m_zoom, m_zoom);
    painter.translate(-m_layout.boundingRect().topLeft());
    paintScene(&painter, visible, m_zoom, false);
}

void PlanGraphView::paintScene(QPainter *painter, const QRectF &sceneRect, double scale,
                               bool allDetail) const
{
    const PlanPalette::Colors &colors = m_palette.colors();
    const bool detail = allDetail || scale >= textZoom;
    if (!detail) {
        paintOverview(painter, sceneRect, scale);
        if (scale >= titleZoom)
            paintTitles(painter, sceneRect, scale);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    // Edges: consecutive edges often share a width, so a frame sets few pens.
    QPen pen(rgb(colors.edge));
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::RoundJoin);
    double current = -1;
    for (int id : m_layout.edgesIn(sceneRect)) {
        const double w = m_edgeWidths.at(id);
        if (w != current) {
            pen.setWidthF(w);
            painter->setPen(pen);
            current = w;
        }
        const QList<QPointF> e = m_layout.edge(id);
        painter->drawPolyline(e.constData(), int(e.size()));
    }
    paintBoxes(painter, m_layout.nodesIn(sceneRect), scale);
}

void PlanGraphView::paintOverview(QPainter *painter, const QRectF &sceneRect, double scale) const
{
    // Zoomed far out, thousands of nodes can share a device pixel: draw what the eye can
    // tell apart. Edges: one bus per parent and one stem per pixel column; boxes less than a
    // pixel apart merge into pixel-wide runs coloured by the hottest of them.
    const PlanPalette::Colors &colors = m_palette.colors();
    painter->setRenderHint(QPainter::Antialiasing, false);
    const double px = 1.0 / scale; // one device pixel in scene units
    QList<QLineF> lines;
    int parent = -1;
    double busLeft = 0;
    double busRight = 0;
    double busY = 0;
    double lastStem = -1e300;
    const auto flushBus = [&] {
        if (parent < 0)
            return;
        const QRectF p = m_layout.nodeRect(parent);
        lines.append(QLineF(p.center().x(), p.bottom(), p.center().x(), busY));
        if (busRight - busLeft >= px)
            lines.append(QLineF(busLeft, busY, busRight, busY));
    };
    for (int id : m_layout.edgesIn(sceneRect)) {
        const QList<QPointF> e = m_layout.edge(id);
        const int p = m_layout.parentOf(id);
        if (p != parent) {
            flushBus();
            parent = p;
            busLeft = std::min(e.at(1).x(), e.at(2).x());
            busRight = std::max(e.at(1).x(), e.at(2).x());
            busY = e.at(1).y();
            lastStem = -1e300;
        } else {
            busLeft = std::min(busLeft, e.at(2).x());
            busRight = std::max(busRight, e.at(2).x());
        }
        if (e.at(2).x() - lastStem >= px) {
            lines.append(QLineF(e.at(2), e.at(3)));
            lastStem = e.at(2).x();
        }
    }
    flushBus();
    painter->setPen(QPen(rgb(colors.edge), 0)); // cosmetic: one device pixel
    painter->drawLines(lines);

    struct Run
    {
        QRectF rect;
        double heat = 0;
        int worst = -1;
        bool match = false;
    };
    Run run;
    bool open = false;
    const double outline = 2.5 * px;
    const auto flush = [&] {
        if (!open)
            return;
        // At least two device pixels each way, or a far-out plan vanishes.
        const double grow = std::max(0.0, 2 * px - run.rect.height()) / 2;
        const double widen = std::max(0.0, 2 * px - run.rect.width()) / 2;
        run.rect.adjust(-widen, -grow, widen, grow);
        // A cosmetic border: neutral boxes would vanish into the background otherwise.
        painter->setPen(QPen(rgb(colors.border), 0));
        painter->setBrush(rgb(m_palette.boxFill(run.heat)));
        painter->drawRect(run.rect);
        if (run.match) {
            painter->setPen(QPen(rgb(colors.match), outline));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(run.rect.adjusted(-outline / 2, -outline / 2, outline / 2, outline / 2));
        }
        if (run.worst >= 0) {
            const double r = std::max(PlanPalette::badgeRadius, 3 * px);
            painter->setPen(Qt::NoPen);
            painter->setBrush(rgb(m_palette.badgeFill(PlanFinding::Severity(run.worst))));
            painter->drawEllipse(QPointF(run.rect.right() - r, run.rect.top() + r), r, r);
        }
        open = false;
    };
    for (int id : m_layout.nodesIn(sceneRect)) {
        const QRectF box = m_layout.nodeRect(id);
        const bool match = id < m_isMatch.size() && m_isMatch.at(id);
        // Runs stay about a pixel wide, so a hot node among thousands of cold ones is one
        // hot column, not a hot row.
        if (open && box.top() == run.rect.top() && box.left() - run.rect.right() < px
            && box.right() - run.rect.left() < 2 * px) {
            run.rect.setRight(std::max(run.rect.right(), box.right()));
            run.rect.setBottom(std::max(run.rect.bottom(), box.bottom()));
            run.heat = std::max(run.heat, m_heats.at(id));
            run.worst = std::max(run.worst, m_worst.at(id));
            run.match = run.match || match;
            continue;
        }
        flush();
        run = Run{box, m_heats.at(id), m_worst.at(id), match};
        open = true;
    }
    flush();
    const int selected = m_selection ? m_selection->currentNode() : -1;
    if (selected >= 0 && selected < m_layout.nodeCount()
        && m_layout.nodeRect(selected).intersects(sceneRect)) {
        const double w = 3.5 * px;
        painter->setPen(QPen(rgb(colors.selection), w));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(m_layout.nodeRect(selected).adjusted(-w, -w, w, w));
    }
}

void PlanGraphView::paintTitles(QPainter *painter, const QRectF &sceneRect, double scale) const
{
    // The font in scene units that lands on titlePixels device pixels.
    QFont font = m_titleFont;
    font.setPixelSize(std::max(1, int(std::lround(titlePixels / scale))));
    const QFontMetricsF fm(font);
    painter->setFont(font);
    painter->setPen(rgb(m_palette.colors().text));
    painter->setRenderHint(QPainter::TextAntialiasing, true);
    const double pad = PlanPalette::padding;
    for (int id : m_layout.nodesIn(sceneRect)) {
        const QRectF box = m_layout.nodeRect(id).adjusted(pad, 0, -pad, 0);
        if (m_lines.at(id).isEmpty() || box.height() < fm.height())
            continue;
        const QString title = fm.elidedText(m_document->plan.node(id).nodeType, Qt::ElideRight,
                                            box.width());
        painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, title);
    }
}

void PlanGraphView::paintBoxes(QPainter *painter, const QList<int> &nodes, double scale) const
{
    const PlanPalette::Colors &colors = m_palette.colors();
    const int selected = m_selection ? m_selection->currentNode() : -1;
    const double pad = PlanPalette::padding;
    const double r = PlanPalette::badgeRadius;
    // Outlines stay visible at any zoom: at least 2-3 device pixels.
    const double outline = std::max(2.5, 2.5 / scale);
    const QPen border(rgb(colors.border), 1);
    for (int id : nodes) {
        const QRectF box = m_layout.nodeRect(id);
        const QColor fill = rgb(m_palette.boxFill(m_heats.at(id)));
        painter->setPen(border);
        painter->setBrush(fill);
        painter->drawRoundedRect(box, 4, 4);
        if (id < m_isMatch.size() && m_isMatch.at(id)) {
            painter->setPen(QPen(rgb(colors.match), outline));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(box.adjusted(-outline / 2, -outline / 2, outline / 2, outline / 2), 5, 5);
        }
        if (id == selected) {
            const double w = outline * 1.4;
            painter->setPen(QPen(rgb(colors.selection), w));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(box.adjusted(-w, -w, w, w), 6, 6);
        }
        const int worst = m_worst.at(id);
        if (worst >= 0) {
            const auto severity = PlanFinding::Severity(worst);
            const QPointF c(box.right() - pad - r + 4, box.top() + pad + r - 4);
            painter->setPen(Qt::NoPen);
            painter->setBrush(rgb(m_palette.badgeFill(severity)));
            painter->drawEllipse(c, r, r);
            painter->setPen(rgb(m_palette.badgeText(severity)));
            painter->setFont(m_titleFont);
            painter->drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter,
                              QStringLiteral("!"));
        }
        const QStringList &lines = m_lines.at(id);
        double y = box.top() + pad;
        for (int l = 0; l < lines.size(); ++l) {
            painter->setFont(l == 0 ? m_titleFont : font());
            quint32 ink = l == 0 ? colors.text : colors.mutedText;
            if (l == lines.size() - 1 && m_misestimated.at(id))
                ink = colors.misestimate;
            painter->setPen(rgb(ink));
            painter->drawText(QRectF(box.left() + pad, y, box.width() - 2 * pad, m_lineHeight),
                              Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, lines.at(l));
            y += m_lineHeight;
        }
    }
}

QSize PlanGraphView::imageSize(double scale) const
{
    const QRectF b = m_layout.boundingRect();
    return QSize(int(std::ceil((b.width() + 2 * marginPx) * scale)),
                 int(std::ceil((b.height() + 2 * marginPx) * scale)));
}

QImage PlanGraphView::renderImage(double scale) const
{
    QImage image(imageSize(scale), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.fill(rgb(m_palette.colors().background));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale, scale);
    painter.translate(QPointF(marginPx, marginPx) - m_layout.boundingRect().topLeft());
    paintScene(&painter, m_layout.boundingRect(), scale, true);
    return image;
}

// --- events -----------------------------------------------------------------------------

void PlanGraphView::applyInitialView()
{
    m_fitPending = false;
    updateScrollBars();
    if (m_layout.isEmpty())
        return;
    m_zoom = std::clamp(std::max(fitZoom(), 0.75), minZoom(), 1.0);
    updateScrollBars();
    // The root at the top, centred.
    horizontalScrollBar()->setValue(int(
        marginPx + (m_layout.nodeRect(0).center().x() - m_layout.boundingRect().left()) * m_zoom
        - viewport()->width() / 2.0));
    verticalScrollBar()->setValue(0);
    viewport()->update();
    Q_EMIT zoomChanged(m_zoom);
}

void PlanGraphView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_fitPending && isVisible())
        applyInitialView();
    else
        updateScrollBars();
}

void PlanGraphView::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    if (m_fitPending)
        applyInitialView();
}

void PlanGraphView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void PlanGraphView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            setZoom(m_zoom * std::pow(zoomStep, steps), event->position());
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void PlanGraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = event->position().toPoint();
    m_pressScroll = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    event->accept();
}

void PlanGraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed)
        return;
    const QPoint delta = event->position().toPoint() - m_pressPos;
    if (!m_dragging && delta.manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        horizontalScrollBar()->setValue(m_pressScroll.x() - delta.x());
        verticalScrollBar()->setValue(m_pressScroll.y() - delta.y());
    }
    event->accept();
}

void PlanGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        viewport()->unsetCursor();
    } else {
        const int node = nodeAtViewportPos(event->position());
        if (node >= 0 && m_selection)
            m_selection->setCurrentNode(node);
    }
    event->accept();
}

QString PlanGraphView::toolTipFor(int nodeId) const
{
    if (!m_document || nodeId < 0 || nodeId >= m_document->plan.nodeCount())
        return {};
    QStringList lines = PlanNodeLabel::of(*m_document, nodeId).lines();
    for (const PlanFinding &f : m_document->findingsFor(nodeId))
        lines.append(PlanFinding::severityName(f.severity) + QStringLiteral(": ") + f.message);
    // Escaped: QToolTip would take server text that starts like a tag for rich text.
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
        .arg(lines.join(u'\n').toHtmlEscaped());
}

bool PlanGraphView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int node = nodeAtViewportPos(help->pos());
        if (node >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(node), viewport(),
                               nodeViewportRect(node).toAlignedRect());
        else
            QToolTip::showText(help->globalPos(), toolTip(), viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void PlanGraphView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        pickPalette();
        viewport()->update();
    } else if (event->type() == QEvent::FontChange) {
        rebuild();
        updateScrollBars();
        viewport()->update();
    }
}

} // namespace Strata
