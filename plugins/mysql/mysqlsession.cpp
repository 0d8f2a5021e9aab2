// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlsession.h"

#include "mysqlerrors.h"
#include "mysqlresultreader.h"
#include "mysqlstatement.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace Strata::MySql::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlSession)
};

// The side connection for KILL QUERY must not hang a cancel for long.
constexpr int KillConnectTimeoutSeconds = 5;
} // namespace

MySqlSession::MySqlSession() = default;

MySqlSession::~MySqlSession()
{
    close();
}

Result<void> MySqlSession::open(const ConnectionSettings &settings)
{
    close();
    if (Result<void> opened = m_connection.open(settings); !opened)
        return opened;
    MYSQL *mysql = m_connection.handle();
    const QString info = QString::fromUtf8(mysql_get_server_info(mysql));
    m_mariadb = info.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
    m_serverVersion = MySqlConnection::versionLabel(info);

    ConnectionSettings killSettings = settings;
    const int timeout =
        settings.option(QStringLiteral("connect_timeout"), QStringLiteral("10")).toInt();
    killSettings.options.insert(QStringLiteral("connect_timeout"),
                                QString::number(timeout > 0
                                                    ? qMin(timeout, KillConnectTimeoutSeconds)
                                                    : KillConnectTimeoutSeconds));
    QMutexLocker lock(&m_runMutex);
    m_killSettings = killSettings;
    m_threadId = mysql_thread_id(mysql);
    return {};
}

void MySqlSession::close()
{
    {
        QMutexLocker lock(&m_runMutex);
        m_killSettings = {};
        m_threadId = 0;
    }
    m_connection.close();
}

bool MySqlSession::isOpen() const
{
    return m_connection.isOpen();
}

QString MySqlSession::serverVersion() const
{
    return m_serverVersion;
}

unsigned long MySqlSession::connectionId() const
{
    QMutexLocker lock(&m_runMutex);
    return m_threadId;
}

void MySqlSession::killRunningQuery()
{
    if (m_threadId == 0)
        return;
    MySqlConnection side;
    if (!side.open(m_killSettings))
        return;
    (void)side.run(QByteArray("KILL QUERY ") + QByteArray::number(qulonglong(m_threadId)));
}

void MySqlSession::cancel()
{
    QMutexLocker lock(&m_runMutex);
    if (!m_running)
        return;
    m_cancelRequested = true;
    killRunningQuery();
}

void MySqlSession::reportWarnings(IRowSink &sink, unsigned int count, bool last)
{
    if (count == 0)
        return;
    if (!last) {
        // The server keeps the warnings of the latest statement only, and the next statement
        // of this call already ran: the count is all that is left.
        sink.notice(Tr::tr("%n warning(s) (details are kept only for the last statement)", nullptr,
                           int(count)));
        return;
    }
    MYSQL *mysql = m_connection.handle();
    static const QByteArray showWarnings("SHOW WARNINGS");
    if (mysql_real_query(mysql, showWarnings.constData(), showWarnings.size()) != 0)
        return;
    MYSQL_RES *result = mysql_store_result(mysql); // a few rows at most (max_error_count)
    if (!result)
        return;
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
        if (mysql_num_fields(result) < 3)
            break;
        sink.notice(QStringLiteral("%1 %2: %3")
                        .arg(QString::fromUtf8(row[0] ? row[0] : ""),
                             QString::fromUtf8(row[1] ? row[1] : ""),
                             QString::fromUtf8(row[2] ? row[2] : "")));
    }
    mysql_free_result(result);
}

Result<void> MySqlSession::runText(const QByteArray &sql, IRowSink &sink)
{
    MYSQL *mysql = m_connection.handle();
    QElapsedTimer timer;
    timer.start();
    if (mysql_real_query(mysql, sql.constData(), static_cast<unsigned long>(sql.size())) != 0)
        return MySqlErrors::statementError(mysql);

    bool stopped = false;
    MySqlResultReader reader(mysql, sink, [this] {
        QMutexLocker lock(&m_runMutex);
        killRunningQuery();
    });
    for (;;) {
        ResultSummary summary;
        MYSQL_RES *result = mysql_use_result(mysql);
        if (result) {
            if (stopped) {
                // After a stop the rest of the call is discarded (KILL ends it on the server).
                mysql_free_result(result);
            } else {
                if (Result<void> read = reader.read(result, summary); !read)
                    return read;
                stopped = summary.truncated;
                summary.commandTag = QStringLiteral("SELECT %1").arg(summary.rowCount);
                summary.elapsedMs = timer.elapsed();
                sink.endResult(summary);
            }
        } else if (mysql_field_count(mysql) == 0) {
            if (!stopped) {
                summary.rowsAffected = qint64(mysql_affected_rows(mysql));
                summary.elapsedMs = timer.elapsed();
                sink.endResult(summary);
            }
        } else {
            return MySqlErrors::statementError(mysql);
        }
        const unsigned int warnings = mysql_warning_count(mysql);
        const bool last = !mysql_more_results(mysql);
        if (!stopped)
            reportWarnings(sink, warnings, last);
        if (last)
            return {};
        timer.restart();
        const int next = mysql_next_result(mysql);
        if (next < 0)
            return {};
        if (next > 0) {
            if (stopped)
                return {}; // the KILL that stopped the result may end the call here
            return MySqlErrors::statementError(mysql);
        }
    }
}

Result<void> MySqlSession::finish(Result<void> result)
{
    {
        QMutexLocker lock(&m_runMutex);
        m_running = false;
    }
    const bool cancelled = m_cancelRequested.exchange(false);
    if (result)
        return result;
    const Error &error = result.error();
    if (error.code() == Error::Code::ConnectionLost) {
        close();
        Error lost(Error::Code::ConnectionLost, Tr::tr("The connection to the server was lost."),
                   error.message());
        lost.setSqlState(error.sqlState());
        lost.setNativeCode(error.nativeCode());
        return lost;
    }
    if (cancelled || error.code() == Error::Code::Cancelled) {
        Error stopped(Error::Code::Cancelled, Tr::tr("The statement was cancelled."),
                      error.message());
        stopped.setSqlState(error.sqlState());
        stopped.setNativeCode(error.nativeCode());
        return stopped;
    }
    return result;
}

Result<void> MySqlSession::execute(const QString &sql, const QVariantList &parameters,
                                   IRowSink &sink)
{
    if (!isOpen())
        return Error(Error::Code::ConnectionLost, Tr::tr("The session is not connected."));
    {
        QMutexLocker lock(&m_runMutex);
        m_running = true;
        m_cancelRequested = false;
    }
    const QByteArray text = sql.toUtf8();
    if (parameters.isEmpty())
        return finish(runText(text, sink));

    MySqlStatement statement(m_connection.handle());
    Result<void> result = statement.run(text, parameters, sink, [this] {
        QMutexLocker lock(&m_runMutex);
        killRunningQuery();
    });
    if (result) {
        const unsigned int warnings = mysql_warning_count(m_connection.handle());
        reportWarnings(sink, warnings, true);
    }
    return finish(std::move(result));
}

} // namespace Strata::MySql::Internal
