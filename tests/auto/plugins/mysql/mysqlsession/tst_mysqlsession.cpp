// SPDX-License-Identifier: GPL-3.0-or-later
#include "../mysqltestsupport.h"
#include "connection/enginesession.h"
#include "mysqlengine.h"
#include "mysqlsession.h"
#include "results/cellformat.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using namespace Strata;
using namespace Strata::MySql;
using Internal::MySqlSession;

namespace {

// Stops after the first block and counts what it saw.
class StoppingSink : public IRowSink
{
public:
    void beginResult(const ColumnList &) override { ++results; }
    bool rows(RowBlock &&block) override
    {
        rowsSeen += block.rowCount();
        return false;
    }
    void endResult(const ResultSummary &summary) override { summaries.append(summary); }

    int results = 0;
    qint64 rowsSeen = 0;
    QList<ResultSummary> summaries;
};

// A TCP port that accepts connections into the backlog but never speaks: a server that hangs.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
        ::listen(m_fd, 4);
        socklen_t length = sizeof address;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length);
        m_port = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class tst_MySqlSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void opensAndReportsMariaDbVersion();
    void mapsResultTypesToCellKinds_data();
    void mapsResultTypesToCellKinds();
    void keepsDecimalExactAndBinaryAsHex();
    void distinguishesNullFromEmptyString();
    void returnsEveryResultOfAMultiStatement();
    void returnsEveryResultOfAProcedure();
    void reportsAffectedRows();
    void reportsWarningsAsNotices();
    void reportsSqlStateAndErrno_data();
    void reportsSqlStateAndErrno();
    void streamsLargeResultsInBlocks();
    void stoppingSinkEndsResultAndSessionStaysUsable();
    void bindsHostileParameters_data();
    void bindsHostileParameters();
    void bindsTypedParametersAndNull();
    void mismatchedParameterCountIsAnError();
    void cancelStopsSleepWithinOneSecond();
    void tlsModes_data();
    void tlsModes();
    void connectErrorsAreClassified_data();
    void connectErrorsAreClassified();
    void silentServerTimesOut();
    void connectsThroughUnixSocket();
    void rejectsBadConnectTimeout();
    void brokenConnectionIsReportedOnceAndNeverReplayed();

private:
    MySqlSession m_session;
    QString m_db;
};

void tst_MySqlSession::initTestCase()
{
    STRATA_REQUIRE_MYSQL();
    STRATA_VERIFY_OK(m_session.open(MySqlTest::settings()));
    m_db = MySqlTest::scratchName("session");
    STRATA_VERIFY_OK(MySqlTest::run(
        m_session,
        QStringLiteral("DROP DATABASE IF EXISTS `%1`; CREATE DATABASE `%1`; USE `%1`").arg(m_db)));
}

void tst_MySqlSession::cleanupTestCase()
{
    if (!m_db.isEmpty()) {
        if (!m_session.isOpen())
            (void)m_session.open(MySqlTest::settings());
        (void)MySqlTest::run(m_session, QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(m_db));
    }
    m_session.close();
}

void tst_MySqlSession::opensAndReportsMariaDbVersion()
{
    QVERIFY(m_session.isOpen());
    const QString version = m_session.serverVersion();
    QVERIFY2(QRegularExpression(QStringLiteral("^MariaDB \\d+\\.\\d+\\.\\d+$"))
                 .match(version)
                 .hasMatch(),
             qPrintable(version));
    QCOMPARE(Internal::MySqlConnection::versionLabel(QStringLiteral("5.5.5-10.6.4-MariaDB-log")),
             QStringLiteral("MariaDB 10.6.4"));
    QCOMPARE(Internal::MySqlConnection::versionLabel(QStringLiteral("8.0.36")),
             QStringLiteral("MySQL 8.0.36"));
    QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT @@character_set_client")),
             QStringLiteral("utf8mb4"));
}

