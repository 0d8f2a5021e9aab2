// SPDX-License-Identifier: GPL-3.0-or-later
#include "planpalette.h"

#include <algorithm>
#include <cmath>

namespace Strata {

namespace {

struct Stop
{
    double at;
    quint32 rgb;
};

// Shares above ~half the plan are all "the problem": the scale saturates early.
constexpr Stop lightStops[] = {{0.0, 0xfff4f6f8}, {0.05, 0xfffff3c4}, {0.15, 0xffffd59a},
                               {0.30, 0xffffb38a}, {0.50, 0xffff8a80}};
constexpr Stop darkStops[] = {{0.0, 0xff2d3136}, {0.05, 0xff4a4326}, {0.15, 0xff5c3f1e},
                              {0.30, 0xff6e2f22}, {0.50, 0xff7f2424}};

quint32 mix(quint32 a, quint32 b, double t)
{
    const auto channel = [t](quint32 x, quint32 y, int shift) {
        const double u = double((x >> shift) & 0xff);
        const double v = double((y >> shift) & 0xff);
        return quint32(std::lround(u + (v - u) * t)) << shift;
    };
    return 0xff000000u | channel(a, b, 16) | channel(a, b, 8) | channel(a, b, 0);
}

template<size_t N>
quint32 along(const Stop (&stops)[N], double x)
{
    if (!(x > stops[0].at))
        return stops[0].rgb;
    for (size_t i = 1; i < N; ++i) {
        if (x <= stops[i].at)
            return mix(stops[i - 1].rgb, stops[i].rgb,
                       (x - stops[i - 1].at) / (stops[i].at - stops[i - 1].at));
    }
    return stops[N - 1].rgb;
}

} // namespace

PlanPalette PlanPalette::light()
{
    PlanPalette p;
    p.m_colors = {0xffffffff, 0xff111418, 0xff333b44, 0xff8a96a3,
                  0xff9aa5b1, 0xff1a73e8, 0xffe37400, 0xff760000};
    return p;
}

PlanPalette PlanPalette::dark()
{
    PlanPalette p;
    p.m_dark = true;
    p.m_colors = {0xff1e1f22, 0xffeeeeee, 0xffc8ccd0, 0xff6a737d,
                  0xff5f6b78, 0xff8ab4f8, 0xfffdd663, 0xffffb4ab};
    return p;
}

quint32 PlanPalette::boxFill(double heat) const
{
    return m_dark ? along(darkStops, heat) : along(lightStops, heat);
}

quint32 PlanPalette::badgeFill(PlanFinding::Severity severity) const
{
    switch (severity) {
    case PlanFinding::Severity::Critical:
        return m_dark ? 0xfff28b82 : 0xffc62828;
    case PlanFinding::Severity::Warning:
        return m_dark ? 0xfffdd663 : 0xfff9a825;
    case PlanFinding::Severity::Info:
        break;
    }
    return m_dark ? 0xff8ab4f8 : 0xff1565c0;
}

quint32 PlanPalette::badgeText(PlanFinding::Severity severity) const
{
    if (m_dark || severity == PlanFinding::Severity::Warning)
        return 0xff000000;
    return 0xffffffff;
}

QList<double> PlanPalette::heats(const PlanDocument &document)
{
    const int n = document.plan.nodeCount();
    QList<double> out(n, 0.0);
    if (document.analysis.nodeCount() != n)
        return out;
    bool timed = false;
    for (int i = 0; i < n; ++i) {
        if (const auto share = document.analysis.metrics(i).timeShare) {
            out[i] = std::clamp(*share, 0.0, 1.0);
            timed = true;
        }
    }
    if (timed)
        return out;
    double total = 0;
    for (int i = 0; i < n; ++i)
        total += std::max(0.0, document.analysis.metrics(i).exclusiveCost.value_or(0));
    if (total <= 0)
        return out;
    for (int i = 0; i < n; ++i)
        out[i] = std::clamp(document.analysis.metrics(i).exclusiveCost.value_or(0) / total, 0.0, 1.0);
    return out;
}

double PlanPalette::edgeWidth(const PlanDocument &document, int nodeId)
{
    const PlanNode &node = document.plan.node(nodeId);
    const double rows = std::max(0.0, node.totalActualRows().value_or(node.estimatedRows.value_or(0)));
    return std::clamp(1.0 + std::log10(1.0 + rows), 1.0, 9.0);
}

QList<int> PlanPalette::worstSeverities(const PlanDocument &document)
{
    QList<int> worst(document.plan.nodeCount(), -1);
    for (const PlanFinding &f : document.findings) {
        if (f.nodeId >= 0 && f.nodeId < worst.size())
            worst[f.nodeId] = std::max(worst.at(f.nodeId), int(f.severity));
    }
    return worst;
}

QString PlanPalette::hex(quint32 rgb)
{
    return QStringLiteral("#%1").arg(rgb & 0xffffff, 6, 16, QLatin1Char('0'));
}

} // namespace Strata
