// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "postgresengine.h"

namespace Strata::Postgres {

// The entry point PluginManager loads: the engine plus its metadata, nothing else.
class PostgresPlugin final : public PostgresEngine
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Strata_IEnginePlugin_iid FILE "postgresql.json")
public:
    using PostgresEngine::PostgresEngine;
};

} // namespace Strata::Postgres
