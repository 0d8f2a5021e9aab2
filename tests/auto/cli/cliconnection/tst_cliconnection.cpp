// SPDX-License-Identifier: GPL-3.0-or-later
// How strata-cli connects: URL errors (exit 2), connect and authentication failures (exit 3),
// and where the password comes from. A password never appears in the output.
#include "clirunner.h"

#include "connection/connectionurl.h"
#include "connection/profilestore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata::Test;

namespace {

const QString WrongPassword = QStringLiteral("wrong-Secret-4711");

QString urlOf(const QString &engine)
{
    return engine == u"pg" ? pgUrl() : mysqlUrl();
}

void requireServer(const QString &engine)
{
    if (engine == u"pg" && !hasPg())
        QSKIP("STRATA_TEST_PG_URL is not set (scripts/lib/servers.sh env)");
    if (engine == u"mysql" && !hasMysql())
        QSKIP("STRATA_TEST_MYSQL_URL is not set (scripts/lib/servers.sh env)");
}

QStringList selectOne(const QString &url)
{
    return {QStringLiteral("query"), QStringLiteral("--url"), url, QStringLiteral("--sql"),
            QStringLiteral("SELECT 1 AS one")};
}

void addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("postgresql") << QStringLiteral("pg");
    QTest::newRow("mariadb") << QStringLiteral("mysql");
}

} // namespace

class tst_CliConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invalidUrlExitsTwoNamingTheProblem_data();
    void invalidUrlExitsTwoNamingTheProblem();
    void wrongPasswordInUrlExitsThreeWithoutShowingIt_data();
    void wrongPasswordInUrlExitsThreeWithoutShowingIt();
    void wrongStrataPasswordExitsThree_data();
    void wrongStrataPasswordExitsThree();
    void unreachableServerExitsThree_data();
    void unreachableServerExitsThree();
    void strataPasswordIsUsed_data();
    void strataPasswordIsUsed();
    void engineConventionsSupplyThePassword_data();
    void engineConventionsSupplyThePassword();
    void missingPasswordWithoutTerminalExitsThree_data();
    void missingPasswordWithoutTerminalExitsThree();
    void correctPasswordInUrlIsAccepted_data();
    void correctPasswordInUrlIsAccepted();
    void savedProfileConnects_data();
    void savedProfileConnects();
    void unknownProfileExitsTwo();
};

void tst_CliConnection::invalidUrlExitsTwoNamingTheProblem_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown scheme") << QStringLiteral("foo://u@h/db") << QStringLiteral("foo");
    QTest::newRow("port out of range") << QStringLiteral("postgresql://u@localhost:99999/db")
                                       << QStringLiteral("99999");
    QTest::newRow("no scheme") << QStringLiteral("just-a-word") << QStringLiteral("scheme");
}

void tst_CliConnection::invalidUrlExitsTwoNamingTheProblem()
{
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    const CliRun run = runCli({QStringLiteral("schema"), QStringLiteral("--url"), url});
    STRATA_CLI_EXPECT(run, 2);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.startsWith(u"strata-cli: ") && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
    QVERIFY2(err.contains(mentions), qPrintable(err));
}

void tst_CliConnection::wrongPasswordInUrlExitsThreeWithoutShowingIt_data()
{
    addEngineRows();
}

void tst_CliConnection::wrongPasswordInUrlExitsThreeWithoutShowingIt()
{
    QFETCH(QString, engine);
    requireServer(engine);
    QUrl url(urlOf(engine));
    url.setPassword(WrongPassword);
    const CliRun run = runCli(selectOne(url.toString()), cliEnvironment());
    STRATA_CLI_EXPECT(run, 3);
    QVERIFY(!run.out.contains(WrongPassword.toUtf8()));
    QVERIFY2(!run.err.contains(WrongPassword.toUtf8()), run.err.constData());
    QVERIFY(!run.err.contains("Secret"));
    QVERIFY2(run.err.startsWith("strata-cli: cannot connect to ") && run.err.count('\n') == 1,
             run.err.constData());
    QVERIFY2(run.err.contains(url.host().toUtf8()), run.err.constData());
}

void tst_CliConnection::wrongStrataPasswordExitsThree_data()
{
    addEngineRows();
}

void tst_CliConnection::wrongStrataPasswordExitsThree()
{
    QFETCH(QString, engine);
    requireServer(engine);
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("STRATA_PASSWORD"), WrongPassword);
    const CliRun run = runCli(selectOne(urlOf(engine)), env);
    STRATA_CLI_EXPECT(run, 3);
    QVERIFY(!run.out.contains(WrongPassword.toUtf8()));
    QVERIFY(!run.err.contains(WrongPassword.toUtf8()));
}

void tst_CliConnection::unreachableServerExitsThree_data()
{
    QTest::addColumn<QString>("url");
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    QTest::newRow("postgresql refused") << QStringLiteral("postgresql://strata@127.0.0.1:1/strata_test");
    QTest::newRow("mariadb refused") << QStringLiteral("mysql://strata@127.0.0.1:1/strata_test");
    QTest::newRow("postgresql unknown host")
        << QStringLiteral("postgresql://strata@no-such-host.invalid:5432/strata_test");
    QTest::newRow("mariadb unknown host") << QStringLiteral("mysql://strata@no-such-host.invalid:3306/strata_test");
}

