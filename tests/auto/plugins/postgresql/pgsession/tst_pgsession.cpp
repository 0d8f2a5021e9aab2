// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtestsupport.h"

#include "pgsession.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Strata;
using namespace Strata::Postgres;
using Strata::Postgres::Internal::PgSession;

Q_DECLARE_METATYPE(Strata::CellKind)
Q_DECLARE_METATYPE(Strata::Error::Code)

namespace {
// A sink that keeps everything but stops after `maxBlocks` blocks of each result.
class StoppingSink : public CollectingSink
{
public:
    explicit StoppingSink(int maxBlocks) : m_maxBlocks(maxBlocks) {}
    bool rows(RowBlock &&block) override
    {
        CollectingSink::rows(std::move(block));
        return ++m_blocks < m_maxBlocks;
    }
    void beginResult(const ColumnList &columns) override
    {
        m_blocks = 0;
        CollectingSink::beginResult(columns);
    }

private:
    int m_maxBlocks;
    int m_blocks = 0;
};

// A TCP port that accepts connections into its backlog but never answers: a hung server.
class SilentServer
{
public:
    SilentServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
        ::listen(m_fd, 8);
        socklen_t len = sizeof addr;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&addr), &len);
        m_port = ntohs(addr.sin_port);
    }
    ~SilentServer() { ::close(m_fd); }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};
} // namespace

class tst_PgSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void serverVersionNamesPostgres();
    void typesMapToCellKindsAndNames_data();
    void typesMapToCellKindsAndNames();
    void nullDiffersFromEmptyString();
    void multipleStatementsReturnEveryResult();
    void largeResultsArriveInBlocksOfThousandRows();
    void slowRowsReachTheSinkWithoutWaitingForTheBlock();
    void noticesReachTheSink();
    void errorsCarrySqlStateAndPosition_data();
    void errorsCarrySqlStateAndPosition();
    void errorsCarryDetail();
    void sessionStaysUsableAfterAnError();
    void parametersAreBoundNeverSpliced_data();
    void parametersAreBoundNeverSpliced();
    void byteaParameterRoundTrips();
    void nulInParameterIsRefused();
    void sinkStoppingTruncatesResultAndSessionStaysUsable();
    void cancelStopsStatementWithinOneSecond();
    void cancelWithNothingRunningIsHarmless();
    void connectFailuresAreClassified_data();
    void connectFailuresAreClassified();
    void verifyFullWithTestCaSucceeds();
    void unixSocketDirectoryConnects();
    void closeMakesSessionClosed();

private:
    PgSession m_session;
};

void tst_PgSession::initTestCase()
{
    STRATA_REQUIRE_PG();
    Result<void> opened = m_session.open(PgTest::settings());
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QVERIFY(m_session.isOpen());
}

void tst_PgSession::cleanupTestCase()
{
    m_session.close();
}

void tst_PgSession::serverVersionNamesPostgres()
{
    QVERIFY2(m_session.serverVersion().startsWith(QLatin1String("PostgreSQL 15.")),
             qPrintable(m_session.serverVersion()));
    QVERIFY(m_session.serverVersionNumber() >= 150000);
}

