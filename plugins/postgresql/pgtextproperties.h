// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace Strata::Postgres::Internal {

// The "Key: value" lines of a text-format plan, turned into the properties EXPLAIN's JSON
// format would give ("Buffers: shared hit=3 read=1" → "Shared Hit Blocks": 3, ...), so both
// formats land in the same PlanNode fields through PgPlanKeys.
class PgTextProperties
{
public:
    // The properties of one line, or an empty object when it is not a "Key: value" line.
    static QJsonObject read(const QString &text);
    // "5.1 ms" → 5.1, "42" → 42, "true" → true, anything else stays text.
    static QJsonValue scalar(const QString &text);
    // "a, f(b, c), d" → ["a", "f(b, c)", "d"]: commas outside parentheses and quotes.
    static QStringList splitList(const QString &text);
};

} // namespace Strata::Postgres::Internal
