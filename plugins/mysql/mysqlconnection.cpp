// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlconnection.h"

#include "mysqlerrors.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <mutex>

namespace Strata::MySql::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MySql::MySqlConnection)
};

// mysql_library_init is not thread-safe; connections are opened from several threads
// (session workers and cancel()), so it runs exactly once.
void initLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

QByteArray orNull(const QString &text)
{
    return text.isEmpty() ? QByteArray() : text.toUtf8();
}

const char *ptr(const QByteArray &bytes)
{
    return bytes.isNull() ? nullptr : bytes.constData();
}
} // namespace

MySqlConnection::~MySqlConnection()
{
    close();
}

void MySqlConnection::close()
{
    if (m_mysql) {
        mysql_close(m_mysql);
        m_mysql = nullptr;
    }
}

Result<MySqlConnection::TlsMode> MySqlConnection::parseTlsMode(const QString &text)
{
    const QString mode = text.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    if (mode.isEmpty() || mode == QLatin1String("prefer") || mode == QLatin1String("preferred"))
        return TlsMode::Prefer;
    if (mode == QLatin1String("disable") || mode == QLatin1String("disabled"))
        return TlsMode::Disable;
    if (mode == QLatin1String("require") || mode == QLatin1String("required"))
        return TlsMode::Require;
    if (mode == QLatin1String("verify-ca"))
        return TlsMode::VerifyCa;
    if (mode == QLatin1String("verify-full") || mode == QLatin1String("verify-identity"))
        return TlsMode::VerifyFull;
    return Error(Error::Code::InvalidArgument,
                 Tr::tr("Unknown sslmode '%1' (use disable, prefer, require, verify-ca or "
                        "verify-full).")
                     .arg(text));
}

QString MySqlConnection::versionLabel(const QString &serverInfo)
{
    QString info = serverInfo.trimmed();
    // Old clients see MariaDB 10+ as "5.5.5-10.x.y-MariaDB" (the replication version hack).
    if (info.startsWith(QLatin1String("5.5.5-")))
        info = info.mid(6);
    static const QRegularExpression number(QStringLiteral("^(\\d+(?:\\.\\d+)*)"));
    const QRegularExpressionMatch match = number.match(info);
    const QString version = match.hasMatch() ? match.captured(1) : info;
    const bool mariadb = info.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
    return (mariadb ? QStringLiteral("MariaDB ") : QStringLiteral("MySQL ")) + version;
}

Result<void> MySqlConnection::open(const ConnectionSettings &settings)
{
    close();
    Result<TlsMode> tls = parseTlsMode(settings.option(QStringLiteral("sslmode")));
    if (!tls)
        return tls.error();
    if (tls.value() != TlsMode::Prefer)
        return connectWith(settings, tls.value());
    // Connector/C has no "TLS if offered": try TLS, then plain, as libpq's prefer does.
    Result<void> encrypted = connectWith(settings, TlsMode::Require);
    if (encrypted || encrypted.error().code() != Error::Code::Tls)
        return encrypted;
    return connectWith(settings, TlsMode::Disable);
}

