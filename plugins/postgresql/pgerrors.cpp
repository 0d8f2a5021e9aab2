// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgerrors.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <libpq-fe.h>

namespace Strata::Postgres::Internal::PgErrors {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgErrors)
};

bool containsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles) {
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString field(const PGresult *result, int code)
{
    const char *value = PQresultErrorField(result, code);
    return value ? QString::fromUtf8(value).trimmed() : QString();
}
} // namespace

QString oneLine(const char *text)
{
    QString s = QString::fromUtf8(text ? text : "");
    s.replace(QRegularExpression(QStringLiteral("\\s*\\n\\s*")), QStringLiteral(" "));
    return s.simplified();
}

Error connectError(const QString &message, const QString &host, const QString &database)
{
    const QString detail = message.simplified();
    const QString where = host.isEmpty() ? Tr::tr("the local server") : host;
    // Order matters: the most specific cause wins, and pg_hba.conf rejections mention "SSL"
    // although they are about the user, not the certificate.
    if (containsAny(detail, {"timeout expired", "timed out"}))
        return Error(Error::Code::Timeout, Tr::tr("Connecting to %1 timed out.").arg(where), detail);
    if (containsAny(detail, {"database \""}) && containsAny(detail, {"does not exist"}))
        return Error(Error::Code::UnknownDatabase,
                     Tr::tr("The server has no database named \"%1\".").arg(database), detail);
    if (containsAny(detail, {"password authentication failed", "no password supplied",
                             "authentication failed", "role \"", "pg_hba.conf",
                             "password is required"}))
        return Error(Error::Code::Authentication,
                     Tr::tr("The server refused the user name or password."), detail);
    if (containsAny(detail, {"certificate", "SSL", "TLS", "does not match host name"}))
        return Error(Error::Code::Tls,
                     Tr::tr("The TLS connection to %1 failed (refused, untrusted certificate or name mismatch).")
                         .arg(where),
                     detail);
    if (containsAny(detail, {"connection refused", "could not translate host name",
                             "network is unreachable", "no route to host", "could not connect",
                             "no such file or directory", "name or service not known",
                             "host is down", "server closed the connection"}))
        return Error(Error::Code::HostUnreachable,
                     Tr::tr("Cannot reach the PostgreSQL server at %1.").arg(where), detail);
    return Error(Error::Code::Generic, Tr::tr("Cannot connect to the PostgreSQL server."), detail);
}

Error resultError(const PGresult *result, PGconn *conn)
{
    const bool broken = conn && PQstatus(conn) == CONNECTION_BAD;
    QString message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    if (message.isEmpty())
        message = oneLine(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
    if (message.isEmpty())
        message = Tr::tr("The server reported an error without a message.");

    QStringList details;
    if (const QString d = field(result, PG_DIAG_MESSAGE_DETAIL); !d.isEmpty())
        details << d;
    if (const QString h = field(result, PG_DIAG_MESSAGE_HINT); !h.isEmpty())
        details << Tr::tr("Hint: %1").arg(h);

    Error error(broken ? Error::Code::ConnectionLost : Error::Code::Query, message,
                details.join(QStringLiteral("; ")));
    error.setSqlState(field(result, PG_DIAG_SQLSTATE));
    error.setPosition(field(result, PG_DIAG_STATEMENT_POSITION).toInt());
    return error;
}

Error connectionError(PGconn *conn, const QString &context)
{
    const QString text = oneLine(PQerrorMessage(conn));
    if (!conn || PQstatus(conn) == CONNECTION_BAD)
        return Error(Error::Code::ConnectionLost,
                     Tr::tr("The connection to the PostgreSQL server was lost."), text);
    return Error(Error::Code::Query, context, text);
}

} // namespace Strata::Postgres::Internal::PgErrors
