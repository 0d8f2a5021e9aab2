// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plandocument.h"

#include <QByteArray>

namespace Strata {

class OutputBuffer;

// The `strata-cli explain --format json` document of a PlanDocument (the CLI contract):
// {"engine", "format", "planningMs", "executionMs", "nodeCount", "root": {"id", "type",
// "relation", "index", "estimatedRows", "actualRows", "loops", "totalMs", "exclusiveMs",
// "estimateFactor", "children": [...]}, "findings": [{"nodeId", "kind", "severity", "message"}]}.
// Keys in that order; times in milliseconds (totalMs is the node's inclusive time from
// PlanAnalysis; it and exclusiveMs are rounded to the nanosecond to drop floating-point
// noise); rows and loops as the engine reports them (per loop); null for figures the plan
// lacks (no ANALYZE) and for an empty relation or index. Numbers are written in the shortest
// form that reads back to the same double. The tree is written with an explicit stack, so a
// plan thousands of levels deep cannot overflow the call stack.
class STRATA_CORE_EXPORT PlanJsonWriter
{
public:
    static void write(OutputBuffer &out, const PlanDocument &document);
    // write() into a byte array, newline-terminated.
    static QByteArray toJson(const PlanDocument &document);
    // A finite double as the shortest JSON number that round-trips; "null" otherwise.
    static QByteArray number(double value);
};

} // namespace Strata
