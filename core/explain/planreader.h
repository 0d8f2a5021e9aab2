// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "sql/result.h"

#include <QList>
#include <QString>

namespace Strata {

class IExplain;

// Reads plan text whose engine may be unknown (a file, the clipboard, standard input): asks
// each engine's IExplain in turn, or only the one named. Pure; any thread.
class STRATA_CORE_EXPORT PlanReader
{
public:
    struct Engine
    {
        QString id; // the plugin id: "postgresql", "mysql", "sqlite"
        const IExplain *explain = nullptr;
    };

    explicit PlanReader(QList<Engine> engines);

    // engineId empty: the first engine that reads the text wins, in the order given; when
    // none does, the first engine's Error ("not an EXPLAIN plan: <why>"). InvalidArgument
    // when engineId names no engine here.
    Result<Plan> read(const QString &text, const QString &engineId = {}) const;

    QStringList engineIds() const;

private:
    QList<Engine> m_engines;
};

} // namespace Strata
