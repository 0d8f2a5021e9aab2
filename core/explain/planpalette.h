// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plandocument.h"

#include <QList>
#include <QString>

namespace Strata {

// Colours and weights of the plan graph, shared by the GUI and the SVG writer so both
// pictures agree: box colour by exclusive-time share (exclusive-cost share without ANALYZE),
// a badge colour per finding severity, edge width by the rows flowing along the edge.
// Colours are 0xAARRGGBB (QRgb-compatible) so core needs no QtGui.
class STRATA_CORE_EXPORT PlanPalette
{
public:
    struct Colors
    {
        quint32 background;
        quint32 text;      // on any box fill
        quint32 mutedText; // secondary lines, on any box fill
        quint32 border;
        quint32 edge;
        quint32 selection; // outline of the selected node
        quint32 match;     // outline of search matches
        quint32 misestimate; // the rows line when the estimate is 10× off
    };

    static PlanPalette light();
    static PlanPalette dark();
    bool isDark() const { return m_dark; }
    const Colors &colors() const { return m_colors; }

    // heat 0..1 (see heats()) → box fill, from neutral to red.
    quint32 boxFill(double heat) const;
    quint32 badgeFill(PlanFinding::Severity severity) const;
    quint32 badgeText(PlanFinding::Severity severity) const;

    // Per node: its share of the plan's exclusive time, or of its exclusive cost without
    // ANALYZE; 0..1.
    static QList<double> heats(const PlanDocument &document);
    // Stroke width of the edge into nodeId: 1 for a row, about 7 for a million, at most 9.
    static double edgeWidth(const PlanDocument &document, int nodeId);
    // Per node: the worst severity among its findings (int(Severity)), or -1 without any.
    static QList<int> worstSeverities(const PlanDocument &document);

    // Box geometry both pictures use (pixels at 100%).
    static constexpr double padding = 8.0;
    static constexpr double minBoxWidth = 120.0;
    static constexpr double maxBoxWidth = 280.0;
    static constexpr double badgeRadius = 8.0;

    // "#rrggbb"
    static QString hex(quint32 rgb);

private:
    bool m_dark = false;
    Colors m_colors{};
};

} // namespace Strata