void tst_CliConnection::unreachableServerExitsThree()
{
    QFETCH(QString, url);
    const CliRun run = runCli(selectOne(url));
    STRATA_CLI_EXPECT(run, 3);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("strata-cli: cannot connect to ") && run.err.count('\n') == 1,
             run.err.constData());
}

void tst_CliConnection::strataPasswordIsUsed_data()
{
    addEngineRows();
}

void tst_CliConnection::strataPasswordIsUsed()
{
    QFETCH(QString, engine);
    requireServer(engine);
    const CliRun run = runCli(selectOne(urlOf(engine)), cliEnvironmentWithPassword());
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(run.out, QByteArray("one\n1\n"));
    QVERIFY(!run.err.contains(password().toUtf8()));
}

void tst_CliConnection::engineConventionsSupplyThePassword_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("variable");
    QTest::newRow("PGPASSWORD") << QStringLiteral("pg") << QStringLiteral("PGPASSWORD");
    QTest::newRow("~/.pgpass") << QStringLiteral("pg") << QStringLiteral("PGPASSFILE");
    QTest::newRow("MYSQL_PWD") << QStringLiteral("mysql") << QStringLiteral("MYSQL_PWD");
}

void tst_CliConnection::engineConventionsSupplyThePassword()
{
    QFETCH(QString, engine);
    QFETCH(QString, variable);
    requireServer(engine);
    QProcessEnvironment env = cliEnvironment();
    QTemporaryDir dir;
    if (variable == u"PGPASSFILE") {
        const QUrl url(pgUrl());
        QFile file(dir.filePath(QStringLiteral("pgpass")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("%1:%2:*:%3:%4\n")
                       .arg(url.host()).arg(url.port()).arg(url.userName(), password()).toUtf8());
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        env.insert(variable, file.fileName());
    } else {
        env.insert(variable, password());
    }
    const CliRun run = runCli(selectOne(urlOf(engine)), env);
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(run.out, QByteArray("one\n1\n"));
}

void tst_CliConnection::missingPasswordWithoutTerminalExitsThree_data()
{
    addEngineRows();
}

void tst_CliConnection::missingPasswordWithoutTerminalExitsThree()
{
    QFETCH(QString, engine);
    requireServer(engine);
    // stdin is /dev/null: no prompt, a clear failure instead of a hang.
    const CliRun run = runCli(selectOne(urlOf(engine)), cliEnvironment(), 30 * 1000);
    STRATA_CLI_EXPECT(run, 3);
    QVERIFY(run.out.isEmpty());
}

void tst_CliConnection::correctPasswordInUrlIsAccepted_data()
{
    addEngineRows();
}

void tst_CliConnection::correctPasswordInUrlIsAccepted()
{
    QFETCH(QString, engine);
    requireServer(engine);
    QUrl url(urlOf(engine));
    url.setPassword(password());
    const CliRun run = runCli({QStringLiteral("query"), QStringLiteral("--url"), url.toString(),
                               QStringLiteral("--sql"), QStringLiteral("SELECT nosuchcolumn FROM nosuchtable")},
                              cliEnvironment());
    // Connected (so the password worked), then the statement failed: exit 1, no password shown.
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY(!run.err.contains(password().toUtf8()));
}

void tst_CliConnection::savedProfileConnects_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("pg");
    QTest::newRow("mariadb") << QStringLiteral("mysql");
}

void tst_CliConnection::savedProfileConnects()
{
    QFETCH(QString, engine);
    QTemporaryDir config;
    QVERIFY(config.isValid());
    QString url;
    if (engine == u"sqlite") {
        url = QStringLiteral("sqlite://") + config.filePath(QStringLiteral("profile.db"));
    } else {
        requireServer(engine);
        url = urlOf(engine);
    }
    {
        // Where the GUI keeps its profiles: QSettings of organisation "Strata", application "strata".
        QVERIFY(QDir(config.path()).mkpath(QStringLiteral("Strata")));
        Strata::ProfileStore store(config.filePath(QStringLiteral("Strata/strata.conf")));
        const Strata::Result<Strata::ConnectionSettings> settings = Strata::ConnectionUrl::parse(url);
        QVERIFY(settings.ok());
        QVERIFY(store.save(Strata::ConnectionProfile(QStringLiteral("My Profile"), settings.value())).ok());
    }
    QProcessEnvironment env = cliEnvironmentWithPassword();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    const CliRun run = runCli({QStringLiteral("query"), QStringLiteral("--profile"), QStringLiteral("My Profile"),
                               QStringLiteral("--sql"), QStringLiteral("SELECT 1 AS one")},
                              env);
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(run.out, QByteArray("one\n1\n"));
}

void tst_CliConnection::unknownProfileExitsTwo()
{
    QTemporaryDir config;
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    const CliRun run = runCli({QStringLiteral("schema"), QStringLiteral("--profile"), QStringLiteral("No Such Profile")},
                              env);
    STRATA_CLI_EXPECT(run, 2);
    QVERIFY2(run.err.startsWith("strata-cli: --profile: ") && run.err.contains("No Such Profile"),
             run.err.constData());
}

QTEST_GUILESS_MAIN(tst_CliConnection)
#include "tst_cliconnection.moc"
