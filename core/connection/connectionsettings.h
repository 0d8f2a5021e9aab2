// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QMap>
#include <QString>

namespace Strata {

// Where and how to connect: what a URL or the connection form describes. The password lives
// here only in memory; ConnectionUrl never prints it and ProfileStore never writes it.
struct STRATA_CORE_EXPORT ConnectionSettings
{
    QString engine;            // plugin id: "postgresql", "mysql" (MySQL and MariaDB) or "sqlite"
    QString host;              // name, IPv4 or IPv6 address (no brackets); empty = engine default
    int port = 0;              // 0 = the engine's default port
    QString database;          // database name; for SQLite the file path
    QString user;
    QString password;          // never persisted, never printed
    // Engine options by their URL names: sslmode, sslrootcert, sslcert, sslkey,
    // connect_timeout, application_name, host (PostgreSQL socket dir), socket (MySQL), mode (SQLite)...
    QMap<QString, QString> options;

    QString option(const QString &name, const QString &fallback = {}) const
    {
        return options.value(name, fallback);
    }
    bool operator==(const ConnectionSettings &o) const;
    bool operator!=(const ConnectionSettings &o) const { return !(*this == o); }
};

} // namespace Strata