void tst_PgSession::typesMapToCellKindsAndNames_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<CellKind>("kind");
    QTest::addColumn<QString>("typeName");
    QTest::addColumn<QByteArray>("raw");

    QTest::newRow("int2") << "12::int2" << CellKind::Integer << "smallint" << QByteArray("12");
    QTest::newRow("int4") << "-7::int4" << CellKind::Integer << "integer" << QByteArray("-7");
    QTest::newRow("int8") << "9223372036854775807::int8" << CellKind::Integer << "bigint"
                          << QByteArray("9223372036854775807");
    QTest::newRow("float4") << "1.5::float4" << CellKind::Float << "real" << QByteArray("1.5");
    QTest::newRow("float8") << "2.25::float8" << CellKind::Float << "double precision" << QByteArray("2.25");
    QTest::newRow("numeric exact") << "12345678901234567890.123456789::numeric" << CellKind::Numeric
                                   << "numeric" << QByteArray("12345678901234567890.123456789");
    QTest::newRow("numeric typmod") << "12.5::numeric(12,2)" << CellKind::Numeric << "numeric(12,2)"
                                    << QByteArray("12.50");
    QTest::newRow("bool") << "true" << CellKind::Boolean << "boolean" << QByteArray("t");
    QTest::newRow("bytea hex") << "'\\x00ff1b'::bytea" << CellKind::HexBinary << "bytea"
                               << QByteArray("\\x00ff1b");
    QTest::newRow("date") << "'2024-02-29'::date" << CellKind::Date << "date" << QByteArray("2024-02-29");
    QTest::newRow("time") << "'13:45:01'::time" << CellKind::Time << "time without time zone"
                          << QByteArray("13:45:01");
    QTest::newRow("timestamp") << "'2024-02-29 13:45:01'::timestamp" << CellKind::DateTime
                               << "timestamp without time zone" << QByteArray("2024-02-29 13:45:01");
    QTest::newRow("timestamptz") << "'2024-02-29 13:45:01+00'::timestamptz AT TIME ZONE 'UTC'"
                                 << CellKind::DateTime << "timestamp without time zone"
                                 << QByteArray("2024-02-29 13:45:01");
    QTest::newRow("json") << "'{\"a\":1}'::json" << CellKind::Json << "json" << QByteArray("{\"a\":1}");
    QTest::newRow("jsonb") << "'{\"a\":1}'::jsonb" << CellKind::Json << "jsonb" << QByteArray("{\"a\": 1}");
    QTest::newRow("varchar") << "'x'::varchar(20)" << CellKind::Text << "character varying(20)"
                             << QByteArray("x");
    QTest::newRow("text") << "'ü表'::text" << CellKind::Text << "text" << QByteArray("ü表");
    QTest::newRow("uuid") << "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid" << CellKind::Text << "uuid"
                          << QByteArray("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
}

void tst_PgSession::typesMapToCellKindsAndNames()
{
    QFETCH(QString, expression);
    QFETCH(CellKind, kind);
    QFETCH(QString, typeName);
    QFETCH(QByteArray, raw);

    Result<QList<ResultSet>> results = PgTest::run(m_session, QStringLiteral("SELECT ") + expression + QStringLiteral(" AS v"));
    QVERIFY2(results.ok(), qPrintable(results.error().toString()));
    QCOMPARE(results->size(), 1);
    const ResultSet &set = results->first();
    QCOMPARE(set.columns.size(), 1);
    QCOMPARE(set.columns.first().name, QStringLiteral("v"));
    QCOMPARE(set.columns.first().kind, kind);
    QCOMPARE(set.columns.first().typeName, typeName);
    QCOMPARE(set.rowCount(), 1);
    QCOMPARE(set.raw(0, 0).toByteArray(), raw);
}

void tst_PgSession::nullDiffersFromEmptyString()
{
    Result<QList<ResultSet>> results = PgTest::run(m_session, QStringLiteral("SELECT NULL::text, ''::text"));
    QVERIFY(results.ok());
    const ResultSet &set = results->first();
    QVERIFY(set.isNull(0, 0));
    QVERIFY(!set.isNull(0, 1));
    QCOMPARE(set.raw(0, 1).size(), 0);
    QVERIFY(set.text(0, 0).isNull());
    QVERIFY(!set.text(0, 1).isNull());
}

void tst_PgSession::multipleStatementsReturnEveryResult()
{
    Result<QList<ResultSet>> results = PgTest::run(
        m_session,
        QStringLiteral("SELECT 1 AS a; SELECT 'x' AS b, 2 AS c; CREATE TEMP TABLE multi(x int); "
                       "INSERT INTO multi VALUES (1), (2), (3); UPDATE multi SET x = x + 1 WHERE x > 1; "
                       "DROP TABLE multi"));
    QVERIFY2(results.ok(), qPrintable(results.error().toString()));
    QCOMPARE(results->size(), 6);
    QVERIFY(results->at(0).summary.hasRows);
    QCOMPARE(results->at(0).text(0, 0), QStringLiteral("1"));
    QCOMPARE(results->at(1).columns.size(), 2);
    QCOMPARE(results->at(1).text(0, 0), QStringLiteral("x"));
    QVERIFY(!results->at(2).summary.hasRows);
    QCOMPARE(results->at(2).summary.commandTag, QStringLiteral("CREATE TABLE"));
    QCOMPARE(results->at(3).summary.rowsAffected, 3);
    QCOMPARE(results->at(3).summary.commandTag, QStringLiteral("INSERT 0 3"));
    QCOMPARE(results->at(4).summary.rowsAffected, 2);
    QCOMPARE(results->at(4).summary.commandTag, QStringLiteral("UPDATE 2"));
    QCOMPARE(results->at(0).summary.rowsAffected, -1);
}

