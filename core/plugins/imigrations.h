// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "migrations/lintfinding.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QtPlugin>

namespace Strata {

// The engine's side of versioned migrations. For now its lint rules; the runner's
// history-table and lock statements join it later. Pure functions, any thread.
class IMigrations
{
public:
    // One section of a migration (its up SQL, usually) and where it sits.
    struct LintSection
    {
        QString sql;
        QString file;          // reported in the findings
        int firstLine = 1;     // 1-based line of sql's first line in file
        bool transaction = true; // false: `transaction:false`, each statement commits alone
    };
    struct LintOptions
    {
        // As EngineSession::serverVersion() reports it; empty means the newest server.
        QString serverVersion;
    };

    virtual ~IMigrations() = default;

    // The engine's findings for sections applied in this order (the up sections of a folder,
    // or a single one). Rules may carry what earlier sections created (a table's columns,
    // its indexes) into later ones; a table created earlier in the same section is new and
    // empty, so lock rules do not fire for it. Lines are lines of LintSection::file.
    virtual QList<LintFinding> lintSections(const QList<LintSection> &sections,
                                            const LintOptions &options) const = 0;
    // Every rule id lintSections() may report. MigrationLinter leaves out its generic rule of
    // the same id (the engine's parse tree sees more than tokens).
    virtual QStringList lintRuleIds() const = 0;
};

} // namespace Strata

#define Strata_IMigrations_iid "org.strata.Migrations/1"
Q_DECLARE_INTERFACE(Strata::IMigrations, Strata_IMigrations_iid)
