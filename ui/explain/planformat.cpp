// SPDX-License-Identifier: GPL-3.0-or-later
#include "planformat.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QStyle>

#include <cmath>

namespace Strata::PlanFormat {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::PlanFormat)
};
} // namespace

QString none()
{
    return QStringLiteral("—");
}

QString nodeTitle(const PlanNode &node)
{
    QString title = node.nodeType.isEmpty() ? Tr::tr("(node)") : node.nodeType;
    if (!node.index.isEmpty())
        title += Tr::tr(" using %1").arg(node.index);
    if (!node.relation.isEmpty()) {
        title += Tr::tr(" on %1").arg(node.relation);
        if (!node.alias.isEmpty() && node.alias != node.relation)
            title += QLatin1Char(' ') + node.alias;
    } else if (!node.cteName.isEmpty()) {
        title += Tr::tr(" on %1").arg(node.cteName);
    }
    return title;
}

QString nodeReference(const PlanNode &node)
{
    return QStringLiteral("#%1 %2").arg(node.id).arg(nodeTitle(node));
}

QString ms(std::optional<double> value)
{
    if (!value)
        return none();
    const double v = *value;
    if (std::abs(v) >= 10000)
        return Tr::tr("%1 s").arg(QLocale().toString(v / 1000.0, 'f', 2));
    return Tr::tr("%1 ms").arg(QLocale().toString(v, 'f', std::abs(v) >= 100 ? 1 : 3));
}

QString number(std::optional<double> value)
{
    if (!value)
        return none();
    const double v = *value;
    if (std::abs(v - std::round(v)) < 1e-9)
        return QLocale().toString(qint64(std::llround(v)));
    return QLocale().toString(v, 'f', 2);
}

QString estimate(std::optional<double> factor, PlanAnalysis::EstimateDirection direction)
{
    if (!factor)
        return none();
    const double f = *factor;
    const QString times = QLocale().toString(f, 'f', f >= 10 ? 0 : 1) + QStringLiteral("×");
    if (f < 1.05)
        return times; // close enough: no direction to tell
    switch (direction) {
    case PlanAnalysis::EstimateDirection::Under:
        return QStringLiteral("↓ ") + times;
    case PlanAnalysis::EstimateDirection::Over:
        return QStringLiteral("↑ ") + times;
    case PlanAnalysis::EstimateDirection::None:
        break;
    }
    return times;
}

QString percent(std::optional<double> share)
{
    if (!share)
        return none();
    return QStringLiteral("%1 %").arg(QLocale().toString(*share * 100.0, 'f', 1));
}

QString blocks(std::optional<qint64> value)
{
    if (!value)
        return none();
    return QStringLiteral("%1 (%2)").arg(QLocale().toString(*value),
                                         QLocale().formattedDataSize(*value * 8192));
}

QString severityText(PlanFinding::Severity severity)
{
    switch (severity) {
    case PlanFinding::Severity::Critical:
        return Tr::tr("Critical");
    case PlanFinding::Severity::Warning:
        return Tr::tr("Warning");
    case PlanFinding::Severity::Info:
        break;
    }
    return Tr::tr("Info");
}

QIcon severityIcon(PlanFinding::Severity severity)
{
    QStyle *style = QApplication::style();
    switch (severity) {
    case PlanFinding::Severity::Critical:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case PlanFinding::Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case PlanFinding::Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

} // namespace Strata::PlanFormat