void tst_MySqlSession::mapsResultTypesToCellKinds_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("typeName");
    QTest::addColumn<QString>("text");

    auto row = [](const char *name, const char *expr, CellKind kind, const char *type,
                  const QString &text) {
        QTest::newRow(name) << QString::fromUtf8(expr) << int(kind) << QString::fromUtf8(type)
                            << text;
    };
    row("computed int", "CAST(-7 AS INT) DIV 1 + 0", CellKind::Integer, "int",
        QStringLiteral("-7"));
    row("int column", "i FROM types", CellKind::Integer, "int", QStringLiteral("-2147483648"));
    row("bigint unsigned", "u FROM types", CellKind::Integer, "bigint unsigned",
        QStringLiteral("18446744073709551615"));
    row("year", "y FROM types", CellKind::Integer, "year", QStringLiteral("2024"));
    row("double", "d FROM types", CellKind::Float, "double", QStringLiteral("1.5"));
    row("decimal", "m FROM types", CellKind::Numeric, "decimal(30,9)",
        QStringLiteral("123456789012345678901.123456789"));
    row("date", "dt FROM types", CellKind::Date, "date", QStringLiteral("2024-02-29"));
    row("time", "tm FROM types", CellKind::Time, "time", QStringLiteral("-01:02:03"));
    row("datetime", "ts FROM types", CellKind::DateTime, "datetime",
        QStringLiteral("2024-02-29 23:59:58.250000"));
    row("timestamp", "tz FROM types", CellKind::DateTime, "timestamp",
        QStringLiteral("2024-03-01 00:00:00"));
    row("varchar", "v FROM types", CellKind::Text, "varchar", QStringLiteral("héllo 表"));
    row("json", "j FROM types", CellKind::Json, "json", QStringLiteral("{\"a\": [1, 2]}"));
    row("bit", "b FROM types", CellKind::Binary, "bit(8)", QStringLiteral("\\xa5"));
    row("blob", "bl FROM types", CellKind::Binary, "blob", QStringLiteral("\\x00ff10"));
    row("varbinary", "vb FROM types", CellKind::Binary, "varbinary", QStringLiteral("\\x6162"));
    row("text", "tx FROM types", CellKind::Text, "text", QStringLiteral("long text"));
    row("enum", "e FROM types", CellKind::Text, "enum", QStringLiteral("b"));
}

void tst_MySqlSession::mapsResultTypesToCellKinds()
{
    QFETCH(QString, expression);
    QFETCH(int, kind);
    QFETCH(QString, typeName);
    QFETCH(QString, text);
    static bool created = false;
    if (!created) {
        STRATA_VERIFY_OK(MySqlTest::run(
            m_session,
            QStringLiteral(
                "CREATE TABLE types (i INT, u BIGINT UNSIGNED, y YEAR, d DOUBLE, m DECIMAL(30,9),"
                " dt DATE, tm TIME, ts DATETIME(6), tz TIMESTAMP NULL, v VARCHAR(20), j JSON, b "
                "BIT(8),"
                " bl BLOB, vb VARBINARY(10), tx TEXT, e ENUM('a','b'));"
                "INSERT INTO types VALUES (-2147483648, 18446744073709551615, 2024, 1.5,"
                " 123456789012345678901.123456789, '2024-02-29', '-01:02:03', '2024-02-29 "
                "23:59:58.25',"
                " '2024-03-01 00:00:00', 'héllo 表', '{\"a\": [1, 2]}', b'10100101', X'00FF10', "
                "'ab',"
                " 'long text', 'b')")));
        created = true;
    }
    Result<QList<ResultSet>> results =
        MySqlTest::run(m_session, QStringLiteral("SELECT ") + expression);
    STRATA_VERIFY_OK(results);
    const ResultSet &set = results->constFirst();
    QCOMPARE(set.rowCount(), 1);
    QCOMPARE(int(set.columns.at(0).kind), kind);
    QCOMPARE(set.columns.at(0).typeName, typeName);
    QCOMPARE(set.text(0, 0), text);
}

void tst_MySqlSession::keepsDecimalExactAndBinaryAsHex()
{
    Result<QList<ResultSet>> results =
        MySqlTest::run(m_session, QStringLiteral("SELECT CAST('99999999999999999999.999999999' AS "
                                                 "DECIMAL(30,9)) AS m, X'DEADBEEF' AS b"));
    STRATA_VERIFY_OK(results);
    const ResultSet &set = results->constFirst();
    QCOMPARE(set.columns.at(0).kind, CellKind::Numeric);
    QCOMPARE(CellFormat::value(set.columns.at(0), set.raw(0, 0)).toString(),
             QStringLiteral("99999999999999999999.999999999"));
    QCOMPARE(set.columns.at(1).kind, CellKind::Binary);
    QCOMPARE(CellFormat::text(set.columns.at(1), set.raw(0, 1)), QStringLiteral("\\xdeadbeef"));
    QCOMPARE(set.raw(0, 1).toByteArray(), QByteArray::fromHex("deadbeef"));
}

