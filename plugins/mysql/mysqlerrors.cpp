// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlerrors.h"

#include <QCoreApplication>

#include <errmsg.h>
#include <mysqld_error.h>

namespace Strata::MySql::Internal::MySqlErrors {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlErrors)
};

// Connector/C puts the system error in the text only ("... (110)", "timed out").
bool mentionsTimeout(const QString &text)
{
    return text.contains(QLatin1String("timed out"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("timeout"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("(110)")) || text.contains(QLatin1String("error: 110"));
}

bool mentionsTls(const QString &text)
{
    return text.contains(QLatin1String("certificate"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("SSL"), Qt::CaseSensitive) ||
           text.contains(QLatin1String("TLS"), Qt::CaseSensitive);
}
} // namespace

Error fromParts(Error::Code code, unsigned int number, const char *sqlState, const char *message)
{
    const QString text = QString::fromUtf8(message ? message : "").trimmed();
    Error error(code, text.isEmpty() ? Tr::tr("MariaDB error %1").arg(number) : text);
    if (sqlState && *sqlState)
        error.setSqlState(QString::fromLatin1(sqlState));
    error.setNativeCode(int(number));
    return error;
}

bool isConnectionLost(unsigned int number)
{
    switch (number) {
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case CR_ERR_NET_READ:
    case CR_ERR_NET_WRITE:
    case ER_SERVER_SHUTDOWN:
    case ER_CONNECTION_KILLED:
    case ER_NET_READ_ERROR:
    case ER_NET_READ_INTERRUPTED:
    case ER_NET_WRITE_INTERRUPTED:
    case ER_NET_ERROR_ON_WRITE:
        return true;
    default:
        return false;
    }
}

bool isInterrupted(unsigned int number)
{
    return number == ER_QUERY_INTERRUPTED || number == ER_STATEMENT_TIMEOUT;
}

Error connectError(MYSQL *mysql, const QString &host)
{
    const unsigned int number = mysql_errno(mysql);
    const char *state = mysql_sqlstate(mysql);
    const QString serverText = QString::fromUtf8(mysql_error(mysql)).trimmed();
    Error::Code code = Error::Code::Generic;
    QString message;
    switch (number) {
    case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
    case ER_HOST_NOT_PRIVILEGED:
        code = Error::Code::Authentication;
        message = Tr::tr("The server refused the user name or password.");
        break;
    case ER_BAD_DB_ERROR:
        code = Error::Code::UnknownDatabase;
        message = Tr::tr("The server has no such database.");
        break;
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_UNKNOWN_HOST:
        code = mentionsTimeout(serverText) ? Error::Code::Timeout : Error::Code::HostUnreachable;
        message = code == Error::Code::Timeout
                      ? Tr::tr("Connecting to %1 timed out.").arg(host)
                      : Tr::tr("Cannot reach the MariaDB/MySQL server at %1.").arg(host);
        break;
    case CR_SSL_CONNECTION_ERROR:
        code = Error::Code::Tls;
        message = Tr::tr("The TLS connection to %1 failed (certificate not trusted, name mismatch "
                         "or TLS refused).")
                      .arg(host);
        break;
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case CR_SERVER_GONE_ERROR:
        if (mentionsTimeout(serverText)) {
            code = Error::Code::Timeout;
            message = Tr::tr("Connecting to %1 timed out.").arg(host);
        } else if (mentionsTls(serverText)) {
            code = Error::Code::Tls;
            message = Tr::tr("The TLS handshake with %1 failed.").arg(host);
        } else {
            code = Error::Code::HostUnreachable;
            message =
                Tr::tr("The server at %1 closed the connection during the handshake.").arg(host);
        }
        break;
    default:
        if (mentionsTls(serverText)) {
            code = Error::Code::Tls;
            message = Tr::tr("The TLS connection to %1 failed.").arg(host);
        }
        break;
    }
    Error error = fromParts(code, number, state, mysql_error(mysql));
    if (message.isEmpty())
        return error;
    Error mapped(code, message, serverText);
    mapped.setSqlState(error.sqlState());
    mapped.setNativeCode(error.nativeCode());
    return mapped;
}

Error statementError(MYSQL *mysql)
{
    const unsigned int number = mysql_errno(mysql);
    const Error::Code code = isConnectionLost(number) ? Error::Code::ConnectionLost
                             : isInterrupted(number)  ? Error::Code::Cancelled
                                                      : Error::Code::Query;
    return fromParts(code, number, mysql_sqlstate(mysql), mysql_error(mysql));
}

Error statementError(MYSQL_STMT *stmt)
{
    const unsigned int number = mysql_stmt_errno(stmt);
    const Error::Code code = isConnectionLost(number) ? Error::Code::ConnectionLost
                             : isInterrupted(number)  ? Error::Code::Cancelled
                                                      : Error::Code::Query;
    return fromParts(code, number, mysql_stmt_sqlstate(stmt), mysql_stmt_error(stmt));
}

} // namespace Strata::MySql::Internal::MySqlErrors
