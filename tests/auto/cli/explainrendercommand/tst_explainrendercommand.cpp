// SPDX-License-Identifier: GPL-3.0-or-later
// `strata-cli explain render` end to end: the corpus plans in both formats, stdin, a BOM,
// hostile names, and input that is not a plan.
#include "clirunner.h"
#include "plancorpus.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Strata::Test;

namespace {

QStringList renderArgs(const QString &input, const QString &format, const QStringList &more = {})
{
    return QStringList{QStringLiteral("explain"),  QStringLiteral("render"),
                       QStringLiteral("--input"),  input,
                       QStringLiteral("--format"), format} +
           more;
}

// Runs strata-cli with stdin fed from bytes.
CliRun runWithStdin(const QStringList &arguments, const QByteArray &bytes)
{
    QProcess process;
    process.setProcessEnvironment(cliEnvironment());
    process.start(QStringLiteral(STRATA_CLI_EXECUTABLE), arguments);
    CliRun run;
    if (!process.waitForStarted(10 * 1000))
        return run;
    process.write(bytes);
    process.closeWriteChannel();
    run.finished = process.waitForFinished(60 * 1000);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

int countNodes(const QJsonObject &root)
{
    int count = 0;
    QList<QJsonObject> pending{root};
    while (!pending.isEmpty()) {
        const QJsonObject node = pending.takeLast();
        ++count;
        const QJsonArray children = node.value(u"children").toArray();
        for (const QJsonValue &child : children)
            pending.append(child.toObject());
    }
    return count;
}

QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// A plan whose relation name holds a quote, an injection attempt, a newline and Cyrillic.
const QByteArray HostilePlan =
    "[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Relation Name\": \"x'; DROP TABLE t; "
    "--\\nа\\\"b\","
    "  \"Schema\": \"public\", \"Alias\": \"t\", \"Startup Cost\": 0.00, \"Total Cost\": 35.50, "
    "\"Plan Rows\": 2550, \"Plan Width\": 4,"
    "  \"Actual Startup Time\": 0.010, \"Actual Total Time\": 0.012, \"Actual Rows\": 3, \"Actual "
    "Loops\": 1},"
    "  \"Planning Time\": 0.050, \"Triggers\": [], \"Execution Time\": 0.030}]";

} // namespace

class tst_ExplainRenderCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void corpusPlansRenderAsJson_data();
    void corpusPlansRenderAsJson();
    void corpusPlansRenderAsText_data();
    void corpusPlansRenderAsText();
    void textIsTheDefaultFormat();
    void planIsReadFromStdin();
    void byteOrderMarkIsAccepted();
    void hostileNamesSurviveBothFormats();
    void svgIsAWellFormedDrawing();
    void statsGoToStderr();
    void notAPlanExitsOneWithOneLine_data();
    void notAPlanExitsOneWithOneLine();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
};

void tst_ExplainRenderCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString tst_ExplainRenderCommand::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return QString();
    return path;
}

static QStringList corpusPlans()
{
    return explainCorpusFiles(QStringLiteral("postgresql-json"), QStringLiteral(".json")) +
           explainCorpusFiles(QStringLiteral("postgresql-text"), QStringLiteral(".txt"));
}

void tst_ExplainRenderCommand::corpusPlansRenderAsJson_data()
{
    if (!addCorpusRows(corpusPlans()))
        QSKIP("the EXPLAIN corpora are not there");
}

void tst_ExplainRenderCommand::corpusPlansRenderAsJson()
{
    QFETCH(QString, path);
    const CliRun run = runCli(renderArgs(path, QStringLiteral("json")), cliEnvironment());
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY(run.err.isEmpty());
    const QJsonObject doc = parseObject(run.out);
    QCOMPARE(doc.value(u"engine").toString(), QStringLiteral("postgresql"));
    QCOMPARE(doc.value(u"format").toString(),
             path.endsWith(u".json") ? QStringLiteral("json") : QStringLiteral("text"));
    const QJsonObject root = doc.value(u"root").toObject();
    QVERIFY(!root.isEmpty());
    QCOMPARE(countNodes(root), doc.value(u"nodeCount").toInt());
    QCOMPARE(root.value(u"id").toInt(), 0);
    const QStringList keys{QStringLiteral("id"),
                           QStringLiteral("type"),
                           QStringLiteral("relation"),
                           QStringLiteral("index"),
                           QStringLiteral("estimatedRows"),
                           QStringLiteral("actualRows"),
                           QStringLiteral("loops"),
                           QStringLiteral("totalMs"),
                           QStringLiteral("exclusiveMs"),
                           QStringLiteral("estimateFactor"),
                           QStringLiteral("children")};
    for (const QString &key : keys)
        QVERIFY2(root.contains(key), qPrintable(key));
    // An ANALYZE plan has times, and the exclusive times never exceed the root's total.
    if (!root.value(u"totalMs").isNull())
        QVERIFY(root.value(u"exclusiveMs").toDouble() <= root.value(u"totalMs").toDouble() + 1e-6);
    const QJsonArray findings = doc.value(u"findings").toArray();
    for (const QJsonValue &finding : findings) {
        const int nodeId = finding.toObject().value(u"nodeId").toInt(-1);
        QVERIFY(nodeId >= 0 && nodeId < doc.value(u"nodeCount").toInt());
        QVERIFY(!finding.toObject().value(u"message").toString().isEmpty());
    }
}