void tst_MySqlSession::distinguishesNullFromEmptyString()
{
    Result<QList<ResultSet>> results =
        MySqlTest::run(m_session, QStringLiteral("SELECT NULL, '', 'x'"));
    STRATA_VERIFY_OK(results);
    const ResultSet &set = results->constFirst();
    QVERIFY(set.isNull(0, 0));
    QVERIFY(!set.isNull(0, 1));
    QVERIFY(set.raw(0, 1).isEmpty());
    QVERIFY(set.text(0, 0).isNull());
    QVERIFY(!set.text(0, 1).isNull());
}

void tst_MySqlSession::returnsEveryResultOfAMultiStatement()
{
    Result<QList<ResultSet>> results =
        MySqlTest::run(m_session, QStringLiteral("SELECT 1; SELECT 2 AS two, 'b'"));
    STRATA_VERIFY_OK(results);
    QCOMPARE(results->size(), 2);
    QCOMPARE(results->at(0).text(0, 0), QStringLiteral("1"));
    QCOMPARE(results->at(1).columns.size(), 2);
    QCOMPARE(results->at(1).columns.at(0).name, QStringLiteral("two"));
    QCOMPARE(results->at(1).text(0, 0), QStringLiteral("2"));
}

void tst_MySqlSession::returnsEveryResultOfAProcedure()
{
    STRATA_VERIFY_OK(MySqlTest::run(
        m_session, QStringLiteral("CREATE PROCEDURE two_results(IN n INT) BEGIN SELECT n AS a; "
                                  "SELECT n + 1 AS b, 'x' AS c; END")));
    for (const QVariantList &parameters : {QVariantList{}, QVariantList{41}}) {
        const QString sql = parameters.isEmpty() ? QStringLiteral("CALL two_results(41)")
                                                 : QStringLiteral("CALL two_results(?)");
        Result<QList<ResultSet>> results = MySqlTest::run(m_session, sql, parameters);
        STRATA_VERIFY_OK(results);
        QCOMPARE(results->size(), 3); // two row sets and the CALL's own status
        QCOMPARE(results->at(0).text(0, 0), QStringLiteral("41"));
        QCOMPARE(results->at(1).text(0, 0), QStringLiteral("42"));
        QCOMPARE(results->at(1).text(0, 1), QStringLiteral("x"));
        QVERIFY(!results->at(2).summary.hasRows);
    }
}

void tst_MySqlSession::reportsAffectedRows()
{
    Result<QList<ResultSet>> results = MySqlTest::run(
        m_session,
        QStringLiteral("CREATE TABLE affected (n INT); INSERT INTO affected VALUES (1), (2), (3);"
                       " UPDATE affected SET n = n + 10 WHERE n < 3; DELETE FROM affected"));
    STRATA_VERIFY_OK(results);
    QCOMPARE(results->size(), 4);
    QCOMPARE(results->at(1).summary.rowsAffected, 3);
    QCOMPARE(results->at(2).summary.rowsAffected, 2);
    QCOMPARE(results->at(3).summary.rowsAffected, 3);
    QVERIFY(!results->at(1).summary.hasRows);
}

void tst_MySqlSession::reportsWarningsAsNotices()
{
    CollectingSink sink;
    STRATA_VERIFY_OK(
        m_session.execute(QStringLiteral("SELECT CAST('12abc' AS INT) AS n"), {}, sink));
    QCOMPARE(sink.results().constFirst().text(0, 0), QStringLiteral("12"));
    QVERIFY(!sink.notices().isEmpty());
    QVERIFY2(sink.notices().constFirst().contains(QLatin1String("1292")),
             qPrintable(sink.notices().join(u'|')));
    QVERIFY(sink.notices().constFirst().contains(QLatin1String("12abc")));

    CollectingSink clean;
    STRATA_VERIFY_OK(m_session.execute(QStringLiteral("SELECT 1"), {}, clean));
    QVERIFY(clean.notices().isEmpty());
}

