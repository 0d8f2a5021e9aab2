// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plananalysis.h"
#include "mysqljsonplanparser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include "../planfixture.h"

#include <cmath>

using namespace Strata;
using Strata::MySql::Internal::MySqlJsonPlanParser;

namespace {

QString dataDir()
{
    return Test::planFixtureDir("mysqljsonplanparser");
}

QString fixture(const QString &name)
{
    return Test::planFixture("mysqljsonplanparser", name);
}

Plan parsed(const QString &name)
{
    const Result<Plan> plan = MySqlJsonPlanParser::parse(fixture(name));
    if (!plan.ok())
        qWarning("%s: %s", qPrintable(name), qPrintable(plan.error().message()));
    return plan.ok() ? plan.value() : Plan();
}

QString compact(const QJsonValue &v)
{
    const QByteArray json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

// Every "key=value" of the document's scalar (and scalar-list) properties, at any depth.
void scalarProperties(const QJsonValue &value, const QString &key, QSet<QString> &out)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            scalarProperties(it.value(), it.key(), out);
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        bool scalars = true;
        for (const QJsonValue &v : a)
            scalars = scalars && !v.isObject() && !v.isArray();
        if (scalars) {
            out.insert(key + u'=' + compact(value));
            return;
        }
        for (const QJsonValue &v : a)
            scalarProperties(v, key, out);
    } else {
        out.insert(key + u'=' + compact(value));
    }
}

// The same for what the plan kept: extras, plus the keys the parser turned into fields.
QSet<QString> planProperties(const Plan &plan)
{
    QSet<QString> out;
    for (const PlanNode::Property &p : plan.extra)
        scalarProperties(p.value, p.key, out);
    for (const PlanNode &n : plan.nodes) {
        for (const PlanNode::Property &p : n.extra)
            scalarProperties(p.value, p.key, out);
        auto text = [&out](const char *k, const QString &v) {
            if (!v.isEmpty())
                out.insert(QLatin1String(k) + u'=' + compact(v));
        };
        auto real = [&out](const char *k, const std::optional<double> &v) {
            if (v)
                out.insert(QLatin1String(k) + u'=' + compact(*v));
        };
        text("table_name", n.relation);
        text("key", n.index);
        text("attached_condition", n.filter);
        text("attached_condition", n.joinFilter);
        text("index_condition", n.indexCond);
        real("rows", n.estimatedRows);
        real("rows_examined_per_scan", n.estimatedRows);
        real("r_rows", n.actualRows);
        real("r_loops", n.actualLoops);
    }
    return out;
}

QStringList fixtures(const QString &prefix)
{
    QStringList names = QDir(dataDir()).entryList({prefix + QStringLiteral("*.json")}, QDir::Files);
    names.sort();
    return names;
}

QString typesOf(const Plan &plan)
{
    QStringList types;
    for (const PlanNode &n : plan.nodes)
        types << QString(n.depth * 2, u' ') + n.nodeType +
                     (n.relation.isEmpty() ? QString() : QStringLiteral(" ") + n.relation);
    return types.join(u'\n');
}

} // namespace

class tst_MySqlJsonPlanParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFixtureKeepsEveryProperty_data();
    void everyFixtureKeepsEveryProperty();
    void exclusiveTimesAddUpToTheStatement_data();
    void exclusiveTimesAddUpToTheStatement();
    void treeReadsLikePostgres_data();
    void treeReadsLikePostgres();
    void mariaDbAnalyzeFiguresAreRead();
    void joinBufferBecomesTheJoinNode_data();
    void joinBufferBecomesTheJoinNode();
    void mySql8CostsAndEstimatesAreRead();
    void filesortBufferAndPassesAreRead();
    void accessTypesAreNamed_data();
    void accessTypesAreNamed();
    void acceptsClientForms_data();
    void acceptsClientForms();
    void rejectsWhatIsNotAPlan_data();
    void rejectsWhatIsNotAPlan();
    void hostileNamesStayVerbatim();
    void deepNestingIsRefusedNotCrashed();
    void mariaDbUnescapedQuotesAreRepaired();
    void neverExecutedTableIsMarked();
};

void tst_MySqlJsonPlanParser::everyFixtureKeepsEveryProperty_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : fixtures(QString()))
        QTest::newRow(qPrintable(name)) << name;
}

