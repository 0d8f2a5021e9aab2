// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionoption.h"
#include "isession.h"

#include <QtPlugin>

#include <memory>

namespace Strata {

// The entry point of an engine plugin: a small QObject that creates sessions.
// Optional capabilities (ICatalog, IDialect, ...) are further interfaces on the same
// QObject, found with qobject_cast; a missing one greys out the feature.
class IEnginePlugin
{
public:
    virtual ~IEnginePlugin() = default;

    virtual QString id() const = 0;             // "postgresql", "mysql", "sqlite"
    virtual QString displayName() const = 0;
    virtual int defaultPort() const = 0;        // 0 where the engine has none
    virtual ConnectionOptionList connectionOptions() const = 0;
    virtual std::unique_ptr<ISession> createSession() = 0;
};

} // namespace Strata

#define Strata_IEnginePlugin_iid "org.strata.EnginePlugin/1"
Q_DECLARE_INTERFACE(Strata::IEnginePlugin, Strata_IEnginePlugin_iid)
