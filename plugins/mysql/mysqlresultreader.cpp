// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlresultreader.h"

#include "mysqlcolumntypes.h"
#include "mysqlerrors.h"

#include "results/blockpacer.h"

namespace Strata::MySql::Internal {

MySqlResultReader::MySqlResultReader(MYSQL *mysql, IRowSink &sink, std::function<void()> stopServer)
    : m_mysql(mysql)
    , m_sink(sink)
    , m_stopServer(std::move(stopServer))
{}

Result<void> MySqlResultReader::read(MYSQL_RES *result, ResultSummary &summary)
{
    const ColumnList columns = MySqlColumnTypes::columns(result);
    const int columnCount = int(columns.size());
    summary.hasRows = true;
    m_sink.beginResult(columns);

    RowBlock block(columnCount);
    block.reserve(BlockPacer::BlockRows, 64 * 1024);
    BlockPacer pacer;
    int blockRows = 0;
    bool stopped = false;
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
        if (stopped)
            continue; // draining after KILL QUERY: the server sends little more
        const unsigned long *lengths = mysql_fetch_lengths(result);
        for (int c = 0; c < columnCount; ++c) {
            if (row[c])
                block.appendCell(row[c], qsizetype(lengths[c]));
            else
                block.appendNull();
        }
        ++blockRows;
        if (pacer.isDue(block)) {
            summary.rowCount += blockRows;
            blockRows = 0;
            const bool more = m_sink.rows(std::move(block));
            block = RowBlock(columnCount);
            if (!more) {
                stopped = true;
                summary.truncated = true;
                m_stopServer();
            } else {
                block.reserve(BlockPacer::BlockRows, 64 * 1024);
            }
        }
    }
    const unsigned int number = mysql_errno(m_mysql);
    Error error;
    if (number != 0 && !(stopped && !MySqlErrors::isConnectionLost(number)))
        error = MySqlErrors::statementError(m_mysql);
    mysql_free_result(result);
    if (!error.isNull())
        return error;
    if (!stopped && blockRows > 0) {
        summary.rowCount += blockRows;
        // Every row is delivered: a false from the sink here changes nothing.
        (void)m_sink.rows(std::move(block));
    }
    return {};
}

} // namespace Strata::MySql::Internal
