// SPDX-License-Identifier: GPL-3.0-or-later
#include "mysqlengine.h"

#include "mysqlmigrationhistory.h"
#include "mysqlmigrationlint.h"
#include "mysqlcatalogreader.h"
#include "mysqlconnection.h"
#include "mysqlsession.h"

namespace Strata::MySql {

MySqlEngine::MySqlEngine(QObject *parent)
    : QObject(parent)
{}

MySqlEngine::~MySqlEngine() = default;

QString MySqlEngine::id() const
{
    return QStringLiteral("mysql");
}

QString MySqlEngine::displayName() const
{
    return QStringLiteral("MySQL / MariaDB");
}

int MySqlEngine::defaultPort() const
{
    return Internal::MySqlConnection::defaultPort();
}

ConnectionOptionList MySqlEngine::connectionOptions() const
{
    using Type = ConnectionOption::Type;
    ConnectionOptionList options;
    ConnectionOption mode;
    mode.name = QStringLiteral("sslmode");
    mode.label = tr("TLS mode");
    mode.type = Type::Choice;
    mode.defaultValue = QStringLiteral("prefer");
    mode.choices = {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require"),
                    QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    mode.description = tr("disable: no TLS; prefer: TLS when offered; require: TLS without "
                          "verification; verify-ca: trusted certificate; verify-full: trusted "
                          "certificate for this host name (MySQL's DISABLED ... VERIFY_IDENTITY).");
    options.append(mode);

    auto file = [](const char *name, const QString &label, const QString &description) {
        ConnectionOption option;
        option.name = QLatin1String(name);
        option.label = label;
        option.type = Type::File;
        option.description = description;
        return option;
    };
    options.append(
        file("sslrootcert", tr("CA certificate"),
             tr("PEM file with the certificate authority that signed the server's certificate.")));
    options.append(file("sslcert", tr("Client certificate"),
                        tr("PEM file with a client certificate, for servers that require one.")));
    options.append(file("sslkey", tr("Client key"),
                        tr("PEM file with the client certificate's private key.")));

    ConnectionOption timeout;
    timeout.name = QStringLiteral("connect_timeout");
    timeout.label = tr("Connect timeout");
    timeout.type = Type::Integer;
    timeout.defaultValue = 10;
    timeout.description =
        tr("Seconds to wait for the server to answer when connecting (0: no limit).");
    options.append(timeout);

    ConnectionOption socket;
    socket.name = QStringLiteral("socket");
    socket.label = tr("Unix socket");
    socket.type = Type::File;
    socket.description = tr("Connect through this Unix socket file instead of TCP.");
    socket.advanced = true;
    options.append(socket);
    return options;
}

std::unique_ptr<ISession> MySqlEngine::createSession()
{
    return std::make_unique<Internal::MySqlSession>();
}

Result<Catalog> MySqlEngine::loadCatalog(ISession &session, const CatalogRequest &request)
{
    return Internal::MySqlCatalogReader(session).read(request);
}

QString MySqlEngine::quoteIdentifier(const QString &name) const
{
    return m_dialect.quoteIdentifier(name);
}

QString MySqlEngine::quoteLiteral(const QString &value) const
{
    return m_dialect.quoteLiteral(value);
}

QString MySqlEngine::qualifiedName(const QString &schema, const QString &name) const
{
    return m_dialect.qualifiedName(schema, name);
}

int MySqlEngine::maxIdentifierLength() const
{
    return m_dialect.maxIdentifierLength();
}

QString MySqlEngine::createSchemaStatement(const QString &schema) const
{
    return m_dialect.createSchemaStatement(schema);
}

QStringList MySqlEngine::createTableStatements(const Table &table, const DdlOptions &options) const
{
    return m_dialect.createTableStatements(table, options);
}

QStringList MySqlEngine::foreignKeyStatements(const Table &table) const
{
    return m_dialect.foreignKeyStatements(table);
}

QString MySqlEngine::tableDdl(const Table &table) const
{
    return m_dialect.tableDdl(table);
}

QStringList MySqlEngine::keywords() const
{
    return m_dialect.keywords();
}

Result<QString> MySqlEngine::explainStatement(const QString &sql,
                                              const IExplain::Options &options) const
{
    return m_explain.explainStatement(sql, options);
}

bool MySqlEngine::changesData(const QString &sql) const
{
    return m_explain.changesData(sql);
}

bool MySqlEngine::supportsAnalyze() const
{
    return m_explain.supportsAnalyze();
}

Result<Plan> MySqlEngine::parsePlan(const QString &text) const
{
    return m_explain.parsePlan(text);
}

QList<PlanRule> MySqlEngine::planRules() const
{
    return m_explain.planRules();
}

QList<LintFinding> MySqlEngine::lintSections(const QList<IMigrations::LintSection> &sections,
                                       const IMigrations::LintOptions &options) const
{
    return Internal::MySqlMigrationLint().lint(sections, options);
}

QStringList MySqlEngine::lintRuleIds() const
{
    return Internal::MySqlMigrationLint::ruleIds();
}

IMigrations::RunnerSql MySqlEngine::migrationRunnerSql() const
{
    return Internal::MySqlMigrationHistory::runnerSql();
}

IMigrations::Statement MySqlEngine::insertHistoryRow(const AppliedMigration &row) const
{
    return Internal::MySqlMigrationHistory::insertRow(row);
}

IMigrations::Statement MySqlEngine::deleteHistoryRow(const QString &version) const
{
    return Internal::MySqlMigrationHistory::deleteRow(version);
}

IMigrations::Statement MySqlEngine::updateHistoryChecksum(const QString &version, const QString &name,
                                                     const QByteArray &checksum) const
{
    return Internal::MySqlMigrationHistory::updateChecksum(version, name, checksum);
}

} // namespace Strata::MySql
