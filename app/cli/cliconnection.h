// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connection/connectionsettings.h"

#include <QMutex>
#include <QString>

#include <memory>

class QCommandLineParser;

namespace Strata {
class EngineSession;
class PluginManager;
} // namespace Strata

namespace Strata::Cli {

// The connection of one CLI command: --url (or --profile) to an open EngineSession.
// Finds the engine plugin, picks the password (URL, STRATA_PASSWORD, the profile's keychain
// entry, MYSQL_PWD for MariaDB, libpq's own PGPASSWORD/~/.pgpass, then a prompt on a TTY
// after the server asked for one) and reports failures as one line with the exit code.
class CliConnection
{
public:
    CliConnection();
    ~CliConnection();

    // --url and --profile.
    static void addOptions(QCommandLineParser &parser);

    // Resolves the options and connects. On failure prints the one-line error and returns the
    // exit code (2 usage, 3 connect, 1 other); returns 0 when the session is open.
    int connect(const QCommandLineParser &parser);

    EngineSession *session() const { return m_session.get(); }
    // Thread-safe (the Ctrl+C watcher calls it): cancels what the session runs, if any.
    void cancel();
    const ConnectionSettings &settings() const { return m_settings; }
    QString serverVersion() const { return m_serverVersion; }
    // The URL as printed in messages: never with the password.
    QString displayUrl() const;

private:
    int resolveSettings(const QCommandLineParser &parser);
    void resolvePassword();

    std::unique_ptr<PluginManager> m_plugins;
    void setSession(std::unique_ptr<EngineSession> session);

    QMutex m_sessionMutex;  // m_session is replaced on the main thread while cancel() may run
    std::unique_ptr<EngineSession> m_session;
    ConnectionSettings m_settings;
    QString m_serverVersion;
    bool m_havePassword = false;
    QString m_profileName;          // --profile, else empty
    bool m_profileHasPassword = false;
    QString m_keychainProblem;      // why the keychain gave no password, for the error message
};

} // namespace Strata::Cli
