// SPDX-License-Identifier: GPL-3.0-or-later
// `strata-cli query` end to end: CSV (RFC 4180), JSON, table, several results, SQL errors.
#include "clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QTest>

#include <csignal>

using namespace Strata::Test;

namespace {

QString serverUrl(const QString &engine)
{
    return engine == u"pg" ? pgUrl() : mysqlUrl();
}

bool available(const QString &engine)
{
    return engine == u"sqlite" || (engine == u"pg" ? hasPg() : hasMysql());
}

QStringList queryArgs(const QString &url, const QString &sql, const QString &format = QStringLiteral("csv"))
{
    return {QStringLiteral("query"), QStringLiteral("--url"), url, QStringLiteral("--sql"), sql,
            QStringLiteral("--format"), format};
}

} // namespace

class tst_QueryCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void csvFollowsRfc4180_data();
    void csvFollowsRfc4180();
    void jsonParsesAndKeepsTypes_data();
    void jsonParsesAndKeepsTypes();
    void severalResultsAllPrint_data();
    void severalResultsAllPrint();
    void sqlErrorExitsOneWithTheServerMessage_data();
    void sqlErrorExitsOneWithTheServerMessage();
    void tableFormatAlignsColumns();
    void sqlIsReadFromAFile();
    void largeResultStreams();
    void ctrlCCancelsTheRunningStatement_data();
    void ctrlCCancelsTheRunningStatement();

private:
    QString urlFor(const QString &engine) const;
    QTemporaryDir m_dir;
};

QString tst_QueryCommand::urlFor(const QString &engine) const
{
    if (engine == u"sqlite")
        return QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("query.db"));
    return serverUrl(engine);
}

void tst_QueryCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The SQLite file is created by the first connection.
    const CliRun run = runCli(queryArgs(urlFor(QStringLiteral("sqlite")), QStringLiteral("SELECT 1")));
    STRATA_CLI_EXPECT(run, 0);
}

void tst_QueryCommand::csvFollowsRfc4180_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QByteArray>("expected");

    struct Case
    {
        const char *name;
        QString select;   // one column named v
        QByteArray field; // the CSV field expected for it
    };
    const QList<Case> common{
        {"comma", QStringLiteral("SELECT 'a,b' AS v"), "\"a,b\""},
        {"quote", QStringLiteral("SELECT 'say \"hi\"' AS v"), "\"say \"\"hi\"\"\""},
        {"unicode", QStringLiteral("SELECT 'Zürich ✓ 日本' AS v"), "Zürich ✓ 日本"},
        {"empty string", QStringLiteral("SELECT '' AS v"), "\"\""},
        {"null", QStringLiteral("SELECT NULL AS v"), ""},
    };
    const QStringList engines{QStringLiteral("sqlite"), QStringLiteral("pg"), QStringLiteral("mysql")};
    for (const QString &engine : engines) {
        for (const Case &c : common)
            QTest::addRow("%s %s", qPrintable(engine), c.name) << engine << c.select << (QByteArray("v\n") + c.field + '\n');
    }
    QTest::newRow("sqlite newline") << QStringLiteral("sqlite") << QStringLiteral("SELECT 'a' || char(10) || 'b' AS v")
                                    << QByteArray("v\n\"a\nb\"\n");
    QTest::newRow("sqlite blob hex") << QStringLiteral("sqlite") << QStringLiteral("SELECT x'00ff10' AS v")
                                     << QByteArray("v\n\\x00ff10\n");
    QTest::newRow("pg newline") << QStringLiteral("pg") << QStringLiteral("SELECT E'a\\nb\\r' AS v")
                                << QByteArray("v\n\"a\nb\r\"\n");
    QTest::newRow("pg numeric exact") << QStringLiteral("pg")
                                      << QStringLiteral("SELECT 12345678901234567890.123456789::numeric AS v")
                                      << QByteArray("v\n12345678901234567890.123456789\n");
    QTest::newRow("pg bytea hex") << QStringLiteral("pg") << QStringLiteral("SELECT '\\x00ff10'::bytea AS v")
                                  << QByteArray("v\n\\x00ff10\n");
    QTest::newRow("pg null vs empty") << QStringLiteral("pg") << QStringLiteral("SELECT NULL::text AS a, ''::text AS b")
                                      << QByteArray("a,b\n,\"\"\n");
    QTest::newRow("mysql newline") << QStringLiteral("mysql") << QStringLiteral("SELECT CONCAT('a', CHAR(10 USING utf8mb4), 'b') AS v")
                                   << QByteArray("v\n\"a\nb\"\n");
    QTest::newRow("mysql numeric exact") << QStringLiteral("mysql")
                                         << QStringLiteral("SELECT CAST('12345678901234567890.123456789' AS DECIMAL(38,9)) AS v")
                                         << QByteArray("v\n12345678901234567890.123456789\n");
    QTest::newRow("mysql blob hex") << QStringLiteral("mysql") << QStringLiteral("SELECT CAST(x'00ff10' AS BINARY) AS v")
                                    << QByteArray("v\n\\x00ff10\n");
}

