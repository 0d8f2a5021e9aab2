// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/icatalog.h"
#include "plugins/idialect.h"
#include "plugins/iexplain.h"
#include "plugins/iengineplugin.h"
#include "plugins/imigrations.h"

#include "sqlitedialect.h"
#include "sqliteexplain.h"

#include <QObject>

namespace Strata::Sqlite {

// The SQLite engine: sessions, catalog, dialect and EXPLAIN QUERY PLAN. Tests link it
// directly; the plugin target only adds the Qt plugin metadata (SqlitePlugin).
class SqliteEngine : public QObject,
                     public Strata::IEnginePlugin,
                     public Strata::ICatalog,
                     public Strata::IDialect,
                     public Strata::IExplain,
                     public Strata::IMigrations
{
    Q_OBJECT
    Q_INTERFACES(Strata::IEnginePlugin Strata::ICatalog Strata::IDialect Strata::IExplain Strata::IMigrations)

public:
    explicit SqliteEngine(QObject *parent = nullptr);
    ~SqliteEngine() override;

    // IEnginePlugin
    QString id() const override;
    QString displayName() const override;
    int defaultPort() const override { return 0; }
    ConnectionOptionList connectionOptions() const override;
    std::unique_ptr<ISession> createSession() override;

    // ICatalog
    Result<Catalog> loadCatalog(ISession &session, const CatalogRequest &request) override;

    // IDialect
    QString quoteIdentifier(const QString &name) const override;
    QString quoteLiteral(const QString &value) const override;
    QString qualifiedName(const QString &schema, const QString &name) const override;
    int maxIdentifierLength() const override;
    QString createSchemaStatement(const QString &schema) const override;
    QStringList createTableStatements(const Table &table, const DdlOptions &options) const override;
    QStringList foreignKeyStatements(const Table &table) const override;
    QString tableDdl(const Table &table) const override;
    QStringList keywords() const override;

    // IExplain
    Result<QString> explainStatement(const QString &sql, const IExplain::Options &options) const override;
    bool changesData(const QString &sql) const override;
    bool supportsAnalyze() const override;
    Result<Plan> parsePlan(const QString &text) const override;
    QList<PlanRule> planRules() const override;
    // IMigrations
    QList<LintFinding> lintSections(const QList<IMigrations::LintSection> &sections,
                                    const IMigrations::LintOptions &options) const override;
    QStringList lintRuleIds() const override;
    RunnerSql migrationRunnerSql() const override;
    Statement insertHistoryRow(const AppliedMigration &row) const override;
    Statement deleteHistoryRow(const QString &version) const override;
    Statement updateHistoryChecksum(const QString &version, const QString &name,
                                    const QByteArray &checksum) const override;

private:
    Internal::SqliteDialect m_dialect;
    Internal::SqliteExplain m_explain;
};

} // namespace Strata::Sqlite
