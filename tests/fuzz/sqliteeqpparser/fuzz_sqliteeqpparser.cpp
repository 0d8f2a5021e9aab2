// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SqliteEqpParser on any bytes, then analysis and the SQLite findings on
// what it accepts, once without and once with the input as the plan's query text (so the
// statement reader runs on it too). Nothing may crash, hang or trip a sanitizer.
#include "../planfuzzcheck.h"
#include "sqliteeqpparser.h"
#include "sqliteplanrules.h"

#include <algorithm>

namespace {

void checkSqliteFindings(Strata::Plan plan, const QString &queryText)
{
    using namespace Strata;
    plan.queryText = queryText;
    const PlanAnalysis analysis = PlanAnalysis::analyze(plan);
    for (const PlanFinding &f :
         PlanFindings::find(plan, analysis, Sqlite::Internal::SqlitePlanRules::rules())) {
        if (f.nodeId < 0 || f.nodeId >= plan.nodeCount() || f.message.isEmpty())
            __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Strata;
    const QString text = Fuzz::inputText(data, size);
    const Result<Plan> plan = Sqlite::Internal::SqliteEqpParser::parse(text);
    Fuzz::checkParsedPlan(plan);
    if (plan.ok()) {
        if (plan->engine != QLatin1String("sqlite") || plan->isEmpty())
            __builtin_trap();
        checkSqliteFindings(*plan, QString());
        checkSqliteFindings(*plan, text);
        // What the parser drew reads back to the same tree, unless a quoted detail holds a
        // line break (which breaks the drawing as it breaks the shell's).
        const bool oneLineEach =
            std::none_of(plan->nodes.cbegin(), plan->nodes.cend(), [](const PlanNode &n) {
                const QString detail = n.extraValue(QStringLiteral("Detail")).toString();
                return detail.contains(QLatin1Char('\n')) || detail.contains(QLatin1Char('\r'));
            });
        if (oneLineEach) {
            const Result<Plan> again = Sqlite::Internal::SqliteEqpParser::parse(
                Sqlite::Internal::SqliteEqpParser::treeText(*plan));
            if (!again.ok() || again->nodeCount() != plan->nodeCount())
                __builtin_trap();
        }
    }
    return 0;
}
