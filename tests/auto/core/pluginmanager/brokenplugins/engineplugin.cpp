// SPDX-License-Identifier: GPL-3.0-or-later
// One source, several plugins: CMake sets PLUGIN_IID, PLUGIN_JSON and PLUGIN_ID per target.
#include "dummyengine.h"

#include <cstdlib>

namespace {

#ifdef PLUGIN_MUST_NOT_LOAD
// PluginManager must refuse this plugin from its metadata alone: loading the library runs
// this initialiser and kills the test.
const int mustNotLoad = (std::abort(), 0);
#endif

#ifdef PLUGIN_UNRESOLVED
// A data symbol nobody defines: dlopen() fails even with lazy binding.
extern "C" int strata_missing_symbol;
#endif

} // namespace

class TestEnginePlugin : public Strata::Test::DummyEngine
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID PLUGIN_IID FILE PLUGIN_JSON)

public:
    TestEnginePlugin()
        : DummyEngine(QStringLiteral(PLUGIN_ID))
    {
#ifdef PLUGIN_UNRESOLVED
        setProperty("missing", strata_missing_symbol);
#endif
    }
};

#include "engineplugin.moc"
