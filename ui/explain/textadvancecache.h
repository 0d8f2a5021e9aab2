// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFontMetricsF>
#include <QHash>
#include <QString>

namespace Strata {

// Text width as the sum of cached character advances, for sizing thousands of labels:
// shaping every label of a 10,000-node plan costs about half a second, this a few ms.
// Kerning only narrows Latin text, so the sum errs on the wide side; measure exactly with
// metrics() before eliding a label this says may not fit.
class TextAdvanceCache
{
public:
    explicit TextAdvanceCache(const QFont &font);
    double width(const QString &text);
    const QFontMetricsF &metrics() const { return m_metrics; }

private:
    QFontMetricsF m_metrics;
    double m_ascii[128];
    QHash<char16_t, double> m_other;
};

} // namespace Strata
