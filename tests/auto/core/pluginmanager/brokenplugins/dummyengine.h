// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/iengineplugin.h"

#include <QObject>

namespace Strata::Test {

// An engine with no database behind it: what PluginManager needs to accept a plugin.
// DUMMY_IID and DUMMY_JSON let the broken variants reuse the class.
class DummyEngine : public QObject, public IEnginePlugin
{
    Q_OBJECT
    Q_INTERFACES(Strata::IEnginePlugin)

public:
    explicit DummyEngine(const QString &id = QStringLiteral("dummy"), QObject *parent = nullptr)
        : QObject(parent)
        , m_id(id)
    {
    }

    QString id() const override { return m_id; }
    QString displayName() const override { return QStringLiteral("Dummy engine"); }
    int defaultPort() const override { return 0; }
    ConnectionOptionList connectionOptions() const override { return {}; }
    // There is nothing to connect to.
    std::unique_ptr<ISession> createSession() override { return nullptr; }

private:
    QString m_id;
};

} // namespace Strata::Test
