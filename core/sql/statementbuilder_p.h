// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "statementsplitter.h"

namespace Strata::Internal {

// Turns raw [begin, end) pieces of a script, given in order, into trimmed SqlStatements.
class StatementBuilder
{
public:
    explicit StatementBuilder(const QString &sql)
        : m_sql(sql)
    {}

    // hasCode: the piece holds more than whitespace and comments (else it is dropped).
    void add(int begin, int end, bool hasCode = true);
    QList<SqlStatement> take() { return std::move(m_statements); }

private:
    const QString &m_sql;
    QList<SqlStatement> m_statements;
    int m_linePos = 0; // position up to which newlines have been counted
    int m_line = 1;
};

} // namespace Strata::Internal