void tst_PgSession::largeResultsArriveInBlocksOfThousandRows()
{
    Result<QList<ResultSet>> results
        = PgTest::run(m_session, QStringLiteral("SELECT g, md5(g::text) FROM generate_series(1, 2500) g"));
    QVERIFY(results.ok());
    const ResultSet &set = results->first();
    // Full blocks hold 1000 rows; a slow machine may hand a block over early (FlushAfterMs).
    QVERIFY(set.blocks.size() >= 3);
    for (const RowBlock &block : set.blocks)
        QVERIFY(block.rowCount() <= 1000);
    QCOMPARE(set.rowCount(), 2500);
    QCOMPARE(set.summary.rowCount, 2500);
    QCOMPARE(set.summary.commandTag, QStringLiteral("SELECT 2500"));
    QVERIFY(!set.summary.truncated);
    QCOMPARE(set.text(2499, 0), QStringLiteral("2500"));
}

void tst_PgSession::slowRowsReachTheSinkWithoutWaitingForTheBlock()
{
    // The server holds rows in its 8 kB send buffer until it fills or a notice flushes it:
    // slow() raises a notice before sleeping, so row 1 leaves the server at once and the rows
    // after it come 0.6 s apart. Row 1 must not wait in our block for the others.
    class TimingSink : public CollectingSink
    {
    public:
        bool rows(RowBlock &&block) override
        {
            if (firstRowsMs < 0)
                firstRowsMs = clock.elapsed();
            return CollectingSink::rows(std::move(block));
        }
        QElapsedTimer clock;
        qint64 firstRowsMs = -1;
    } sink;
    QVERIFY(PgTest::run(m_session,
                        QStringLiteral("CREATE FUNCTION pg_temp.slow(g int) RETURNS int LANGUAGE plpgsql AS $$"
                                       " BEGIN RAISE NOTICE 'row %', g;"
                                       " IF g > 1 THEN PERFORM pg_sleep(0.6); END IF; RETURN g; END $$"))
                .ok());
    sink.clock.start();
    const Result<void> ran = m_session.execute(
        QStringLiteral("SELECT pg_temp.slow(g) FROM generate_series(1, 3) g"), {}, sink);
    QVERIFY2(ran.ok(), qPrintable(ran.ok() ? QString() : ran.error().toString()));
    const qint64 totalMs = sink.clock.elapsed();
    QVERIFY2(totalMs >= 1100, qPrintable(QString::number(totalMs)));
    QVERIFY2(sink.firstRowsMs >= 0 && sink.firstRowsMs < 1000, qPrintable(QString::number(sink.firstRowsMs)));
    QCOMPARE(sink.results().first().rowCount(), 3);
    QCOMPARE(sink.results().first().summary.rowCount, 3);
}

void tst_PgSession::noticesReachTheSink()
{
    CollectingSink sink;
    Result<void> ran = m_session.execute(
        QStringLiteral("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END $$"), {}, sink);
    QVERIFY(ran.ok());
    QCOMPARE(sink.notices(), QStringList({QStringLiteral("NOTICE: hello 42"), QStringLiteral("WARNING: careful")}));
}

void tst_PgSession::errorsCarrySqlStateAndPosition_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<int>("position");
    QTest::newRow("missing table") << "SELECT 1 FROM no_such_table_here" << "42P01" << 15;
    QTest::newRow("syntax") << "SELEC 1" << "42601" << 1;
    QTest::newRow("division") << "SELECT 1 / 0" << "22012" << 0;
    QTest::newRow("second statement") << "SELECT 1; SELECT nope FROM pg_class" << "42703" << 18;
}

