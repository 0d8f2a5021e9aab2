// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "outputbuffer.h"

#include "results/irowsink.h"

#include <functional>

namespace Strata {

// Base of the query output formats: an IRowSink that writes each result to an OutputBuffer
// as it streams in (on the session's worker thread). Statement summaries ("UPDATE 3") and
// server notices that are not part of the format go to the status handler (stderr).
class STRATA_CORE_EXPORT ResultWriter : public IRowSink
{
public:
    using StatusHandler = std::function<void(const QString &line)>;

    explicit ResultWriter(OutputBuffer &output);

    void setStatusHandler(StatusHandler handler) { m_status = std::move(handler); }
    // Closes whatever the format left open (also after an error) and flushes the output.
    virtual void finish();

    void notice(const QString &message) override;

    bool outputFailed() const { return m_output.failed(); }
    int resultCount() const { return m_resultCount; }

    // "UPDATE 3" where the engine gave a command tag, else "OK, 3 rows affected" / "OK".
    static QString summaryText(const ResultSummary &summary);

protected:
    void status(const QString &line) const;

    OutputBuffer &m_output;
    int m_resultCount = 0;   // results (with or without rows) seen so far

private:
    StatusHandler m_status;
};

} // namespace Strata