void tst_QueryCommand::csvFollowsRfc4180()
{
    QFETCH(QString, engine);
    QFETCH(QString, sql);
    QFETCH(QByteArray, expected);
    if (!available(engine))
        QSKIP("this engine's test server is not available");
    const CliRun run = runCli(queryArgs(urlFor(engine), sql));
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(run.out, expected);
}

void tst_QueryCommand::jsonParsesAndKeepsTypes_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("sql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite")
                            << QStringLiteral("SELECT 42 AS i, 1.5 AS f, '12345678901234567890.123456789' AS n, "
                                              "NULL AS z, 'x\"y' AS s, x'0aff' AS b");
    QTest::newRow("postgresql") << QStringLiteral("pg")
                                << QStringLiteral("SELECT 42 AS i, 1.5::float8 AS f, "
                                                  "12345678901234567890.123456789::numeric AS n, NULL::int AS z, "
                                                  "'x\"y' AS s, '\\x0aff'::bytea AS b");
    QTest::newRow("mariadb") << QStringLiteral("mysql")
                             << QStringLiteral("SELECT 42 AS i, CAST(1.5 AS DOUBLE) AS f, "
                                               "CAST('12345678901234567890.123456789' AS DECIMAL(38,9)) AS n, "
                                               "NULL AS z, 'x\"y' AS s, CAST(x'0aff' AS BINARY) AS b");
}

void tst_QueryCommand::jsonParsesAndKeepsTypes()
{
    QFETCH(QString, engine);
    QFETCH(QString, sql);
    if (!available(engine))
        QSKIP("this engine's test server is not available");
    const CliRun run = runCli(queryArgs(urlFor(engine), sql, QStringLiteral("json")));
    STRATA_CLI_EXPECT(run, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, run.out.constData());
    const QJsonObject row = document.object().value(u"results").toArray().at(0).toArray().at(0).toObject();
    QCOMPARE(row.value(u"i"), QJsonValue(42));
    QCOMPARE(row.value(u"f"), QJsonValue(1.5));
    QCOMPARE(row.value(u"n").toString(), u"12345678901234567890.123456789");
    QVERIFY(row.value(u"z").isNull());
    QCOMPARE(row.value(u"s").toString(), u"x\"y");
    QCOMPARE(row.value(u"b").toString(), u"\\x0aff");
}

void tst_QueryCommand::severalResultsAllPrint_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("postgresql") << QStringLiteral("pg");
    QTest::newRow("mariadb") << QStringLiteral("mysql");
}

void tst_QueryCommand::severalResultsAllPrint()
{
    QFETCH(QString, engine);
    if (!available(engine))
        QSKIP("this engine's test server is not available");
    const QString table = scratchName("query");
    const QString sql = QStringLiteral("CREATE TEMPORARY TABLE %1 (id int); INSERT INTO %1 VALUES (1), (2), (3); "
                                       "SELECT 1 AS a; UPDATE %1 SET id = id + 1; SELECT 'x' AS b, 2 AS c")
                            .arg(table);

    const CliRun csv = runCli(queryArgs(urlFor(engine), sql));
    STRATA_CLI_EXPECT(csv, 0);
    QCOMPARE(csv.out, QByteArray("a\n1\n\nb,c\nx,2\n"));
    QVERIFY2(csv.err.contains("3"), csv.err.constData()); // the UPDATE summary, on stderr

    const CliRun json = runCli(queryArgs(urlFor(engine), sql, QStringLiteral("json")));
    STRATA_CLI_EXPECT(json, 0);
    QJsonParseError error;
    const QJsonArray results = QJsonDocument::fromJson(json.out, &error).object().value(u"results").toArray();
    QVERIFY2(error.error == QJsonParseError::NoError, json.out.constData());
    QCOMPARE(results.size(), 5);
    QCOMPARE(results.at(1).toObject().value(u"rowsAffected").toInt(), 3);
    QCOMPARE(results.at(2).toArray().at(0).toObject().value(u"a").toInt(), 1);
    QCOMPARE(results.at(3).toObject().value(u"rowsAffected").toInt(), 3);
    QCOMPARE(results.at(4).toArray().at(0).toObject().value(u"b").toString(), u"x");
}

