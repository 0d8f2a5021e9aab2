// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: PgJsonPlanParser on any bytes, then analysis and findings on what it
// accepts. Nothing may crash, hang or trip a sanitizer.
#include "../planfuzzcheck.h"
#include "pgjsonplanparser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Strata;
    return Fuzz::checkParsedPlan(Postgres::Internal::PgJsonPlanParser::parse(Fuzz::inputText(data, size)));
}
