// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <functional>

namespace Strata {
struct PlanDocument;
class OutputBuffer;
} // namespace Strata

namespace Strata::Cli {

// The --format choices of `strata-cli explain` and `explain render`: one table from format
// name to plan writer, so a new format is one entry in writerFor().
namespace PlanOutput {

using Writer = std::function<void(OutputBuffer &, const PlanDocument &)>;

// The writer for a --format name, or an empty function when there is none.
Writer writerFor(const QString &format);
// The format names, in the order the help lists them; the first is the default.
QStringList formats();
QString defaultFormat();
// The one-line usage error for an unknown --format.
QString unknownFormatMessage(const QString &format);
// Writes document to stdout in format (which must be known); returns the exit code: 0, or 1
// after a write error (silently when the reader closed the pipe).
int print(const PlanDocument &document, const QString &format);

} // namespace PlanOutput
} // namespace Strata::Cli
