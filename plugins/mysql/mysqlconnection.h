// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connection/connectionsettings.h"
#include "sql/result.h"

#include <mysql.h>

namespace Strata::MySql::Internal {

// Owns one native MariaDB Connector/C connection (MYSQL*), opened from ConnectionSettings with
// the TLS mode, timeouts and character set applied. Used for sessions and for the short
// side connections that send KILL QUERY.
class MySqlConnection
{
public:
    enum class TlsMode { Disable, Prefer, Require, VerifyCa, VerifyFull };

    MySqlConnection() = default;
    ~MySqlConnection();
    MySqlConnection(const MySqlConnection &) = delete;
    MySqlConnection &operator=(const MySqlConnection &) = delete;

    Result<void> open(const ConnectionSettings &settings);
    void close();
    bool isOpen() const { return m_mysql != nullptr; }
    MYSQL *handle() const { return m_mysql; }

    // Runs one statement that returns no rows we care about (results are discarded).
    Result<void> run(const QByteArray &sql);

    // "disable", "prefer", ..., also the MySQL spellings "DISABLED", "VERIFY_IDENTITY".
    static Result<TlsMode> parseTlsMode(const QString &text);
    // "MariaDB 10.11.19" from "10.11.19-MariaDB-0+deb12u1"; "MySQL 8.0.36" from "8.0.36".
    static QString versionLabel(const QString &serverInfo);
    static int defaultPort() { return 3306; }

private:
    Result<void> connectWith(const ConnectionSettings &settings, TlsMode mode);

    MYSQL *m_mysql = nullptr;
};

} // namespace Strata::MySql::Internal
