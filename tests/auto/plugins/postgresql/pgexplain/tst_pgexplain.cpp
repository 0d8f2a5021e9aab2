// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtestsupport.h"

#include "explain/planfindings.h"
#include "pgdialect.h"
#include "pgexplain.h"
#include "postgresengine.h"

#include <QTest>

using namespace Strata;
using namespace Strata::Postgres;
using Strata::Postgres::Internal::PgExplain;
using Strata::Postgres::Internal::PgSession;

class tst_PgExplain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void statementCarriesTheOptions_data();
    void statementCarriesTheOptions();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
    void dataChangingStatementsAreRecognised_data();
    void dataChangingStatementsAreRecognised();
    void formatIsDetected_data();
    void formatIsDetected();
    void engineOffersTheCapability();

    void serverPlanParsesWithEveryOption_data();
    void serverPlanParsesWithEveryOption();
    void serverTextPlanMatchesItsJsonPlan();
    void serverPlanShowsTheMissingIndex();

private:
    QString query(const QString &sql);
    PgSession m_session;
    PgExplain m_explain;
    // A hostile table name: quotes, spaces, Cyrillic.
    const QString m_table = QStringLiteral("tst_pgexplain a\"b таблица");
    QString m_quoted;
};

void tst_PgExplain::initTestCase()
{
    m_quoted = Internal::PgDialect().quoteIdentifier(m_table);
}

void tst_PgExplain::cleanupTestCase()
{
    if (m_session.isOpen())
        (void)PgTest::run(m_session, QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_quoted));
}

QString tst_PgExplain::query(const QString &sql)
{
    return PgTest::scalar(m_session, sql);
}

void tst_PgExplain::statementCarriesTheOptions_data()
{
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<bool>("buffers");
    QTest::addColumn<bool>("verbose");
    QTest::addColumn<bool>("settings");
    QTest::addColumn<bool>("wal");
    QTest::addColumn<bool>("timing");
    QTest::addColumn<QString>("expected");
    QTest::newRow("estimate") << false << false << false << false << false << true
                              << "EXPLAIN (FORMAT JSON, SUMMARY TRUE) SELECT 1";
    QTest::newRow("analyze") << true << false << false << false << false << true
                             << "EXPLAIN (FORMAT JSON, ANALYZE, SUMMARY TRUE) SELECT 1";
    QTest::newRow("everything")
        << true << true << true << true << true << false
        << "EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS, VERBOSE, SETTINGS, WAL, TIMING FALSE, "
           "SUMMARY TRUE) SELECT 1";
}

void tst_PgExplain::statementCarriesTheOptions()
{
    QFETCH(bool, analyze);
    QFETCH(bool, buffers);
    QFETCH(bool, verbose);
    QFETCH(bool, settings);
    QFETCH(bool, wal);
    QFETCH(bool, timing);
    QFETCH(QString, expected);
    IExplain::Options o;
    o.analyze = analyze;
    o.buffers = buffers;
    o.verbose = verbose;
    o.settings = settings;
    o.wal = wal;
    o.timing = timing;
    const Result<QString> sql = m_explain.explainStatement(QStringLiteral("  SELECT 1;  "), o);
    QVERIFY2(sql.ok(), qPrintable(sql.error().message()));
    QCOMPARE(*sql, expected);
}

void tst_PgExplain::badRequestsAreRefused_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<bool>("wal");
    QTest::addColumn<bool>("timing");
    QTest::newRow("empty") << "  -- nothing\n" << false << false << true;
    QTest::newRow("two statements") << "SELECT 1; SELECT 2" << false << false << true;
    QTest::newRow("wal without analyze") << "SELECT 1" << false << true << true;
    QTest::newRow("timing off without analyze") << "SELECT 1" << false << false << false;
    QTest::newRow("explain of explain") << "explain select 1" << false << false << true;
}

void tst_PgExplain::badRequestsAreRefused()
{
    QFETCH(QString, sql);
    QFETCH(bool, analyze);
    QFETCH(bool, wal);
    QFETCH(bool, timing);
    IExplain::Options o;
    o.analyze = analyze;
    o.wal = wal;
    o.timing = timing;
    const Result<QString> statement = m_explain.explainStatement(sql, o);
    QVERIFY(!statement.ok());
    QCOMPARE(statement.error().code(), Error::Code::InvalidArgument);
    QVERIFY(!statement.error().message().isEmpty());
}

