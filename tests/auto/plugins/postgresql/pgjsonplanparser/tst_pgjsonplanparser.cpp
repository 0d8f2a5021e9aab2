// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgjsonplanparser.h"
#include "pgplankeys.h"
#include "plancorpus.h"

#include <QTest>

using namespace Strata;
using namespace Strata::Postgres::Internal;

class tst_PgJsonPlanParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTreeFiguresAndStatementTotals();
    void neverExecutedNodeIsMarked();
    void hostileNamesStayVerbatim();
    void acceptsPastedForms_data();
    void acceptsPastedForms();
    void rejectsWhatIsNotAPlan_data();
    void rejectsWhatIsNotAPlan();
    void estimateOnlyPlanHasNoActuals();
    void absurdFiguresStayOutOfFields();
    void settingsTriggersAndUnknownStatementKeysAreKept();

    void corpusPlansKeepEveryProperty_data();
    void corpusPlansKeepEveryProperty();
    void corpusFieldsAreRead_data();
    void corpusFieldsAreRead();
};

namespace {

const char smallPlan[] = R"J([
  {
    "Plan": {
      "Node Type": "Hash Join",
      "Join Type": "Inner",
      "Startup Cost": 1.5,
      "Total Cost": 40.25,
      "Plan Rows": 100,
      "Plan Width": 8,
      "Actual Startup Time": 0.1,
      "Actual Total Time": 2.5,
      "Actual Rows": 90,
      "Actual Loops": 1,
      "Hash Cond": "(a.id = b.a_id)",
      "Plans": [
        {
          "Node Type": "Seq Scan",
          "Parent Relationship": "Outer",
          "Relation Name": "a\"b",
          "Alias": "a",
          "Plan Rows": 1000,
          "Actual Rows": 1000,
          "Actual Loops": 1,
          "Actual Startup Time": 0.01,
          "Actual Total Time": 1.0
        },
        {
          "Node Type": "Hash",
          "Parent Relationship": "Inner",
          "Plan Rows": 10,
          "Actual Rows": 0,
          "Actual Loops": 0,
          "Actual Startup Time": 0.0,
          "Actual Total Time": 0.0
        }
      ]
    },
    "Planning Time": 0.2,
    "Execution Time": 2.75
  }
])J";

// The plan as psql prints it: a header, a rule, one space of border, "+" continuation marks.
QString psqlAligned(const QString &json, bool framed, bool unicode, QChar newlineMark = u'+')
{
    const QStringList lines = json.split(u'\n');
    int width = 10;
    for (const QString &l : lines)
        width = qMax(width, int(l.size()));
    QString out;
    const QChar bar = unicode ? u'│' : u'|';
    const QChar dash = unicode ? u'─' : u'-';
    if (framed)
        out += QString(width + 4, dash) + u'\n';
    out += (framed ? QString(bar) : QString()) +
           QStringLiteral(" QUERY PLAN").leftJustified(width + 2) +
           (framed ? QString(bar) : QString()) + u'\n';
    out += QString(width + (framed ? 4 : 2), dash) + u'\n';
    for (int i = 0; i < lines.size(); ++i) {
        const bool last = i == lines.size() - 1;
        QString cell = u' ' + lines.at(i).leftJustified(width) + (last ? QChar(u' ') : newlineMark);
        if (framed)
            cell = bar + cell + bar;
        out += cell + u'\n';
    }
    if (framed)
        out += QString(width + 4, dash) + u'\n';
    out += QStringLiteral("(1 row)\n\n");
    return out;
}

void collectNodes(const QJsonObject &node, QList<QJsonObject> &out)
{
    out.append(node);
    for (const QJsonValue &child : node.value(QLatin1String("Plans")).toArray())
        collectNodes(child.toObject(), out);
}

QList<QJsonObject> jsonNodes(const QString &path)
{
    const QJsonDocument doc = QJsonDocument::fromJson(Test::readCorpusFile(path).toUtf8());
    const QJsonObject statement = doc.isArray() ? doc.array().first().toObject() : doc.object();
    QList<QJsonObject> nodes;
    collectNodes(statement.value(QLatin1String("Plan")).toObject(), nodes);
    return nodes;
}

bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return qFuzzyCompare(1.0 + a.toDouble(), 1.0 + b.toDouble());
    return a == b;
}

} // namespace

