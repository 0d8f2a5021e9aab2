// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgqueryrunner.h"

#include "pgerrors.h"
#include "pgtypecache.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QTime>

#include <libpq-fe.h>

#include <cerrno>
#include <cmath>
#include <vector>

#include <poll.h>

namespace Strata::Postgres::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgQueryRunner)
};

constexpr char QueryCanceled[] = "57014";

// Text (or, for QByteArray, binary) wire form of one bound parameter. A null or invalid
// QVariant is SQL NULL; an empty string stays an empty string.
struct BoundParameter
{
    QByteArray bytes;
    bool isNull = false;
    bool binary = false;
};

Result<BoundParameter> bind(const QVariant &value, int index)
{
    BoundParameter p;
    if (!value.isValid() || value.isNull()) {
        p.isNull = true;
        return p;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
        p.bytes = value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
        break;
    case QMetaType::QByteArray:
        // Binary format: the server reads the raw bytes (bytea) without any escaping.
        p.bytes = value.toByteArray();
        p.binary = true;
        return p;
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = value.toDouble();
        if (std::isnan(d))
            p.bytes = QByteArrayLiteral("NaN");
        else if (std::isinf(d))
            p.bytes = d > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
        else
            p.bytes = QByteArray::number(d, 'g', 17);
        break;
    }
    case QMetaType::QDateTime:
        p.bytes = value.toDateTime().toString(Qt::ISODateWithMs).toUtf8();
        break;
    case QMetaType::QDate:
        p.bytes = value.toDate().toString(Qt::ISODate).toUtf8();
        break;
    case QMetaType::QTime:
        p.bytes = value.toTime().toString(Qt::ISODateWithMs).toUtf8();
        break;
    default:
        p.bytes = value.toString().toUtf8();
        break;
    }
    // Text parameters travel as C strings: PostgreSQL text cannot hold NUL anyway.
    if (p.bytes.contains('\0'))
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("Parameter $%1 contains a NUL character, which PostgreSQL text cannot hold.")
                         .arg(index + 1));
    return p;
}
} // namespace

PgQueryRunner::PgQueryRunner(PGconn *conn, PgTypeCache &types, IRowSink &sink,
                             std::function<void()> cancelServer,
                             const std::atomic<bool> &cancelRequested)
    : m_conn(conn)
    , m_types(types)
    , m_sink(sink)
    , m_cancelServer(std::move(cancelServer))
    , m_cancelRequested(cancelRequested)
{
}

