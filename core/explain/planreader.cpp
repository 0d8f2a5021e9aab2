// SPDX-License-Identifier: GPL-3.0-or-later
#include "planreader.h"

#include "plugins/iexplain.h"

#include <QCoreApplication>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::PlanReader)
};
} // namespace

PlanReader::PlanReader(QList<Engine> engines)
    : m_engines(std::move(engines))
{
    m_engines.removeIf([](const Engine &engine) { return engine.explain == nullptr; });
}

Result<Plan> PlanReader::read(const QString &text, const QString &engineId) const
{
    if (!engineId.isEmpty()) {
        for (const Engine &engine : m_engines) {
            if (engine.id == engineId)
                return engine.explain->parsePlan(text);
        }
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("No loaded engine reads plans of \"%1\"; known: %2.")
                         .arg(engineId, engineIds().join(QStringLiteral(", "))));
    }
    if (m_engines.isEmpty())
        return Error(Error::Code::Plugin, Tr::tr("No loaded engine reads EXPLAIN plans."));
    std::optional<Error> first;
    for (const Engine &engine : m_engines) {
        Result<Plan> plan = engine.explain->parsePlan(text);
        if (plan)
            return plan;
        if (!first)
            first = plan.error();
    }
    return *first;
}

QStringList PlanReader::engineIds() const
{
    QStringList ids;
    for (const Engine &engine : m_engines)
        ids.append(engine.id);
    return ids;
}

} // namespace Strata