void tst_MySqlSession::reportsSqlStateAndErrno_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<int>("nativeCode");
    QTest::newRow("missing table")
        << QStringLiteral("SELECT * FROM no_such_table") << QStringLiteral("42S02") << 1146;
    QTest::newRow("syntax") << QStringLiteral("SELEKT 1") << QStringLiteral("42000") << 1064;
    QTest::newRow("second statement")
        << QStringLiteral("SELECT 1; SELECT nope FROM dual") << QStringLiteral("42S22") << 1054;
    QTest::newRow("bound") << QStringLiteral("SELECT * FROM no_such_table WHERE a = ?")
                           << QStringLiteral("42S02") << 1146;
}

void tst_MySqlSession::reportsSqlStateAndErrno()
{
    QFETCH(QString, sql);
    QFETCH(QString, sqlState);
    QFETCH(int, nativeCode);
    const QVariantList parameters = sql.contains(u'?') ? QVariantList{1} : QVariantList{};
    CollectingSink sink;
    Result<void> result = m_session.execute(sql, parameters, sink);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), Error::Code::Query);
    QCOMPARE(result.error().sqlState(), sqlState);
    QCOMPARE(result.error().nativeCode(), nativeCode);
    QVERIFY(!result.error().message().isEmpty());
    QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT 'still usable'")),
             QStringLiteral("still usable"));
}

void tst_MySqlSession::streamsLargeResultsInBlocks()
{
    class CountingSink : public IRowSink
    {
    public:
        void beginResult(const ColumnList &) override {}
        bool rows(RowBlock &&block) override
        {
            ++blocks;
            maxRows = qMax(maxRows, block.rowCount());
            total += block.rowCount();
            last = block.raw(block.rowCount() - 1, 0).toByteArray();
            return true;
        }
        void endResult(const ResultSummary &s) override { summary = s; }
        int blocks = 0;
        int maxRows = 0;
        qint64 total = 0;
        QByteArray last;
        ResultSummary summary;
    } sink;
    STRATA_VERIFY_OK(
        m_session.execute(QStringLiteral("SELECT seq, MD5(seq) FROM seq_1_to_25000"), {}, sink));
    QCOMPARE(sink.total, 25000);
    QCOMPARE(sink.summary.rowCount, 25000);
    QCOMPARE(sink.blocks, 25);
    QCOMPARE(sink.maxRows, 1000);
    QCOMPARE(sink.last, QByteArray("25000"));
    QVERIFY(!sink.summary.truncated);
}

void tst_MySqlSession::stoppingSinkEndsResultAndSessionStaysUsable()
{
    for (const QString &sql : {QStringLiteral("SELECT seq FROM seq_1_to_5000000"),
                               QStringLiteral("SELECT seq FROM seq_1_to_1500; SELECT 'never'"),
                               QStringLiteral("SELECT seq FROM seq_1_to_5000000 WHERE seq > ?")}) {
        StoppingSink sink;
        QElapsedTimer timer;
        timer.start();
        const QVariantList parameters = sql.contains(u'?') ? QVariantList{0} : QVariantList{};
        STRATA_VERIFY_OK(m_session.execute(sql, parameters, sink));
        qInfo("stopping %s took %lld ms", qPrintable(sql), timer.elapsed());
        QVERIFY(timer.elapsed() < 3000);
        QCOMPARE(sink.results, 1);
        QCOMPARE(sink.rowsSeen, 1000);
        QCOMPARE(sink.summaries.size(), 1);
        QVERIFY(sink.summaries.constFirst().truncated);
        QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT 'next'")),
                 QStringLiteral("next"));
    }
}

void tst_MySqlSession::bindsHostileParameters_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("injection") << QStringLiteral("x'; DROP TABLE hostile; --");
    QTest::newRow("backslash quote") << QStringLiteral("a\\'b");
    QTest::newRow("trailing backslash") << QStringLiteral("end\\");
    QTest::newRow("double quote") << QStringLiteral("\"q\"");
    QTest::newRow("placeholder") << QStringLiteral("? and ?");
    QTest::newRow("nul byte") << QString::fromUtf8("nul\0byte", 8);
    QTest::newRow("unicode") << QStringLiteral("таблица 表 😀");
    QTest::newRow("comment") << QStringLiteral("/* */ -- #");
    QTest::newRow("empty") << QString(QLatin1String(""));
}

