// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection/connectionurl.h"

#include <QTest>

using namespace Strata;

namespace {

// "k=v" entries; the value may contain '=' and '&'.
QMap<QString, QString> optionsOf(const QStringList &pairs)
{
    QMap<QString, QString> options;
    for (const QString &pair : pairs)
        options.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    return options;
}

} // namespace

class tst_ConnectionUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidUrls_data();
    void parsesValidUrls();
    void rejectsInvalidUrlsNamingTheProblem_data();
    void rejectsInvalidUrlsNamingTheProblem();
    void errorsNeverShowThePassword();
    void printsWithoutPassword_data();
    void printsWithoutPassword();
    void roundTripsThroughToString_data();
    void roundTripsThroughToString();
    void roundTripsBuiltSettings_data();
    void roundTripsBuiltSettings();
    void mapsSchemesToEngines();
    void listsOptionsPerEngine();
};

void tst_ConnectionUrl::parsesValidUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QStringList>("options");

    const QStringList none;
    QTest::newRow("postgresql full") << "postgresql://alice:s3cret@db.example.com:5433/shop"
                                     << "postgresql" << "db.example.com" << 5433 << "shop" << "alice"
                                     << "s3cret" << none;
    QTest::newRow("postgres alias") << "postgres://bob@localhost/app" << "postgresql" << "localhost" << 0
                                    << "app" << "bob" << "" << none;
    QTest::newRow("scheme case-insensitive") << "PostgreSQL://h/d" << "postgresql" << "h" << 0 << "d" << ""
                                             << "" << none;
    QTest::newRow("no database") << "postgresql://h" << "postgresql" << "h" << 0 << "" << "" << "" << none;
    QTest::newRow("trailing slash") << "postgresql://h:1/" << "postgresql" << "h" << 1 << "" << "" << ""
                                    << none;
    QTest::newRow("max port") << "mysql://h:65535/d" << "mysql" << "h" << 65535 << "d" << "" << "" << none;
    QTest::newRow("surrounding spaces trimmed") << "  mysql://h/d \n" << "mysql" << "h" << 0 << "d" << ""
                                                << "" << none;
    QTest::newRow("mysql") << "mysql://root@127.0.0.1:3306/test" << "mysql" << "127.0.0.1" << 3306 << "test"
                           << "root" << "" << none;
    QTest::newRow("mariadb alias") << "mariadb://u:p@h/d" << "mysql" << "h" << 0 << "d" << "u" << "p" << none;
    QTest::newRow("ipv6 loopback") << "postgresql://user@[::1]:5433/db" << "postgresql" << "::1" << 5433
                                   << "db" << "user" << "" << none;
    QTest::newRow("ipv6 without port") << "mysql://[2001:db8::42]/d" << "mysql" << "2001:db8::42" << 0 << "d"
                                       << "" << "" << none;
    QTest::newRow("ipv6 zone") << "postgresql://[fe80::1%25eth0]:5432/d" << "postgresql" << "fe80::1%eth0"
                               << 5432 << "d" << "" << "" << none;
    QTest::newRow("ipv4-mapped ipv6") << "postgresql://[::ffff:127.0.0.1]/d" << "postgresql"
                                      << "::ffff:127.0.0.1" << 0 << "d" << "" << "" << none;
    QTest::newRow("encoded user") << "postgresql://user%40corp@h/d" << "postgresql" << "h" << 0 << "d"
                                  << "user@corp" << "" << none;
    QTest::newRow("unencoded @ in user") << "postgresql://user@corp@h/d" << "postgresql" << "h" << 0 << "d"
                                         << "user@corp" << "" << none;
    QTest::newRow("encoded password") << "postgresql://u:p%40ss%3Aw%2Fd@h/d" << "postgresql" << "h" << 0
                                      << "d" << "u" << "p@ss:w/d" << none;
    QTest::newRow("password with colon") << "mysql://u:a:b@h/d" << "mysql" << "h" << 0 << "d" << "u" << "a:b"
                                         << none;
    QTest::newRow("password with percent") << "mysql://u:100%25@h/d" << "mysql" << "h" << 0 << "d" << "u"
                                           << "100%" << none;
    QTest::newRow("empty password") << "mysql://u:@h/d" << "mysql" << "h" << 0 << "d" << "u" << "" << none;
    QTest::newRow("password without user") << "postgresql://:pw@h/d" << "postgresql" << "h" << 0 << "d" << ""
                                           << "pw" << none;
    QTest::newRow("utf-8 user") << "postgresql://%C3%BCser@h/d" << "postgresql" << "h" << 0 << "d"
                                << QString::fromUtf8("\xc3\xbcser") << "" << none;
    QTest::newRow("database with encoded spaces") << "postgresql://h/my%20shop" << "postgresql" << "h" << 0
                                                  << "my shop" << "" << "" << none;
    QTest::newRow("database with encoded slash") << "mysql://h/a%2Fb" << "mysql" << "h" << 0 << "a/b" << ""
                                                 << "" << none;
    QTest::newRow("socket dir option") << "postgresql:///db?host=/var/run/postgresql" << "postgresql" << ""
                                       << 0 << "db"
                                       << "" << "" << QStringList{"host=/var/run/postgresql"};
    QTest::newRow("socket dir in authority") << "postgresql://%2Fvar%2Frun%2Fpostgresql/db" << "postgresql" << ""
                                             << 0 << "db" << "" << ""
                                             << QStringList{"host=/var/run/postgresql"};
    QTest::newRow("socket dir with user") << "postgresql://me@%2Ftmp/db" << "postgresql" << "" << 0 << "db"
                                          << "me" << "" << QStringList{"host=/tmp"};
    QTest::newRow("postgres socket port") << "postgresql://:5433/db" << "postgresql" << "" << 5433 << "db" << ""
                                          << "" << none;
    QTest::newRow("mysql socket in authority") << "mysql://root@%2Frun%2Fmysqld%2Fmysqld.sock/d" << "mysql"
                                               << "" << 0 << "d" << "root" << ""
                                               << QStringList{"socket=/run/mysqld/mysqld.sock"};
    QTest::newRow("mysql socket option") << "mysql:///d?socket=/tmp/my.sock" << "mysql" << "" << 0 << "d" << ""
                                         << "" << QStringList{"socket=/tmp/my.sock"};
    QTest::newRow("tls options") << "postgresql://h/d?sslmode=verify-full&sslrootcert=/x/ca.pem" << "postgresql"
                                 << "h" << 0 << "d" << "" << ""
                                 << QStringList{"sslmode=verify-full", "sslrootcert=/x/ca.pem"};
    QTest::newRow("client certificate") << "mysql://h/d?sslmode=require&sslcert=/c.pem&sslkey=/k.pem" << "mysql"
                                        << "h" << 0 << "d" << "" << ""
                                        << QStringList{"sslmode=require", "sslcert=/c.pem", "sslkey=/k.pem"};
    QTest::newRow("connect timeout") << "postgresql://h/d?connect_timeout=10" << "postgresql" << "h" << 0 << "d"
                                     << "" << "" << QStringList{"connect_timeout=10"};
    QTest::newRow("encoded application name") << "postgresql://h/d?application_name=my%20app%26co" << "postgresql"
                                              << "h" << 0 << "d" << "" << ""
                                              << QStringList{"application_name=my app&co"};
    QTest::newRow("empty option segments") << "postgresql://h/d?&sslmode=disable&&" << "postgresql" << "h" << 0
                                           << "d" << "" << "" << QStringList{"sslmode=disable"};
    QTest::newRow("query without path") << "postgresql://h?sslmode=prefer" << "postgresql" << "h" << 0 << ""
                                        << "" << "" << QStringList{"sslmode=prefer"};
    QTest::newRow("sqlite absolute") << "sqlite:///home/me/shop.db" << "sqlite" << "" << 0 << "/home/me/shop.db"
                                     << "" << "" << none;
    QTest::newRow("sqlite single slash") << "sqlite:/tmp/x.db" << "sqlite" << "" << 0 << "/tmp/x.db" << "" << ""
                                         << none;
    QTest::newRow("sqlite relative") << "sqlite:relative.db" << "sqlite" << "" << 0 << "relative.db" << ""
                                     << "" << none;
    QTest::newRow("sqlite relative dir") << "sqlite:data/shop.db" << "sqlite" << "" << 0 << "data/shop.db" << ""
                                         << "" << none;
    QTest::newRow("sqlite encoded space") << "sqlite:///tmp/my%20file.db" << "sqlite" << "" << 0
                                          << "/tmp/my file.db" << "" << "" << none;
    QTest::newRow("sqlite memory") << "sqlite::memory:" << "sqlite" << "" << 0 << ":memory:" << "" << ""
                                   << none;
    QTest::newRow("sqlite options") << "sqlite:///a.db?mode=ro&foreign_keys=1&busy_timeout=5000" << "sqlite"
                                    << "" << 0 << "/a.db" << "" << ""
                                    << QStringList{"mode=ro", "foreign_keys=on", "busy_timeout=5000"};
    QTest::newRow("sqlite foreign_keys off") << "sqlite:a.db?foreign_keys=FALSE" << "sqlite" << "" << 0
                                             << "a.db" << "" << "" << QStringList{"foreign_keys=off"};
}

