// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "results/irowsink.h"
#include "sql/result.h"

#include <mysql.h>

#include <functional>

namespace Strata::MySql::Internal {

// Streams one unbuffered text-protocol result (mysql_use_result) into an IRowSink as
// RowBlocks of the raw bytes, paced by BlockPacer.
class MySqlResultReader
{
public:
    // stopServer is called once when the sink asks to stop: it must make the server stop
    // sending (KILL QUERY) so that draining the rest is quick.
    MySqlResultReader(MYSQL *mysql, IRowSink &sink, std::function<void()> stopServer);

    // Calls beginResult, rows... (not endResult: the caller completes the summary).
    // Frees result. On a fetch error returns it; a stop asked by the sink is not an error.
    Result<void> read(MYSQL_RES *result, ResultSummary &summary);

private:
    MYSQL *m_mysql;
    IRowSink &m_sink;
    std::function<void()> m_stopServer;
};

} // namespace Strata::MySql::Internal