void tst_MySqlJsonPlanParser::everyFixtureKeepsEveryProperty()
{
    QFETCH(QString, name);
    const QString text = fixture(name);
    const Result<Plan> plan = MySqlJsonPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->engine, QStringLiteral("mysql"));
    QCOMPARE(plan->sourceFormat, QStringLiteral("json"));
    QSet<QString> source;
    scalarProperties(QJsonDocument::fromJson(text.toUtf8()).object(), QString(), source);
    const QSet<QString> kept = planProperties(*plan);
    for (const QString &property : source)
        QVERIFY2(kept.contains(property), qPrintable(QStringLiteral("lost %1").arg(property)));
    // Parents come before their children and every child knows its parent.
    for (const PlanNode &n : plan->nodes) {
        QVERIFY(!n.nodeType.isEmpty());
        for (int child : n.childIds) {
            QVERIFY(child > n.id);
            QCOMPARE(plan->node(child).parentId, n.id);
        }
    }
}

void tst_MySqlJsonPlanParser::exclusiveTimesAddUpToTheStatement_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : fixtures(QStringLiteral("mariadb-analyze")))
        QTest::newRow(qPrintable(name)) << name;
}

void tst_MySqlJsonPlanParser::exclusiveTimesAddUpToTheStatement()
{
    QFETCH(QString, name);
    const Plan plan = parsed(name);
    QVERIFY(!plan.isEmpty());
    QVERIFY(plan.hasActuals());
    QVERIFY(plan.executionMs);
    QVERIFY(plan.planningMs);
    const PlanAnalysis analysis = PlanAnalysis::analyze(plan);
    QVERIFY(analysis.totalMs());
    QVERIFY2(
        std::abs(*analysis.totalMs() - *plan.executionMs) < 0.001,
        qPrintable(QStringLiteral("%1 vs %2").arg(*analysis.totalMs()).arg(*plan.executionMs)));
    for (int id = 0; id < plan.nodeCount(); ++id)
        QVERIFY(analysis.metrics(id).exclusiveMs.value_or(0) >= 0);
}

void tst_MySqlJsonPlanParser::treeReadsLikePostgres_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("tree");
    QTest::newRow("group and order") << "mariadb-analyze-group-order.json"
                                     << "Query Block\n"
                                        "  Filesort\n"
                                        "    Temporary Table\n"
                                        "      Nested Loop\n"
                                        "        Full Table Scan c\n"
                                        "        Non-Unique Key Lookup o";
    QTest::newRow("three tables left-deep") << "mariadb-explain-semijoin.json"
                                            << "Query Block\n"
                                               "  Filesort\n"
                                               "    Temporary Table\n"
                                               "      Nested Loop\n"
                                               "        Nested Loop\n"
                                               "          Full Table Scan c\n"
                                               "          Non-Unique Key Lookup o\n"
                                               "        Unique Key Lookup orders";
    QTest::newRow("dependent subquery") << "mariadb-analyze-dependent-subquery.json"
                                        << "Query Block\n"
                                           "  Index Range Scan o\n"
                                           "  Expression Cache\n"
                                           "    Query Block\n"
                                           "      Non-Unique Key Lookup o2";
    QTest::newRow("union and derived") << "mariadb-analyze-union-derived.json"
                                       << "Query Block\n"
                                          "  Union Result <union1,3>\n"
                                          "    Query Block\n"
                                          "      Nested Loop\n"
                                          "        Full Table Scan c\n"
                                          "        Non-Unique Key Lookup <derived2>\n"
                                          "          Query Block\n"
                                          "            Filesort\n"
                                          "              Temporary Table\n"
                                          "                Full Index Scan orders\n"
                                          "    Query Block\n"
                                          "      No tables used";
    QTest::newRow("mysql 5.7 union and derived") << "mysql57-union-derived.json"
                                                 << "Query Block\n"
                                                    "  Union Result <union1,3>\n"
                                                    "    Query Block\n"
                                                    "      Full Table Scan d\n"
                                                    "        Query Block\n"
                                                    "          Grouping\n"
                                                    "            Full Index Scan orders\n"
                                                    "    Query Block";
    QTest::newRow("window") << "mariadb-analyze-window.json"
                            << "Query Block\n"
                               "  Window Functions\n"
                               "    Filesort\n"
                               "    Temporary Table\n"
                               "      Index Range Scan orders";
}

void tst_MySqlJsonPlanParser::treeReadsLikePostgres()
{
    QFETCH(QString, name);
    QFETCH(QString, tree);
    QCOMPARE(typesOf(parsed(name)), tree);
}

