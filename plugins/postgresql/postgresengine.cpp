// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgresengine.h"

#include "pgmigrationhistory.h"
#include "pgcatalogreader.h"
#include "pgdialect.h"
#include "pgexplain.h"
#include "pgmigrationlint.h"
#include "pgsession.h"

#include <QCoreApplication>

namespace Strata::Postgres {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::Postgres::PostgresEngine)
};

ConnectionOption option(const char *name, const QString &label, ConnectionOption::Type type,
                        const QVariant &defaultValue, const QString &description, bool advanced = false)
{
    ConnectionOption o;
    o.name = QString::fromLatin1(name);
    o.label = label;
    o.type = type;
    o.defaultValue = defaultValue;
    o.description = description;
    o.advanced = advanced;
    return o;
}
} // namespace

PostgresEngine::PostgresEngine(QObject *parent)
    : QObject(parent)
    , m_dialect(std::make_unique<Internal::PgDialect>())
    , m_explain(std::make_unique<Internal::PgExplain>())
{
}

PostgresEngine::~PostgresEngine() = default;

QString PostgresEngine::id() const
{
    return QStringLiteral("postgresql");
}

QString PostgresEngine::displayName() const
{
    return QStringLiteral("PostgreSQL");
}

int PostgresEngine::defaultPort() const
{
    return 5432;
}

ConnectionOptionList PostgresEngine::connectionOptions() const
{
    using Type = ConnectionOption::Type;
    ConnectionOption targetSession = option("target_session_attrs", Tr::tr("Target session"), Type::Choice,
                                            QStringLiteral("any"),
                                            Tr::tr("Which server of a host list to accept."), true);
    targetSession.choices = {QStringLiteral("any"), QStringLiteral("read-write"), QStringLiteral("read-only"),
                             QStringLiteral("primary"), QStringLiteral("standby"),
                             QStringLiteral("prefer-standby")};
    ConnectionOption sslmode = option("sslmode", Tr::tr("TLS mode"), Type::Choice, QStringLiteral("prefer"),
                                      Tr::tr("Whether and how strictly the connection uses TLS; "
                                             "verify-full checks the certificate and the host name."));
    sslmode.choices = {QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                       QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return {
        sslmode,
        option("sslrootcert", Tr::tr("CA certificate"), Type::File, QVariant(),
               Tr::tr("The certificate authorities trusted to sign the server certificate.")),
        option("sslcert", Tr::tr("Client certificate"), Type::File, QVariant(),
               Tr::tr("A client certificate, for servers that authenticate clients by certificate.")),
        option("sslkey", Tr::tr("Client key"), Type::File, QVariant(),
               Tr::tr("The private key of the client certificate.")),
        option("connect_timeout", Tr::tr("Connect timeout (s)"), Type::Integer, 10,
               Tr::tr("Seconds to wait for the server before giving up.")),
        option("application_name", Tr::tr("Application name"), Type::String, QStringLiteral("Strata"),
               Tr::tr("The name the server shows for this connection in pg_stat_activity.")),
        option("host", Tr::tr("Socket directory"), Type::String, QVariant(),
               Tr::tr("A Unix socket directory to connect through when no host name is given."), true),
        option("options", Tr::tr("Server options"), Type::String, QVariant(),
               Tr::tr("Command-line options sent to the server, e.g. -c search_path=app."), true),
        targetSession,
    };
}

std::unique_ptr<ISession> PostgresEngine::createSession()
{
    return std::make_unique<Internal::PgSession>();
}

Result<Catalog> PostgresEngine::loadCatalog(ISession &session, const CatalogRequest &request)
{
    if (!session.isOpen())
        return Error(Error::Code::ConnectionLost, Tr::tr("The session is not connected."));
    Internal::PgCatalogReader reader(session);
    return reader.load(request);
}

QString PostgresEngine::quoteIdentifier(const QString &name) const
{
    return m_dialect->quoteIdentifier(name);
}

QString PostgresEngine::quoteLiteral(const QString &value) const
{
    return m_dialect->quoteLiteral(value);
}

QString PostgresEngine::qualifiedName(const QString &schema, const QString &name) const
{
    return m_dialect->qualifiedName(schema, name);
}

int PostgresEngine::maxIdentifierLength() const
{
    return m_dialect->maxIdentifierLength();
}

QString PostgresEngine::createSchemaStatement(const QString &schema) const
{
    return m_dialect->createSchemaStatement(schema);
}

QStringList PostgresEngine::createTableStatements(const Table &table, const DdlOptions &options) const
{
    return m_dialect->createTableStatements(table, options);
}

QStringList PostgresEngine::foreignKeyStatements(const Table &table) const
{
    return m_dialect->foreignKeyStatements(table);
}

QString PostgresEngine::tableDdl(const Table &table) const
{
    return m_dialect->tableDdl(table);
}

QStringList PostgresEngine::keywords() const
{
    return m_dialect->keywords();
}

IDialect::Query PostgresEngine::columnOriginQuery(const QList<quint32> &tableIds) const
{
    return m_dialect->columnOriginQuery(tableIds);
}

Result<QString> PostgresEngine::explainStatement(const QString &sql, const IExplain::Options &options) const
{
    return m_explain->explainStatement(sql, options);
}

bool PostgresEngine::changesData(const QString &sql) const
{
    return m_explain->changesData(sql);
}

bool PostgresEngine::supportsAnalyze() const
{
    return m_explain->supportsAnalyze();
}

Result<Plan> PostgresEngine::parsePlan(const QString &text) const
{
    return m_explain->parsePlan(text);
}

QList<PlanRule> PostgresEngine::planRules() const
{
    return m_explain->planRules();
}

QList<LintFinding> PostgresEngine::lintSections(const QList<IMigrations::LintSection> &sections,
                                                const IMigrations::LintOptions &options) const
{
    return Internal::PgMigrationLint().lint(sections, options);
}

QStringList PostgresEngine::lintRuleIds() const
{
    return Internal::PgMigrationLint::ruleIds();
}

IMigrations::RunnerSql PostgresEngine::migrationRunnerSql() const
{
    return Internal::PgMigrationHistory::runnerSql();
}

IMigrations::Statement PostgresEngine::insertHistoryRow(const AppliedMigration &row) const
{
    return Internal::PgMigrationHistory::insertRow(row);
}

IMigrations::Statement PostgresEngine::deleteHistoryRow(const QString &version) const
{
    return Internal::PgMigrationHistory::deleteRow(version);
}

IMigrations::Statement PostgresEngine::updateHistoryChecksum(const QString &version, const QString &name,
                                                     const QByteArray &checksum) const
{
    return Internal::PgMigrationHistory::updateChecksum(version, name, checksum);
}

} // namespace Strata::Postgres