void tst_PgJsonPlanParser::readsTreeFiguresAndStatementTotals()
{
    const Result<Plan> plan = PgJsonPlanParser::parse(QString::fromUtf8(smallPlan));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->engine, QStringLiteral("postgresql"));
    QCOMPARE(plan->sourceFormat, QStringLiteral("json"));
    QCOMPARE(plan->nodeCount(), 3);
    QCOMPARE(plan->root().nodeType, QStringLiteral("Hash Join"));
    QCOMPARE(plan->root().hashCond, QStringLiteral("(a.id = b.a_id)"));
    QCOMPARE(*plan->root().totalCost, 40.25);
    QCOMPARE(*plan->root().width, qint64(8));
    QCOMPARE(plan->root().childIds, QList<int>({1, 2}));
    QCOMPARE(plan->node(1).relationship, PlanNode::Relationship::Outer);
    QCOMPARE(plan->node(2).relationship, PlanNode::Relationship::Inner);
    QCOMPARE(*plan->planningMs, 0.2);
    QCOMPARE(*plan->executionMs, 2.75);
    QVERIFY(plan->hasActuals());
}

void tst_PgJsonPlanParser::neverExecutedNodeIsMarked()
{
    const Result<Plan> plan = PgJsonPlanParser::parse(QString::fromUtf8(smallPlan));
    QVERIFY(plan.ok());
    QVERIFY(plan->node(2).neverExecuted);
    QVERIFY(!plan->node(1).neverExecuted);
}

void tst_PgJsonPlanParser::hostileNamesStayVerbatim()
{
    const QString json = QStringLiteral(
        R"J({"Plan": {"Node Type": "Seq Scan", "Relation Name": "x'; DROP TABLE t; --",
        "Schema": "таблица", "Alias": "a\"b c", "Filter": "(<b>bold</b> = 1)"}})J");
    const Result<Plan> plan = PgJsonPlanParser::parse(json);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->root().relation, QStringLiteral("x'; DROP TABLE t; --"));
    QCOMPARE(plan->root().schema, QStringLiteral("таблица"));
    QCOMPARE(plan->root().alias, QStringLiteral("a\"b c"));
    QCOMPARE(plan->root().filter, QStringLiteral("(<b>bold</b> = 1)"));
}

void tst_PgJsonPlanParser::acceptsPastedForms_data()
{
    QTest::addColumn<QString>("text");
    const QString json = QString::fromUtf8(smallPlan);
    QTest::newRow("plain") << json;
    QTest::newRow("psql aligned") << psqlAligned(json, false, false);
    QTest::newRow("psql border 2") << psqlAligned(json, true, false);
    QTest::newRow("psql unicode frame") << psqlAligned(json, true, true);
    QTest::newRow("psql unicode newline marks") << psqlAligned(json, true, true, u'↵');
    QTest::newRow("psql unicode, no border") << psqlAligned(json, false, true, u'↵');
    QTest::newRow("crlf") << QString(json).replace(u'\n', QStringLiteral("\r\n"));
    QTest::newRow("one line") << QString(json).replace(u'\n', u' ');
    // auto_explain logs one object with the query text instead of an array.
    QTest::newRow("auto_explain") << QStringLiteral(
        R"({"Query Text": "select 1", "Plan": {"Node Type": "Hash Join", "Plans": [{"Node Type": "Seq Scan"}, {"Node Type": "Hash"}]}})");
    QTest::newRow("auto_explain in a server log") << QStringLiteral(
        "2026-11-22 13:00:01.123 UTC [4242] LOG:  duration: 2.750 ms  plan:\n\t{\n\t  \"Query "
        "Text\": \"select 1\",\n"
        "\t  \"Plan\": {\"Node Type\": \"Hash Join\", \"Plans\": [{\"Node Type\": \"Seq Scan\"}, "
        "{\"Node Type\": \"Hash\"}]}\n\t}\n");
    QTest::newRow("auto_explain via psql") << psqlAligned(
        QStringLiteral(
            "{\n  \"Query Text\": \"select 1\",\n  \"Plan\": {\n    \"Node Type\": \"Hash "
            "Join\",\n    \"Plans\": [\n"
            "      {\"Node Type\": \"Seq Scan\"},\n      {\"Node Type\": \"Hash\"}\n    ]\n  }\n}"),
        false, false);
}

void tst_PgJsonPlanParser::acceptsPastedForms()
{
    QFETCH(QString, text);
    const Result<Plan> plan = PgJsonPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->nodeCount(), 3);
    QCOMPARE(plan->root().nodeType, QStringLiteral("Hash Join"));
    QCOMPARE(plan->node(2).nodeType, QStringLiteral("Hash"));
}