void tst_MySqlJsonPlanParser::mariaDbAnalyzeFiguresAreRead()
{
    const Plan plan = parsed(QStringLiteral("mariadb-analyze-group-order.json"));
    QCOMPARE(plan.nodeCount(), 6);
    const PlanNode &c = plan.node(4);
    QCOMPARE(c.relation, QStringLiteral("c"));
    QCOMPARE(c.filter, QStringLiteral("c.country = 'DE'"));
    QCOMPARE(*c.estimatedRows, 500.0);
    QCOMPARE(*c.actualRows, 500.0);
    QCOMPARE(*c.actualLoops, 1.0);
    QCOMPARE(*c.rowsRemovedByFilter, 500.0 * (100 - 33.2) / 100);
    QCOMPARE(c.relationship, PlanNode::Relationship::Outer);
    QVERIFY(std::abs(*c.actualTotalMs - (0.154771102 + 0.064948946)) < 1e-9);
    const PlanNode &o = plan.node(5);
    QCOMPARE(o.index, QStringLiteral("idx_cust"));
    QCOMPARE(o.relationship, PlanNode::Relationship::Inner);
    QCOMPARE(*o.actualLoops, 166.0);
    QCOMPARE(*o.actualRows, 40.0);
    // Per loop: the total over 166 loops divided by them.
    QVERIFY(std::abs(*o.actualTotalMs * 166 - (18.17550292 + 0.296494291)) < 1e-9);
    QCOMPARE(o.extraValue(QStringLiteral("r_engine_stats"))
                 .toObject()
                 .value(QLatin1String("pages_accessed"))
                 .toInt(),
             13623);
    const PlanNode &join = plan.node(3);
    QCOMPARE(join.nodeType, QStringLiteral("Nested Loop"));
    QCOMPARE(*join.estimatedRows, 500.0 * 19);
    QVERIFY(std::abs(*join.actualRows - 166 * 40 * 1.807228916 / 100) < 1e-6);
    QCOMPARE(*plan.executionMs, 18.80407763);
    QCOMPARE(*plan.planningMs, 0.827410082);
    QCOMPARE(plan.root().subplanName, QStringLiteral("Select #1"));
}

void tst_MySqlJsonPlanParser::joinBufferBecomesTheJoinNode_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("inner");
    QTest::addColumn<double>("rows");
    QTest::newRow("block nested loop") << "mariadb-analyze-bnl-join.json"
                                       << "Block Nested Loop"
                                       << "Full Table Scan" << 166 * 20000 * 0.001;
    QTest::newRow("hash join") << "mariadb-analyze-hash-join.json"
                               << "Hash Join"
                               << "Full Table Scan (hash join)" << 20000 * 0.166;
    QTest::newRow("mysql 8 hash join") << "mysql8-hash-join-dependent-subquery.json"
                                       << "Hash Join"
                                       << "Full Table Scan" << -1.0;
}

void tst_MySqlJsonPlanParser::joinBufferBecomesTheJoinNode()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(QString, inner);
    QFETCH(double, rows);
    const Plan plan = parsed(name);
    QVERIFY(plan.nodeCount() >= 4);
    const PlanNode &join = plan.node(1);
    QCOMPARE(join.nodeType, type);
    QCOMPARE(join.childIds.size(), 2);
    QCOMPARE(plan.node(join.childIds.at(1)).nodeType, inner);
    if (rows < 0) {
        QVERIFY(!join.actualRows);
        return;
    }
    QVERIFY(!join.joinFilter.isEmpty());
    QVERIFY(std::abs(*join.actualRows - rows) < 1e-6);
    // The join buffer's own time stays on the join.
    const PlanAnalysis analysis = PlanAnalysis::analyze(plan);
    QVERIFY(*analysis.metrics(join.id).exclusiveMs > 0);
}