void tst_ConnectionUrl::parsesValidUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, engine);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QStringList, options);

    const Result<ConnectionSettings> parsed = ConnectionUrl::parse(url);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    QCOMPARE(parsed->engine, engine);
    QCOMPARE(parsed->host, host);
    QCOMPARE(parsed->port, port);
    QCOMPARE(parsed->database, database);
    QCOMPARE(parsed->user, user);
    QCOMPARE(parsed->password, password);
    QCOMPARE(parsed->options, optionsOf(options));
}

void tst_ConnectionUrl::rejectsInvalidUrlsNamingTheProblem_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << "" << "the URL is empty";
    QTest::newRow("blank") << "   " << "the URL is empty";
    QTest::newRow("no scheme") << "localhost/db" << "the URL has no scheme";
    QTest::newRow("leading colon") << "://h/d" << "the URL has no scheme";
    QTest::newRow("host:port without scheme") << "127.0.0.1:5432" << "the URL has no scheme";
    QTest::newRow("unknown scheme") << "oracle://h/d" << "unknown scheme 'oracle'";
    QTest::newRow("http") << "http://example.com/" << "unknown scheme 'http'";
    QTest::newRow("missing slashes") << "postgresql:h/d" << "expected '//' after 'postgresql:'";
    QTest::newRow("one slash") << "mysql:/h/d" << "expected '//' after 'mysql:'";
    QTest::newRow("port zero") << "postgresql://h:0/d" << "port '0' is out of range (1-65535)";
    QTest::newRow("port too big") << "postgresql://h:65536/d" << "port '65536' is out of range (1-65535)";
    QTest::newRow("port huge") << "postgresql://h:99999999999/d" << "port '99999999999' is out of range";
    QTest::newRow("port letters") << "postgresql://h:abc/d" << "port 'abc' is not a number";
    QTest::newRow("port negative") << "mysql://h:-1/d" << "port '-1' is not a number";
    QTest::newRow("port with sign") << "mysql://h:+5/d" << "port '+5' is not a number";
    QTest::newRow("empty port") << "postgresql://h:/d" << "the port after ':' is empty";
    QTest::newRow("unterminated bracket") << "postgresql://[::1/d" << "unterminated '[' in the host";
    QTest::newRow("text after bracket") << "postgresql://[::1]x/d" << "unexpected 'x' after ']'";
    QTest::newRow("not ipv6 in brackets") << "postgresql://[example.com]/d" << "'example.com' is not an IPv6 address";
    QTest::newRow("empty brackets") << "postgresql://[]/d" << "'' is not an IPv6 address";
    QTest::newRow("unencoded zone") << "postgresql://[fe80::1%eth0]/d" << "invalid percent-encoding";
    QTest::newRow("ipv6 without brackets") << "postgresql://::1/d" << "must be written in brackets";
    QTest::newRow("stray bracket") << "postgresql://h]/d" << "unexpected ']' in the host";
    QTest::newRow("space in host") << "postgresql://my%20host/d" << "'my host' is not a valid host name";
    QTest::newRow("mysql empty host with port") << "mysql://:3306/d" << "a port needs a host for MySQL";
    QTest::newRow("bad user encoding") << "postgresql://us%zzer@h/d" << "the user name has invalid percent-encoding";
    QTest::newRow("bad password encoding") << "postgresql://u:50%@h/d" << "the password has invalid percent-encoding";
    QTest::newRow("truncated escape") << "postgresql://u:a%4@h/d" << "the password has invalid percent-encoding";
    QTest::newRow("bad database encoding") << "postgresql://h/db%g1" << "the database name has invalid percent-encoding";
    QTest::newRow("slash in database") << "postgresql://h/a/b" << "the database name 'a/b' contains '/'";
    QTest::newRow("fragment") << "postgresql://h/d#x" << "contains '#'";
    QTest::newRow("control character") << "postgresql://h/d\x01" << "control characters";
    QTest::newRow("unknown option") << "postgresql://h/d?foo=1" << "unknown option 'foo' for postgresql";
    QTest::newRow("mysql-only option on postgres") << "postgresql://h/d?socket=/s" << "unknown option 'socket'";
    QTest::newRow("postgres-only option on mysql") << "mysql://h/d?application_name=x"
                                                   << "unknown option 'application_name' for mysql";
    QTest::newRow("server option on sqlite") << "sqlite:a.db?sslmode=require" << "unknown option 'sslmode' for sqlite";
    QTest::newRow("option without value") << "postgresql://h/d?sslmode" << "option 'sslmode' has no value";
    QTest::newRow("option with empty value") << "postgresql://h/d?sslmode=" << "option 'sslmode' has an empty value";
    QTest::newRow("option without name") << "postgresql://h/d?=x" << "an option has no name";
    QTest::newRow("bad sslmode") << "postgresql://h/d?sslmode=maybe" << "sslmode 'maybe' is not one of disable";
    QTest::newRow("sslmode is case-sensitive") << "postgresql://h/d?sslmode=REQUIRE" << "sslmode 'REQUIRE'";
    QTest::newRow("bad timeout") << "postgresql://h/d?connect_timeout=abc"
                                 << "option 'connect_timeout' must be a whole number of seconds, not 'abc'";
    QTest::newRow("negative timeout") << "mysql://h/d?connect_timeout=-5" << "not '-5'";
    QTest::newRow("fractional timeout") << "mysql://h/d?connect_timeout=1.5" << "not '1.5'";
    QTest::newRow("bad busy timeout") << "sqlite:a.db?busy_timeout=soon"
                                      << "option 'busy_timeout' must be a whole number of milliseconds";
    QTest::newRow("duplicate option") << "postgresql://h/d?sslmode=require&sslmode=disable"
                                      << "option 'sslmode' is given more than once";
    QTest::newRow("socket twice") << "postgresql://%2Ftmp/d?host=/var/run" << "option 'host' is given more than once";
    QTest::newRow("host option not a path") << "postgresql:///d?host=db.example.com"
                                            << "option 'host' must be a socket directory";
    QTest::newRow("relative certificate") << "postgresql://h/d?sslrootcert=ca.pem"
                                          << "option 'sslrootcert' must be an absolute path, not 'ca.pem'";
    QTest::newRow("bad option value encoding") << "postgresql://h/d?application_name=%zz"
                                               << "the value of option 'application_name' has invalid percent-encoding";
    QTest::newRow("control char in application name") << "postgresql://h/d?application_name=a%0Ab"
                                                      << "option 'application_name' contains control characters";
    QTest::newRow("sqlite without path") << "sqlite:" << "the SQLite URL has no file path";
    QTest::newRow("sqlite empty authority only") << "sqlite://" << "SQLite URLs have no host";
    QTest::newRow("sqlite with host") << "sqlite://relative.db" << "SQLite URLs have no host";
    QTest::newRow("sqlite memory mode") << "sqlite:a.db?mode=memory" << "mode 'memory' is not one of ro, rw, rwc";
    QTest::newRow("sqlite bad mode") << "sqlite:a.db?mode=readonly" << "mode 'readonly' is not one of ro, rw, rwc";
    QTest::newRow("sqlite bad foreign_keys") << "sqlite:a.db?foreign_keys=maybe"
                                             << "option 'foreign_keys' must be on or off, not 'maybe'";
    QTest::newRow("sqlite bad path encoding") << "sqlite:a%2.db" << "the file path has invalid percent-encoding";
}

