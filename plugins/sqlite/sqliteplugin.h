// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqliteengine.h"

namespace Strata::Sqlite {

// The Qt plugin entry point: SqliteEngine plus the metadata PluginManager reads before loading.
class SqlitePlugin final : public SqliteEngine
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Strata_IEnginePlugin_iid FILE "sqlite.json")
};

} // namespace Strata::Sqlite
