// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultwriter.h"

namespace Strata {

ResultWriter::ResultWriter(OutputBuffer &output)
    : m_output(output)
{
}

void ResultWriter::finish()
{
    m_output.flush();
}

void ResultWriter::notice(const QString &message)
{
    status(message);
}

QString ResultWriter::summaryText(const ResultSummary &summary)
{
    if (!summary.commandTag.isEmpty())
        return summary.commandTag;
    if (summary.rowsAffected >= 0)
        return QStringLiteral("OK, %1 rows affected").arg(summary.rowsAffected);
    return QStringLiteral("OK");
}

void ResultWriter::status(const QString &line) const
{
    if (m_status)
        m_status(line);
}

} // namespace Strata
