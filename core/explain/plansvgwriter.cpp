// SPDX-License-Identifier: GPL-3.0-or-later
#include "plansvgwriter.h"

#include "explain/planlayout.h"
#include "explain/plannodelabel.h"
#include "explain/planpalette.h"

#include <QXmlStreamWriter>

namespace Strata {

namespace {

// A 12 px sans-serif averages about 6.6 px per character; bold a little more.
constexpr double charWidth = 6.8;
constexpr double boldCharWidth = 7.4;
constexpr double lineHeight = 16.0;
constexpr double fontSize = 12.0;

QString num(double v)
{
    return QString::number(v, 'f', 1);
}

QString elided(const QString &text, double width, double perChar)
{
    // The box was sized from the same estimate: a rounding error must not cut a character.
    const int fits = std::max(1, int(width / perChar + 1e-6));
    if (text.size() <= fits)
        return text;
    return text.left(std::max(0, fits - 1)) + QChar(0x2026);
}

} // namespace

QByteArray PlanSvgWriter::write(const PlanDocument &document)
{
    const Plan &plan = document.plan;
    const int n = plan.nodeCount();
    const PlanPalette palette = PlanPalette::light();
    const PlanPalette::Colors &c = palette.colors();
    const double pad = PlanPalette::padding;

    QList<PlanNodeLabel> labels;
    QList<QSizeF> sizes;
    labels.reserve(n);
    sizes.reserve(n);
    for (int i = 0; i < n; ++i) {
        labels.append(PlanNodeLabel::of(document, i));
        const PlanNodeLabel &l = labels.last();
        double width = l.title.size() * boldCharWidth + 2 * PlanPalette::badgeRadius + 4;
        for (const QString *s : {&l.detail, &l.figures, &l.rows})
            width = std::max(width, s->size() * charWidth);
        width = std::clamp(width + 2 * pad, PlanPalette::minBoxWidth, PlanPalette::maxBoxWidth);
        sizes.append(QSizeF(width, l.lines().size() * lineHeight + 2 * pad - 4));
    }
    const PlanLayout layout = PlanLayout::compute(plan, sizes);
    const QList<double> heats = PlanPalette::heats(document);
    const QList<int> worst = PlanPalette::worstSeverities(document);
    QList<QStringList> findingLines(n);
    for (const PlanFinding &f : document.findings) {
        if (f.nodeId >= 0 && f.nodeId < n)
            findingLines[f.nodeId].append(PlanFinding::severityName(f.severity)
                                          + QStringLiteral(": ") + f.message);
    }
    const double margin = 16;
    const QRectF bounds = layout.boundingRect().adjusted(-margin, -margin, margin, margin);

    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("svg"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
    xml.writeAttribute(QStringLiteral("width"), num(bounds.width()));
    xml.writeAttribute(QStringLiteral("height"), num(bounds.height()));
    xml.writeAttribute(QStringLiteral("viewBox"), QStringLiteral("%1 %2 %3 %4")
                                                      .arg(num(bounds.left()), num(bounds.top()),
                                                           num(bounds.width()), num(bounds.height())));
    xml.writeAttribute(QStringLiteral("font-family"), QStringLiteral("sans-serif"));
    xml.writeAttribute(QStringLiteral("font-size"), num(fontSize));
    xml.writeTextElement(QStringLiteral("title"), QStringLiteral("Execution plan (%1 nodes)").arg(n));

    xml.writeEmptyElement(QStringLiteral("rect"));
    xml.writeAttribute(QStringLiteral("x"), num(bounds.left()));
    xml.writeAttribute(QStringLiteral("y"), num(bounds.top()));
    xml.writeAttribute(QStringLiteral("width"), num(bounds.width()));
    xml.writeAttribute(QStringLiteral("height"), num(bounds.height()));
    xml.writeAttribute(QStringLiteral("fill"), PlanPalette::hex(c.background));

    xml.writeStartElement(QStringLiteral("g"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("edges"));
    xml.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
    xml.writeAttribute(QStringLiteral("stroke"), PlanPalette::hex(c.edge));
    xml.writeAttribute(QStringLiteral("stroke-linejoin"), QStringLiteral("round"));
    for (int i = 1; i < n; ++i) {
        const QList<QPointF> points = layout.edge(i);
        if (points.isEmpty())
            continue;
        QStringList coords;
        for (const QPointF &p : points)
            coords.append(num(p.x()) + u',' + num(p.y()));
        xml.writeEmptyElement(QStringLiteral("polyline"));
        xml.writeAttribute(QStringLiteral("points"), coords.join(u' '));
        xml.writeAttribute(QStringLiteral("stroke-width"),
                           num(PlanPalette::edgeWidth(document, i)));
    }
    xml.writeEndElement();

    xml.writeStartElement(QStringLiteral("g"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("nodes"));
    for (int i = 0; i < n; ++i) {
        const QRectF r = layout.nodeRect(i);
        const PlanNodeLabel &l = labels.at(i);
        xml.writeStartElement(QStringLiteral("g"));
        xml.writeAttribute(QStringLiteral("class"), QStringLiteral("node"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("node-%1").arg(i));
        xml.writeTextElement(QStringLiteral("title"),
                             (l.lines() + findingLines.at(i)).join(u'\n'));

        xml.writeEmptyElement(QStringLiteral("rect"));
        xml.writeAttribute(QStringLiteral("x"), num(r.left()));
        xml.writeAttribute(QStringLiteral("y"), num(r.top()));
        xml.writeAttribute(QStringLiteral("width"), num(r.width()));
        xml.writeAttribute(QStringLiteral("height"), num(r.height()));
        xml.writeAttribute(QStringLiteral("rx"), QStringLiteral("4"));
        xml.writeAttribute(QStringLiteral("fill"), PlanPalette::hex(palette.boxFill(heats.at(i))));
        xml.writeAttribute(QStringLiteral("stroke"), PlanPalette::hex(c.border));

        double y = r.top() + pad + fontSize;
        const double textWidth = r.width() - 2 * pad;
        bool first = true;
        for (const QString *s : {&l.title, &l.detail, &l.figures, &l.rows}) {
            if (s->isEmpty())
                continue;
            const bool title = first;
            first = false;
            const double room = title && worst.at(i) >= 0
                                    ? textWidth - 2 * PlanPalette::badgeRadius - 4
                                    : textWidth;
            xml.writeStartElement(QStringLiteral("text"));
            xml.writeAttribute(QStringLiteral("x"), num(r.left() + pad));
            xml.writeAttribute(QStringLiteral("y"), num(y));
            quint32 ink = title ? c.text : c.mutedText;
            if (s == &l.rows && l.misestimated)
                ink = c.misestimate;
            xml.writeAttribute(QStringLiteral("fill"), PlanPalette::hex(ink));
            if (title)
                xml.writeAttribute(QStringLiteral("font-weight"), QStringLiteral("bold"));
            xml.writeCharacters(elided(*s, room, title ? boldCharWidth : charWidth));
            xml.writeEndElement();
            y += lineHeight;
        }
        if (worst.at(i) >= 0) {
            const auto severity = PlanFinding::Severity(worst.at(i));
            const double cx = r.right() - pad - PlanPalette::badgeRadius + 4;
            const double cy = r.top() + pad + PlanPalette::badgeRadius - 4;
            xml.writeEmptyElement(QStringLiteral("circle"));
            xml.writeAttribute(QStringLiteral("class"), QStringLiteral("badge"));
            xml.writeAttribute(QStringLiteral("cx"), num(cx));
            xml.writeAttribute(QStringLiteral("cy"), num(cy));
            xml.writeAttribute(QStringLiteral("r"), num(PlanPalette::badgeRadius));
            xml.writeAttribute(QStringLiteral("fill"), PlanPalette::hex(palette.badgeFill(severity)));
            xml.writeStartElement(QStringLiteral("text"));
            xml.writeAttribute(QStringLiteral("x"), num(cx));
            xml.writeAttribute(QStringLiteral("y"), num(cy + 4));
            xml.writeAttribute(QStringLiteral("text-anchor"), QStringLiteral("middle"));
            xml.writeAttribute(QStringLiteral("font-weight"), QStringLiteral("bold"));
            xml.writeAttribute(QStringLiteral("fill"), PlanPalette::hex(palette.badgeText(severity)));
            xml.writeCharacters(QStringLiteral("!"));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    if (!out.endsWith('\n'))
        out.append('\n');
    return out;
}

} // namespace Strata