void tst_PgSession::errorsCarrySqlStateAndPosition()
{
    QFETCH(QString, sql);
    QFETCH(QString, sqlState);
    QFETCH(int, position);
    CollectingSink sink;
    Result<void> ran = m_session.execute(sql, {}, sink);
    QVERIFY(!ran.ok());
    QCOMPARE(ran.error().code(), Error::Code::Query);
    QCOMPARE(ran.error().sqlState(), sqlState);
    QCOMPARE(ran.error().position(), position);
    QVERIFY(!ran.error().message().isEmpty());
    QVERIFY(!ran.error().message().contains(u'\n'));
}

void tst_PgSession::errorsCarryDetail()
{
    Result<QList<ResultSet>> results = PgTest::run(
        m_session, QStringLiteral("CREATE TEMP TABLE uq(x int PRIMARY KEY); INSERT INTO uq VALUES (1); "
                                  "INSERT INTO uq VALUES (1)"));
    QVERIFY(!results.ok());
    QCOMPARE(results.error().sqlState(), QStringLiteral("23505"));
    QCOMPARE(results.error().detail(), QStringLiteral("Key (x)=(1) already exists."));
    QVERIFY(PgTest::run(m_session, QStringLiteral("DROP TABLE IF EXISTS uq")).ok());
}

void tst_PgSession::sessionStaysUsableAfterAnError()
{
    QVERIFY(!PgTest::run(m_session, QStringLiteral("SELECT broken(")).ok());
    QCOMPARE(PgTest::scalar(m_session, QStringLiteral("SELECT 41 + 1")), QStringLiteral("42"));
    QVERIFY(m_session.isOpen());
}

void tst_PgSession::parametersAreBoundNeverSpliced_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("injection") << QVariant(QStringLiteral("x'; DROP TABLE bound_probe; --"))
                               << "x'; DROP TABLE bound_probe; --";
    QTest::newRow("quote") << QVariant(QStringLiteral("' OR '1'='1")) << "' OR '1'='1";
    QTest::newRow("backslash") << QVariant(QStringLiteral("a\\b\\")) << "a\\b\\";
    QTest::newRow("dollar") << QVariant(QStringLiteral("$1 $$ $q$")) << "$1 $$ $q$";
    QTest::newRow("unicode") << QVariant(QStringLiteral("таблица 表 \"x\"")) << "таблица 表 \"x\"";
    QTest::newRow("empty") << QVariant(QStringLiteral("")) << "";
    QTest::newRow("integer") << QVariant(42) << "42";
    QTest::newRow("bool") << QVariant(true) << "true";
    QTest::newRow("null") << QVariant() << "<null>";
}

