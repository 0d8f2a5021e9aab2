// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionprofile.h"

#include "connectionurl.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <tuple>

namespace Strata {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::ConnectionProfile)
};
} // namespace

ConnectionProfile::ConnectionProfile(const QString &name, const ConnectionSettings &settings)
    : m_name(name)
{
    setSettings(settings);
}

void ConnectionProfile::setSettings(const ConnectionSettings &settings)
{
    m_settings = settings;
    m_settings.password.clear();
}

QString ConnectionProfile::url() const
{
    return ConnectionUrl::toString(m_settings);
}

Result<void> ConnectionProfile::validate() const
{
    if (m_name.trimmed().isEmpty())
        return Error(Error::Code::InvalidArgument, Tr::tr("The connection needs a name."));
    if (m_name != m_name.trimmed())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("The connection name '%1' starts or ends with spaces.").arg(m_name));
    if (std::any_of(m_name.begin(), m_name.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return Error(Error::Code::InvalidArgument, Tr::tr("The connection name contains control characters."));
    if (ConnectionUrl::optionNames(m_settings.engine).isEmpty())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("Unknown engine '%1' in connection '%2'.").arg(m_settings.engine, m_name));
    if (!m_colour.isEmpty() && !QRegularExpression(QStringLiteral("^#[0-9a-fA-F]{6}$")).match(m_colour).hasMatch())
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("The colour '%1' is not of the form #rrggbb.").arg(m_colour));
    // The URL parser is the one place that knows which options and values are valid.
    ConnectionSettings withoutCredentials = m_settings;
    Result<ConnectionSettings> parsed = ConnectionUrl::parse(ConnectionUrl::toString(withoutCredentials));
    if (!parsed)
        return Error(Error::Code::InvalidArgument,
                     Tr::tr("Connection '%1': %2").arg(m_name, parsed.error().message()));
    return {};
}

bool ConnectionProfile::operator==(const ConnectionProfile &o) const
{
    return std::tie(m_name, m_settings, m_savePassword, m_colour, m_readOnly)
           == std::tie(o.m_name, o.m_settings, o.m_savePassword, o.m_colour, o.m_readOnly);
}

} // namespace Strata
