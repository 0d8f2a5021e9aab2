// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/planjsonwriter.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Strata;

class tst_PlanJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void documentHoldsTheContractsFigures_data();
    void documentHoldsTheContractsFigures();
    void keysComeInTheContractsOrder();
    void hostileNamesAreEscaped_data();
    void hostileNamesAreEscaped();
    void numbersRoundTrip_data();
    void numbersRoundTrip();
    void derivedTimesDropFloatingPointNoise();
    void findingsCarryNodeKindSeverityAndMessage();
    void emptyPlanHasANullRoot();
    void deepPlanIsWrittenWithoutRecursion();
    void tenThousandNodesWriteQuickly();
};

namespace {

PlanNode node(const QString &type, const QString &relation = {}, const QString &index = {})
{
    PlanNode n;
    n.nodeType = type;
    n.relation = relation;
    n.index = index;
    return n;
}

// Hash Join over a Seq Scan and a Hash over an Index Scan; with actual figures when analyzed.
Plan joinPlan(bool analyzed)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.sourceFormat = QStringLiteral("json");
    PlanNode join = node(QStringLiteral("Hash Join"));
    join.estimatedRows = 100;
    join.totalCost = 250.5;
    PlanNode scan = node(QStringLiteral("Seq Scan"), QStringLiteral("orders"));
    scan.estimatedRows = 1000;
    PlanNode hash = node(QStringLiteral("Hash"));
    hash.estimatedRows = 10;
    PlanNode lookup =
        node(QStringLiteral("Index Scan"), QStringLiteral("items"), QStringLiteral("items_pkey"));
    lookup.estimatedRows = 10;
    if (analyzed) {
        plan.planningMs = 0.25;
        plan.executionMs = 12.5;
        join.actualRows = 2000;
        join.actualLoops = 1;
        join.actualTotalMs = 12.0;
        scan.actualRows = 1000;
        scan.actualLoops = 1;
        scan.actualTotalMs = 5.0;
        hash.actualRows = 5;
        hash.actualLoops = 1;
        hash.actualTotalMs = 3.0;
        lookup.actualRows = 0.5; // an average over loops
        lookup.actualLoops = 10;
        lookup.actualTotalMs = 0.25;
    }
    plan.addNode(join, -1);
    plan.addNode(scan, 0);
    const int hashId = plan.addNode(hash, 0);
    plan.addNode(lookup, hashId);
    return plan;
}

// A straight line of depth + 1 nodes.
Plan chainPlan(int depth)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.sourceFormat = QStringLiteral("json");
    int parent = -1;
    for (int i = 0; i <= depth; ++i) {
        PlanNode n = node(QStringLiteral("Nested Loop"));
        n.estimatedRows = 1;
        n.actualRows = 1;
        n.actualLoops = 1;
        n.actualTotalMs = double(depth - i + 1);
        parent = plan.addNode(n, parent);
    }
    return plan;
}

QJsonObject parse(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s in %s", qPrintable(error.errorString()),
                 bytes.left(400).constData());
    return document.object();
}

QJsonObject write(const Plan &plan, const QList<PlanRule> &rules = {})
{
    return parse(PlanJsonWriter::toJson(PlanDocument::analyze(plan, rules)));
}

} // namespace

void tst_PlanJsonWriter::documentHoldsTheContractsFigures_data()
{
    QTest::addColumn<bool>("analyzed");
    QTest::newRow("EXPLAIN ANALYZE") << true;
    QTest::newRow("EXPLAIN without ANALYZE") << false;
}

