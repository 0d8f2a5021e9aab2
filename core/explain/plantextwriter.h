// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plandocument.h"

#include <QString>

namespace Strata {

class OutputBuffer;

// The `strata-cli explain --format text` listing of a PlanDocument, for a terminal: a header
// line (engine, format, node count, planning and execution time), the plan as a tree indented
// psql-style ("-> " per child), one line per node with its id, type, relation and index,
// estimated → actual rows with the estimate factor, loops, total (inclusive) and self
// (exclusive) ms, then the triggers (time, calls) and the findings (severity, node, message).
// Plain text, no colours.
// Control, line- and paragraph-separator and bidi-format characters in server-supplied text
// are written as escapes (\n, \t, \u{202e}), so a name can never break a line of the tree.
// Indentation stops growing at MaxIndentDepth; deeper lines say their depth instead, so a
// plan thousands of levels deep stays readable and its size linear.
class STRATA_CORE_EXPORT PlanTextWriter
{
public:
    static constexpr int MaxIndentDepth = 40;

    static void write(OutputBuffer &out, const PlanDocument &document);
    static QString toText(const PlanDocument &document);
    // text with the characters that could break or disguise a terminal line escaped.
    static QString printable(const QString &text);
};

} // namespace Strata