Result<void> MySqlConnection::connectWith(const ConnectionSettings &settings, TlsMode mode)
{
    bool timeoutOk = true;
    const QString timeoutText =
        settings.option(QStringLiteral("connect_timeout"), QStringLiteral("10"));
    const int timeout = timeoutText.toInt(&timeoutOk);
    if (!timeoutOk || timeout < 0) {
        return Error(
            Error::Code::InvalidArgument,
            Tr::tr("connect_timeout must be a number of seconds, not '%1'.").arg(timeoutText));
    }

    if (mode == TlsMode::VerifyCa && settings.option(QStringLiteral("sslrootcert")).isEmpty()) {
        // Without a CA file Connector/C would not check the chain at all.
        return Error(Error::Code::Tls,
                     Tr::tr("sslmode=verify-ca needs sslrootcert (the CA certificate file)."));
    }

    initLibrary();
    MYSQL *mysql = mysql_init(nullptr);
    if (!mysql)
        return Error(Error::Code::Generic,
                     Tr::tr("Out of memory while creating a MariaDB connection."));

    // Connect natively instead of through QSqlDatabase("QMYSQL"): Qt 6.4's QMYSQL options are
    // limited to SSL_KEY/SSL_CERT/SSL_CA/SSL_CAPATH/SSL_CIPHER (see the strings of
    // libqsqlmysql.so). It cannot set MYSQL_OPT_SSL_ENFORCE (sslmode=require) nor
    // MYSQL_OPT_SSL_VERIFY_SERVER_CERT (verify-full), so a man in the middle would go unnoticed,
    // and QSqlDatabase cannot adopt a MYSQL* opened elsewhere. One native path keeps TLS
    // correct for every mode; streaming (mysql_use_result) needs the native handle anyway.
    const unsigned int seconds = unsigned(timeout);
    if (seconds > 0)
        mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
    mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    const my_bool off = 0;
    const my_bool on = 1;
    // Never reconnect silently: a reconnect would replay the statement on a new session.
    mysql_options(mysql, MYSQL_OPT_RECONNECT, &off);
    const unsigned int localInfile = 0;
    mysql_options(mysql, MYSQL_OPT_LOCAL_INFILE, &localInfile);

    const QByteArray socket = orNull(settings.option(QStringLiteral("socket")));
    // "localhost" would silently mean the Unix socket; TCP unless a socket is asked for.
    const unsigned int protocol = socket.isNull() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
    mysql_options(mysql, MYSQL_OPT_PROTOCOL, &protocol);

    const QByteArray ca = orNull(settings.option(QStringLiteral("sslrootcert")));
    const QByteArray cert = orNull(settings.option(QStringLiteral("sslcert")));
    const QByteArray key = orNull(settings.option(QStringLiteral("sslkey")));
    switch (mode) {
    case TlsMode::Disable:
    case TlsMode::Prefer:
        break;
    case TlsMode::Require:
        mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &on);
        mysql_options(mysql, MYSQL_OPT_SSL_CERT, ptr(cert));
        mysql_options(mysql, MYSQL_OPT_SSL_KEY, ptr(key));
        mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off);
        break;
    case TlsMode::VerifyCa:
    case TlsMode::VerifyFull:
        // Connector/C verifies the chain whenever a CA is given; VERIFY_SERVER_CERT adds the
        // host name check, which verify-ca leaves out.
        mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &on);
        mysql_options(mysql, MYSQL_OPT_SSL_CA, ptr(ca));
        mysql_options(mysql, MYSQL_OPT_SSL_CERT, ptr(cert));
        mysql_options(mysql, MYSQL_OPT_SSL_KEY, ptr(key));
        mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
                      mode == TlsMode::VerifyFull ? &on : &off);
        break;
    }

    const QString hostName = settings.host.isEmpty() ? QStringLiteral("localhost") : settings.host;
    const QByteArray host = hostName.toUtf8();
    const QByteArray user = orNull(settings.user);
    const QByteArray password = settings.password.toUtf8();
    const QByteArray database = orNull(settings.database);
    const unsigned int port = settings.port > 0 ? unsigned(settings.port) : unsigned(defaultPort());
    // CLIENT_FOUND_ROWS: UPDATE reports the rows it matched, as PostgreSQL and SQLite do, so
    // saving an edit that leaves a value unchanged is not mistaken for a conflict.
    const unsigned long flags = CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS | CLIENT_FOUND_ROWS;
    if (!mysql_real_connect(mysql, host.constData(), ptr(user),
                            settings.password.isNull() ? nullptr : password.constData(),
                            ptr(database), port, ptr(socket), flags)) {
        const QString where = socket.isNull() ? QStringLiteral("%1:%2").arg(hostName).arg(port)
                                              : QString::fromUtf8(socket);
        Error error = MySqlErrors::connectError(mysql, where);
        mysql_close(mysql);
        return error;
    }
    m_mysql = mysql;
    return {};
}

Result<void> MySqlConnection::run(const QByteArray &sql)
{
    if (!m_mysql)
        return Error(Error::Code::ConnectionLost, Tr::tr("The connection is closed."));
    if (mysql_real_query(m_mysql, sql.constData(), sql.size()) != 0)
        return MySqlErrors::statementError(m_mysql);
    // Discard every result so the connection is ready for the next statement.
    for (;;) {
        if (MYSQL_RES *res = mysql_use_result(m_mysql))
            mysql_free_result(res);
        const int next = mysql_next_result(m_mysql);
        if (next < 0)
            return {};
        if (next > 0)
            return MySqlErrors::statementError(m_mysql);
    }
}

} // namespace Strata::MySql::Internal
