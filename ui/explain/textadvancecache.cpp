// SPDX-License-Identifier: GPL-3.0-or-later
#include "textadvancecache.h"

namespace Strata {

TextAdvanceCache::TextAdvanceCache(const QFont &font) : m_metrics(font)
{
    for (int c = 0; c < 128; ++c)
        m_ascii[c] = m_metrics.horizontalAdvance(QChar(c));
}

double TextAdvanceCache::width(const QString &text)
{
    double w = 0;
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        if (u < 128) {
            w += m_ascii[u];
            continue;
        }
        auto it = m_other.constFind(u);
        if (it == m_other.cend())
            it = m_other.insert(u, m_metrics.horizontalAdvance(ch));
        w += *it;
    }
    return w;
}

} // namespace Strata
