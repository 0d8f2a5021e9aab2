// SPDX-License-Identifier: GPL-3.0-or-later
// `strata-cli explain` end to end against the real PostgreSQL: JSON and text plans of tables
// with hostile names, EXPLAIN ANALYZE of an UPDATE rolled back (or kept with --commit),
// server errors, usage errors, connection failures and Ctrl+C.
#include "clirunner.h"
#include "connection/connectionurl.h"
#include "connection/profilestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Strata::Test;

namespace {

// Created fresh by initTestCase, dropped by cleanupTestCase. Identifiers as they appear in SQL.
const QString Plain = QStringLiteral("tst_explaincli_items");
const QString Injection = QStringLiteral("tst_explaincli x'; DROP TABLE t; --");
const QString QuoteCyrillic = QStringLiteral("tst_explaincli a\"b таблица");

QString quoted(const QString &name)
{
    QString inner = name;
    inner.replace(u'"', QStringLiteral("\"\""));
    return u'"' + inner + u'"';
}

QStringList explainArgs(const QString &sql, const QStringList &more = {})
{
    return QStringList{QStringLiteral("explain"), QStringLiteral("--url"), pgUrl(),
                       QStringLiteral("--sql"), sql} +
           more;
}

CliRun query(const QString &sql)
{
    return runCli({QStringLiteral("query"), QStringLiteral("--url"), pgUrl(),
                   QStringLiteral("--sql"), sql, QStringLiteral("--format"),
                   QStringLiteral("csv")});
}

QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s: %s", qPrintable(error.errorString()), bytes.left(300).constData());
    return document.object();
}

// Every relation named anywhere in the JSON plan's tree.
QStringList relations(const QJsonObject &root)
{
    QStringList names;
    QList<QJsonObject> pending{root};
    while (!pending.isEmpty()) {
        const QJsonObject node = pending.takeLast();
        if (node.value(u"relation").isString())
            names.append(node.value(u"relation").toString());
        const QJsonArray children = node.value(u"children").toArray();
        for (const QJsonValue &child : children)
            pending.append(child.toObject());
    }
    return names;
}

} // namespace

class tst_ExplainCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void jsonPlanNamesTheTables_data();
    void jsonPlanNamesTheTables();
    void textPlanShowsTheTree_data();
    void textPlanShowsTheTree();
    void analyzeOfAnUpdateIsRolledBack();
    void commitKeepsTheChangesOfAnAnalyzedUpdate();
    void serverErrorExitsOneWithItsMessage();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void savedProfileExplains();
    void engineWithoutAnalyzeRefusesIt();
    void unreachableServerExitsThree();
    void ctrlCCancelsTheAnalyzedStatement();

private:
    QTemporaryDir m_dir;
};

void tst_ExplainCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    STRATA_REQUIRE_PG();
    for (const QString &table : {Plain, Injection, QuoteCyrillic}) {
        const QString name = quoted(table);
        const CliRun run = query(
            QStringLiteral(
                "DROP TABLE IF EXISTS %1; CREATE TABLE %1 (id int PRIMARY KEY, v int NOT NULL); "
                "INSERT INTO %1 SELECT g, g * 10 FROM generate_series(1, 200) g; ANALYZE %1")
                .arg(name));
        STRATA_CLI_EXPECT(run, 0);
    }
}

void tst_ExplainCommand::cleanupTestCase()
{
    if (!hasPg())
        return;
    for (const QString &table : {Plain, Injection, QuoteCyrillic})
        query(QStringLiteral("DROP TABLE IF EXISTS %1").arg(quoted(table)));
}

void tst_ExplainCommand::jsonPlanNamesTheTables_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<bool>("analyze");
    for (const QString &table : {Plain, Injection, QuoteCyrillic}) {
        QTest::addRow("%s estimate", qPrintable(table)) << table << false;
        QTest::addRow("%s analyze", qPrintable(table)) << table << true;
    }
}

