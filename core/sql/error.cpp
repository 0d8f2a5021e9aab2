// SPDX-License-Identifier: GPL-3.0-or-later
#include "error.h"

namespace Strata {

Error::Error(Code code, const QString &message, const QString &detail)
    : m_code(code)
    , m_message(message)
    , m_detail(detail)
{
}

bool Error::isConnectError() const
{
    switch (m_code) {
    case Code::HostUnreachable:
    case Code::Authentication:
    case Code::UnknownDatabase:
    case Code::Tls:
    case Code::Timeout:
        return true;
    default:
        return false;
    }
}

QString Error::toString() const
{
    if (m_detail.isEmpty())
        return m_message;
    return m_message + QStringLiteral(" (") + m_detail + QLatin1Char(')');
}

} // namespace Strata
