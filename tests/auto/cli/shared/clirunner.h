// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs the built strata-cli with an argument list (never a shell) for the end-to-end tests.

#include "testservers.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>

namespace Strata::Test {

struct CliRun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The test's environment without any password source, with the build tree's plugins and
// a ~/.pgpass that cannot exist, so each test chooses how the password arrives.
inline QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"STRATA_PASSWORD", "PGPASSWORD", "MYSQL_PWD", "PGSERVICE", "PGUSER",
                             "PGHOST", "PGPORT", "PGDATABASE"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("PGPASSFILE"), QStringLiteral("/nonexistent/strata-cli-test/pgpass"));
    if (!env.contains(QStringLiteral("STRATA_PLUGIN_PATH")))
        env.insert(QStringLiteral("STRATA_PLUGIN_PATH"), QStringLiteral(STRATA_PLUGIN_DIR));
    return env;
}

// cliEnvironment() plus STRATA_PASSWORD with the test servers' password.
inline QProcessEnvironment cliEnvironmentWithPassword()
{
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("STRATA_PASSWORD"), password());
    return env;
}

inline CliRun runCli(const QStringList &arguments, const QProcessEnvironment &env = cliEnvironmentWithPassword(),
                     int timeoutMs = 120 * 1000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    // stdin is not a terminal: the CLI must never prompt.
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral(STRATA_CLI_EXECUTABLE), arguments);
    CliRun run;
    if (!process.waitForStarted(10 * 1000))
        return run;
    run.finished = process.waitForFinished(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// The same server URL with another database.
inline QString withDatabase(const QString &url, const QString &database)
{
    QUrl u(url);
    u.setPath(QLatin1Char('/') + database);
    return u.toString();
}

// A scratch database name unique to this test process.
inline QString scratchName(const char *area)
{
    return QStringLiteral("strata_cli_%1_%2").arg(QLatin1String(area)).arg(QCoreApplication::applicationPid());
}

} // namespace Strata::Test

// Runs strata-cli and fails the test with its stderr unless it exits with `code`.
#define STRATA_CLI_EXPECT(run, code)                                                               \
    do {                                                                                           \
        QVERIFY2((run).finished, "strata-cli did not finish");                                     \
        QVERIFY2((run).exitCode == (code),                                                         \
                 qPrintable(QStringLiteral("exit %1, stderr: %2")                                  \
                                .arg((run).exitCode)                                               \
                                .arg(QString::fromUtf8((run).err))));                              \
    } while (false)