void tst_MySqlJsonPlanParser::mySql8CostsAndEstimatesAreRead()
{
    const Plan plan = parsed(QStringLiteral("mysql8-join-group-order.json"));
    QCOMPARE(typesOf(plan), QStringLiteral("Query Block\n"
                                           "  Filesort\n"
                                           "    Grouping\n"
                                           "      Nested Loop\n"
                                           "        Full Table Scan c\n"
                                           "        Non-Unique Key Lookup o"));
    QVERIFY(!plan.hasActuals());
    QCOMPARE(*plan.root().totalCost, 751.25);
    QCOMPARE(*plan.node(4).estimatedRows, 500.0);
    QCOMPARE(*plan.node(4).totalCost, 51.25);
    QCOMPARE(*plan.node(3).estimatedRows, 200.0); // rows_produced_per_join of the inner table
    QCOMPARE(*plan.node(3).totalCost, 751.25);
    QCOMPARE(plan.node(2).extraValue(QStringLiteral("using_temporary_table")).toBool(), true);
    QCOMPARE(plan.node(5).filter, QStringLiteral("(`shop`.`o`.`status` = 'open')"));
    const PlanAnalysis analysis = PlanAnalysis::analyze(plan);
    QVERIFY(!analysis.totalMs());

    const Plan sub = parsed(QStringLiteral("mysql8-hash-join-dependent-subquery.json"));
    const PlanNode &block = sub.node(4);
    QCOMPARE(block.nodeType, QStringLiteral("Query Block"));
    QCOMPARE(block.relationship, PlanNode::Relationship::SubPlan);
    QCOMPARE(block.subplanName, QStringLiteral("Select #2"));
    QCOMPARE(block.extraValue(QStringLiteral("dependent")).toBool(), true);
    QCOMPARE(sub.node(block.parentId).relation, QStringLiteral("o"));
}

void tst_MySqlJsonPlanParser::filesortBufferAndPassesAreRead()
{
    const Plan spill = parsed(QStringLiteral("mariadb-analyze-filesort-passes.json"));
    QCOMPARE(typesOf(spill), QStringLiteral("Query Block\n"
                                            "  Read Sorted File\n"
                                            "    Filesort\n"
                                            "      Full Table Scan orders"));
    QCOMPARE(*spill.node(2).sortSpaceUsedKb, qint64(31));
    QCOMPARE(spill.node(2).sortSpaceType, QStringLiteral("Disk"));
    // The filesort read its table itself: its time includes the table's, not on top of it.
    const PlanAnalysis analysis = PlanAnalysis::analyze(spill);
    QVERIFY(*analysis.metrics(2).inclusiveMs < *spill.executionMs);
    const Plan memory = parsed(QStringLiteral("mariadb-analyze-group-order.json"));
    QCOMPARE(*memory.node(1).sortSpaceUsedKb, qint64(1)); // "480" bytes
    QCOMPARE(memory.node(1).sortSpaceType, QStringLiteral("Memory"));
}

void tst_MySqlJsonPlanParser::accessTypesAreNamed_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("name");
    QTest::newRow("ALL") << "ALL"
                         << "Full Table Scan";
    QTest::newRow("index") << "index"
                           << "Full Index Scan";
    QTest::newRow("range") << "range"
                           << "Index Range Scan";
    QTest::newRow("ref") << "ref"
                         << "Non-Unique Key Lookup";
    QTest::newRow("eq_ref") << "eq_ref"
                            << "Unique Key Lookup";
    QTest::newRow("const") << "const"
                           << "Single Row (constant)";
    QTest::newRow("hash_ALL") << "hash_ALL"
                              << "Full Table Scan (hash join)";
    QTest::newRow("unknown") << "future_type"
                             << "future_type";
}

void tst_MySqlJsonPlanParser::accessTypesAreNamed()
{
    QFETCH(QString, type);
    QFETCH(QString, name);
    QCOMPARE(MySqlJsonPlanParser::accessTypeName(type), name);
}

void tst_MySqlJsonPlanParser::acceptsClientForms_data()
{
    const QString json = QStringLiteral("{\n  \"query_block\": {\n    \"select_id\": 1,\n"
                                        "    \"table\": {\n      \"message\": \"No tables used\"\n"
                                        "    }\n  }\n}");
    QString escaped = json;
    escaped.replace(u'\n', QStringLiteral("\\n"));
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << json;
    QTest::newRow("strata grid, header line") << QStringLiteral("EXPLAIN\n") + json;
    QTest::newRow("table form")
        << QStringLiteral("+--------------+\n| EXPLAIN      |\n+--------------+\n| ") + json +
               QStringLiteral(" |\n+--------------+\n1 row in set (0.001 sec)\n");
    QTest::newRow("vertical form")
        << QStringLiteral("*************************** 1. row ***************************\n"
                          "EXPLAIN: ") +
               json + QStringLiteral("\n1 row in set (0.000 sec)\n");
    QTest::newRow("batch form") << QStringLiteral("EXPLAIN\n") + escaped + u'\n';
    QTest::newRow("analyze header, crlf")
        << QStringLiteral("ANALYZE\r\n") + QString(json).replace(u'\n', QStringLiteral("\r\n"));
}

void tst_MySqlJsonPlanParser::acceptsClientForms()
{
    QFETCH(QString, text);
    QVERIFY(MySqlJsonPlanParser::looksLikeJson(text) || text.startsWith(QLatin1String("+")) ||
            text.startsWith(u'*'));
    const Result<Plan> plan = MySqlJsonPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(typesOf(*plan), QStringLiteral("Query Block\n  No tables used"));
}