void tst_PgExplain::dataChangingStatementsAreRecognised_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("changes");
    QTest::newRow("select") << "SELECT * FROM t" << false;
    QTest::newRow("select for update") << "SELECT * FROM t FOR UPDATE" << false;
    QTest::newRow("insert") << "INSERT INTO t VALUES (1)" << true;
    QTest::newRow("update") << "update t set a = 1" << true;
    QTest::newRow("delete") << "DELETE FROM t" << true;
    QTest::newRow("merge") << "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DO NOTHING"
                           << true;
    QTest::newRow("modifying cte")
        << "WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d" << true;
    QTest::newRow("keyword in a string") << "SELECT 'delete me' FROM t" << false;
    QTest::newRow("keyword in a name") << "SELECT \"update\" FROM t" << false;
    QTest::newRow("keyword in a comment") << "SELECT 1 -- then UPDATE t\n" << false;
    QTest::newRow("select into") << "SELECT * INTO copy FROM t" << true;
}

void tst_PgExplain::dataChangingStatementsAreRecognised()
{
    QFETCH(QString, sql);
    QFETCH(bool, changes);
    QCOMPARE(m_explain.changesData(sql), changes);
}

void tst_PgExplain::formatIsDetected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("format");
    QTest::newRow("json") << R"([{"Plan": {"Node Type": "Result"}}])"
                          << "json";
    QTest::newRow("json via psql") << " QUERY PLAN\n------\n [         +\n {\"Plan\": {\"Node "
                                      "Type\": \"Result\"}}+\n ]\n(1 row)\n"
                                   << "json";
    QTest::newRow("text") << "Result  (cost=0.00..0.01 rows=1 width=4)"
                          << "text";
    QTest::newRow("auto_explain log, json")
        << "LOG:  duration: 0.1 ms  plan:\n{\"Query Text\": \"select 1\",\n"
           "\"Plan\": {\"Node Type\": \"Result\"}}\n"
        << "json";
    QTest::newRow("auto_explain log, text")
        << "LOG:  duration: 0.1 ms  plan:\nQuery Text: select 1\n"
           "Result  (cost=0.00..0.01 rows=1 width=4)\n"
        << "text";
}

void tst_PgExplain::formatIsDetected()
{
    QFETCH(QString, text);
    QFETCH(QString, format);
    const Result<Plan> plan = m_explain.parsePlan(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->sourceFormat, format);
    QCOMPARE(plan->root().nodeType, QStringLiteral("Result"));
    QVERIFY(!m_explain.parsePlan(QStringLiteral("{\"Plan\": ")).ok());
    QVERIFY(m_explain.parsePlan(QStringLiteral("{\"Plan\": "))
                .error()
                .message()
                .startsWith(QLatin1String("not an EXPLAIN plan: ")));
}

void tst_PgExplain::engineOffersTheCapability()
{
    PostgresEngine engine;
    QObject *object = &engine;
    IExplain *explain = qobject_cast<IExplain *>(object);
    QVERIFY(explain);
    const Result<Plan> plan =
        explain->parsePlan(QStringLiteral("Result  (cost=0.00..0.01 rows=1 width=4)"));
    QVERIFY(plan.ok());
    QVERIFY(explain->changesData(QStringLiteral("DELETE FROM t")));
    QVERIFY(explain->explainStatement(QStringLiteral("SELECT 1"), {}).ok());
    QStringList kinds;
    for (const PlanRule &rule : explain->planRules())
        kinds.append(rule.kind);
    QVERIFY(kinds.contains(QStringLiteral("seq-scan-filter")));
    QVERIFY(kinds.contains(QStringLiteral("workers-not-launched")));
}

void tst_PgExplain::serverPlanParsesWithEveryOption_data()
{
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<bool>("buffers");
    QTest::addColumn<bool>("verbose");
    QTest::addColumn<bool>("settings");
    QTest::addColumn<bool>("timing");
    QTest::newRow("estimate") << false << false << false << false << true;
    QTest::newRow("analyze") << true << false << false << false << true;
    QTest::newRow("analyze buffers verbose settings") << true << true << true << true << true;
    QTest::newRow("analyze without timing") << true << true << false << false << false;
}