void PgQueryRunner::noticeReceiver(void *arg, const PGresult *result)
{
    auto *sink = static_cast<IRowSink *>(arg);
    const char *severity = PQresultErrorField(result, PG_DIAG_SEVERITY);
    const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    QString text = primary ? QString::fromUtf8(primary) : PgErrors::oneLine(PQresultErrorMessage(result));
    if (severity)
        text = QString::fromUtf8(severity) + QStringLiteral(": ") + text;
    if (const char *detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
        text += QStringLiteral(" (") + QString::fromUtf8(detail) + u')';
    sink->notice(text);
}

Result<void> PgQueryRunner::send(const QByteArray &sql, const QVariantList &parameters)
{
    int sent = 0;
    if (parameters.isEmpty()) {
        // Simple protocol: several statements in one string are allowed.
        sent = PQsendQuery(m_conn, sql.constData());
    } else {
        const int count = int(parameters.size());
        std::vector<BoundParameter> bound;
        bound.reserve(size_t(count));
        for (int i = 0; i < count; ++i) {
            Result<BoundParameter> p = bind(parameters.at(i), i);
            if (!p)
                return p.error();
            bound.push_back(std::move(p).value());
        }
        std::vector<const char *> values(static_cast<size_t>(count));
        std::vector<int> lengths(static_cast<size_t>(count));
        std::vector<int> formats(static_cast<size_t>(count));
        for (size_t i = 0; i < bound.size(); ++i) {
            values[i] = bound[i].isNull ? nullptr : bound[i].bytes.constData();
            lengths[i] = int(bound[i].bytes.size());
            formats[i] = bound[i].binary ? 1 : 0;
        }
        sent = PQsendQueryParams(m_conn, sql.constData(), count, nullptr, values.data(),
                                 lengths.data(), formats.data(), 0);
    }
    if (!sent)
        return PgErrors::connectionError(m_conn, Tr::tr("The statement could not be sent."));
    PQsetSingleRowMode(m_conn);
    return {};
}

Result<void> PgQueryRunner::run(const QString &sql, const QVariantList &parameters)
{
    const QByteArray utf8 = sql.toUtf8();
    if (utf8.contains('\0'))
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("The statement contains a NUL character."));

    PQnoticeReceiver previous = PQsetNoticeReceiver(m_conn, &PgQueryRunner::noticeReceiver, &m_sink);
    m_timer.start();
    Result<void> sent = send(utf8, parameters);
    if (!sent) {
        PQsetNoticeReceiver(m_conn, previous, nullptr);
        return sent;
    }
    // A cancel that came while the statement was being sent found nothing to stop yet.
    if (m_cancelRequested.load())
        m_cancelServer();

    while (PGresult *result = nextResult()) {
        switch (PQresultStatus(result)) {
        case PGRES_SINGLE_TUPLE:
            if (!m_inResult)
                beginResult(result);
            if (!m_discarding)
                appendRows(result);
            break;
        case PGRES_TUPLES_OK:
            if (!m_inResult)
                beginResult(result);
            if (!m_discarding)
                appendRows(result);
            endResult(result, m_discarding);
            break;
        case PGRES_COMMAND_OK:
            endResult(result, false);
            break;
        case PGRES_EMPTY_QUERY:
            break;
        case PGRES_COPY_OUT:
        case PGRES_COPY_IN:
        case PGRES_COPY_BOTH:
            drainCopy(result);
            break;
        default:
            noteError(result);
            break;
        }
        PQclear(result);
    }
    PQsetNoticeReceiver(m_conn, previous, nullptr);

    if (PQstatus(m_conn) == CONNECTION_BAD) {
        const QString detail = m_error.isNull() ? PgErrors::oneLine(PQerrorMessage(m_conn))
                                                : m_error.toString();
        Error lost(Error::Code::ConnectionLost,
                   Tr::tr("The connection to the PostgreSQL server was lost."), detail);
        lost.setSqlState(m_error.sqlState());
        return lost;
    }
    if (!m_error.isNull())
        return m_error;
    if (m_unsupportedCopy)
        return Error(Error::Code::NotSupported,
                     Tr::tr("COPY FROM STDIN and COPY TO STDOUT are not supported here; "
                            "use a file on the server or the CLI's export."));
    // Names of types first seen in this call, for the next results (the connection is idle now).
    (void)m_types.resolveMissing(m_conn);
    return {};
}

void PgQueryRunner::beginResult(const PGresult *result)
{
    m_inResult = true;
    m_discarding = false;
    m_rowCount = 0;
    m_columnCount = PQnfields(result);
    m_sink.beginResult(m_types.columns(result));
    m_block = RowBlock(m_columnCount);
    m_block.reserve(BlockPacer::BlockRows, m_blockBytesHint);
}

void PgQueryRunner::appendRows(const PGresult *result)
{
    const int rows = PQntuples(result);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < m_columnCount; ++column) {
            if (PQgetisnull(result, row, column))
                m_block.appendNull();
            else
                m_block.appendCell(PQgetvalue(result, row, column), PQgetlength(result, row, column));
        }
        ++m_rowCount;
        if (m_pacer.isDue(m_block)) {
            flushBlock(false);
            if (m_discarding)
                return;
        }
    }
}

PGresult *PgQueryRunner::nextResult()
{
    // PQgetResult would block until the next row: rows already held must not wait for it
    // longer than FlushAfterMs, however slowly the server produces the rest.
    while (m_inResult && !m_discarding && !m_block.isEmpty() && PQisBusy(m_conn)) {
        const qint64 left = BlockPacer::FlushAfterMs - m_pacer.waitedMs();
        if (left <= 0 || !waitReadable(int(left))) {
            flushBlock(false);
            break;
        }
        if (!PQconsumeInput(m_conn))
            break;  // PQgetResult reports the broken connection
    }
    return PQgetResult(m_conn);
}

