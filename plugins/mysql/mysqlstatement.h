// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "results/irowsink.h"
#include "sql/result.h"

#include <QVariantList>

#include <mysql.h>

#include <functional>

namespace Strata::MySql::Internal {

// One parameterised statement run through the prepared statement API (mysql_stmt_*): the
// values travel separately from the SQL, so no value is ever spliced into the text.
// Results are fetched unbuffered with every column bound as a string, so the sink sees the
// same raw text as from the text protocol.
class MySqlStatement
{
public:
    explicit MySqlStatement(MYSQL *mysql);
    ~MySqlStatement();
    MySqlStatement(const MySqlStatement &) = delete;
    MySqlStatement &operator=(const MySqlStatement &) = delete;

    // Prepares, binds parameters ("?" markers), executes and streams every result
    // (several for CALL). stopServer: see MySqlResultReader.
    Result<void> run(const QByteArray &sql, const QVariantList &parameters, IRowSink &sink,
                     const std::function<void()> &stopServer);

private:
    Result<void> bindParameters(const QVariantList &parameters);
    Result<void> readResult(MYSQL_RES *metadata, IRowSink &sink, ResultSummary &summary,
                            const std::function<void()> &stopServer);

    MYSQL *m_mysql;
    MYSQL_STMT *m_stmt = nullptr;
    // Storage the MYSQL_BINDs point into; it must live until execute returns.
    std::vector<MYSQL_BIND> m_paramBinds;
    std::vector<QByteArray> m_paramBytes;
    std::vector<long long> m_paramIntegers;
    std::vector<double> m_paramDoubles;
};

} // namespace Strata::MySql::Internal