void tst_MySqlJsonPlanParser::rejectsWhatIsNotAPlan_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "  \n";
    QTest::newRow("truncated")
        << fixture(QStringLiteral("mariadb-analyze-group-order.json")).left(300);
    QTest::newRow("postgres plan") << "[{\"Plan\": {\"Node Type\": \"Result\"}}]";
    QTest::newRow("other json") << "{\"name\": \"strata\", \"version\": 1}";
    QTest::newRow("query_block not an object") << "{\"query_block\": [1, 2]}";
    QTest::newRow("random text") << "the quick brown fox";
    QTest::newRow("mysql json format version 2")
        << "{\"query\": \"select 1\", \"operation\": \"Rows fetched before execution\", "
           "\"inputs\": [], \"json_schema_version\": \"2.0\"}";
}

void tst_MySqlJsonPlanParser::rejectsWhatIsNotAPlan()
{
    QFETCH(QString, text);
    const Result<Plan> plan = MySqlJsonPlanParser::parse(text);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")),
             qPrintable(plan.error().message()));
}

void tst_MySqlJsonPlanParser::hostileNamesStayVerbatim()
{
    const QString name = QStringLiteral("x'; DROP TABLE t; -- a\"b <b>таблица</b>");
    QJsonObject table{{QStringLiteral("table_name"), name},
                      {QStringLiteral("access_type"), QStringLiteral("ALL")},
                      {QStringLiteral("key"), QStringLiteral("ind ex`")},
                      {QStringLiteral("attached_condition"), QStringLiteral("`a\"b` = '<i>'")}};
    const QJsonObject doc{
        {QStringLiteral("query_block"),
         QJsonObject{{QStringLiteral("select_id"), 1}, {QStringLiteral("table"), table}}}};
    const Result<Plan> plan = MySqlJsonPlanParser::parse(
        QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->node(1).relation, name);
    QCOMPARE(plan->node(1).index, QStringLiteral("ind ex`"));
    QCOMPARE(plan->node(1).filter, QStringLiteral("`a\"b` = '<i>'"));
}

void tst_MySqlJsonPlanParser::deepNestingIsRefusedNotCrashed()
{
    QString text;
    for (int i = 0; i < 600; ++i)
        text += QStringLiteral("{\"query_block\": {\"select_id\": 1, \"materialized\": ");
    text += QStringLiteral("{}");
    for (int i = 0; i < 600; ++i)
        text += QStringLiteral("}}");
    const Result<Plan> plan = MySqlJsonPlanParser::parse(text);
    QVERIFY(!plan.ok());
    QVERIFY(plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")));
}

void tst_MySqlJsonPlanParser::mariaDbUnescapedQuotesAreRepaired()
{
    // MariaDB 10.11 writes `order "lines"` into its JSON as "order "lines"" (see the fixture).
    const QString text = fixture(QStringLiteral("mariadb-explain-unescaped-quotes.txt"));
    QVERIFY(QJsonDocument::fromJson(text.toUtf8()).isNull());
    const Result<Plan> plan = MySqlJsonPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->node(3).relation, QStringLiteral("order \"lines\""));
    QCOMPARE(plan->node(3).filter, QStringLiteral("`order \"lines\"`.`id` < 10"));
    QCOMPARE(plan->nodeCount(), 6);
}

void tst_MySqlJsonPlanParser::neverExecutedTableIsMarked()
{
    // No customer is in country 'XX': the orders lookup never ran (r_loops 0, r_rows null).
    const Plan plan = parsed(QStringLiteral("mariadb-analyze-never-executed.json"));
    QCOMPARE(plan.nodeCount(), 4);
    const PlanNode &orders = plan.node(3);
    QCOMPARE(orders.relation, QStringLiteral("o"));
    QVERIFY(orders.neverExecuted);
    QVERIFY(!orders.actualRows);
    QVERIFY(orders.extraValue(QStringLiteral("r_rows")).isNull());
    QCOMPARE(*plan.node(1).actualRows, 0.0);
    const PlanAnalysis analysis = PlanAnalysis::analyze(plan);
    QCOMPARE(*analysis.metrics(3).inclusiveMs, 0.0);
    QVERIFY(!analysis.metrics(3).estimateFactor);
}

QTEST_GUILESS_MAIN(tst_MySqlJsonPlanParser)
#include "tst_mysqljsonplanparser.moc"