void tst_MySqlSession::bindsHostileParameters()
{
    QFETCH(QString, value);
    STRATA_VERIFY_OK(
        MySqlTest::run(m_session, QStringLiteral("CREATE TABLE IF NOT EXISTS hostile (id INT "
                                                 "AUTO_INCREMENT PRIMARY KEY, v VARCHAR(100))")));
    QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT ?"), {value}), value);
    Result<QList<ResultSet>> inserted =
        MySqlTest::run(m_session, QStringLiteral("INSERT INTO hostile (v) VALUES (?)"), {value});
    STRATA_VERIFY_OK(inserted);
    QCOMPARE(inserted->constFirst().summary.rowsAffected, 1);
    QCOMPARE(MySqlTest::scalar(m_session,
                               QStringLiteral("SELECT v FROM hostile WHERE id = LAST_INSERT_ID()")),
             value);
    QCOMPARE(MySqlTest::scalar(m_session,
                               QStringLiteral("SELECT COUNT(*) FROM hostile WHERE v = ?"), {value}),
             MySqlTest::scalar(m_session,
                               QStringLiteral("SELECT COUNT(*) FROM hostile WHERE v = BINARY ?"),
                               {value}));
    QCOMPARE(MySqlTest::scalar(
                 m_session, QStringLiteral("SELECT COUNT(*) FROM information_schema.TABLES WHERE "
                                           "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'hostile'")),
             QStringLiteral("1"));
}

void tst_MySqlSession::bindsTypedParametersAndNull()
{
    const QByteArray bytes("\x00\x01\xfe\xff", 4);
    Result<QList<ResultSet>> results = MySqlTest::run(
        m_session, QStringLiteral("SELECT ? + 1, ? * 2, ? IS NULL, HEX(?), ?, LENGTH(?)"),
        {QVariant(qint64(9007199254740993LL)), 1.25, QVariant(), bytes, true,
         QStringLiteral("日本")});
    STRATA_VERIFY_OK(results);
    const ResultSet &set = results->constFirst();
    QCOMPARE(set.text(0, 0), QStringLiteral("9007199254740994"));
    QCOMPARE(set.text(0, 1), QStringLiteral("2.5"));
    QCOMPARE(set.text(0, 2), QStringLiteral("1"));
    QCOMPARE(set.text(0, 3), QStringLiteral("0001FEFF"));
    QCOMPARE(set.text(0, 4), QStringLiteral("1"));
    QCOMPARE(set.text(0, 5), QStringLiteral("6"));
}

void tst_MySqlSession::mismatchedParameterCountIsAnError()
{
    CollectingSink sink;
    Result<void> result = m_session.execute(QStringLiteral("SELECT ?, ?"), {1}, sink);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), Error::Code::InvalidArgument);
    QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT 3")), QStringLiteral("3"));
}

void tst_MySqlSession::cancelStopsSleepWithinOneSecond()
{
    for (const bool bound : {false, true}) {
        CollectingSink sink;
        Result<void> result;
        std::atomic<qint64> finishedAt{0};
        QElapsedTimer clock;
        clock.start();
        std::thread worker([&] {
            result = bound ? m_session.execute(QStringLiteral("SELECT SLEEP(?)"), {30}, sink)
                           : m_session.execute(QStringLiteral("SELECT SLEEP(30)"), {}, sink);
            finishedAt = clock.elapsed();
        });
        QTest::qWait(400);
        const qint64 cancelAt = clock.elapsed();
        m_session.cancel();
        worker.join();
        const qint64 latency = finishedAt - cancelAt;
        qInfo("cancel (%s) returned after %lld ms", bound ? "bound" : "text", latency);
        QVERIFY(!result);
        QCOMPARE(result.error().code(), Error::Code::Cancelled);
        QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
        QVERIFY(m_session.isOpen());
        QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT 'after cancel'")),
                 QStringLiteral("after cancel"));
    }
    m_session.cancel(); // nothing runs: a no-op
    QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT 5")), QStringLiteral("5"));
}