void tst_ExplainCommand::jsonPlanNamesTheTables()
{
    QFETCH(QString, table);
    QFETCH(bool, analyze);
    QStringList more{QStringLiteral("--format"), QStringLiteral("json")};
    if (analyze)
        more.append(QStringLiteral("--analyze"));
    const CliRun run = runCli(
        explainArgs(QStringLiteral("SELECT a.id FROM %1 a JOIN %1 b ON b.id = a.v WHERE a.v > 5")
                        .arg(quoted(table)),
                    more));
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    const QJsonObject doc = parseObject(run.out);
    QCOMPARE(doc.value(u"engine").toString(), QStringLiteral("postgresql"));
    QCOMPARE(doc.value(u"format").toString(), QStringLiteral("json"));
    QVERIFY(doc.value(u"nodeCount").toInt() >= 2);
    const QJsonObject root = doc.value(u"root").toObject();
    QVERIFY(relations(root).contains(table));
    if (analyze) {
        QVERIFY(doc.value(u"executionMs").toDouble() > 0);
        QVERIFY(root.value(u"totalMs").isDouble());
        QVERIFY(root.value(u"actualRows").isDouble());
    } else {
        QVERIFY(doc.value(u"executionMs").isNull());
        QVERIFY(root.value(u"totalMs").isNull());
        QVERIFY(root.value(u"actualRows").isNull());
        QVERIFY(root.value(u"estimatedRows").isDouble());
    }
}

void tst_ExplainCommand::textPlanShowsTheTree_data()
{
    QTest::addColumn<bool>("analyze");
    QTest::newRow("estimate") << false;
    QTest::newRow("analyze") << true;
}

void tst_ExplainCommand::textPlanShowsTheTree()
{
    STRATA_REQUIRE_PG();
    QFETCH(bool, analyze);
    const QStringList more = analyze ? QStringList{QStringLiteral("--analyze")} : QStringList{};
    const CliRun run = runCli(explainArgs(
        QStringLiteral("SELECT * FROM %1 WHERE v = 70").arg(quoted(QuoteCyrillic)), more));
    STRATA_CLI_EXPECT(run, 0);
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n');
    QVERIFY2(lines.value(0).startsWith(QStringLiteral("postgresql plan (json): 1 node")),
             run.out.constData());
    QCOMPARE(lines.value(0).contains(QStringLiteral("execution")), analyze);
    QVERIFY2(
        lines.value(2).startsWith(QStringLiteral("#0 Seq Scan on %1  rows ").arg(QuoteCyrillic)),
        qPrintable(lines.value(2)));
    QCOMPARE(lines.value(2).contains(QStringLiteral("(estimated)")), !analyze);
    QCOMPARE(lines.value(2).contains(QStringLiteral(" ms")), analyze);
}

void tst_ExplainCommand::analyzeOfAnUpdateIsRolledBack()
{
    STRATA_REQUIRE_PG();
    const QString table = quoted(Injection);
    const CliRun before = query(QStringLiteral("SELECT sum(v) FROM %1").arg(table));
    STRATA_CLI_EXPECT(before, 0);
    const CliRun run = runCli(explainArgs(
        QStringLiteral("UPDATE %1 SET v = v + 1 WHERE id <= 100").arg(table),
        {QStringLiteral("--analyze"), QStringLiteral("--format"), QStringLiteral("json")}));
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY2(run.err.contains("rolled back"), run.err.constData());
    const QJsonObject root = parseObject(run.out).value(u"root").toObject();
    QCOMPARE(root.value(u"type").toString(), QStringLiteral("ModifyTable"));
    QVERIFY(root.value(u"totalMs").isDouble());
    const CliRun after = query(QStringLiteral("SELECT sum(v) FROM %1").arg(table));
    STRATA_CLI_EXPECT(after, 0);
    QCOMPARE(after.out, before.out);
}

void tst_ExplainCommand::commitKeepsTheChangesOfAnAnalyzedUpdate()
{
    STRATA_REQUIRE_PG();
    const QString table = quoted(Plain);
    const CliRun run =
        runCli(explainArgs(QStringLiteral("UPDATE %1 SET v = -v WHERE id = 1").arg(table),
                           {QStringLiteral("--analyze"), QStringLiteral("--commit")}));
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY2(!run.err.contains("rolled back"), run.err.constData());
    const CliRun after = query(QStringLiteral("SELECT v FROM %1 WHERE id = 1").arg(table));
    STRATA_CLI_EXPECT(after, 0);
    QCOMPARE(after.out, QByteArray("v\n-10\n"));
}