void tst_ConnectionUrl::rejectsInvalidUrlsNamingTheProblem()
{
    QFETCH(QString, url);
    QFETCH(QString, message);

    const Result<ConnectionSettings> parsed = ConnectionUrl::parse(url);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code(), Error::Code::InvalidArgument);
    QVERIFY2(parsed.error().message().contains(message),
             qPrintable(QStringLiteral("got: ") + parsed.error().message()));
}

void tst_ConnectionUrl::errorsNeverShowThePassword()
{
    const QString urls[] = {
        QStringLiteral("postgresql://u:hunter2%@h/d"),
        QStringLiteral("postgresql://u:hunter2@h:99999/d"),
        QStringLiteral("postgresql://u:hunter2@h/d?sslmode=maybe"),
        QStringLiteral("mysql://u:hunter2@[::1/d"),
    };
    for (const QString &url : urls) {
        const Result<ConnectionSettings> parsed = ConnectionUrl::parse(url);
        QVERIFY(!parsed.ok());
        QVERIFY2(!parsed.error().toString().contains(QLatin1String("hunter2")), qPrintable(parsed.error().toString()));
    }
}

void tst_ConnectionUrl::printsWithoutPassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("printed");

    QTest::newRow("password dropped") << "postgresql://alice:s3cret@h:5433/shop" << "postgresql://alice@h:5433/shop";
    QTest::newRow("postgres becomes postgresql") << "postgres://h/d" << "postgresql://h/d";
    QTest::newRow("mariadb becomes mysql") << "mariadb://u:p@h/d" << "mysql://u@h/d";
    QTest::newRow("default port omitted") << "postgresql://h/d" << "postgresql://h/d";
    QTest::newRow("user re-encoded") << "postgresql://user@corp@h/d" << "postgresql://user%40corp@h/d";
    QTest::newRow("colon in user encoded") << "postgresql://a%3Ab@h/d" << "postgresql://a%3Ab@h/d";
    QTest::newRow("ipv6 bracketed") << "postgresql://[::1]:5433/d" << "postgresql://[::1]:5433/d";
    QTest::newRow("ipv6 zone encoded") << "postgresql://[fe80::1%25eth0]/d" << "postgresql://[fe80::1%25eth0]/d";
    QTest::newRow("database spaces encoded") << "postgresql://h/my shop" << "postgresql://h/my%20shop";
    QTest::newRow("options sorted") << "postgresql://h/d?sslrootcert=/x/ca.pem&sslmode=verify-full"
                                    << "postgresql://h/d?sslmode=verify-full&sslrootcert=/x/ca.pem";
    QTest::newRow("option value encoded") << "postgresql://h/d?application_name=a%26b%3Dc"
                                          << "postgresql://h/d?application_name=a%26b%3Dc";
    QTest::newRow("socket in query") << "postgresql://%2Fvar%2Frun%2Fpostgresql/db"
                                     << "postgresql:///db?host=/var/run/postgresql";
    QTest::newRow("sqlite absolute") << "sqlite:/tmp/a b.db" << "sqlite:///tmp/a%20b.db";
    QTest::newRow("sqlite relative stays relative") << "sqlite:data/a.db" << "sqlite:data/a.db";
    QTest::newRow("sqlite options") << "sqlite:a.db?mode=ro&foreign_keys=true" << "sqlite:a.db?foreign_keys=on&mode=ro";
}

