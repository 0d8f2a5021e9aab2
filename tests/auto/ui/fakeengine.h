// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/iengineplugin.h"

#include <QObject>

namespace Strata::Test {

// An engine that only describes itself: for rendering the connection form. It cannot
// connect (createSession gives nothing), so tests that connect use the real plugins.
class FakeEngine : public QObject, public IEnginePlugin
{
    Q_OBJECT
    Q_INTERFACES(Strata::IEnginePlugin)
public:
    FakeEngine(const QString &id, int port, const ConnectionOptionList &options)
        : m_id(id), m_port(port), m_options(options)
    {
    }
    QString id() const override { return m_id; }
    QString displayName() const override { return QStringLiteral("Fake ") + m_id; }
    int defaultPort() const override { return m_port; }
    ConnectionOptionList connectionOptions() const override { return m_options; }
    std::unique_ptr<ISession> createSession() override { return nullptr; }

private:
    QString m_id;
    int m_port;
    ConnectionOptionList m_options;
};

// A little of everything, as the PostgreSQL plugin would describe it.
inline ConnectionOptionList fakeOptions()
{
    using Type = ConnectionOption::Type;
    ConnectionOption sslmode{QStringLiteral("sslmode"), QStringLiteral("TLS mode"), Type::Choice,
                             QStringLiteral("prefer"),
                             {QStringLiteral("disable"), QStringLiteral("prefer"),
                              QStringLiteral("require"), QStringLiteral("verify-full")},
                             QStringLiteral("Whether to use <TLS>."), false, false};
    ConnectionOption timeout{QStringLiteral("connect_timeout"), QStringLiteral("Connect timeout"),
                             Type::Integer, 10, {}, {}, false, false};
    ConnectionOption appName{QStringLiteral("application_name"), QStringLiteral("Application name"),
                             Type::String, QStringLiteral("strata"), {}, {}, false, true};
    ConnectionOption rootCert{QStringLiteral("sslrootcert"), QStringLiteral("CA certificate"),
                              Type::File, {}, {}, {}, false, true};
    ConnectionOption keyPass{QStringLiteral("sslpassword"), QStringLiteral("Key password"),
                             Type::Password, {}, {}, {}, true, true};
    ConnectionOption compress{QStringLiteral("compress"), QStringLiteral("Compress"),
                              Type::Boolean, false, {}, {}, false, true};
    return {sslmode, timeout, appName, rootCert, keyPass, compress};
}

} // namespace Strata::Test
