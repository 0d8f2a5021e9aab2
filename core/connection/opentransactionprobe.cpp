// SPDX-License-Identifier: GPL-3.0-or-later
#include "opentransactionprobe.h"

#include "plugins/isession.h"
#include "results/resultset.h"

using namespace Qt::StringLiterals;

namespace Strata {

Result<bool> OpenTransactionProbe::isOpen(ISession &session, const QString &probe)
{
    if (probe.isEmpty())
        return false;
    CollectingSink sink;
    if (Result<void> probed = session.execute(probe, {}, sink); !probed)
        return probed.error();
    const QList<ResultSet> &results = sink.results();
    const QString open = results.isEmpty() || results.first().rowCount() == 0
                             ? QString()
                             : results.first().text(0, 0).toLower();
    return open == "t"_L1 || open == "true"_L1 || open == "1"_L1;
}

} // namespace Strata