void tst_ConnectionUrl::printsWithoutPassword()
{
    QFETCH(QString, url);
    QFETCH(QString, printed);
    const Result<ConnectionSettings> parsed = ConnectionUrl::parse(url);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    QCOMPARE(ConnectionUrl::toString(parsed.value()), printed);
}

void tst_ConnectionUrl::roundTripsThroughToString_data()
{
    // Every valid URL of parsesValidUrls: parse(toString(parse(url))) == parse(url) minus the password.
    parsesValidUrls_data();
}

void tst_ConnectionUrl::roundTripsThroughToString()
{
    QFETCH(QString, url);
    const Result<ConnectionSettings> first = ConnectionUrl::parse(url);
    QVERIFY2(first.ok(), qPrintable(first.error().toString()));
    ConnectionSettings expected = first.value();
    expected.password.clear();
    const QString printed = ConnectionUrl::toString(first.value());
    if (!first->password.isEmpty())
        QVERIFY(!printed.contains(first->password));
    const Result<ConnectionSettings> second = ConnectionUrl::parse(printed);
    QVERIFY2(second.ok(), qPrintable(printed + QStringLiteral(": ") + second.error().toString()));
    QCOMPARE(second.value(), expected);
}

void tst_ConnectionUrl::roundTripsBuiltSettings_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");

    // Values a connection form may produce, with every character that needs encoding.
    QTest::newRow("hostile user") << "postgresql" << "h" << 1 << "d" << "a@b:c/d?e#f%g&h=i j";
    QTest::newRow("hostile database") << "mysql" << "h" << 3307 << "x/y?z#%25 &=" << "u";
    QTest::newRow("unicode") << "postgresql" << "h" << 0 << QString::fromUtf8("d\xc3\xa9j\xc3\xa0") << QString::fromUtf8("\xe7\x94\xa8\xe6\x88\xb7");
    QTest::newRow("ipv6 zone") << "postgresql" << "fe80::1%eth0" << 5432 << "d" << "";
    QTest::newRow("sqlite hostile path") << "sqlite" << "" << 0 << "/tmp/a?b#c%d &e.db" << "";
    QTest::newRow("sqlite relative with colon") << "sqlite" << "" << 0 << "dir/a:b.db" << "";
}