void tst_PgJsonPlanParser::rejectsWhatIsNotAPlan_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    const QString json = QString::fromUtf8(smallPlan);
    QTest::newRow("truncated") << json.left(json.size() / 2) << QStringLiteral("invalid JSON");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("random text") << QStringLiteral("hello, world")
                                 << QStringLiteral("invalid JSON");
    QTest::newRow("other document")
        << QStringLiteral(R"({"name": "strata", "version": 4})") << QStringLiteral("\"Plan\"");
    QTest::newRow("empty array") << QStringLiteral("[]") << QStringLiteral("no plan object");
    QTest::newRow("array of numbers")
        << QStringLiteral("[1, 2]") << QStringLiteral("no plan object");
    QTest::newRow("node without type")
        << QStringLiteral(R"({"Plan": {"Total Cost": 1}})") << QStringLiteral("Node Type");
    QTest::newRow("child not a node")
        << QStringLiteral(R"({"Plan": {"Node Type": "Limit", "Plans": [1]}})")
        << QStringLiteral("\"Plans\"");
    QTest::newRow("plan is a string")
        << QStringLiteral(R"([{"Plan": "Seq Scan"}])") << QStringLiteral("\"Plan\"");
}

void tst_PgJsonPlanParser::rejectsWhatIsNotAPlan()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    const Result<Plan> plan = PgJsonPlanParser::parse(text);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")),
             qPrintable(plan.error().message()));
    QVERIFY2(plan.error().message().contains(why), qPrintable(plan.error().message()));
    QCOMPARE(plan.error().code(), Error::Code::InvalidArgument);
}

void tst_PgJsonPlanParser::estimateOnlyPlanHasNoActuals()
{
    const Result<Plan> plan = PgJsonPlanParser::parse(QStringLiteral(
        R"([{"Plan": {"Node Type": "Seq Scan", "Relation Name": "t", "Startup Cost": 0.0, "Total Cost": 35.5, "Plan Rows": 2550, "Plan Width": 4}}])"));
    QVERIFY(plan.ok());
    QVERIFY(!plan->hasActuals());
    QVERIFY(!plan->root().actualRows);
    QVERIFY(!plan->root().actualTotalMs);
    QVERIFY(!plan->executionMs);
    QCOMPARE(*plan->root().estimatedRows, 2550.0);
}

void tst_PgJsonPlanParser::absurdFiguresStayOutOfFields()
{
    // Kept as given, but out of the fields the analysis adds up, so no sum can overflow.
    const Result<Plan> plan = PgJsonPlanParser::parse(QStringLiteral(
        R"J({"Plan": {"Node Type": "Gather", "Shared Hit Blocks": 1e20, "Workers Planned": 3000000000,
            "Plan Width": 1.5, "Hash Batches": "many", "Plan Rows": 12}})J"));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const PlanNode &n = plan->root();
    QVERIFY(!n.shared.hit);
    QVERIFY(!n.workersPlanned);
    QVERIFY(!n.width);
    QVERIFY(!n.hashBatches);
    QCOMPARE(*n.estimatedRows, 12.0);
    QCOMPARE(n.extraValue(QStringLiteral("Shared Hit Blocks")).toDouble(), 1e20);
    QCOMPARE(n.extraValue(QStringLiteral("Hash Batches")).toString(), QStringLiteral("many"));
    QCOMPARE(n.extra.size(), 4);
}

void tst_PgJsonPlanParser::settingsTriggersAndUnknownStatementKeysAreKept()
{
    const Result<Plan> plan = PgJsonPlanParser::parse(QStringLiteral(R"J([{
        "Plan": {"Node Type": "ModifyTable", "Operation": "Insert", "Actual Rows": 0, "Actual Loops": 1},
        "Settings": {"work_mem": "64MB", "jit": "off"},
        "Triggers": [{"Trigger Name": "t1", "Relation": "foo", "Time": 0.435, "Calls": 2}],
        "JIT": {"Functions": 3},
        "Planning": {"Shared Hit Blocks": 8},
        "Execution Time": 1.0}])J"));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->settings.size(), 2);
    QCOMPARE(plan->settings.first().name, QStringLiteral("jit"));
    QCOMPARE(plan->triggers.size(), 1);
    QCOMPARE(plan->triggers.first().name, QStringLiteral("t1"));
    QCOMPARE(*plan->triggers.first().timeMs, 0.435);
    QCOMPARE(*plan->triggers.first().calls, 2.0);
    QCOMPARE(plan->extra.size(), 2);
    QCOMPARE(plan->root().extraValue(QStringLiteral("Operation")).toString(),
             QStringLiteral("Insert"));
}

void tst_PgJsonPlanParser::corpusPlansKeepEveryProperty_data()
{
    if (!Test::addCorpusRows(
            Test::explainCorpusFiles(QStringLiteral("postgresql-json"), QStringLiteral(".json"))))
        QSKIP("the EXPLAIN corpora are not beside the source tree");
}

