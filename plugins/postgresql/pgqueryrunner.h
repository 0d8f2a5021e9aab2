// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "results/blockpacer.h"
#include "results/irowsink.h"
#include "sql/result.h"

#include <QElapsedTimer>
#include <QVariantList>

#include <atomic>
#include <functional>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace Strata::Postgres::Internal {

class PgTypeCache;

// Runs one execute() call on a libpq connection and streams every result to a sink:
// PQsendQuery / PQsendQueryParams, single-row mode, raw bytes into RowBlocks.
class PgQueryRunner
{
public:
    // cancelServer sends a cancel request for this connection; cancelRequested is set by the
    // session when the user cancels (from any thread).
    PgQueryRunner(PGconn *conn, PgTypeCache &types, IRowSink &sink,
                  std::function<void()> cancelServer, const std::atomic<bool> &cancelRequested);

    Result<void> run(const QString &sql, const QVariantList &parameters);

private:
    Result<void> send(const QByteArray &sql, const QVariantList &parameters);
    PGresult *nextResult();
    bool waitReadable(int timeoutMs) const;
    void beginResult(const PGresult *result);
    void appendRows(const PGresult *result);
    void flushBlock(bool lastBlock);
    void endResult(const PGresult *result, bool truncated);
    void stopCurrentResult();
    void drainCopy(const PGresult *result);
    void noteError(const PGresult *result);

    static void noticeReceiver(void *arg, const PGresult *result);

    PGconn *m_conn;
    PgTypeCache &m_types;
    IRowSink &m_sink;
    std::function<void()> m_cancelServer;
    const std::atomic<bool> &m_cancelRequested;

    QElapsedTimer m_timer;
    qint64 m_resultStartMs = 0;
    bool m_inResult = false;
    bool m_discarding = false;   // the sink asked to stop: rows are dropped until the result ends
    bool m_stoppedBySink = false;
    int m_columnCount = 0;
    qint64 m_rowCount = 0;
    BlockPacer m_pacer;
    qsizetype m_blockBytesHint = 64 * 1024;
    RowBlock m_block;
    Error m_error;
    bool m_unsupportedCopy = false;
};

} // namespace Strata::Postgres::Internal
