// SPDX-License-Identifier: GPL-3.0-or-later
#include "planflameview.h"

#include "planformat.h"
#include "plannodeselection.h"

#include "shell/messages.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>

namespace Strata {

PlanFlameView::PlanFlameView(PlanNodeSelection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
{
    setObjectName(QStringLiteral("PlanFlame"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setToolTip(tr("Click selects a node; double-click or Ctrl+wheel zooms into it, Esc zooms out"));
    connect(m_selection, &PlanNodeSelection::currentNodeChanged, this,
            qOverload<>(&QWidget::update));
}

void PlanFlameView::setDocument(std::shared_ptr<const PlanDocument> document)
{
    m_document = std::move(document);
    m_zoom = 0;
    layoutNodes();
    zoomTo(0);
}

void PlanFlameView::layoutNodes()
{
    const int count = m_document ? m_document->plan.nodeCount() : 0;
    m_x0 = QList<double>(count, 0.0);
    m_x1 = QList<double>(count, 0.0);
    m_maxDepth = 0;
    if (count == 0)
        return;
    const Plan &plan = m_document->plan;
    const PlanAnalysis &analysis = m_document->analysis;
    m_byTime = analysis.totalMs().has_value() && *analysis.totalMs() > 0;
    auto value = [&](int id) {
        const double v = m_byTime ? analysis.metrics(id).inclusiveMs.value_or(0.0)
                                  : plan.node(id).totalCost.value_or(0.0);
        return std::max(0.0, v);
    };
    m_x0[0] = 0.0;
    m_x1[0] = 1.0;
    for (const PlanNode &n : plan.nodes) { // parents come before their children
        m_maxDepth = std::max(m_maxDepth, n.depth);
        if (n.childIds.isEmpty())
            continue;
        double sum = 0;
        for (int child : n.childIds)
            sum += value(child);
        // Children that report more than their parent (CTEs, shutdown timing) share its width.
        const double scale = std::max(sum, value(n.id));
        double x = m_x0.at(n.id);
        const double width = m_x1.at(n.id) - m_x0.at(n.id);
        for (int child : n.childIds) {
            const double w = scale > 0 ? width * value(child) / scale : 0.0;
            m_x0[child] = x;
            m_x1[child] = x + w;
            x += w;
        }
    }
    setMinimumHeight((m_maxDepth + 1) * RowHeight + 1);
    updateGeometry();
}

void PlanFlameView::zoomTo(int nodeId)
{
    const int count = m_document ? m_document->plan.nodeCount() : 0;
    if (count == 0) {
        m_inZoom.clear();
        m_zoom = 0;
        update();
        return;
    }
    if (nodeId < 0 || nodeId >= count)
        nodeId = 0;
    m_zoom = nodeId;
    m_inZoom = QList<bool>(count, false);
    const Plan &plan = m_document->plan;
    for (int id = nodeId; id >= 0; id = plan.node(id).parentId)
        m_inZoom[id] = true;
    for (const PlanNode &n : plan.nodes) { // parents before children
        if (n.parentId >= 0 && m_inZoom.at(n.parentId) && n.parentId != -1 &&
            plan.node(n.parentId).depth >= plan.node(nodeId).depth)
            m_inZoom[n.id] = true;
    }
    update();
    Q_EMIT zoomChanged(nodeId);
}

QRect PlanFlameView::nodeRect(int nodeId) const
{
    if (!m_document || nodeId < 0 || nodeId >= m_inZoom.size() || !m_inZoom.at(nodeId))
        return QRect();
    const PlanNode &n = m_document->plan.node(nodeId);
    const PlanNode &zoom = m_document->plan.node(m_zoom);
    const double z0 = m_x0.at(m_zoom);
    const double zw = std::max(1e-12, m_x1.at(m_zoom) - z0);
    double x0 = 0;
    double x1 = 1;
    if (n.depth >= zoom.depth) { // ancestors span the whole width
        x0 = (m_x0.at(nodeId) - z0) / zw;
        x1 = (m_x1.at(nodeId) - z0) / zw;
    }
    const int left = int(x0 * width());
    const int right = int(x1 * width());
    if (right - left < 1)
        return QRect();
    return QRect(left, n.depth * RowHeight, right - left, RowHeight);
}

int PlanFlameView::nodeAt(const QPoint &pos) const
{
    if (!m_document)
        return -1;
    const int depth = pos.y() / RowHeight;
    for (const PlanNode &n : m_document->plan.nodes) {
        if (n.depth == depth && m_inZoom.value(n.id) && nodeRect(n.id).contains(pos))
            return n.id;
    }
    return -1;
}

QColor PlanFlameView::heatColor(int nodeId) const
{
    const PlanAnalysis::NodeMetrics &m = m_document->analysis.metrics(nodeId);
    double share = 0;
    if (m_byTime) {
        share = m.timeShare.value_or(0.0);
    } else {
        const double total = m_document->plan.root().totalCost.value_or(0.0);
        share = total > 0 ? m.exclusiveCost.value_or(0.0) / total : 0.0;
    }
    share = std::clamp(share, 0.0, 1.0);
    // Pale yellow for idle nodes to deep red for the ones that take the time.
    const double t = std::min(1.0, share * 2.0);
    return QColor::fromHsvF(float(0.15 * (1.0 - t)), float(0.25 + 0.6 * t), float(0.98 - 0.1 * t));
}

QString PlanFlameView::tooltipFor(int nodeId) const
{
    const PlanNode &n = m_document->plan.node(nodeId);
    const PlanAnalysis::NodeMetrics &m = m_document->analysis.metrics(nodeId);
    QStringList lines{PlanFormat::nodeReference(n)};
    if (m_byTime) {
        lines.append(tr("Inclusive: %1").arg(PlanFormat::ms(m.inclusiveMs)));
        lines.append(tr("Exclusive: %1 (%2)")
                         .arg(PlanFormat::ms(m.exclusiveMs), PlanFormat::percent(m.timeShare)));
    } else {
        lines.append(tr("Total cost: %1").arg(PlanFormat::number(n.totalCost)));
    }
    lines.append(tr("Rows: %1 estimated, %2 actual")
                     .arg(PlanFormat::number(n.estimatedRows),
                          PlanFormat::number(n.totalActualRows())));
    const int findings = int(m_document->findingsFor(nodeId).size());
    if (findings > 0)
        lines.append(findings == 1 ? tr("1 finding") : tr("%1 findings").arg(findings));
    QStringList escaped;
    for (const QString &line : lines)
        escaped.append(line.toHtmlEscaped());
    return QStringLiteral("<p style='white-space:pre'>%1</p>")
        .arg(escaped.join(QStringLiteral("<br>")));
}

QSize PlanFlameView::sizeHint() const
{
    return QSize(600, (m_maxDepth + 1) * RowHeight + 1);
}

bool PlanFlameView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_document) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int id = nodeAt(help->pos());
        if (id >= 0)
            QToolTip::showText(help->globalPos(), tooltipFor(id), this, nodeRect(id));
        else
            QToolTip::showText(help->globalPos(), toolTip(), this);
        return true;
    }
    return QWidget::event(event);
}

void PlanFlameView::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!m_document || m_document->plan.isEmpty())
        return;
    const QRect exposed = event->rect();
    const int selected = m_selection->currentNode();
    const QFontMetrics fm(font());
    const QColor textColor(0x20, 0x20, 0x20); // the boxes are always light
    for (const PlanNode &n : m_document->plan.nodes) {
        if (!m_inZoom.value(n.id))
            continue;
        const QRect r = nodeRect(n.id);
        if (r.isEmpty() || !r.intersects(exposed))
            continue;
        const QRect box = r.adjusted(0, 0, -1, -1);
        QColor fill = heatColor(n.id);
        if (n.depth < m_document->plan.node(m_zoom).depth)
            fill = fill.lighter(115); // an ancestor of the zoomed subtree
        p.fillRect(box, fill);
        p.setPen(fill.darker(130));
        p.drawRect(box);
        if (box.width() > 24) {
            p.setPen(textColor);
            const QString label = fm.elidedText(PlanFormat::nodeTitle(n), Qt::ElideRight,
                                                box.width() - 6);
            p.drawText(box.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
        }
    }
    if (selected >= 0) {
        const QRect r = nodeRect(selected);
        if (!r.isEmpty()) {
            p.setPen(QPen(palette().highlight().color(), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r.adjusted(1, 1, -1, -1));
        }
    }
}

void PlanFlameView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const int id = nodeAt(event->position().toPoint());
        if (id >= 0)
            m_selection->setCurrentNode(id);
    }
    QWidget::mousePressEvent(event);
}

void PlanFlameView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int id = nodeAt(event->position().toPoint());
    if (id >= 0) {
        m_selection->setCurrentNode(id);
        zoomTo(id);
    }
}

void PlanFlameView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier) || !m_document) {
        QWidget::wheelEvent(event);
        return;
    }
    event->accept();
    if (event->angleDelta().y() < 0) {
        const int parent = m_document->plan.node(m_zoom).parentId;
        if (parent >= 0)
            zoomTo(parent);
        return;
    }
    // One level deeper, towards the node under the mouse.
    const int hovered = nodeAt(event->position().toPoint());
    if (hovered < 0 || hovered == m_zoom)
        return;
    int step = hovered;
    while (step >= 0 && m_document->plan.node(step).parentId != m_zoom)
        step = m_document->plan.node(step).parentId;
    if (step >= 0)
        zoomTo(step);
}

void PlanFlameView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_zoom != 0) {
        resetZoom();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Strata
