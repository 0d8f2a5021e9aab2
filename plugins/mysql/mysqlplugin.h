// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mysqlengine.h"

namespace Strata::MySql {

// The Qt plugin entry point: MySqlEngine plus its metadata.
class MySqlPlugin final : public MySqlEngine
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Strata_IEnginePlugin_iid FILE "mysql.json")
public:
    using MySqlEngine::MySqlEngine;
};

} // namespace Strata::MySql