void tst_MySqlSession::tlsModes_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("ca");
    QTest::addColumn<int>("expected"); // Error::Code
    QTest::addColumn<bool>("encrypted");
    const QString ca = Strata::Test::tlsCaFile();
    const QString otherCa = QStringLiteral("/etc/ssl/certs/ca-certificates.crt");
    const int ok = int(Error::Code::None);
    const int tls = int(Error::Code::Tls);
    QTest::newRow("verify-full 127.0.0.1") << "127.0.0.1"
                                           << "verify-full" << ca << ok << true;
    QTest::newRow("verify-full localhost") << "localhost"
                                           << "verify-full" << ca << ok << true;
    QTest::newRow("VERIFY_IDENTITY spelling") << "localhost"
                                              << "VERIFY_IDENTITY" << ca << ok << true;
    QTest::newRow("verify-ca") << "127.0.0.1"
                               << "verify-ca" << ca << ok << true;
    QTest::newRow("require") << "127.0.0.1"
                             << "require" << QString() << ok << true;
    QTest::newRow("prefer") << "127.0.0.1"
                            << "prefer" << QString() << ok << true;
    QTest::newRow("disable") << "127.0.0.1"
                             << "disable" << QString() << ok << false;
    QTest::newRow("verify-full wrong CA") << "127.0.0.1"
                                          << "verify-full" << otherCa << tls << false;
    QTest::newRow("verify-ca wrong CA") << "127.0.0.1"
                                        << "verify-ca" << otherCa << tls << false;
    QTest::newRow("verify-ca without CA") << "127.0.0.1"
                                          << "verify-ca" << QString() << tls << false;
    QTest::newRow("bad mode") << "127.0.0.1"
                              << "sometimes" << QString() << int(Error::Code::InvalidArgument)
                              << false;
}

void tst_MySqlSession::tlsModes()
{
    QFETCH(QString, host);
    QFETCH(QString, mode);
    QFETCH(QString, ca);
    QFETCH(int, expected);
    QFETCH(bool, encrypted);
    if (ca.startsWith(QLatin1String("/etc/")) && !QFile::exists(ca))
        QSKIP("no system CA bundle to act as the wrong CA");
    ConnectionSettings settings = MySqlTest::settings();
    settings.host = host;
    settings.options.insert(QStringLiteral("sslmode"), mode);
    if (!ca.isEmpty())
        settings.options.insert(QStringLiteral("sslrootcert"), ca);
    MySqlSession session;
    Result<void> opened = session.open(settings);
    QCOMPARE(int(opened.error().code()), expected);
    if (!opened) {
        QVERIFY(!opened.error().message().isEmpty());
        return;
    }
    const QString cipher = MySqlTest::scalar(
        session, QStringLiteral("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
                                "WHERE VARIABLE_NAME = 'SSL_CIPHER'"));
    QCOMPARE(!cipher.isEmpty(), encrypted);
}

void tst_MySqlSession::connectErrorsAreClassified_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<int>("expected");
    QTest::newRow("wrong password") << "password" << int(Error::Code::Authentication);
    QTest::newRow("unknown user") << "user" << int(Error::Code::Authentication);
    QTest::newRow("unknown database") << "database" << int(Error::Code::UnknownDatabase);
    QTest::newRow("closed port") << "port" << int(Error::Code::HostUnreachable);
    QTest::newRow("unknown host") << "host" << int(Error::Code::HostUnreachable);
}

void tst_MySqlSession::connectErrorsAreClassified()
{
    QFETCH(QString, what);
    QFETCH(int, expected);
    ConnectionSettings settings = MySqlTest::settings();
    if (what == QLatin1String("password"))
        settings.password = QStringLiteral("wrong-password");
    else if (what == QLatin1String("user"))
        settings.user = QStringLiteral("no_such_user_strata");
    else if (what == QLatin1String("database"))
        settings.database = QStringLiteral("no_such_database_strata");
    else if (what == QLatin1String("port"))
        settings.port = 1;
    else
        settings.host = QStringLiteral("no-such-host.invalid");
    MySqlSession session;
    Result<void> opened = session.open(settings);
    QVERIFY(!opened);
    QCOMPARE(int(opened.error().code()), expected);
    QVERIFY(opened.error().isConnectError());
    QVERIFY(!opened.error().toString().contains(
        settings.password.isEmpty() ? QStringLiteral("\x01") : Strata::Test::password()));
    QVERIFY(!session.isOpen());
}