void tst_ExplainCommand::serverErrorExitsOneWithItsMessage()
{
    STRATA_REQUIRE_PG();
    const CliRun run = runCli(explainArgs(QStringLiteral("SELECT * FROM tst_explaincli_missing")));
    STRATA_CLI_EXPECT(run, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("relation \"tst_explaincli_missing\" does not exist"),
             run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

void tst_ExplainCommand::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    const QString select = QStringLiteral("SELECT 1");
    QTest::newRow("no --sql") << QStringList{QStringLiteral("explain"), QStringLiteral("--url"),
                                             pgUrl()}
                              << QByteArray("strata-cli: missing --sql");
    QTest::newRow("empty --sql") << explainArgs(QStringLiteral("  "))
                                 << QByteArray("strata-cli: the SQL is empty");
    QTest::newRow("--commit without --analyze")
        << explainArgs(select, {QStringLiteral("--commit")})
        << QByteArray("strata-cli: --commit only applies with --analyze");
    QTest::newRow("unknown format")
        << explainArgs(select, {QStringLiteral("--format"), QStringLiteral("csv")})
        << QByteArray("strata-cli: unknown --format 'csv'");
    QTest::newRow("two statements") << explainArgs(QStringLiteral("SELECT 1; SELECT 2"))
                                    << QByteArray("strata-cli: EXPLAIN takes one statement");
    QTest::newRow("no --url") << QStringList{QStringLiteral("explain"), QStringLiteral("--sql"),
                                             select}
                              << QByteArray("strata-cli: missing --url");
}

void tst_ExplainCommand::usageErrorsExitTwo()
{
    STRATA_REQUIRE_PG();
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const CliRun run = runCli(arguments);
    STRATA_CLI_EXPECT(run, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith(message), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

void tst_ExplainCommand::savedProfileExplains()
{
    STRATA_REQUIRE_PG();
    QTemporaryDir config;
    QVERIFY(config.isValid());
    {
        // Where the GUI keeps its profiles: QSettings of organisation "Strata", application
        // "strata".
        QVERIFY(QDir(config.path()).mkpath(QStringLiteral("Strata")));
        Strata::ProfileStore store(config.filePath(QStringLiteral("Strata/strata.conf")));
        const Strata::Result<Strata::ConnectionSettings> settings =
            Strata::ConnectionUrl::parse(pgUrl());
        QVERIFY(settings.ok());
        QVERIFY(store
                    .save(Strata::ConnectionProfile(QStringLiteral("Explain Profile"),
                                                    settings.value()))
                    .ok());
    }
    QProcessEnvironment env = cliEnvironmentWithPassword();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    const CliRun run = runCli({QStringLiteral("explain"), QStringLiteral("--profile"),
                               QStringLiteral("Explain Profile"), QStringLiteral("--sql"),
                               QStringLiteral("SELECT * FROM %1").arg(quoted(Plain)),
                               QStringLiteral("--format"), QStringLiteral("json")},
                              env);
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(relations(parseObject(run.out).value(u"root").toObject()), QStringList{Plain});
}

void tst_ExplainCommand::engineWithoutAnalyzeRefusesIt()
{
    // SQLite cannot report actual figures (or, without its IExplain, explain at all).
    const QString url = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("explain.db"));
    const CliRun run =
        runCli({QStringLiteral("explain"), QStringLiteral("--url"), url, QStringLiteral("--sql"),
                QStringLiteral("SELECT 1"), QStringLiteral("--analyze")});
    STRATA_CLI_EXPECT(run, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("strata-cli: the sqlite engine cannot"), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

void tst_ExplainCommand::unreachableServerExitsThree()
{
    const CliRun run = runCli({QStringLiteral("explain"), QStringLiteral("--url"),
                               QStringLiteral("postgresql://strata@127.0.0.1:1/strata_test"),
                               QStringLiteral("--sql"), QStringLiteral("SELECT 1")});
    STRATA_CLI_EXPECT(run, 3);
    QVERIFY2(run.err.startsWith("strata-cli: cannot connect to "), run.err.constData());
}

void tst_ExplainCommand::ctrlCCancelsTheAnalyzedStatement()
{
    STRATA_REQUIRE_PG();
    QProcess process;
    process.setProcessEnvironment(cliEnvironmentWithPassword());
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(
        QStringLiteral(STRATA_CLI_EXECUTABLE),
        explainArgs(QStringLiteral("SELECT pg_sleep(60)"), {QStringLiteral("--analyze")}));
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

QTEST_GUILESS_MAIN(tst_ExplainCommand)
#include "tst_explaincommand.moc"