void tst_PlanJsonWriter::documentHoldsTheContractsFigures()
{
    QFETCH(bool, analyzed);
    const QJsonObject doc = write(joinPlan(analyzed));
    QCOMPARE(doc.value(u"engine").toString(), QStringLiteral("postgresql"));
    QCOMPARE(doc.value(u"format").toString(), QStringLiteral("json"));
    QCOMPARE(doc.value(u"nodeCount").toInt(), 4);
    QCOMPARE(doc.value(u"findings").toArray().size(), 0);

    const QJsonObject root = doc.value(u"root").toObject();
    QCOMPARE(root.value(u"id").toInt(), 0);
    QCOMPARE(root.value(u"type").toString(), QStringLiteral("Hash Join"));
    QVERIFY(root.value(u"relation").isNull());
    QVERIFY(root.value(u"index").isNull());
    QCOMPARE(root.value(u"estimatedRows").toDouble(), 100.0);
    const QJsonArray children = root.value(u"children").toArray();
    QCOMPARE(children.size(), 2);
    const QJsonObject scan = children.at(0).toObject();
    QCOMPARE(scan.value(u"id").toInt(), 1);
    QCOMPARE(scan.value(u"relation").toString(), QStringLiteral("orders"));
    QCOMPARE(scan.value(u"children").toArray().size(), 0);
    const QJsonObject lookup =
        children.at(1).toObject().value(u"children").toArray().at(0).toObject();
    QCOMPARE(lookup.value(u"id").toInt(), 3);
    QCOMPARE(lookup.value(u"index").toString(), QStringLiteral("items_pkey"));

    const QStringList timed{QStringLiteral("actualRows"), QStringLiteral("loops"),
                            QStringLiteral("totalMs"), QStringLiteral("exclusiveMs"),
                            QStringLiteral("estimateFactor")};
    if (!analyzed) {
        QVERIFY(doc.value(u"planningMs").isNull());
        QVERIFY(doc.value(u"executionMs").isNull());
        for (const QString &key : timed) {
            QVERIFY2(root.contains(key) && root.value(key).isNull(), qPrintable(key));
            QVERIFY2(lookup.contains(key) && lookup.value(key).isNull(), qPrintable(key));
        }
        return;
    }
    QCOMPARE(doc.value(u"planningMs").toDouble(), 0.25);
    QCOMPARE(doc.value(u"executionMs").toDouble(), 12.5);
    QCOMPARE(root.value(u"actualRows").toDouble(), 2000.0);
    QCOMPARE(root.value(u"loops").toDouble(), 1.0);
    QCOMPARE(root.value(u"totalMs").toDouble(), 12.0);
    QCOMPARE(root.value(u"exclusiveMs").toDouble(), 12.0 - 5.0 - 3.0);
    QCOMPARE(root.value(u"estimateFactor").toDouble(), 20.0);
    // Per-loop figures as reported; totalMs is inclusive over all loops.
    QCOMPARE(lookup.value(u"actualRows").toDouble(), 0.5);
    QCOMPARE(lookup.value(u"loops").toDouble(), 10.0);
    QCOMPARE(lookup.value(u"totalMs").toDouble(), 2.5);
    QCOMPARE(lookup.value(u"exclusiveMs").toDouble(), 2.5);
    QCOMPARE(lookup.value(u"estimateFactor").toDouble(), 10.0);
}

void tst_PlanJsonWriter::keysComeInTheContractsOrder()
{
    const QByteArray json = PlanJsonWriter::toJson(PlanDocument::analyze(joinPlan(true), {}));
    const QList<QByteArray> order{"\"engine\"",
                                  "\"format\"",
                                  "\"planningMs\"",
                                  "\"executionMs\"",
                                  "\"nodeCount\"",
                                  "\"root\"",
                                  "\"id\"",
                                  "\"type\"",
                                  "\"relation\"",
                                  "\"index\"",
                                  "\"estimatedRows\"",
                                  "\"actualRows\"",
                                  "\"loops\"",
                                  "\"totalMs\"",
                                  "\"exclusiveMs\"",
                                  "\"estimateFactor\"",
                                  "\"children\""};
    qsizetype at = -1;
    for (const QByteArray &key : order) {
        const qsizetype next = json.indexOf(key, at + 1);
        QVERIFY2(next > at, key.constData());
        at = next;
    }
    QVERIFY(json.lastIndexOf("\"findings\"") > json.lastIndexOf("\"children\""));
    QVERIFY(json.endsWith("}\n"));
}