void tst_QueryCommand::sqlErrorExitsOneWithTheServerMessage_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("message");
    QTest::newRow("sqlite") << QStringLiteral("sqlite") << QStringLiteral("no such table");
    QTest::newRow("postgresql") << QStringLiteral("pg") << QStringLiteral("does not exist");
    QTest::newRow("mariadb") << QStringLiteral("mysql") << QStringLiteral("doesn't exist");
}

void tst_QueryCommand::sqlErrorExitsOneWithTheServerMessage()
{
    QFETCH(QString, engine);
    QFETCH(QString, message);
    if (!available(engine))
        QSKIP("this engine's test server is not available");
    for (const QString &format : {QStringLiteral("csv"), QStringLiteral("json")}) {
        const CliRun run = runCli(queryArgs(urlFor(engine), QStringLiteral("SELECT * FROM strata_no_such_table"), format));
        STRATA_CLI_EXPECT(run, 1);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.startsWith(u"strata-cli: ") && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
        QVERIFY2(err.contains(message), qPrintable(err));
        if (format == u"json") { // stdout still carries one valid JSON document
            QJsonParseError error;
            QJsonDocument::fromJson(run.out, &error);
            QVERIFY2(error.error == QJsonParseError::NoError, run.out.constData());
        }
    }
}

void tst_QueryCommand::tableFormatAlignsColumns()
{
    const CliRun run = runCli(queryArgs(urlFor(QStringLiteral("sqlite")),
                                        QStringLiteral("SELECT 1 AS id, 'alpha' AS name UNION ALL SELECT 100, NULL"),
                                        QStringLiteral("table")));
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(run.out, QByteArray(" id  | name\n"
                                 "-----+-------\n"
                                 "   1 | alpha\n"
                                 " 100 | NULL\n"
                                 "(2 rows)\n"));
}

void tst_QueryCommand::sqlIsReadFromAFile()
{
    QFile file(m_dir.filePath(QStringLiteral("q.sql")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("SELECT 'from file' AS v\n");
    file.close();
    const CliRun run = runCli({QStringLiteral("query"), QStringLiteral("--url"), urlFor(QStringLiteral("sqlite")),
                               QStringLiteral("--file"), file.fileName()});
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(run.out, QByteArray("v\nfrom file\n"));
}

void tst_QueryCommand::largeResultStreams()
{
    // 200,000 rows through a recursive CTE: every row arrives, in order, with one header.
    const CliRun run = runCli(queryArgs(urlFor(QStringLiteral("sqlite")),
                                        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                                       "WHERE i < 200000) SELECT i, 'row ' || i AS t FROM n")));
    STRATA_CLI_EXPECT(run, 0);
    const QList<QByteArray> lines = run.out.split('\n');
    QCOMPARE(lines.size(), 200000 + 2); // header, rows, and the empty piece after the last LF
    QCOMPARE(lines.at(0), QByteArray("i,t"));
    QCOMPARE(lines.at(1), QByteArray("1,row 1"));
    QCOMPARE(lines.at(200000), QByteArray("200000,row 200000"));
}

void tst_QueryCommand::ctrlCCancelsTheRunningStatement_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("sql");
    QTest::newRow("postgresql") << QStringLiteral("pg") << QStringLiteral("SELECT pg_sleep(60)");
    QTest::newRow("mariadb") << QStringLiteral("mysql") << QStringLiteral("SELECT SLEEP(60)");
}

void tst_QueryCommand::ctrlCCancelsTheRunningStatement()
{
    QFETCH(QString, engine);
    QFETCH(QString, sql);
    if (!available(engine))
        QSKIP("this engine's test server is not available");
    QProcess process;
    process.setProcessEnvironment(cliEnvironmentWithPassword());
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral(STRATA_CLI_EXECUTABLE), queryArgs(urlFor(engine), sql));
    QVERIFY(process.waitForStarted());
    QTest::qWait(2000); // connected and sleeping on the server
    QCOMPARE(process.state(), QProcess::Running);
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(15 * 1000));
    QVERIFY2(timer.elapsed() < 10 * 1000, "the statement was not cancelled on the server");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    QCOMPARE(process.readAllStandardError(), QByteArray("strata-cli: cancelled\n"));
}

QTEST_GUILESS_MAIN(tst_QueryCommand)
#include "tst_querycommand.moc"
