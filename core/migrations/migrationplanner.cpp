// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationplanner.h"

#include <QCoreApplication>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::MigrationPlanner)
};

QString who(const QString &version, const QString &name)
{
    return QStringLiteral("%1_%2").arg(version, name);
}

QString valueText(const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::QString)
        return QLatin1Char('\'') + value.toString().replace(QLatin1Char('\''), QLatin1String("''"))
               + QLatin1Char('\'');
    return value.toString();
}
} // namespace

MigrationPlanner::MigrationPlanner(const IMigrations *engine)
    : m_engine(engine)
    , m_sql(engine->migrationRunnerSql())
{
}

QStringList MigrationPlanner::statementsOf(const Migration::Section &section) const
{
    QStringList statements;
    const QList<SqlStatement> split = StatementSplitter::split(section.sql, m_sql.dialect);
    for (const SqlStatement &statement : split)
        statements.append(statement.text);
    return statements;
}

AppliedMigration MigrationPlanner::rowFor(const Step &step)
{
    AppliedMigration row;
    row.version = step.version;
    row.name = step.name;
    row.checksum = step.checksum;
    row.status = AppliedMigration::Status::Applied;
    return row;
}

Result<MigrationPlanner::Plan> MigrationPlanner::plan(const MigrationStatus &status,
                                                      const QList<MigrationReader::Problem> &problems,
                                                      Command command, const Options &options) const
{
    if (command != Command::Repair && !problems.isEmpty()) {
        QStringList said;
        for (const MigrationReader::Problem &problem : problems)
            said << problem.toString();
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("Nothing was run: the folder has malformed migration files: %1")
                         .arg(said.join(QLatin1String("; "))));
    }
    switch (command) {
    case Command::Up:
        return planUp(status, options);
    case Command::Down:
        return planDown(status, options);
    case Command::Repair:
        return planRepair(status, options);
    }
    return Error(Error::Code::InvalidArgument, Tr::tr("Unknown command."));
}

Result<MigrationPlanner::Plan> MigrationPlanner::planUp(const MigrationStatus &status,
                                                        const Options &options) const
{
    QStringList refusals;
    for (const MigrationStatus::Entry &entry : status.entries()) {
        const QString name = who(entry.version, entry.name);
        switch (entry.state) {
        case MigrationStatus::State::Failed:
            refusals << Tr::tr("%1 failed part-way; fix the database by hand, then repair it "
                               "(Repair in the Migrations panel, or 'migrate repair --version %2').")
                            .arg(name, entry.version);
            break;
        case MigrationStatus::State::Changed:
            refusals << Tr::tr("%1 was changed after it was applied.").arg(name);
            break;
        case MigrationStatus::State::Missing:
            refusals << Tr::tr("%1 is applied but its file is missing.").arg(name);
            break;
        case MigrationStatus::State::Pending:
            if (entry.outOfOrder && !options.allowOutOfOrder
                && (options.target.isEmpty() || !Migration::versionLess(options.target, entry.version)))
                refusals << Tr::tr("%1 is older than the newest applied migration %2 (use "
                                   "--allow-out-of-order to apply it).")
                                .arg(name, status.newestApplied());
            break;
        case MigrationStatus::State::Applied:
            break;
        }
    }
    if (!refusals.isEmpty())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("Nothing was run: %1").arg(refusals.join(QLatin1Char(' '))));
    if (!options.target.isEmpty()) {
        bool known = false;
        for (const MigrationStatus::Entry &entry : status.entries())
            known = known || entry.version == options.target;
        if (!known)
            return Error(Error::Code::InvalidArgument,
                         Tr::tr("No migration has version %1.").arg(options.target));
    }
    Plan plan;
    plan.command = Command::Up;
    for (const MigrationStatus::Entry &entry : status.pending()) {
        if (!options.target.isEmpty() && Migration::versionLess(options.target, entry.version))
            break;
        const Migration &file = *entry.file;
        Step step;
        step.kind = Step::Kind::Apply;
        step.version = file.version;
        step.name = file.name;
        step.checksum = file.checksum;
        step.statements = statementsOf(file.up);
        step.file = file.up.file;
        step.transaction = m_sql.transactionalDdl && file.up.transaction;
        step.history = m_engine->insertHistoryRow(rowFor(step));
        plan.steps.append(step);
    }
    return plan;
}