void tst_ExplainRenderCommand::corpusPlansRenderAsText_data()
{
    if (!addCorpusRows(corpusPlans()))
        QSKIP("the EXPLAIN corpora are not there");
}

void tst_ExplainRenderCommand::corpusPlansRenderAsText()
{
    QFETCH(QString, path);
    const CliRun json = runCli(renderArgs(path, QStringLiteral("json")), cliEnvironment());
    STRATA_CLI_EXPECT(json, 0);
    const int nodeCount = parseObject(json.out).value(u"nodeCount").toInt();
    const CliRun run = runCli(renderArgs(path, QStringLiteral("text")), cliEnvironment());
    STRATA_CLI_EXPECT(run, 0);
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n');
    QVERIFY2(lines.constFirst().startsWith(QStringLiteral("postgresql plan (")),
             qPrintable(lines.constFirst()));
    // One line per node, in id order (depth first), then the findings.
    for (int id = 0; id < nodeCount; ++id) {
        const QString line = lines.value(2 + id).trimmed();
        const QString marker = QStringLiteral("#%1 ").arg(id);
        QVERIFY2(line.startsWith(marker) || line.startsWith(QStringLiteral("-> ") + marker),
                 qPrintable(line));
    }
    QVERIFY(lines.value(2 + nodeCount).isEmpty());
    const QString after = lines.value(3 + nodeCount);
    QVERIFY2(after.startsWith(u"Triggers (") || after.startsWith(u"Findings (") ||
                 after == u"No findings.",
             qPrintable(after));
}

void tst_ExplainRenderCommand::textIsTheDefaultFormat()
{
    const QString path = writeFile(QStringLiteral("default.json"), HostilePlan);
    const CliRun run = runCli(
        {QStringLiteral("explain"), QStringLiteral("render"), QStringLiteral("--input"), path},
        cliEnvironment());
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY(run.out.startsWith(
        "postgresql plan (json): 1 node, planning 0.050 ms, execution 0.030 ms\n"));
}

void tst_ExplainRenderCommand::planIsReadFromStdin()
{
    const CliRun run =
        runWithStdin(renderArgs(QStringLiteral("-"), QStringLiteral("json")), HostilePlan);
    STRATA_CLI_EXPECT(run, 0);
    const QJsonObject doc = parseObject(run.out);
    QCOMPARE(doc.value(u"nodeCount").toInt(), 1);
    QCOMPARE(doc.value(u"executionMs").toDouble(), 0.030);
}

void tst_ExplainRenderCommand::byteOrderMarkIsAccepted()
{
    const QString path =
        writeFile(QStringLiteral("bom.json"), QByteArray("\xEF\xBB\xBF") + HostilePlan);
    const CliRun run =
        runCli(renderArgs(path, QStringLiteral("json"),
                          {QStringLiteral("--engine"), QStringLiteral("postgresql")}),
               cliEnvironment());
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(parseObject(run.out).value(u"planningMs").toDouble(), 0.050);
}

void tst_ExplainRenderCommand::hostileNamesSurviveBothFormats()
{
    const QString name = QStringLiteral("x'; DROP TABLE t; --\nа\"b");
    const QString path = writeFile(QStringLiteral("hostile.json"), HostilePlan);
    const CliRun json = runCli(renderArgs(path, QStringLiteral("json")), cliEnvironment());
    STRATA_CLI_EXPECT(json, 0);
    QCOMPARE(json.out.count('\n'), 1);
    QCOMPARE(parseObject(json.out).value(u"root").toObject().value(u"relation").toString(), name);

    const CliRun text = runCli(renderArgs(path, QStringLiteral("text")), cliEnvironment());
    STRATA_CLI_EXPECT(text, 0);
    const QStringList lines = QString::fromUtf8(text.out).split(u'\n');
    QCOMPARE(lines.value(2),
             QStringLiteral("#0 Seq Scan on public.x'; DROP TABLE t; --\\nа\"b t  rows 2550 → 3 "
                            "(×850.0 over)  loops 1  total 0.012 ms  self 0.012 ms"));
    QCOMPARE(lines.value(3), QString());
}

