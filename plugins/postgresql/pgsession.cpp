// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgsession.h"

#include "pgerrors.h"
#include "pgqueryrunner.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>

#include <libpq-fe.h>

namespace Strata::Postgres::Internal {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PgSession)
};

// libpq keywords a connection may carry through ConnectionSettings::options. "host" is the
// socket directory for URLs without a host name; everything else is passed as it is.
const char *const PassThroughOptions[] = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslcompression", "sslsni",
    "ssl_min_protocol_version", "ssl_max_protocol_version", "requiressl", "gssencmode",
    "connect_timeout", "application_name", "options", "target_session_attrs", "hostaddr",
    "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
    "tcp_user_timeout", "channel_binding", "krbsrvname", "passfile", "service",
};

// A conninfo value, quoted as libpq reads it ('...' with \ and ' escaped).
QString conninfoValue(const QString &value)
{
    QString quoted = value;
    quoted.replace(u'\\', QStringLiteral("\\\\"));
    quoted.replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + quoted + u'\'';
}

QString versionText(int number)
{
    if (number <= 0)
        return {};
    if (number >= 100000)
        return QStringLiteral("PostgreSQL %1.%2").arg(number / 10000).arg(number % 10000);
    return QStringLiteral("PostgreSQL %1.%2.%3").arg(number / 10000).arg(number / 100 % 100).arg(number % 100);
}

QString nextConnectionName(const void *self)
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("strata-pg-%1-%2")
        .arg(quintptr(self), 0, 16)
        .arg(counter.fetch_add(1) + 1);
}
} // namespace

PgSession::PgSession() = default;

PgSession::~PgSession()
{
    close();
}

Result<void> PgSession::open(const ConnectionSettings &settings)
{
    close();

    QMap<QString, QString> options = settings.options;
    QString host = settings.host;
    if (host.isEmpty())
        host = options.value(QStringLiteral("host"));
    if (!options.contains(QStringLiteral("connect_timeout")))
        options.insert(QStringLiteral("connect_timeout"), QStringLiteral("10"));
    if (!options.contains(QStringLiteral("application_name")))
        options.insert(QStringLiteral("application_name"), QStringLiteral("Strata"));

    QStringList connectOptions;
    for (const char *name : PassThroughOptions) {
        const QString key = QString::fromLatin1(name);
        const auto it = options.constFind(key);
        if (it == options.constEnd())
            continue;
        // QPSQL turns every ';' of the option string into a separator.
        if (it->contains(u';'))
            return Error(Error::Code::InvalidArgument,
                         Tr::tr("The option %1 must not contain ';'.").arg(key));
        connectOptions << key + u'=' + conninfoValue(*it);
    }

    m_connectionName = nextConnectionName(this);
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        if (!db.isValid()) {
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            m_connectionName.clear();
            return Error(Error::Code::Plugin,
                         Tr::tr("Qt's PostgreSQL driver (QPSQL) is not installed."));
        }
        db.setHostName(host);
        if (settings.port > 0)
            db.setPort(settings.port);
        db.setDatabaseName(settings.database);
        db.setUserName(settings.user);
        db.setPassword(settings.password);
        db.setConnectOptions(connectOptions.join(u';'));
        if (db.open()) {
            // The password is not needed once connected; do not keep it in Qt's copy.
            db.setPassword(QString());
            const QVariant handle = db.driver()->handle();
            // Qt 6 names the type after the struct ("pg_conn*"), older docs say "PGconn*".
            if (handle.isValid()
                && (qstrcmp(handle.typeName(), "pg_conn*") == 0 || qstrcmp(handle.typeName(), "PGconn*") == 0))
                m_conn = *static_cast<PGconn *const *>(handle.constData());
        } else {
            failure = db.lastError().databaseText();
            if (failure.isEmpty())
                failure = db.lastError().text();
        }
    }
    if (!m_conn) {
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
        if (failure.isEmpty())
            return Error(Error::Code::Plugin, Tr::tr("QPSQL gave no PostgreSQL connection handle."));
        return PgErrors::connectError(failure, host, settings.database);
    }

    m_database = settings.database;
    Result<void> prepared = prepareConnection();
    if (!prepared) {
        close();
        return prepared;
    }
    return {};
}

Result<void> PgSession::prepareConnection()
{
    // QPSQL switches bytea to the escape format and the time zone to UTC; we keep bytea as
    // hex (cheap to show) and the user's own time zone, as psql would show it.
    PGresult *result = PQexec(m_conn, "SET bytea_output = 'hex'; RESET TimeZone");
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    Error error = ok ? Error() : PgErrors::resultError(result, m_conn);
    PQclear(result);
    while ((result = PQgetResult(m_conn)))
        PQclear(result);
    if (!ok)
        return error;

    m_types.clear();
    if (Result<void> loaded = m_types.preload(m_conn); !loaded)
        return loaded;

    m_serverVersion = versionText(PQserverVersion(m_conn));
    QMutexLocker lock(&m_cancelMutex);
    m_cancel = PQgetCancel(m_conn);
    return {};
}

void PgSession::close()
{
    {
        QMutexLocker lock(&m_cancelMutex);
        if (m_cancel)
            PQfreeCancel(m_cancel);
        m_cancel = nullptr;
    }
    m_conn = nullptr;
    m_serverVersion.clear();
    m_types.clear();
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool PgSession::isOpen() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

QString PgSession::serverVersion() const
{
    return m_serverVersion;
}

int PgSession::serverVersionNumber() const
{
    return m_conn ? PQserverVersion(m_conn) : 0;
}

Result<void> PgSession::execute(const QString &sql, const QVariantList &parameters, IRowSink &sink)
{
    if (!m_conn)
        return Error(Error::Code::ConnectionLost, Tr::tr("The session is not connected."));
    if (PQstatus(m_conn) != CONNECTION_OK)
        return Error(Error::Code::ConnectionLost,
                     Tr::tr("The connection to the PostgreSQL server was lost."));
    {
        QMutexLocker lock(&m_cancelMutex);
        m_cancelRequested = false;
        m_running = true;
    }
    auto cancelServer = [this] {
        QMutexLocker lock(&m_cancelMutex);
        if (m_cancel) {
            char message[256];
            PQcancel(m_cancel, message, int(sizeof message));
        }
    };
    PgQueryRunner runner(m_conn, m_types, sink, cancelServer, m_cancelRequested);
    Result<void> result = runner.run(sql, parameters);
    {
        QMutexLocker lock(&m_cancelMutex);
        m_running = false;
    }
    return result;
}

void PgSession::cancel()
{
    QMutexLocker lock(&m_cancelMutex);
    if (!m_running || !m_cancel)
        return;
    m_cancelRequested = true;
    char message[256];
    PQcancel(m_cancel, message, int(sizeof message));
}

} // namespace Strata::Postgres::Internal