void tst_PlanJsonWriter::hostileNamesAreEscaped_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("double quote") << QStringLiteral("a\"b");
    QTest::newRow("injection") << QStringLiteral("x'; DROP TABLE t; --");
    QTest::newRow("newline") << QStringLiteral("line1\nline2\r\n");
    QTest::newRow("control characters") << QStringLiteral("a\x01\x08\x1f\x7f"
                                                          "b");
    QTest::newRow("backslash") << QStringLiteral("C:\\temp\\\"x\"");
    QTest::newRow("cyrillic") << QStringLiteral("таблица");
    QTest::newRow("spaces and emoji") << QStringLiteral("my table 🐘");
    QTest::newRow("html") << QStringLiteral("<b>bold</b>&amp;");
    QTest::newRow("line separator") << QStringLiteral("a\u2028b\u202e");
}

void tst_PlanJsonWriter::hostileNamesAreEscaped()
{
    QFETCH(QString, name);
    Plan plan = joinPlan(true);
    plan.engine = name;
    plan.nodes[0].nodeType = name;
    plan.nodes[1].relation = name;
    plan.nodes[3].index = name;
    const PlanRule rule{
        QStringLiteral("hostile"), QString(), [name](const Plan &, const PlanAnalysis &) {
            return QList<PlanFinding>{{1, name, PlanFinding::Severity::Warning, name}};
        }};
    const QByteArray json = PlanJsonWriter::toJson(PlanDocument::analyze(plan, {rule}));
    QCOMPARE(json.count('\n'), 1); // escaped, never raw
    const QJsonObject doc = parse(json);
    QCOMPARE(doc.value(u"engine").toString(), name);
    const QJsonObject root = doc.value(u"root").toObject();
    QCOMPARE(root.value(u"type").toString(), name);
    const QJsonArray children = root.value(u"children").toArray();
    QCOMPARE(children.at(0).toObject().value(u"relation").toString(), name);
    QCOMPARE(children.at(1)
                 .toObject()
                 .value(u"children")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"index")
                 .toString(),
             name);
    const QJsonObject finding = doc.value(u"findings").toArray().at(0).toObject();
    QCOMPARE(finding.value(u"kind").toString(), name);
    QCOMPARE(finding.value(u"message").toString(), name);
}

void tst_PlanJsonWriter::numbersRoundTrip_data()
{
    QTest::addColumn<double>("value");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("tenth") << 0.1;
    QTest::newRow("third") << 1.0 / 3.0;
    QTest::newRow("microseconds") << 0.001;
    QTest::newRow("tiny") << 1.5e-9;
    QTest::newRow("many digits") << 123456.789012345;
    QTest::newRow("whole") << 1000000.0;
    QTest::newRow("2^53") << 9007199254740992.0;
    QTest::newRow("huge") << 1.7976931348623157e308;
    QTest::newRow("negative") << -42.125;
    QTest::newRow("denormal") << 4.9e-324;
}

void tst_PlanJsonWriter::numbersRoundTrip()
{
    QFETCH(double, value);
    const QByteArray text = PlanJsonWriter::number(value);
    QVERIFY2(!text.contains(',') && !text.isEmpty(), text.constData());
    bool ok = false;
    QCOMPARE(text.toDouble(&ok), value);
    QVERIFY(ok);

    Plan plan = joinPlan(true);
    plan.executionMs = value;
    QCOMPARE(write(plan).value(u"executionMs").toDouble(), value);
}

void tst_PlanJsonWriter::derivedTimesDropFloatingPointNoise()
{
    Plan plan = joinPlan(true);
    plan.nodes[0].actualTotalMs = 7922.997;
    plan.nodes[1].actualTotalMs = 7579.591; // 7922.997 - 7579.591 - 3 = 340.40599999999995
    const QJsonObject root = write(plan).value(u"root").toObject();
    QCOMPARE(root.value(u"totalMs").toDouble(), 7922.997);
    const QByteArray json = PlanJsonWriter::toJson(PlanDocument::analyze(plan, {}));
    QVERIFY2(json.contains("\"exclusiveMs\": 340.406, "), json.constData());
}