void tst_PgExplain::serverPlanParsesWithEveryOption()
{
    QFETCH(bool, analyze);
    QFETCH(bool, buffers);
    QFETCH(bool, verbose);
    QFETCH(bool, settings);
    QFETCH(bool, timing);
    STRATA_REQUIRE_PG();
    if (!m_session.isOpen()) {
        const Result<void> opened = m_session.open(PgTest::settings());
        QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
        QCOMPARE(query(QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_quoted)),
                 QStringLiteral("NO ROWS"));
        QCOMPARE(
            query(QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, status text, note text)")
                      .arg(m_quoted)),
            QStringLiteral("NO ROWS"));
        QCOMPARE(query(QStringLiteral("INSERT INTO %1 SELECT g, CASE WHEN g % 1000 = 0 THEN 'rare' "
                                      "ELSE 'common' END, "
                                      "'x' FROM generate_series(1, 20000) g")
                           .arg(m_quoted)),
                 QStringLiteral("NO ROWS"));
        QCOMPARE(query(QStringLiteral("ANALYZE %1").arg(m_quoted)), QStringLiteral("NO ROWS"));
    }
    IExplain::Options o;
    o.analyze = analyze;
    o.buffers = buffers;
    o.verbose = verbose;
    o.settings = settings;
    o.timing = timing;
    const Result<QString> sql = m_explain.explainStatement(
        QStringLiteral("SELECT count(*) FROM %1 t WHERE t.status = 'rare'").arg(m_quoted), o);
    QVERIFY(sql.ok());
    const QString json = query(*sql);
    QVERIFY2(!json.startsWith(QLatin1String("ERROR")), qPrintable(json));
    const Result<Plan> plan = m_explain.parsePlan(json);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QVERIFY(plan->nodeCount() >= 2);
    bool sawTable = false;
    for (const PlanNode &n : plan->nodes)
        sawTable = sawTable || n.relation == m_table;
    QVERIFY(sawTable);
    QCOMPARE(plan->hasActuals(), analyze);
    QCOMPARE(plan->executionMs.has_value(), analyze);
    QVERIFY(plan->planningMs.has_value());
    QCOMPARE(plan->root().actualTotalMs.has_value(), analyze && timing);
    QCOMPARE(plan->root().actualRows.has_value(), analyze);
    if (analyze && buffers)
        QVERIFY(plan->root().hasBuffers());
}

void tst_PgExplain::serverTextPlanMatchesItsJsonPlan()
{
    STRATA_REQUIRE_PG();
    QVERIFY(m_session.isOpen());
    const QString select =
        QStringLiteral("SELECT status, count(*) FROM %1 GROUP BY status ORDER BY 2").arg(m_quoted);
    const Result<QList<ResultSet>> text =
        PgTest::run(m_session, QStringLiteral("EXPLAIN (ANALYZE, BUFFERS) ") + select);
    QVERIFY(text.ok());
    QStringList lines;
    for (int row = 0; row < text->last().rowCount(); ++row)
        lines.append(text->last().text(row, 0));
    const Result<Plan> fromText = m_explain.parsePlan(lines.join(u'\n'));
    QVERIFY2(fromText.ok(), qPrintable(fromText.error().message()));
    QCOMPARE(fromText->sourceFormat, QStringLiteral("text"));
    IExplain::Options o;
    o.analyze = true;
    o.buffers = true;
    const Result<Plan> fromJson =
        m_explain.parsePlan(query(*m_explain.explainStatement(select, o)));
    QVERIFY(fromJson.ok());
    QCOMPARE(fromText->nodeCount(), fromJson->nodeCount());
    for (int i = 0; i < fromJson->nodeCount(); ++i) {
        QCOMPARE(fromText->node(i).nodeType, fromJson->node(i).nodeType);
        QCOMPARE(fromText->node(i).relation, fromJson->node(i).relation);
        QCOMPARE(fromText->node(i).estimatedRows, fromJson->node(i).estimatedRows);
        QCOMPARE(fromText->node(i).actualRows, fromJson->node(i).actualRows);
    }
}

void tst_PgExplain::serverPlanShowsTheMissingIndex()
{
    STRATA_REQUIRE_PG();
    QVERIFY(m_session.isOpen());
    IExplain::Options o;
    o.analyze = true;
    // Keep the scan in one process so the filter sees all 20,000 rows.
    QCOMPARE(query(QStringLiteral("SET max_parallel_workers_per_gather = 0")),
             QStringLiteral("NO ROWS"));
    const QString json = query(*m_explain.explainStatement(
        QStringLiteral("SELECT * FROM %1 WHERE status = 'rare'").arg(m_quoted), o));
    (void)query(QStringLiteral("RESET max_parallel_workers_per_gather"));
    const Result<Plan> plan = m_explain.parsePlan(json);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const QList<PlanFinding> findings =
        PlanFindings::find(*plan, PlanAnalysis::analyze(*plan), m_explain.planRules());
    QVERIFY(!findings.isEmpty());
    QCOMPARE(findings.first().kind, QStringLiteral("seq-scan-filter"));
    QVERIFY2(findings.first().message.contains(QStringLiteral("an index on (status)")),
             qPrintable(findings.first().message));
    QVERIFY(findings.first().message.contains(m_table));
}

QTEST_GUILESS_MAIN(tst_PgExplain)
#include "tst_pgexplain.moc"
