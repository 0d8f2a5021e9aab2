// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: PgTextPlanParser on any bytes, then analysis and findings on what it
// accepts. Nothing may crash, hang or trip a sanitizer.
#include "../planfuzzcheck.h"
#include "pgtextplanparser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Strata;
    return Fuzz::checkParsedPlan(Postgres::Internal::PgTextPlanParser::parse(Fuzz::inputText(data, size)));
}
