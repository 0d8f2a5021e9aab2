// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: PgJsonPlanParser on any bytes, then analysis and findings on what it
// accepts. Nothing may crash, hang or trip a sanitizer.
#include "explain/plananalysis.h"
#include "explain/planfindings.h"
#include "pgjsonplanparser.h"
#include "pgplanrules.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Strata;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Plan> plan = Postgres::Internal::PgJsonPlanParser::parse(text);
    if (!plan.ok()) {
        if (!plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")))
            __builtin_trap();
        return 0;
    }
    const PlanAnalysis analysis = PlanAnalysis::analyze(*plan);
    const QList<PlanFinding> findings =
        PlanFindings::find(*plan, analysis, Postgres::Internal::PgPlanRules::rules());
    for (const PlanFinding &f : findings) {
        if (f.nodeId < 0 || f.nodeId >= plan->nodeCount())
            __builtin_trap();
    }
    return 0;
}
