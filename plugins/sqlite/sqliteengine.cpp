// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteengine.h"

#include "sqlitemigrationhistory.h"
#include "sqlitemigrationlint.h"
#include "sqlitecatalogreader.h"
#include "sqlitesession.h"

using namespace Qt::StringLiterals;

namespace Strata::Sqlite {

SqliteEngine::SqliteEngine(QObject *parent)
    : QObject(parent)
{
}

SqliteEngine::~SqliteEngine() = default;

QString SqliteEngine::id() const
{
    return u"sqlite"_s;
}

QString SqliteEngine::displayName() const
{
    return u"SQLite"_s;
}

ConnectionOptionList SqliteEngine::connectionOptions() const
{
    ConnectionOption mode;
    mode.name = u"mode"_s;
    mode.label = tr("Open mode");
    mode.type = ConnectionOption::Type::Choice;
    mode.defaultValue = u"rwc"_s;
    mode.choices = {u"rw"_s, u"ro"_s, u"rwc"_s};
    mode.description = tr("rw: read and write an existing file; ro: read only; "
                          "rwc: read and write, creating the file when missing.");

    ConnectionOption foreignKeys;
    foreignKeys.name = u"foreign_keys"_s;
    foreignKeys.label = tr("Enforce foreign keys");
    foreignKeys.type = ConnectionOption::Type::Boolean;
    foreignKeys.defaultValue = true;
    foreignKeys.description = tr("Runs PRAGMA foreign_keys on connect (SQLite's default is off).");

    ConnectionOption busyTimeout;
    busyTimeout.name = u"busy_timeout"_s;
    busyTimeout.label = tr("Busy timeout (ms)");
    busyTimeout.type = ConnectionOption::Type::Integer;
    busyTimeout.defaultValue = 5000;
    busyTimeout.description = tr("How long to wait for another connection's lock before failing.");
    busyTimeout.advanced = true;

    return {mode, foreignKeys, busyTimeout};
}

std::unique_ptr<ISession> SqliteEngine::createSession()
{
    return std::make_unique<Internal::SqliteSession>();
}

Result<Catalog> SqliteEngine::loadCatalog(ISession &session, const CatalogRequest &request)
{
    for (const QString &schema : request.schemas) {
        if (schema.compare("main"_L1, Qt::CaseInsensitive) != 0)
            return Error(Error::Code::NotSupported,
                         u"the SQLite catalog reads the schema 'main' only, not '%1'"_s.arg(schema));
    }
    Internal::SqliteCatalogReader reader;
    Result<Catalog> catalog = reader.read(session);
    if (catalog) {
        if (auto *sqlite = dynamic_cast<Internal::SqliteSession *>(&session))
            catalog->database = sqlite->databasePath();
    }
    return catalog;
}

QString SqliteEngine::quoteIdentifier(const QString &name) const
{
    return m_dialect.quoteIdentifier(name);
}

QString SqliteEngine::quoteLiteral(const QString &value) const
{
    return m_dialect.quoteLiteral(value);
}

QString SqliteEngine::qualifiedName(const QString &schema, const QString &name) const
{
    return m_dialect.qualifiedName(schema, name);
}

int SqliteEngine::maxIdentifierLength() const
{
    return m_dialect.maxIdentifierLength();
}

QString SqliteEngine::createSchemaStatement(const QString &schema) const
{
    return m_dialect.createSchemaStatement(schema);
}

QStringList SqliteEngine::createTableStatements(const Table &table, const DdlOptions &options) const
{
    return m_dialect.createTableStatements(table, options);
}

QStringList SqliteEngine::foreignKeyStatements(const Table &table) const
{
    return m_dialect.foreignKeyStatements(table);
}

QString SqliteEngine::tableDdl(const Table &table) const
{
    return m_dialect.tableDdl(table);
}

QStringList SqliteEngine::keywords() const
{
    return m_dialect.keywords();
}

Result<QString> SqliteEngine::explainStatement(const QString &sql,
                                               const IExplain::Options &options) const
{
    return m_explain.explainStatement(sql, options);
}

bool SqliteEngine::changesData(const QString &sql) const
{
    return m_explain.changesData(sql);
}

bool SqliteEngine::supportsAnalyze() const
{
    return m_explain.supportsAnalyze();
}

Result<Plan> SqliteEngine::parsePlan(const QString &text) const
{
    return m_explain.parsePlan(text);
}

QList<PlanRule> SqliteEngine::planRules() const
{
    return m_explain.planRules();
}

QList<LintFinding> SqliteEngine::lintSections(const QList<IMigrations::LintSection> &sections,
                                        const IMigrations::LintOptions &options) const
{
    return Internal::SqliteMigrationLint().lint(sections, options);
}

QStringList SqliteEngine::lintRuleIds() const
{
    return Internal::SqliteMigrationLint::ruleIds();
}

IMigrations::RunnerSql SqliteEngine::migrationRunnerSql() const
{
    return Internal::SqliteMigrationHistory::runnerSql();
}

IMigrations::Statement SqliteEngine::insertHistoryRow(const AppliedMigration &row) const
{
    return Internal::SqliteMigrationHistory::insertRow(row);
}

IMigrations::Statement SqliteEngine::deleteHistoryRow(const QString &version) const
{
    return Internal::SqliteMigrationHistory::deleteRow(version);
}

IMigrations::Statement SqliteEngine::updateHistoryChecksum(const QString &version, const QString &name,
                                                     const QByteArray &checksum) const
{
    return Internal::SqliteMigrationHistory::updateChecksum(version, name, checksum);
}

} // namespace Strata::Sqlite
