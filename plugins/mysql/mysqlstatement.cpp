// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlstatement.h"

#include "mysqlcolumntypes.h"
#include "mysqlerrors.h"

#include "results/blockpacer.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTime>

#include <cstring>

namespace Strata::MySql::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlStatement)
};

constexpr unsigned long InitialCellBuffer = 256;

QByteArray textOf(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QDateTime:
        return value.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")).toUtf8();
    case QMetaType::QDate:
        return value.toDate().toString(QStringLiteral("yyyy-MM-dd")).toUtf8();
    case QMetaType::QTime:
        return value.toTime().toString(QStringLiteral("HH:mm:ss.zzz")).toUtf8();
    default:
        return value.toString().toUtf8();
    }
}
} // namespace

MySqlStatement::MySqlStatement(MYSQL *mysql)
    : m_mysql(mysql)
{}

MySqlStatement::~MySqlStatement()
{
    if (m_stmt)
        mysql_stmt_close(m_stmt);
}

Result<void> MySqlStatement::bindParameters(const QVariantList &parameters)
{
    const int count = int(parameters.size());
    m_paramBinds.assign(size_t(count), MYSQL_BIND{});
    m_paramBytes.assign(size_t(count), QByteArray());
    m_paramIntegers.assign(size_t(count), 0);
    m_paramDoubles.assign(size_t(count), 0.0);
    for (int i = 0; i < count; ++i) {
        const QVariant &value = parameters.at(i);
        MYSQL_BIND &bind = m_paramBinds[size_t(i)];
        if (value.isNull()) {
            bind.buffer_type = MYSQL_TYPE_NULL;
            continue;
        }
        switch (value.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::Short:
        case QMetaType::Char:
        case QMetaType::SChar:
            m_paramIntegers[size_t(i)] = value.toLongLong();
            bind.buffer_type = MYSQL_TYPE_LONGLONG;
            bind.buffer = &m_paramIntegers[size_t(i)];
            break;
        case QMetaType::ULongLong:
        case QMetaType::ULong:
            m_paramIntegers[size_t(i)] = static_cast<long long>(value.toULongLong());
            bind.buffer_type = MYSQL_TYPE_LONGLONG;
            bind.buffer = &m_paramIntegers[size_t(i)];
            bind.is_unsigned = 1;
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            m_paramDoubles[size_t(i)] = value.toDouble();
            bind.buffer_type = MYSQL_TYPE_DOUBLE;
            bind.buffer = &m_paramDoubles[size_t(i)];
            break;
        case QMetaType::QByteArray:
            m_paramBytes[size_t(i)] = value.toByteArray();
            bind.buffer_type = MYSQL_TYPE_BLOB;
            bind.buffer = m_paramBytes[size_t(i)].data();
            bind.buffer_length = static_cast<unsigned long>(m_paramBytes[size_t(i)].size());
            break;
        default:
            m_paramBytes[size_t(i)] = textOf(value);
            bind.buffer_type = MYSQL_TYPE_STRING;
            bind.buffer = m_paramBytes[size_t(i)].data();
            bind.buffer_length = static_cast<unsigned long>(m_paramBytes[size_t(i)].size());
            break;
        }
    }
    if (count > 0 && mysql_stmt_bind_param(m_stmt, m_paramBinds.data()))
        return MySqlErrors::statementError(m_stmt);
    return {};
}

