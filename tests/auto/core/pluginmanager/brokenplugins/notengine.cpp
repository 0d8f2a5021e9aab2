// SPDX-License-Identifier: GPL-3.0-or-later
// A Qt plugin with the engine IID in its metadata whose object is not an IEnginePlugin.
#include "plugins/iengineplugin.h"

#include <QObject>

class NotAnEngine : public QObject
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID Strata_IEnginePlugin_iid FILE "notengine.json")
};

#include "notengine.moc"
