// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: MySqlJsonPlanParser (through MySqlExplain's format detection) on any
// bytes, then analysis and the MySQL findings on what it accepts. Nothing may crash, hang or
// trip a sanitizer.
#include "../planfuzzcheck.h"
#include "mysqljsonplanparser.h"
#include "mysqlplanrules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Strata;
    return Fuzz::checkParsedPlan(
        MySql::Internal::MySqlJsonPlanParser::parse(Fuzz::inputText(data, size)),
        MySql::Internal::MySqlPlanRules::rules());
}