void tst_PgJsonPlanParser::corpusPlansKeepEveryProperty()
{
    QFETCH(QString, path);
    const Result<Plan> plan = PgJsonPlanParser::parse(Test::readCorpusFile(path));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const QList<QJsonObject> expected = jsonNodes(path);
    QCOMPARE(plan->nodeCount(), int(expected.size()));
    QCOMPARE(plan->root().nodeType, expected.first().value(QLatin1String("Node Type")).toString());
    for (int id = 0; id < plan->nodeCount(); ++id) {
        const QJsonObject ours = PgPlanKeys::toJson(plan->node(id));
        const QJsonObject &theirs = expected.at(id);
        for (auto it = theirs.constBegin(); it != theirs.constEnd(); ++it) {
            if (it.key() == QLatin1String("Plans"))
                continue;
            QVERIFY2(sameValue(ours.value(it.key()), it.value()),
                     qPrintable(QStringLiteral("node %1 lost \"%2\"").arg(id).arg(it.key())));
        }
        QCOMPARE(plan->node(id).childIds.size(),
                 theirs.value(QLatin1String("Plans")).toArray().size());
    }
}

void tst_PgJsonPlanParser::corpusFieldsAreRead_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("nodeCount");
    QTest::addColumn<int>("nodeId");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<double>("executionMs");
    QTest::newRow("pev plan1 sort") << "pev/plan1.json" << 11 << 1 << "sortMethod"
                                    << "top-N heapsort" << 1953.684;
    QTest::newRow("pev plan1 index") << "pev/plan1.json" << 11 << 7 << "index"
                                     << "alert_daily_summaries_org_id_alert_day_idx" << 1953.684;
    QTest::newRow("simple join relation")
        << "pev2/01_simple_join_analyze_buffers_verbose.json" << 5 << 1 << "relation"
        << "rel_users_exams" << 0.134;
    QTest::newRow("missing index hash batches")
        << "pev2/02_three_joins_missing_index.json" << 9 << 7 << "hashBatches"
        << "1" << 6.248;
    QTest::newRow("many ctes subplan") << "pev2/04_many_ctes.json" << 49 << 2 << "subplanName"
                                       << "CTE product_color_classifications" << 14.391;
    QTest::newRow("many ctes cte scan") << "pev2/04_many_ctes.json" << 49 << 7 << "cteName"
                                        << "catalog_variants" << 14.391;
    QTest::newRow("large plan (auto_explain form)")
        << "pev2/05_very_large_plan.json" << 72 << 4 << "relation"
        << "pg_class" << -1.0;
    QTest::newRow("parallel workers")
        << "pev2/06_parallel_verbose.json" << 4 << 1 << "workersLaunched"
        << "2" << 486.495;
    QTest::newRow("external sort")
        << "pev2/07_actual_duration_parallel_spec.json" << 3 << 1 << "sortMethod"
        << "external merge" << 4225.445;
    QTest::newRow("insert relation")
        << "pev2/08_insert_modifytable_spec.json" << 2 << 0 << "relation"
        << "foo" << 0.824;
    QTest::newRow("flame cte filter removed")
        << "pg_flame/cte.json" << 45 << 0 << "rowsRemovedByFilter"
        << "0" << 756.376;
    QTest::newRow("flame plan filter removed")
        << "pg_flame/plan.json" << 6 << 1 << "rowsRemovedByFilter"
        << "4758" << 48.942;
}

void tst_PgJsonPlanParser::corpusFieldsAreRead()
{
    QFETCH(QString, file);
    QFETCH(int, nodeCount);
    QFETCH(int, nodeId);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(double, executionMs);
    const QString path = Test::explainCorpusDir(QStringLiteral("postgresql-json/") + file);
    if (!QFile::exists(path))
        QSKIP("the EXPLAIN corpora are not beside the source tree");
    const Result<Plan> plan = PgJsonPlanParser::parse(Test::readCorpusFile(path));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->nodeCount(), nodeCount);
    const PlanNode &n = plan->node(nodeId);
    const QHash<QString, QString> fields{
        {QStringLiteral("sortMethod"), n.sortMethod},
        {QStringLiteral("index"), n.index},
        {QStringLiteral("relation"), n.relation},
        {QStringLiteral("subplanName"), n.subplanName},
        {QStringLiteral("cteName"), n.cteName},
        {QStringLiteral("hashBatches"),
         n.hashBatches ? QString::number(*n.hashBatches) : QString()},
        {QStringLiteral("workersLaunched"),
         n.workersLaunched ? QString::number(*n.workersLaunched) : QString()},
        {QStringLiteral("rowsRemovedByFilter"),
         n.rowsRemovedByFilter ? QString::number(*n.rowsRemovedByFilter) : QString()},
    };
    QCOMPARE(fields.value(field), value);
    if (executionMs < 0)
        QVERIFY(!plan->executionMs);
    else
        QCOMPARE(*plan->executionMs, executionMs);
}

QTEST_GUILESS_MAIN(tst_PgJsonPlanParser)
#include "tst_pgjsonplanparser.moc"
