// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationlinter.h"

#include "migrations/genericlintrules.h"
#include "migrations/lintsuppressions.h"
#include "plugins/imigrations.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MigrationLinter)
};
} // namespace

MigrationLinter::MigrationLinter(const IMigrations *engine, SqlDialect dialect)
    : m_engine(engine)
    , m_dialect(dialect)
{
}

LintFinding MigrationLinter::malformed(const MigrationReader::Problem &problem)
{
    LintFinding f;
    f.file = problem.file;
    f.line = qMax(1, problem.line);
    f.rule = malformedRuleId();
    f.severity = LintFinding::Severity::Error;
    f.message = Tr::tr("%1; fix the file, nothing in the folder can run until then.").arg(problem.message);
    return f;
}

QList<LintFinding> MigrationLinter::lint(const QList<Migration> &migrations) const
{
    QList<LintFinding> findings;
    const QStringList engineRules = m_engine ? m_engine->lintRuleIds() : QStringList();
    QList<IMigrations::LintSection> sections;
    sections.reserve(migrations.size());
    LintSuppressions suppressions;
    for (const Migration &migration : migrations) {
        findings += GenericLintRules::checkDown(migration, m_dialect);
        if (!migration.up.present)
            continue;
        findings += GenericLintRules::checkDestructive(migration.up, m_dialect, engineRules);
        suppressions.addSection(migration.up.file, migration.up.firstLine, migration.up.sql, m_dialect);
        sections.append({migration.up.sql, migration.up.file, migration.up.firstLine,
                         migration.up.transaction});
    }
    if (m_engine) {
        IMigrations::LintOptions options;
        options.serverVersion = m_serverVersion;
        findings += m_engine->lintSections(sections, options);
    }
    findings = suppressions.filter(findings);
    LintFinding::sort(findings);
    return findings;
}

QList<LintFinding> MigrationLinter::lintContents(const MigrationReader::Contents &contents) const
{
    QList<LintFinding> findings = lint(contents.migrations);
    for (const MigrationReader::Problem &problem : contents.problems)
        findings.append(malformed(problem));
    LintFinding::sort(findings);
    return findings;
}

QList<LintFinding> MigrationLinter::lintDirectory(const QString &dir) const
{
    return lintContents(MigrationReader::readDirectory(dir));
}

QList<LintFinding> MigrationLinter::lintFile(const QString &path) const
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        MigrationReader::Contents missing;
        missing.problems.append({info.fileName().isEmpty() ? path : info.fileName(), 0,
                                 Tr::tr("the file does not exist")});
        return lintContents(missing);
    }
    // The folder is read so that a golang-migrate file finds its pair; only what concerns
    // this file is kept.
    const MigrationReader::Contents all = MigrationReader::readDirectory(info.absolutePath());
    const QString name = info.fileName();
    MigrationReader::Contents mine;
    for (const Migration &migration : all.migrations) {
        if (migration.up.file == name || migration.down.file == name)
            mine.migrations.append(migration);
    }
    for (const MigrationReader::Problem &problem : all.problems) {
        if (problem.file == name)
            mine.problems.append(problem);
    }
    return lintContents(mine);
}

} // namespace Strata
