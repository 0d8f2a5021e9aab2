// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliconnection.h"

#include "console.h"
#include "exitcode.h"

#include "connection/connectionurl.h"
#include "connection/credentialstore.h"
#include "connection/profilestore.h"
#include "connection/enginesession.h"
#include "plugins/pluginmanager.h"

#include <QCommandLineParser>

namespace Strata::Cli {

namespace {

// A keychain that does not answer (no Secret Service on a server) must not stall a cron job.
constexpr int KeychainTimeoutMs = 10 * 1000;

// Reads a password variable and removes it from our environment, so no child process
// could ever inherit it.
QString takeEnvironmentPassword(const char *name)
{
    if (!qEnvironmentVariableIsSet(name))
        return {};
    QString value = qEnvironmentVariable(name);
    qunsetenv(name);
    if (value.isNull())
        value = QLatin1String("");
    return value;
}

} // namespace

CliConnection::CliConnection() = default;

CliConnection::~CliConnection()
{
    setSession(nullptr); // closes on the worker thread before the plugins go away
}

void CliConnection::cancel()
{
    QMutexLocker lock(&m_sessionMutex);
    if (m_session)
        m_session->cancel();
}

void CliConnection::setSession(std::unique_ptr<EngineSession> session)
{
    std::unique_ptr<EngineSession> old;
    {
        QMutexLocker lock(&m_sessionMutex);
        old = std::exchange(m_session, std::move(session));
    }
    // Destroyed outside the lock: closing waits for the worker thread.
}

void CliConnection::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("url"),
                      QStringLiteral("Connection URL: postgresql://user@host:port/db, "
                                     "mysql://user@host:port/db, sqlite:///path.db."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("profile"),
                      QStringLiteral("Name of a connection profile saved by the Strata GUI."),
                      QStringLiteral("NAME")});
}

QString CliConnection::displayUrl() const
{
    return ConnectionUrl::toString(m_settings);
}

int CliConnection::resolveSettings(const QCommandLineParser &parser)
{
    const bool hasUrl = parser.isSet(QStringLiteral("url"));
    const bool hasProfile = parser.isSet(QStringLiteral("profile"));
    if (hasUrl && hasProfile) {
        Console::error(QStringLiteral("use either --url or --profile, not both"));
        return ExitUsage;
    }
    if (!hasUrl && !hasProfile) {
        Console::error(QStringLiteral("missing --url (or --profile)"));
        return ExitUsage;
    }
    if (hasProfile) {
        const QString name = parser.value(QStringLiteral("profile"));
        ProfileStore store;
        Result<ConnectionProfile> profile = store.profile(name);
        if (!profile) {
            Console::error(QStringLiteral("--profile: %1").arg(profile.error().toString()));
            return ExitUsage;
        }
        m_settings = profile->settings();
        m_profileName = name;
        m_profileHasPassword = profile->savePassword();
        return ExitSuccess;
    }
    const QString url = parser.value(QStringLiteral("url"));
    Result<ConnectionSettings> parsed = ConnectionUrl::parse(url);
    if (!parsed) {
        Console::error(QStringLiteral("invalid --url: %1").arg(parsed.error().toString()));
        return ExitUsage;
    }
    m_settings = std::move(parsed).value();
    m_havePassword = !m_settings.password.isEmpty();
    return ExitSuccess;
}

void CliConnection::resolvePassword()
{
    // Always consumed, so it never lingers in the environment.
    const QString strataPassword = takeEnvironmentPassword("STRATA_PASSWORD");
    if (m_havePassword)
        return;
    if (!strataPassword.isNull()) {
        m_settings.password = strataPassword;
        m_havePassword = true;
        return;
    }
    if (!m_profileName.isEmpty() && m_profileHasPassword) {
        CredentialStore keychain;
        const Result<QString> saved = keychain.readPasswordBlocking(m_profileName, KeychainTimeoutMs);
        if (saved) {
            m_settings.password = saved.value();
            m_havePassword = true;
            return;
        }
        m_keychainProblem = saved.error().toString();
    }
    // The engine passes an explicit (empty) password to Connector/C, which then skips its own
    // MYSQL_PWD fallback: honour the variable here.
    if (m_settings.engine == QLatin1String("mysql")) {
        const QString mysqlPassword = takeEnvironmentPassword("MYSQL_PWD");
        if (!mysqlPassword.isNull()) {
            m_settings.password = mysqlPassword;
            m_havePassword = true;
        }
    }
    // PostgreSQL: an empty password lets libpq use PGPASSWORD and ~/.pgpass by itself.
}

int CliConnection::connect(const QCommandLineParser &parser)
{
    if (const int code = resolveSettings(parser))
        return code;
    resolvePassword();

    m_plugins = std::make_unique<PluginManager>();
    m_plugins->loadAll();
    const QString url = parser.value(QStringLiteral("url"));
    const QString scheme = url.left(url.indexOf(QLatin1Char(':')));
    QString engineId = url.isEmpty() ? QString() : m_plugins->engineForScheme(scheme);
    if (engineId.isEmpty())
        engineId = m_settings.engine;
    QObject *plugin = m_plugins->pluginObject(engineId);
    if (!plugin) {
        QString message = QStringLiteral("no engine plugin for '%1' (searched %2)")
                              .arg(engineId, m_plugins->searchPaths().join(QLatin1Char(':')));
        const QStringList errors = m_plugins->errors();
        if (!errors.isEmpty())
            message += QStringLiteral(": ") + errors.join(QStringLiteral("; "));
        Console::error(message);
        return ExitFailed;
    }

    for (int attempt = 0; attempt < 2; ++attempt) {
        setSession(std::make_unique<EngineSession>(plugin, m_settings));
        const Result<QString> opened = m_session->open().result();
        if (opened) {
            m_serverVersion = opened.value();
            return ExitSuccess;
        }
        const Error &error = opened.error();
        const bool mayPrompt = attempt == 0 && !m_havePassword
                               && error.code() == Error::Code::Authentication
                               && Console::stdinIsTerminal();
        if (mayPrompt) {
            const QString password = Console::readPassword(
                QStringLiteral("Password for %1: ").arg(displayUrl()));
            if (!password.isNull()) {
                m_settings.password = password;
                m_havePassword = true;
                continue;
            }
        }
        setSession(nullptr);
        QString message = QStringLiteral("cannot connect to %1: %2").arg(displayUrl(), error.toString());
        if (!m_keychainProblem.isEmpty())
            message += QStringLiteral(" (no password from the keychain: %1)").arg(m_keychainProblem);
        Console::error(message);
        // Every failure to open is "cannot connect" for scripts, whatever the engine's code.
        return ExitConnect;
    }
    return ExitConnect;
}

} // namespace Strata::Cli