void tst_PgSession::parametersAreBoundNeverSpliced()
{
    QFETCH(QVariant, value);
    QFETCH(QString, expected);
    QVERIFY(PgTest::run(m_session, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS bound_probe(v text)")).ok());
    QVERIFY(PgTest::run(m_session, QStringLiteral("DELETE FROM bound_probe")).ok());
    Result<QList<ResultSet>> inserted
        = PgTest::run(m_session, QStringLiteral("INSERT INTO bound_probe VALUES ($1::text)"), {value});
    QVERIFY2(inserted.ok(), qPrintable(inserted.error().toString()));
    QCOMPARE(inserted->first().summary.rowsAffected, 1);
    Result<QList<ResultSet>> read
        = PgTest::run(m_session, QStringLiteral("SELECT v, v IS NULL FROM bound_probe"));
    QVERIFY(read.ok());
    QCOMPARE(read->first().rowCount(), 1);
    const QString got = read->first().isNull(0, 0) ? QStringLiteral("<null>") : read->first().text(0, 0);
    QCOMPARE(got, expected);
    QCOMPARE(read->first().raw(0, 1).toByteArray(), QByteArray(value.isNull() ? "t" : "f"));
}

void tst_PgSession::byteaParameterRoundTrips()
{
    const QByteArray bytes("\x00\xff\x1b'\\", 5);
    Result<QList<ResultSet>> results
        = PgTest::run(m_session, QStringLiteral("SELECT $1::bytea, length($1::bytea)"), {QVariant(bytes)});
    QVERIFY2(results.ok(), qPrintable(results.error().toString()));
    QCOMPARE(results->first().raw(0, 0).toByteArray(), QByteArray("\\x00ff1b275c"));
    QCOMPARE(results->first().text(0, 1), QStringLiteral("5"));
}

void tst_PgSession::nulInParameterIsRefused()
{
    Result<QList<ResultSet>> results = PgTest::run(m_session, QStringLiteral("SELECT $1::text"),
                                                 {QVariant(QString(QChar(u'a')) + QChar(u'\0'))});
    QVERIFY(!results.ok());
    QCOMPARE(results.error().code(), Error::Code::InvalidArgument);
    QCOMPARE(PgTest::scalar(m_session, QStringLiteral("SELECT 1")), QStringLiteral("1"));
}

void tst_PgSession::sinkStoppingTruncatesResultAndSessionStaysUsable()
{
    StoppingSink sink(1);
    QElapsedTimer timer;
    timer.start();
    Result<void> ran = m_session.execute(
        QStringLiteral("SELECT g, repeat('x', 100) FROM generate_series(1, 5000000) g"), {}, sink);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
    QCOMPARE(sink.results().size(), 1);
    const ResultSet &set = sink.results().first();
    QVERIFY(set.summary.truncated);
    QCOMPARE(set.rowCount(), 1000);
    QCOMPARE(set.summary.rowCount, 1000);
    // Cancelled, not drained to the end: five million rows would take many seconds.
    QVERIFY2(elapsed < 3000, qPrintable(QString::number(elapsed)));
    QVERIFY(m_session.isOpen());
    QCOMPARE(PgTest::scalar(m_session, QStringLiteral("SELECT 'still usable'")), QStringLiteral("still usable"));
}

void tst_PgSession::cancelStopsStatementWithinOneSecond()
{
    QElapsedTimer sinceCancel;
    QThread *canceller = QThread::create([this, &sinceCancel] {
        QThread::msleep(300);
        sinceCancel.start();
        m_session.cancel();
    });
    canceller->start();
    CollectingSink sink;
    Result<void> ran = m_session.execute(QStringLiteral("SELECT pg_sleep(30)"), {}, sink);
    const qint64 elapsed = sinceCancel.elapsed();
    canceller->wait();
    delete canceller;
    QVERIFY(!ran.ok());
    QCOMPARE(ran.error().code(), Error::Code::Cancelled);
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("returned %1 ms after cancel").arg(elapsed)));
    QVERIFY(m_session.isOpen());
    QCOMPARE(PgTest::scalar(m_session, QStringLiteral("SELECT 7")), QStringLiteral("7"));
}

void tst_PgSession::cancelWithNothingRunningIsHarmless()
{
    m_session.cancel();
    QCOMPARE(PgTest::scalar(m_session, QStringLiteral("SELECT 8")), QStringLiteral("8"));
}

void tst_PgSession::connectFailuresAreClassified_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<Error::Code>("code");
    QTest::newRow("wrong password") << "password" << "not-the-password" << Error::Code::Authentication;
    QTest::newRow("unknown user") << "user" << "strata_nobody" << Error::Code::Authentication;
    QTest::newRow("unknown database") << "database" << "strata_no_such_db" << Error::Code::UnknownDatabase;
    QTest::newRow("closed port") << "port" << "1" << Error::Code::HostUnreachable;
    QTest::newRow("unknown host") << "host" << "strata-no-such-host.invalid" << Error::Code::HostUnreachable;
    QTest::newRow("wrong CA") << "sslrootcert" << "<wrong-ca>" << Error::Code::Tls;
    QTest::newRow("name mismatch") << "hostaddr" << "127.0.0.1" << Error::Code::Tls;
    QTest::newRow("hung server") << "port" << "<silent>" << Error::Code::Timeout;
}

