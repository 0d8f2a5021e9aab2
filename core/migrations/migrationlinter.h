// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/lintfinding.h"
#include "migrations/migration.h"
#include "migrations/migrationreader.h"
#include "sql/statementsplitter.h"

#include <QList>
#include <QString>

namespace Strata {

class IMigrations;

// Lints migrations: the generic rules (GenericLintRules) plus the engine's IMigrations rules
// over the up sections, in version order; ignore comments applied (LintSuppressions);
// findings sorted by file and line. Malformed files become `malformed-migration` errors.
// Pure; any thread. The engine may be null: generic rules only.
class STRATA_CORE_EXPORT MigrationLinter
{
public:
    MigrationLinter(const IMigrations *engine, SqlDialect dialect);

    // Empty: the newest server.
    void setServerVersion(const QString &version) { m_serverVersion = version; }

    QList<LintFinding> lint(const QList<Migration> &migrations) const;
    // Every migration of a folder, and its malformed files.
    QList<LintFinding> lintDirectory(const QString &dir) const;
    // One migration file (a dbmate file, or either file of a golang-migrate pair) in its folder.
    QList<LintFinding> lintFile(const QString &path) const;

    static LintFinding malformed(const MigrationReader::Problem &problem);
    static QString malformedRuleId() { return QStringLiteral("malformed-migration"); }

private:
    QList<LintFinding> lintContents(const MigrationReader::Contents &contents) const;

    const IMigrations *m_engine = nullptr;
    SqlDialect m_dialect;
    QString m_serverVersion;
};

} // namespace Strata