void tst_PlanJsonWriter::findingsCarryNodeKindSeverityAndMessage()
{
    const PlanRule rule{QStringLiteral("big-scan"), QStringLiteral("postgresql"),
                        [](const Plan &, const PlanAnalysis &) {
                            return QList<PlanFinding>{
                                {1, QStringLiteral("big-scan"), PlanFinding::Severity::Critical,
                                 QStringLiteral("Seq Scan on orders reads every row.")},
                                {3, QStringLiteral("big-scan"), PlanFinding::Severity::Info,
                                 QStringLiteral("Fine.")}};
                        }};
    const QJsonArray findings = write(joinPlan(true), {rule}).value(u"findings").toArray();
    QCOMPARE(findings.size(), 2);
    const QJsonObject first = findings.at(0).toObject();
    QCOMPARE(first.value(u"nodeId").toInt(), 1);
    QCOMPARE(first.value(u"kind").toString(), QStringLiteral("big-scan"));
    QCOMPARE(first.value(u"severity").toString(), QStringLiteral("critical"));
    QCOMPARE(first.value(u"message").toString(),
             QStringLiteral("Seq Scan on orders reads every row."));
    QCOMPARE(findings.at(1).toObject().value(u"severity").toString(), QStringLiteral("info"));
    QCOMPARE(first.keys().size(), 4);
}

void tst_PlanJsonWriter::emptyPlanHasANullRoot()
{
    Plan plan;
    plan.engine = QStringLiteral("sqlite");
    plan.sourceFormat = QStringLiteral("eqp");
    const QJsonObject doc = write(plan);
    QCOMPARE(doc.value(u"nodeCount").toInt(), 0);
    QVERIFY(doc.contains(u"root"));
    QVERIFY(doc.value(u"root").isNull());
}

void tst_PlanJsonWriter::deepPlanIsWrittenWithoutRecursion()
{
    // Far deeper than any call stack would take with one frame per level.
    const int depth = 100000;
    const QByteArray json = PlanJsonWriter::toJson(PlanDocument::analyze(chainPlan(depth), {}));
    QCOMPARE(json.count("{\"id\": "), qsizetype(depth + 1));
    // Qt's parser stops at 1024 levels; check the nesting by hand: every node closed, in order.
    QVERIFY(json.endsWith(QByteArray("]}").repeated(depth + 1) + ", \"findings\": []}\n"));
    QVERIFY(json.contains(
        "{\"id\": 100000, \"type\": \"Nested Loop\", \"relation\": null, \"index\": null, "
        "\"estimatedRows\": 1, \"actualRows\": 1, \"loops\": 1, \"totalMs\": 1, "
        "\"exclusiveMs\": 1, \"estimateFactor\": 1, \"children\": []}"));
}

void tst_PlanJsonWriter::tenThousandNodesWriteQuickly()
{
    Plan plan = joinPlan(true);
    for (int i = 0; i < 10000; ++i) {
        PlanNode scan = node(QStringLiteral("Seq Scan"), QStringLiteral("events_p%1").arg(i));
        scan.estimatedRows = 6;
        scan.actualRows = i % 7;
        scan.actualLoops = 1;
        scan.actualTotalMs = 0.011;
        plan.addNode(scan, 0);
    }
    const PlanDocument document = PlanDocument::analyze(plan, {});
    QElapsedTimer timer;
    timer.start();
    const QByteArray json = PlanJsonWriter::toJson(document);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(parse(json).value(u"root").toObject().value(u"children").toArray().size(), 10002);
    // Milliseconds in a release build; the bound leaves room for debug and sanitizer builds.
    QVERIFY2(elapsed < 2000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
}

QTEST_GUILESS_MAIN(tst_PlanJsonWriter)
#include "tst_planjsonwriter.moc"