void tst_PgSession::connectFailuresAreClassified()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(Error::Code, code);

    ConnectionSettings s = PgTest::settings();
    QTemporaryDir dir;
    SilentServer silent;
    if (field == QLatin1String("password")) {
        s.password = value;
    } else if (field == QLatin1String("user")) {
        s.user = value;
    } else if (field == QLatin1String("database")) {
        s.database = value;
    } else if (field == QLatin1String("host")) {
        s.host = value;
    } else if (field == QLatin1String("port")) {
        s.port = value == QLatin1String("<silent>") ? silent.port() : value.toInt();
        s.options.insert(QStringLiteral("connect_timeout"), QStringLiteral("2"));
    } else if (field == QLatin1String("sslrootcert")) {
        // A CA that did not sign the server's certificate.
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            QSKIP("openssl is needed to make an untrusted CA");
        const QString cert = dir.filePath(QStringLiteral("wrong-ca.pem"));
        QProcess p;
        p.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                          QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=Wrong CA"),
                          QStringLiteral("-keyout"), dir.filePath(QStringLiteral("wrong-ca.key")),
                          QStringLiteral("-out"), cert});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        s.host = QStringLiteral("localhost");
        s.options.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
        s.options.insert(QStringLiteral("sslrootcert"), cert);
    } else if (field == QLatin1String("hostaddr")) {
        // The right server and CA, but a host name the certificate does not name.
        s.host = QStringLiteral("strata-wrong-name.invalid");
        s.options.insert(QStringLiteral("hostaddr"), value);
        s.options.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
        s.options.insert(QStringLiteral("sslrootcert"), ::Strata::Test::tlsCaFile());
    }

    PgSession session;
    QElapsedTimer timer;
    timer.start();
    Result<void> opened = session.open(s);
    QVERIFY(!opened.ok());
    QVERIFY(!session.isOpen());
    QCOMPARE(opened.error().code(), code);
    QVERIFY(opened.error().isConnectError());
    QVERIFY(!opened.error().message().isEmpty());
    QVERIFY(!opened.error().toString().contains(::Strata::Test::password()));
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
}

void tst_PgSession::verifyFullWithTestCaSucceeds()
{
    ConnectionSettings s = PgTest::settings();
    s.host = QStringLiteral("localhost");
    s.options.insert(QStringLiteral("sslmode"), QStringLiteral("verify-full"));
    s.options.insert(QStringLiteral("sslrootcert"), ::Strata::Test::tlsCaFile());
    PgSession session;
    Result<void> opened = session.open(s);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QCOMPARE(PgTest::scalar(session, QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")),
             QStringLiteral("true"));
    QCOMPARE(PgTest::scalar(session, QStringLiteral("SELECT current_setting('application_name')")),
             QStringLiteral("Strata"));
}

void tst_PgSession::unixSocketDirectoryConnects()
{
    if (::Strata::Test::pgSocketDir().isEmpty())
        QSKIP("STRATA_TEST_PG_SOCKET_DIR is unset");
    ConnectionSettings s = PgTest::settings();
    s.host.clear();
    s.options.insert(QStringLiteral("host"), ::Strata::Test::pgSocketDir());
    s.options.insert(QStringLiteral("application_name"), QStringLiteral("strata socket test"));
    PgSession session;
    Result<void> opened = session.open(s);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QCOMPARE(PgTest::scalar(session, QStringLiteral("SELECT current_setting('application_name')")),
             QStringLiteral("strata socket test"));
    QCOMPARE(PgTest::scalar(session, QStringLiteral("SELECT inet_client_addr() IS NULL")), QStringLiteral("true"));
}

void tst_PgSession::closeMakesSessionClosed()
{
    PgSession session;
    QVERIFY(!session.isOpen());
    QVERIFY(session.open(PgTest::settings()).ok());
    QVERIFY(session.isOpen());
    session.close();
    QVERIFY(!session.isOpen());
    CollectingSink sink;
    Result<void> ran = session.execute(QStringLiteral("SELECT 1"), {}, sink);
    QCOMPARE(ran.error().code(), Error::Code::ConnectionLost);
    QVERIFY(session.open(PgTest::settings()).ok());
    QCOMPARE(PgTest::scalar(session, QStringLiteral("SELECT 3")), QStringLiteral("3"));
}

QTEST_GUILESS_MAIN(tst_PgSession)
#include "tst_pgsession.moc"