Result<MigrationPlanner::Plan> MigrationPlanner::planDown(const MigrationStatus &status,
                                                          const Options &options) const
{
    QList<MigrationStatus::Entry> applied = status.applied();
    if (!options.target.isEmpty()) {
        bool known = false;
        for (const MigrationStatus::Entry &entry : applied)
            known = known || entry.version == options.target;
        if (!known)
            return Error(Error::Code::InvalidArgument,
                         Tr::tr("No applied migration has version %1.").arg(options.target));
    }
    QList<MigrationStatus::Entry> chosen;
    for (qsizetype i = applied.size() - 1; i >= 0; --i) {
        const MigrationStatus::Entry &entry = applied.at(i);
        // --to V keeps V applied and reverts everything newer.
        if (!options.target.isEmpty() ? entry.version == options.target
                                      : chosen.size() >= options.steps)
            break;
        chosen.append(entry);
    }
    QStringList refusals;
    for (const MigrationStatus::Entry &entry : std::as_const(chosen)) {
        const QString name = who(entry.version, entry.name);
        if (entry.state == MigrationStatus::State::Failed)
            refusals << Tr::tr("%1 failed part-way; repair it first (Repair in the Migrations "
                               "panel, or 'migrate repair --version %2').")
                            .arg(name, entry.version);
        else if (!entry.file)
            refusals << Tr::tr("%1 has no file, so no down section.").arg(name);
        else if (!entry.file->down.present || statementsOf(entry.file->down).isEmpty())
            refusals << Tr::tr("%1 has no down section.").arg(name);
        else if (entry.state == MigrationStatus::State::Changed)
            refusals << Tr::tr("%1 was changed after it was applied.").arg(name);
    }
    if (!refusals.isEmpty())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("Nothing was run: %1").arg(refusals.join(QLatin1Char(' '))));
    Plan plan;
    plan.command = Command::Down;
    for (const MigrationStatus::Entry &entry : std::as_const(chosen)) {
        const Migration &file = *entry.file;
        Step step;
        step.kind = Step::Kind::Revert;
        step.version = entry.version;
        step.name = entry.name;
        step.checksum = file.checksum;
        step.statements = statementsOf(file.down);
        step.file = file.down.file;
        step.transaction = m_sql.transactionalDdl && file.down.transaction;
        step.history = m_engine->deleteHistoryRow(entry.version);
        plan.steps.append(step);
    }
    return plan;
}

Result<MigrationPlanner::Plan> MigrationPlanner::planRepair(const MigrationStatus &status,
                                                            const Options &options) const
{
    if (options.target.isEmpty())
        return Error(Error::Code::InvalidArgument, Tr::tr("repair needs the version to repair."));
    for (const MigrationStatus::Entry &entry : status.entries()) {
        if (entry.version != options.target)
            continue;
        Step step;
        step.version = entry.version;
        step.name = entry.name;
        step.transaction = true;
        switch (entry.state) {
        case MigrationStatus::State::Failed:
        case MigrationStatus::State::Missing:
            step.kind = Step::Kind::DeleteRow;
            step.history = m_engine->deleteHistoryRow(entry.version);
            break;
        case MigrationStatus::State::Changed:
            step.kind = Step::Kind::UpdateChecksum;
            step.checksum = entry.file->checksum;
            step.history = m_engine->updateHistoryChecksum(entry.version, entry.name,
                                                           entry.file->checksum);
            break;
        case MigrationStatus::State::Applied:
        case MigrationStatus::State::Pending:
            return Error(Error::Code::InvalidArgument,
                         Tr::tr("%1 is %2: nothing to repair.")
                             .arg(who(entry.version, entry.name),
                                  MigrationStatus::stateName(entry.state)));
        }
        Plan plan;
        plan.command = Command::Repair;
        plan.steps.append(step);
        return plan;
    }
    return Error(Error::Code::InvalidArgument,
                 Tr::tr("No migration has version %1: nothing to repair.").arg(options.target));
}

QString MigrationPlanner::render(const Plan &plan) const
{
    QString out;
    auto statement = [&out](const QString &sql) {
        out += sql;
        if (!sql.trimmed().endsWith(QLatin1Char(';')))
            out += QLatin1Char(';');
        out += QLatin1Char('\n');
    };
    for (const Step &step : plan.steps) {
        QString what;
        switch (step.kind) {
        case Step::Kind::Apply:
            what = QStringLiteral("up");
            break;
        case Step::Kind::Revert:
            what = QStringLiteral("down");
            break;
        case Step::Kind::DeleteRow:
            what = QStringLiteral("repair: delete the history row");
            break;
        case Step::Kind::UpdateChecksum:
            what = QStringLiteral("repair: update the checksum");
            break;
        }
        out += QStringLiteral("-- %1 %2 (%3)\n").arg(who(step.version, step.name), what,
                                                     step.transaction ? QStringLiteral("one transaction")
                                                                      : QStringLiteral("no transaction"));
        if (step.transaction)
            statement(m_sql.begin);
        for (const QString &sql : step.statements)
            statement(sql);
        statement(step.history.sql);
        QStringList values;
        for (int i = 0; i < step.history.parameters.size(); ++i)
            values << valueText(step.history.parameters.at(i));
        out += QStringLiteral("-- values: %1%2\n")
                   .arg(values.join(QLatin1String(", ")),
                        step.kind == Step::Kind::Apply
                            ? QStringLiteral(" (applied_at, execution_ms and applied_by are "
                                             "set when it runs)")
                            : QString());
        if (step.transaction)
            statement(m_sql.commit);
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace Strata