bool PgQueryRunner::waitReadable(int timeoutMs) const
{
    pollfd fd{PQsocket(m_conn), POLLIN, 0};
    int ready;
    do {
        ready = ::poll(&fd, 1, timeoutMs);
    } while (ready < 0 && errno == EINTR);
    // An error is treated as readable: PQconsumeInput then finds out what is wrong.
    return ready != 0;
}

void PgQueryRunner::flushBlock(bool lastBlock)
{
    if (m_block.isEmpty())
        return;
    // The next block starts with room for as many bytes as this one needed.
    m_blockBytesHint = qBound<qsizetype>(4096, m_block.payloadSize() + m_block.payloadSize() / 8,
                                         BlockPacer::BlockBytes + BlockPacer::BlockBytes / 4);
    const bool more = m_sink.rows(std::move(m_block));
    m_block = RowBlock(m_columnCount);
    // After the last block there is nothing left to stop: cancelling then could only hit
    // the next statement of the string.
    if (!more && !lastBlock) {
        stopCurrentResult();
        return;
    }
    m_block.reserve(BlockPacer::BlockRows, m_blockBytesHint);
}

void PgQueryRunner::stopCurrentResult()
{
    // The rest of the result is not wanted: ask the server to stop sending it, then drop what
    // is still in flight. The cancel error that ends the result is expected, not reported.
    m_discarding = true;
    m_stoppedBySink = true;
    m_cancelServer();
}

void PgQueryRunner::endResult(const PGresult *result, bool truncated)
{
    ResultSummary summary;
    summary.elapsedMs = m_timer.elapsed() - m_resultStartMs;
    m_resultStartMs = m_timer.elapsed();
    if (result)
        summary.commandTag = QString::fromUtf8(PQcmdStatus(const_cast<PGresult *>(result)));
    if (m_inResult) {
        if (!m_discarding)
            flushBlock(true);
        summary.hasRows = true;
        summary.rowCount = m_rowCount;
        summary.truncated = truncated || m_discarding;
    } else if (result) {
        const char *tuples = PQcmdTuples(const_cast<PGresult *>(result));
        if (tuples && *tuples)
            summary.rowsAffected = QByteArrayView(tuples).toLongLong();
    }
    m_inResult = false;
    m_discarding = false;
    m_block = RowBlock();
    m_sink.endResult(summary);
}

void PgQueryRunner::noteError(const PGresult *result)
{
    const char *state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const bool cancelled = state && qstrcmp(state, QueryCanceled) == 0;
    if (cancelled && m_stoppedBySink && !m_cancelRequested.load()) {
        // Our own cancel after the sink said stop: the result ends here, truncated.
        if (m_inResult)
            endResult(nullptr, true);
        return;
    }
    if (m_inResult) {
        // Rows came before the error: deliver them and close the result, so the sink stays
        // consistent; the error is returned below.
        endResult(nullptr, true);
    }
    if (!m_error.isNull())
        return;
    if (cancelled && m_cancelRequested.load()) {
        m_error = Error(Error::Code::Cancelled, Tr::tr("The statement was cancelled."));
        m_error.setSqlState(QString::fromLatin1(QueryCanceled));
        return;
    }
    m_error = PgErrors::resultError(result, m_conn);
}

void PgQueryRunner::drainCopy(const PGresult *result)
{
    m_unsupportedCopy = true;
    if (PQresultStatus(result) == PGRES_COPY_OUT) {
        char *buffer = nullptr;
        while (PQgetCopyData(m_conn, &buffer, 0) > 0)
            PQfreemem(buffer);
    } else {
        PQputCopyEnd(m_conn, "COPY FROM STDIN is not supported by this client");
    }
}

} // namespace Strata::Postgres::Internal
