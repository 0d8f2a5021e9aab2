// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Access to the throwaway PostgreSQL / MariaDB test servers (scripts/lib/servers.sh).
//
// ctest starts the servers through the StrataServers fixture and passes their coordinates in
// STRATA_TEST_* environment variables (see cmake/StrataTestServers.cmake and the SERVERS option
// of strata_add_test). To run a test binary by hand:
//     scripts/lib/servers.sh start && eval "$(scripts/lib/servers.sh env)" && build/tests/tst_foo
// Without those variables, STRATA_REQUIRE_PG() / STRATA_REQUIRE_MYSQL() skip the test.

#include <QtCore/QLatin1String>
#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>
#include <QtCore/QtGlobal>
#include <QtTest/QTest>

namespace Strata::Test {

// postgresql://strata@127.0.0.1:PORT/strata_test (no password; see password()).
inline QString pgUrl()
{
    return qEnvironmentVariable("STRATA_TEST_PG_URL");
}
// mysql://strata@127.0.0.1:PORT/strata_test (no password; see password()).
inline QString mysqlUrl()
{
    return qEnvironmentVariable("STRATA_TEST_MYSQL_URL");
}
// Password of the `strata` user on both servers.
inline QString password()
{
    return qEnvironmentVariable("STRATA_TEST_PASSWORD");
}
// CA that signed both servers' certificates (SAN: localhost, 127.0.0.1, ::1).
inline QString tlsCaFile()
{
    return qEnvironmentVariable("STRATA_TEST_TLS_CA");
}
// State directory of the servers (data, logs, TLS files).
inline QString stateDir()
{
    return qEnvironmentVariable("STRATA_TEST_STATE");
}
// Directory holding PostgreSQL's Unix socket (.s.PGSQL.<port>).
inline QString pgSocketDir()
{
    return qEnvironmentVariable("STRATA_TEST_PG_SOCKET_DIR");
}
// MariaDB's Unix socket file.
inline QString mysqlSocket()
{
    return qEnvironmentVariable("STRATA_TEST_MYSQL_SOCKET");
}

inline bool hasPg()
{
    return !pgUrl().isEmpty();
}
inline bool hasMysql()
{
    return !mysqlUrl().isEmpty();
}

// TCP ports, taken from the URLs (-1 when unset).
inline int pgPort()
{
    return QUrl(pgUrl()).port();
}
inline int mysqlPort()
{
    return QUrl(mysqlUrl()).port();
}

// Restarts one test server in place (same port, same data) and waits until it accepts
// connections again. `which` is "pg" (or "postgresql") or "mysql" (or "mariadb").
// Every open session to that server is cut. Tests that call this should be registered with
// strata_test_use_servers(<test> RUN_SERIAL) so that no other test runs meanwhile.
inline bool restartServer(const QString &which, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };

    QString command;
    if (which == QLatin1String("pg") || which == QLatin1String("postgresql"))
        command = QStringLiteral("restart-pg");
    else if (which == QLatin1String("mysql") || which == QLatin1String("mariadb"))
        command = QStringLiteral("restart-mysql");
    else
        return fail(QStringLiteral("restartServer: unknown server \"%1\" (use \"pg\" or \"mysql\")")
                        .arg(which));

    const QString script = qEnvironmentVariable("STRATA_TEST_SERVERS");
    if (script.isEmpty())
        return fail(QStringLiteral("restartServer: STRATA_TEST_SERVERS is not set"));

    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    // Through bash, so the script needs no executable bit; the test's environment (state dir,
    // ports) is inherited.
    process.start(QStringLiteral("bash"), QStringList{script, command});
    if (!process.waitForStarted(10 * 1000))
        return fail(
            QStringLiteral("restartServer: cannot run %1: %2").arg(script, process.errorString()));
    if (!process.waitForFinished(120 * 1000)) {
        process.kill();
        process.waitForFinished(5 * 1000);
        return fail(
            QStringLiteral("restartServer: %1 %2 timed out after 120 s").arg(script, command));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return fail(QStringLiteral("restartServer: %1 %2 failed (exit code %3): %4")
                        .arg(script, command)
                        .arg(process.exitCode())
                        .arg(QString::fromLocal8Bit(process.readAll()).trimmed()));
    }
    if (error)
        error->clear();
    return true;
}

} // namespace Strata::Test

// Skip (not fail) the current test function when no server is configured, e.g. when a test
// binary runs outside ctest. Use at the top of a test function or in initTestCase().
#define STRATA_REQUIRE_PG()                                                                        \
    do {                                                                                           \
        if (!::Strata::Test::hasPg())                                                              \
            QSKIP("No PostgreSQL test server: STRATA_TEST_PG_URL is unset (run through ctest, or " \
                  "scripts/lib/servers.sh start && eval \"$(scripts/lib/servers.sh env)\")");      \
    } while (false)

#define STRATA_REQUIRE_MYSQL()                                                                     \
    do {                                                                                           \
        if (!::Strata::Test::hasMysql())                                                           \
            QSKIP("No MariaDB test server: STRATA_TEST_MYSQL_URL is unset (run through ctest, or " \
                  "scripts/lib/servers.sh start && eval \"$(scripts/lib/servers.sh env)\")");      \
    } while (false)