Result<void> MySqlStatement::readResult(MYSQL_RES *metadata, IRowSink &sink, ResultSummary &summary,
                                        const std::function<void()> &stopServer)
{
    const ColumnList columns = MySqlColumnTypes::columns(metadata);
    mysql_free_result(metadata);
    const size_t columnCount = size_t(columns.size());
    summary.hasRows = true;
    sink.beginResult(columns);

    std::vector<MYSQL_BIND> binds(columnCount, MYSQL_BIND{});
    std::vector<QByteArray> buffers(columnCount,
                                    QByteArray(int(InitialCellBuffer), Qt::Uninitialized));
    std::vector<unsigned long> lengths(columnCount, 0);
    std::vector<my_bool> nulls(columnCount, 0);
    std::vector<my_bool> truncations(columnCount, 0);
    for (size_t c = 0; c < columnCount; ++c) {
        binds[c].buffer_type = MYSQL_TYPE_STRING;
        binds[c].buffer = buffers[c].data();
        binds[c].buffer_length = InitialCellBuffer;
        binds[c].length = &lengths[c];
        binds[c].is_null = &nulls[c];
        binds[c].error = &truncations[c];
    }
    if (columnCount > 0 && mysql_stmt_bind_result(m_stmt, binds.data()))
        return MySqlErrors::statementError(m_stmt);

    RowBlock block{int(columnCount)};
    BlockPacer pacer;
    int blockRows = 0;
    bool stopped = false;
    QByteArray longCell;
    for (;;) {
        const int rc = mysql_stmt_fetch(m_stmt);
        if (rc == MYSQL_NO_DATA)
            break;
        if (rc == 1) {
            const unsigned int number = mysql_stmt_errno(m_stmt);
            if (stopped && !MySqlErrors::isConnectionLost(number))
                break; // the KILL we sent ends the drain
            return MySqlErrors::statementError(m_stmt);
        }
        if (stopped)
            continue;
        for (size_t c = 0; c < columnCount; ++c) {
            if (nulls[c]) {
                block.appendNull();
            } else if (lengths[c] <= InitialCellBuffer) {
                block.appendCell(buffers[c].constData(), qsizetype(lengths[c]));
            } else {
                // Longer than the bound buffer: fetch this cell again at its full size.
                longCell.resize(qsizetype(lengths[c]));
                MYSQL_BIND one{};
                unsigned long length = 0;
                one.buffer_type = MYSQL_TYPE_STRING;
                one.buffer = longCell.data();
                one.buffer_length = lengths[c];
                one.length = &length;
                if (mysql_stmt_fetch_column(m_stmt, &one, unsigned(c), 0))
                    return MySqlErrors::statementError(m_stmt);
                block.appendCell(longCell.constData(), qsizetype(length));
            }
        }
        ++blockRows;
        if (pacer.isDue(block)) {
            summary.rowCount += blockRows;
            blockRows = 0;
            const bool more = sink.rows(std::move(block));
            block = RowBlock(int(columnCount));
            if (!more) {
                stopped = true;
                summary.truncated = true;
                stopServer();
            }
        }
    }
    if (!stopped && blockRows > 0) {
        summary.rowCount += blockRows;
        (void)sink.rows(std::move(block));
    }
    mysql_stmt_free_result(m_stmt);
    return {};
}

Result<void> MySqlStatement::run(const QByteArray &sql, const QVariantList &parameters,
                                 IRowSink &sink, const std::function<void()> &stopServer)
{
    m_stmt = mysql_stmt_init(m_mysql);
    if (!m_stmt)
        return MySqlErrors::statementError(m_mysql);
    if (mysql_stmt_prepare(m_stmt, sql.constData(), static_cast<unsigned long>(sql.size())))
        return MySqlErrors::statementError(m_stmt);
    const unsigned long expected = mysql_stmt_param_count(m_stmt);
    if (expected != static_cast<unsigned long>(parameters.size())) {
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("The statement has %1 parameter marker(s) but %2 value(s) were given.")
                         .arg(expected)
                         .arg(parameters.size()));
    }
    if (Result<void> bound = bindParameters(parameters); !bound)
        return bound;

    QElapsedTimer timer;
    timer.start();
    if (mysql_stmt_execute(m_stmt))
        return MySqlErrors::statementError(m_stmt);
    bool stopped = false;
    for (;;) {
        ResultSummary summary;
        if (MYSQL_RES *metadata = mysql_stmt_result_metadata(m_stmt)) {
            if (stopped) {
                mysql_free_result(metadata);
                mysql_stmt_free_result(m_stmt);
            } else {
                if (Result<void> read = readResult(metadata, sink, summary, stopServer); !read)
                    return read;
                stopped = summary.truncated;
                summary.commandTag = QStringLiteral("SELECT %1").arg(summary.rowCount);
                summary.elapsedMs = timer.elapsed();
                sink.endResult(summary);
            }
        } else if (mysql_stmt_field_count(m_stmt) == 0 && !stopped) {
            summary.rowsAffected = qint64(mysql_stmt_affected_rows(m_stmt));
            summary.elapsedMs = timer.elapsed();
            sink.endResult(summary);
        }
        timer.restart();
        const int next = mysql_stmt_next_result(m_stmt);
        if (next < 0)
            return {};
        if (next > 0) {
            if (stopped)
                return {}; // the KILL that stopped the result may end the call here
            return MySqlErrors::statementError(m_stmt);
        }
    }
}

} // namespace Strata::MySql::Internal
