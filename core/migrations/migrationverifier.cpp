// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationverifier.h"

#include "connection/enginesession.h"
#include "sql/statementsplitter.h"

#include <QSet>

namespace Strata {

using namespace Qt::StringLiterals;

namespace {

QString label(const Migration &m)
{
    return m.name.isEmpty() ? m.version : m.version + u'_' + m.name;
}

MigrationVerifier::Problem problem(MigrationVerifier::Problem::Kind kind, const Migration &m,
                                   const QString &error = {}, const QStringList &differences = {})
{
    MigrationVerifier::Problem p;
    p.kind = kind;
    p.version = m.version;
    p.name = m.name;
    p.error = error;
    p.differences = differences;
    return p;
}

Error snapshotError(const Error &error, const QString &when)
{
    return Error(error.code(), u"cannot read the catalog %1: %2"_s.arg(when, error.message()),
                 error.detail());
}

// The sentences not named yet, which become named: a difference left behind stays in every
// later comparison and is named once, where it first shows.
QStringList unnamed(const QStringList &sentences, QSet<QString> &named)
{
    QStringList fresh;
    for (const QString &sentence : sentences) {
        if (!named.contains(sentence)) {
            fresh << sentence;
            named.insert(sentence);
        }
    }
    return fresh;
}

} // namespace

QString MigrationVerifier::Problem::toString() const
{
    const QString who = name.isEmpty() ? version : version + u'_' + name;
    switch (kind) {
    case Kind::UpFailed:
        return u"%1: up failed: %2"_s.arg(who, error);
    case Kind::MissingDown:
        return u"%1: has no down section, so it cannot be rolled back"_s.arg(who);
    case Kind::DownFailed:
        return u"%1: down failed: %2"_s.arg(who, error);
    case Kind::DownDoesNotRestore:
        return u"%1: down does not restore the catalog: %2"_s.arg(who, differences.join(u"; "_s));
    case Kind::UpFailedAgain:
        return u"%1: up failed when applied again after its down: %2"_s.arg(who, error);
    case Kind::UpDiffersAgain:
        return u"%1: up applied again leaves another catalog than the first time: %2"_s.arg(
            who, differences.join(u"; "_s));
    }
    return who;
}

Result<MigrationVerifier::Report> MigrationVerifier::verify(const QList<Migration> &migrations,
                                                            const StepRunner &run,
                                                            const Snapshot &snapshot,
                                                            const CatalogDiff::Options &options)
{
    Report report;
    // before[i]: the catalog before migration i's up; before[n]: after the last up.
    QList<Catalog> before;
    Result<Catalog> first = snapshot();
    if (!first)
        return snapshotError(first.error(), u"before the first migration"_s);
    before.append(std::move(first).value());

    for (const Migration &m : migrations) {
        const Result<void> done = run(m, Direction::Up);
        if (!done) {
            report.problems << problem(Problem::Kind::UpFailed, m, done.error().toString());
            return report;
        }
        ++report.stepsRun;
        Result<Catalog> after = snapshot();
        if (!after)
            return snapshotError(after.error(), u"after the up of "_s + label(m));
        before.append(std::move(after).value());
    }

    QSet<QString> named;
    for (qsizetype i = migrations.size() - 1; i >= 0; --i) {
        const Migration &m = migrations.at(i);
        if (!m.down.present || m.down.sql.trimmed().isEmpty()) {
            report.problems << problem(Problem::Kind::MissingDown, m);
            return report;
        }
        const Result<void> done = run(m, Direction::Down);
        if (!done) {
            report.problems << problem(Problem::Kind::DownFailed, m, done.error().toString());
            return report;
        }
        ++report.stepsRun;
        const Result<Catalog> after = snapshot();
        if (!after)
            return snapshotError(after.error(), u"after the down of "_s + label(m));
        const QStringList fresh = unnamed(CatalogDiff::sentences(before.at(i), after.value(), options), named);
        if (!fresh.isEmpty())
            report.problems << problem(Problem::Kind::DownDoesNotRestore, m, {}, fresh);
    }

    // The second ups must leave the catalog each first up left: an up that depends on
    // something its down did not bring back (data, a leftover object) shows here.
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        const Migration &m = migrations.at(i);
        const Result<void> done = run(m, Direction::Up);
        if (!done) {
            report.problems << problem(Problem::Kind::UpFailedAgain, m, done.error().toString());
            return report;
        }
        ++report.stepsRun;
        const Result<Catalog> after = snapshot();
        if (!after)
            return snapshotError(after.error(), u"after the second up of "_s + label(m));
        const QStringList fresh = unnamed(CatalogDiff::sentences(before.at(i + 1), after.value(), options), named);
        if (!fresh.isEmpty())
            report.problems << problem(Problem::Kind::UpDiffersAgain, m, {}, fresh);
    }
    report.completed = true;
    return report;
}

MigrationVerifier::StepRunner MigrationVerifier::sessionStepRunner(EngineSession &session)
{
    return [&session](const Migration &migration, Direction direction) -> Result<void> {
        const Migration::Section &section = direction == Direction::Up ? migration.up : migration.down;
        const QList<SqlStatement> statements
            = StatementSplitter::split(section.sql, sqlDialectForEngine(session.engine()));
        for (qsizetype i = 0; i < statements.size(); ++i) {
            const SqlStatement &statement = statements.at(i);
            QFuture<Result<QList<ResultSet>>> future = session.query(statement.text);
            future.waitForFinished();
            const Result<QList<ResultSet>> result = future.result();
            if (!result) {
                const Error &e = result.error();
                Error error(e.code(),
                            u"%1 line %2 (statement %3): %4"_s.arg(
                                section.file, QString::number(section.firstLine + statement.line - 1),
                                QString::number(i + 1), e.message()),
                            e.detail());
                error.setSqlState(e.sqlState());
                error.setNativeCode(e.nativeCode());
                return error;
            }
        }
        return {};
    };
}

MigrationVerifier::Snapshot MigrationVerifier::sessionSnapshot(EngineSession &session,
                                                               const CatalogRequest &request)
{
    return [&session, request]() -> Result<Catalog> {
        QFuture<Result<Catalog>> future = session.loadCatalog(request);
        future.waitForFinished();
        return future.result();
    };
}

} // namespace Strata