void tst_ConnectionUrl::roundTripsBuiltSettings()
{
    QFETCH(QString, engine);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    ConnectionSettings settings;
    settings.engine = engine;
    settings.host = host;
    settings.port = port;
    settings.database = database;
    settings.user = user;
    settings.password = QStringLiteral("never-printed");

    const QString printed = ConnectionUrl::toString(settings);
    QVERIFY(!printed.contains(QLatin1String("never-printed")));
    const Result<ConnectionSettings> parsed = ConnectionUrl::parse(printed);
    QVERIFY2(parsed.ok(), qPrintable(printed + QStringLiteral(": ") + parsed.error().toString()));
    settings.password.clear();
    QCOMPARE(parsed.value(), settings);
}

void tst_ConnectionUrl::mapsSchemesToEngines()
{
    QCOMPARE(ConnectionUrl::engineForScheme(QStringLiteral("postgres")), QStringLiteral("postgresql"));
    QCOMPARE(ConnectionUrl::engineForScheme(QStringLiteral("POSTGRESQL")), QStringLiteral("postgresql"));
    QCOMPARE(ConnectionUrl::engineForScheme(QStringLiteral("mariadb")), QStringLiteral("mysql"));
    QCOMPARE(ConnectionUrl::engineForScheme(QStringLiteral("sqlite")), QStringLiteral("sqlite"));
    QCOMPARE(ConnectionUrl::engineForScheme(QStringLiteral("sqlite3")), QString());
}

void tst_ConnectionUrl::listsOptionsPerEngine()
{
    QVERIFY(ConnectionUrl::optionNames(QStringLiteral("postgresql")).contains(QLatin1String("application_name")));
    QVERIFY(!ConnectionUrl::optionNames(QStringLiteral("mysql")).contains(QLatin1String("application_name")));
    QVERIFY(ConnectionUrl::optionNames(QStringLiteral("mysql")).contains(QLatin1String("socket")));
    QCOMPARE(ConnectionUrl::optionNames(QStringLiteral("sqlite")),
             QStringList({"busy_timeout", "foreign_keys", "mode"}));
    QVERIFY(ConnectionUrl::optionNames(QStringLiteral("oracle")).isEmpty());
    const Result<QString> normalized
        = ConnectionUrl::normalizedOption(QStringLiteral("sqlite"), QStringLiteral("foreign_keys"), QStringLiteral("TRUE"));
    QVERIFY(normalized.ok());
    QCOMPARE(normalized.value(), QStringLiteral("on"));
}

QTEST_GUILESS_MAIN(tst_ConnectionUrl)
#include "tst_connectionurl.moc"