void tst_MySqlSession::silentServerTimesOut()
{
    SilentListener listener;
    ConnectionSettings settings = MySqlTest::settings();
    settings.port = listener.port();
    settings.options.insert(QStringLiteral("connect_timeout"), QStringLiteral("1"));
    QElapsedTimer timer;
    timer.start();
    MySqlSession session;
    Result<void> opened = session.open(settings);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code(), Error::Code::Timeout);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void tst_MySqlSession::connectsThroughUnixSocket()
{
    const QString socket = Strata::Test::mysqlSocket();
    if (socket.isEmpty() || !QFile::exists(socket))
        QSKIP("the test server's Unix socket is not available");
    ConnectionSettings settings = MySqlTest::settings();
    settings.host = QStringLiteral("localhost");
    settings.options.insert(QStringLiteral("socket"), socket);
    MySqlSession session;
    STRATA_VERIFY_OK(session.open(settings));
    QCOMPARE(MySqlTest::scalar(
                 session,
                 QStringLiteral(
                     "SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")),
             QStringLiteral("localhost"));
    // Without the option, "localhost" still goes over TCP.
    settings.options.remove(QStringLiteral("socket"));
    MySqlSession tcp;
    STRATA_VERIFY_OK(tcp.open(settings));
    const QString host = MySqlTest::scalar(
        tcp, QStringLiteral(
                 "SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()"));
    QVERIFY2(host != QLatin1String("localhost") && host.contains(u':'), qPrintable(host));
}

void tst_MySqlSession::rejectsBadConnectTimeout()
{
    ConnectionSettings settings = MySqlTest::settings();
    settings.options.insert(QStringLiteral("connect_timeout"), QStringLiteral("soon"));
    MySqlSession session;
    Result<void> opened = session.open(settings);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code(), Error::Code::InvalidArgument);
    QVERIFY(opened.error().message().contains(QLatin1String("soon")));
}

void tst_MySqlSession::brokenConnectionIsReportedOnceAndNeverReplayed()
{
    MySqlEngine engine;
    const QString db = MySqlTest::scratchName("restart");
    STRATA_VERIFY_OK(MySqlTest::run(
        m_session,
        QStringLiteral(
            "DROP DATABASE IF EXISTS `%1`; CREATE DATABASE `%1`; CREATE TABLE `%1`.counter (n INT)")
            .arg(db)));
    {
        EngineSession session(&engine, MySqlTest::settings(db));
        Result<QString> opened = session.open().result();
        QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
        QVERIFY(session.query(QStringLiteral("INSERT INTO counter VALUES (1)")).result().ok());

        QString error;
        QVERIFY2(Strata::Test::restartServer(QStringLiteral("mysql"), &error), qPrintable(error));

        int inserted = 1;
        Result<QList<ResultSet>> next =
            session.query(QStringLiteral("INSERT INTO counter VALUES (2)")).result();
        if (next.ok())
            ++inserted;
        else
            QCOMPARE(next.error().code(), Error::Code::ConnectionLost);
        Result<QList<ResultSet>> after =
            session.query(QStringLiteral("INSERT INTO counter VALUES (3)")).result();
        QVERIFY2(after.ok(), qPrintable(after.error().toString()));
        ++inserted;
        Result<QList<ResultSet>> count =
            session.query(QStringLiteral("SELECT COUNT(*) FROM counter")).result();
        QVERIFY2(count.ok(), qPrintable(count.error().toString()));
        QCOMPARE(count->constFirst().text(0, 0), QString::number(inserted));
        qInfo("statement after the restart: %s",
              next.ok() ? "ran on a fresh connection" : "failed with ConnectionLost");
    }

    // The plain session sees the break itself: ConnectionLost, closed, and open() works again.
    Result<QList<ResultSet>> lost = MySqlTest::run(m_session, QStringLiteral("SELECT 1"));
    if (lost.ok()) {
        QString error;
        QVERIFY2(Strata::Test::restartServer(QStringLiteral("mysql"), &error), qPrintable(error));
        lost = MySqlTest::run(m_session, QStringLiteral("SELECT 1"));
    }
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().code(), Error::Code::ConnectionLost);
    QVERIFY(!m_session.isOpen());
    STRATA_VERIFY_OK(m_session.open(MySqlTest::settings(m_db)));
    QCOMPARE(MySqlTest::scalar(m_session, QStringLiteral("SELECT 'reopened'")),
             QStringLiteral("reopened"));
    STRATA_VERIFY_OK(MySqlTest::run(m_session, QStringLiteral("DROP DATABASE `%1`").arg(db)));
}

QTEST_GUILESS_MAIN(tst_MySqlSession)
#include "tst_mysqlsession.moc"
