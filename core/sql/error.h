// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QString>

namespace Strata {

// What went wrong, as data: core returns it, only the UI decides how to show it.
class STRATA_CORE_EXPORT Error
{
public:
    enum class Code {
        None,
        Generic,
        InvalidArgument,   // bad input from the user (URL, option, file)
        HostUnreachable,   // cannot reach the server (refused, DNS, no route)
        Authentication,    // wrong user or password
        UnknownDatabase,   // the server has no such database
        Tls,               // TLS refused, certificate not trusted, name mismatch
        Timeout,           // connect timeout expired
        ConnectionLost,    // the connection broke while in use
        Query,             // the server rejected a statement
        Cancelled,         // cancelled by the user
        NotSupported,      // the engine lacks the capability
        Io,                // files and processes
        Plugin,            // a plugin failed to load
    };

    Error() = default;
    Error(Code code, const QString &message, const QString &detail = {});

    Code code() const { return m_code; }
    QString message() const { return m_message; }
    QString detail() const { return m_detail; }

    // SQLSTATE or native error code as text, when the server gave one.
    QString sqlState() const { return m_sqlState; }
    void setSqlState(const QString &state) { m_sqlState = state; }

    // 1-based character position in the statement the server complained about, or 0.
    int position() const { return m_position; }
    void setPosition(int position) { m_position = position; }

    // The engine's native error number (MariaDB errno such as 1146), or 0.
    int nativeCode() const { return m_nativeCode; }
    void setNativeCode(int code) { m_nativeCode = code; }

    bool isNull() const { return m_code == Code::None; }
    // True for the codes that mean "could not connect or authenticate" (CLI exit code 3).
    bool isConnectError() const;

    // One line: the message, then the detail in parentheses if any.
    QString toString() const;

private:
    Code m_code = Code::None;
    QString m_message;
    QString m_detail;
    QString m_sqlState;
    int m_position = 0;
    int m_nativeCode = 0;
};

} // namespace Strata
