// SPDX-License-Identifier: GPL-3.0-or-later
#include "statementbuilder_p.h"

namespace Strata::Internal {

void StatementBuilder::add(int begin, int end, bool hasCode)
{
    begin = qBound(0, begin, int(m_sql.size()));
    end = qBound(begin, end, int(m_sql.size()));
    while (begin < end && m_sql.at(begin).isSpace())
        ++begin;
    while (end > begin && m_sql.at(end - 1).isSpace())
        --end;
    if (!hasCode || begin == end)
        return;
    Q_ASSERT(begin >= m_linePos);
    for (int i = m_linePos; i < begin; ++i) {
        if (m_sql.at(i) == QLatin1Char('\n'))
            ++m_line;
    }
    m_linePos = begin;
    m_statements.append(SqlStatement{m_sql.mid(begin, end - begin), begin, end - begin, m_line});
}

} // namespace Strata::Internal