void tst_ExplainRenderCommand::svgIsAWellFormedDrawing()
{
    const QString path = writeFile(QStringLiteral("drawing.json"), HostilePlan);
    const CliRun run = runCli(renderArgs(path, QStringLiteral("svg")), cliEnvironment());
    STRATA_CLI_EXPECT(run, 0);
    QXmlStreamReader xml(run.out);
    int nodes = 0;
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"g"
            && xml.attributes().value(QLatin1String("class")) == QLatin1String("node"))
            ++nodes;
        if (xml.isCharacters())
            text += xml.text();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(nodes, 1);
    QVERIFY(text.contains(QStringLiteral("Seq Scan")));
    QVERIFY(text.contains(QStringLiteral("x'; DROP"))); // as text, not markup
}

void tst_ExplainRenderCommand::statsGoToStderr()
{
    const QString path = writeFile(QStringLiteral("stats.json"), HostilePlan);
    const CliRun run = runCli(renderArgs(path, QStringLiteral("json"), {QStringLiteral("--stats")}),
                              cliEnvironment());
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(parseObject(run.out).value(u"nodeCount").toInt(), 1);
    static const QRegularExpression line(QStringLiteral(
        R"(^stats: engine=postgresql nodes=1 findings=\d+ read=[\d.]+/[\d.]+ prefault=[\d.]+/[\d.]+ decode=[\d.]+/[\d.]+ plugins=[\d.]+/[\d.]+ )"
        R"(parse=[\d.]+/[\d.]+ analyze=[\d.]+/[\d.]+ write=[\d.]+/[\d.]+ total=[\d.]+/[\d.]+ \(ms wall/cpu\)\n$)"));
    QVERIFY2(line.match(QString::fromUtf8(run.err)).hasMatch(), run.err.constData());
}

void tst_ExplainRenderCommand::notAPlanExitsOneWithOneLine_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("truncated JSON") << HostilePlan.left(HostilePlan.size() / 2);
    QTest::newRow("another JSON document") << QByteArray(R"({"results": [[{"a": 1}]]})");
    QTest::newRow("JSON array of numbers") << QByteArray("[1, 2, 3]");
    QTest::newRow("random text") << QByteArray("The quick brown fox jumps over the lazy dog.\n");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("whitespace") << QByteArray(" \n\t\n");
    QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF");
    QTest::newRow("binary") << QByteArray("\x7f"
                                          "ELF\x02\x01\x01\x00\x00\x00\xff\xfe",
                                          12);
    QTest::newRow("not UTF-8") << QByteArray(
        "Seq Scan on caf\xe9  (cost=0.00..1.00 rows=1 width=4)\n");
    QTest::newRow("deeply nested JSON") << (QByteArray(100000, '[') + QByteArray(100000, ']'));
}

void tst_ExplainRenderCommand::notAPlanExitsOneWithOneLine()
{
    QFETCH(QByteArray, input);
    for (const bool fromStdin : {false, true}) {
        const CliRun run =
            fromStdin ? runWithStdin(renderArgs(QStringLiteral("-"), QStringLiteral("json")), input)
                      : runCli(renderArgs(writeFile(QStringLiteral("bad.txt"), input),
                                          QStringLiteral("json")),
                               cliEnvironment());
        STRATA_CLI_EXPECT(run, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.startsWith("strata-cli: not an EXPLAIN plan: "), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.err.endsWith('\n'));
    }
}

void tst_ExplainRenderCommand::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    const QString plan = QStringLiteral(STRATA_SOURCE_DIR "/CMakeLists.txt"); // exists; never read
    QTest::newRow("missing file")
        << renderArgs(QStringLiteral("/nonexistent/strata/plan.json"), QStringLiteral("text"))
        << QByteArray("strata-cli: cannot read --input '/nonexistent/strata/plan.json': ");
    QTest::newRow("no --input") << QStringList{QStringLiteral("explain"), QStringLiteral("render")}
                                << QByteArray("strata-cli: missing --input");
    QTest::newRow("unknown engine")
        << renderArgs(plan, QStringLiteral("text"),
                      {QStringLiteral("--engine"), QStringLiteral("oracle")})
        << QByteArray("strata-cli: unknown --engine 'oracle'");
    QTest::newRow("unknown format") << renderArgs(plan, QStringLiteral("csv"))
                                    << QByteArray("strata-cli: unknown --format 'csv'");
    QTest::newRow("unknown option")
        << renderArgs(plan, QStringLiteral("json"), {QStringLiteral("--colour")})
        << QByteArray("strata-cli: Unknown option 'colour'");
}

void tst_ExplainRenderCommand::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const CliRun run = runCli(arguments, cliEnvironment());
    STRATA_CLI_EXPECT(run, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith(message), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

QTEST_GUILESS_MAIN(tst_ExplainRenderCommand)
#include "tst_explainrendercommand.moc"
