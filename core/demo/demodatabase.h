// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sql/result.h"
#include "strata_core_global.h"

#include <QString>

class QObject;

namespace Strata {

// The embedded demo shop database: built on first use from the schema and data scripts
// compiled into StrataCore (:/strata/demo/), through the SQLite plugin's session, so core
// never links SQLite itself.
class STRATA_CORE_EXPORT DemoDatabase
{
public:
    // <AppLocalDataLocation>/demo.sqlite (the app names itself "Strata"/"strata").
    static QString defaultPath();

    // Returns the path of a ready demo database. An existing file is never touched; a missing
    // one is built in a temporary file next to it and renamed into place atomically, so a
    // crash never leaves a half-built demo behind. sqlitePlugin is the plugin object whose
    // IEnginePlugin::id() is "sqlite".
    static Result<QString> ensure(QObject *sqlitePlugin, const QString &path = defaultPath());

    // The scripts themselves, as UTF-8 text from the resource.
    static QString schemaSql();
    static QString dataSql();
};

} // namespace Strata
