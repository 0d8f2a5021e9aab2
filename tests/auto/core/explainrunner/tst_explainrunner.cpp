// SPDX-License-Identifier: GPL-3.0-or-later
// ExplainRunner on the real PostgreSQL (the only engine with IExplain when this was written:
// the others join through the same seam), EngineSession::queryRolledBack on all three
// engines, and PlanReader's engine detection.
#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "edit/editplanner.h"
#include "explain/explainrunner.h"
#include "explain/plandocument.h"
#include "explain/planreader.h"
#include "plugins/idialect.h"
#include "mysqlengine.h"
#include "postgresengine.h"
#include "sqliteengine.h"
#include "testservers.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
const QString TableName = u"tst_explainrunner a\"b x'; --"_s;

template <typename T> T wait(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}
} // namespace

class tst_ExplainRunner : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Postgres::PostgresEngine m_postgres;
    MySql::MySqlEngine m_mysql;
    Sqlite::SqliteEngine m_sqlite;

    QObject *plugin(const QString &engine)
    {
        if (engine == "postgresql"_L1)
            return &m_postgres;
        if (engine == "mysql"_L1)
            return &m_mysql;
        return &m_sqlite;
    }
    std::unique_ptr<EngineSession> open(const QString &engine)
    {
        ConnectionSettings settings;
        if (engine == "sqlite"_L1) {
            settings.engine = engine;
            settings.database = m_dir.filePath(u"explainrunner.db"_s);
        } else {
            Result<ConnectionSettings> parsed = ConnectionUrl::parse(
                engine == "postgresql"_L1 ? Test::pgUrl() : Test::mysqlUrl());
            if (!parsed)
                return {};
            settings = parsed.value();
            settings.password = Test::password();
        }
        auto session = std::make_unique<EngineSession>(plugin(engine), settings);
        if (!wait(session->open()))
            return {};
        return session;
    }
    static bool run(EngineSession &session, const QString &sql)
    {
        const Result<QList<ResultSet>> result = wait(session.query(sql));
        if (!result)
            qWarning("%s: %s", qPrintable(sql), qPrintable(result.error().toString()));
        return result.ok();
    }
    static QString scalar(EngineSession &session, const QString &sql)
    {
        const Result<QList<ResultSet>> result = wait(session.query(sql));
        if (!result || result->isEmpty() || result->first().rowCount() == 0)
            return u"error"_s;
        return result->first().text(0, 0);
    }
    void requireServer(const QString &engine)
    {
        if (engine == "postgresql"_L1 && !Test::hasPg())
            QSKIP("no PostgreSQL test server");
        if (engine == "mysql"_L1 && !Test::hasMysql())
            QSKIP("no MariaDB test server");
    }
    QString table(EngineSession &session) const
    {
        return session.dialect()->quoteIdentifier(TableName);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void rolledBackQueryLeavesNoTrace_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("postgresql") << u"postgresql"_s;
        QTest::newRow("mysql") << u"mysql"_s;
        QTest::newRow("sqlite") << u"sqlite"_s;
    }
    void rolledBackQueryLeavesNoTrace()
    {
        QFETCH(QString, engine);
        requireServer(engine);
        std::unique_ptr<EngineSession> session = open(engine);
        QVERIFY(session);
        const QString t = table(*session);
        QVERIFY(run(*session, u"DROP TABLE IF EXISTS %1"_s.arg(t)));
        QVERIFY(run(*session, u"CREATE TABLE %1 (id INTEGER PRIMARY KEY, v INTEGER)"_s.arg(t)));
        QVERIFY(run(*session, u"INSERT INTO %1 VALUES (1, 10)"_s.arg(t)));
        const QString probe =
            EditPlanner::openTransactionProbe(EditPlanner::syntaxFor(session->engine()));

        // The statement's results come back; its change does not stay.
        const Result<QList<ResultSet>> updated = wait(session->queryRolledBack(
            u"UPDATE %1 SET v = 20 WHERE id = 1"_s.arg(t), probe));
        QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().toString()));
        QCOMPARE(scalar(*session, u"SELECT v FROM %1 WHERE id = 1"_s.arg(t)), u"10"_s);

        // A failing statement is reported, and the session is usable afterwards.
        const Result<QList<ResultSet>> failed = wait(session->queryRolledBack(
            u"INSERT INTO %1 VALUES (1, 30)"_s.arg(t), probe));
        QVERIFY(!failed.ok());
        QCOMPARE(scalar(*session, u"SELECT COUNT(*) FROM %1"_s.arg(t)), u"1"_s);

        // Inside the user's own transaction nothing runs: our ROLLBACK would end it.
        if (!probe.isEmpty()) {
            QVERIFY(run(*session, u"BEGIN"_s));
            QVERIFY(run(*session, u"INSERT INTO %1 VALUES (2, 20)"_s.arg(t)));
            const Result<QList<ResultSet>> refused =
                wait(session->queryRolledBack(u"DELETE FROM %1"_s.arg(t), probe));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code(), Error::Code::InvalidArgument);
            QVERIFY(refused.error().message().contains(u"open transaction"_s));
            QVERIFY(run(*session, u"COMMIT"_s));
            QCOMPARE(scalar(*session, u"SELECT COUNT(*) FROM %1"_s.arg(t)), u"2"_s);
        }
        QVERIFY(run(*session, u"DROP TABLE %1"_s.arg(t)));
    }

    void explainAnalyzeOfAnUpdateIsRolledBack()
    {
        requireServer(u"postgresql"_s);
        std::unique_ptr<EngineSession> session = open(u"postgresql"_s);
        QVERIFY(session);
        const QString t = table(*session);
        QVERIFY(run(*session, u"DROP TABLE IF EXISTS %1"_s.arg(t)));
        QVERIFY(run(*session,
                    u"CREATE TABLE %1 AS SELECT g AS id, g %% 7 AS v FROM generate_series(1, 500) g"_s
                        .arg(t)
                        .replace(u"%%"_s, u"%"_s)));

        ExplainRunner::Request request;
        request.sql = u"UPDATE %1 SET v = -1 WHERE v = 3"_s.arg(t);
        request.options.analyze = true;
        request.rollBack = true;
        const Result<Plan> plan = wait(ExplainRunner::run(*session, request));
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
        QCOMPARE(plan->engine, u"postgresql"_s);
        QVERIFY(plan->hasActuals());
        QCOMPARE(plan->queryText, request.sql);
        QVERIFY(plan->sourceText.contains(u"\"Node Type\": \"ModifyTable\""_s));
        QCOMPARE(plan->root().nodeType, u"ModifyTable"_s);
        QCOMPARE(scalar(*session, u"SELECT COUNT(*) FROM %1 WHERE v = -1"_s.arg(t)), u"0"_s);

        const PlanDocument document =
            PlanDocument::analyze(plan.value(), ExplainRunner::explainOf(*session)->planRules());
        QCOMPARE(document.analysis.nodeCount(), document.plan.nodeCount());
        QVERIFY(document.analysis.totalMs().has_value());
        QVERIFY(run(*session, u"DROP TABLE %1"_s.arg(t)));
    }

    void refusedStatementsFailTheFuture_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("analyze");
        QTest::newRow("empty") << u"  -- nothing\n"_s << false;
        QTest::newRow("two statements") << u"SELECT 1; SELECT 2"_s << false;
        QTest::newRow("server error") << u"SELECT * FROM tst_explainrunner_missing"_s << true;
    }
    void refusedStatementsFailTheFuture()
    {
        QFETCH(QString, sql);
        QFETCH(bool, analyze);
        requireServer(u"postgresql"_s);
        std::unique_ptr<EngineSession> session = open(u"postgresql"_s);
        QVERIFY(session);
        ExplainRunner::Request request;
        request.sql = sql;
        request.options.analyze = analyze;
        const Result<Plan> plan = wait(ExplainRunner::run(*session, request));
        QVERIFY(!plan.ok());
        QVERIFY(!plan.error().message().isEmpty());
        QCOMPARE(scalar(*session, u"SELECT 41 + 1"_s), u"42"_s);
    }

    void resultTextJoinsRowsAndColumns()
    {
        std::unique_ptr<EngineSession> session = open(u"sqlite"_s);
        QVERIFY(session);
        Result<QList<ResultSet>> one =
            wait(session->query(u"SELECT 'a' UNION ALL SELECT 'b c'"_s));
        QVERIFY(one.ok());
        QCOMPARE(ExplainRunner::resultText(one.value()), u"a\nb c"_s);
        Result<QList<ResultSet>> two =
            wait(session->query(u"SELECT 2 AS id, 0 AS parent, 'SCAN t' AS detail"_s));
        QVERIFY(two.ok());
        QCOMPARE(ExplainRunner::resultText(two.value()), u"id\tparent\tdetail\n2\t0\tSCAN t"_s);
        QCOMPARE(ExplainRunner::resultText({}), QString());
    }

    void readerFindsTheEngine()
    {
        const PlanReader reader({{u"postgresql"_s, qobject_cast<IExplain *>(&m_postgres)},
                                 {u"none"_s, nullptr}});
        QCOMPARE(reader.engineIds(), QStringList{u"postgresql"_s});
        const QString json =
            uR"([{"Plan": {"Node Type": "Seq Scan", "Relation Name": "t", "Plan Rows": 5}}])"_s;
        Result<Plan> detected = reader.read(json);
        QVERIFY(detected.ok());
        QCOMPARE(detected->engine, u"postgresql"_s);
        QCOMPARE(detected->root().relation, u"t"_s);
        QVERIFY(reader.read(json, u"postgresql"_s).ok());

        const Result<Plan> unknownEngine = reader.read(json, u"oracle"_s);
        QVERIFY(!unknownEngine.ok());
        QCOMPARE(unknownEngine.error().code(), Error::Code::InvalidArgument);

        for (const QString &bad : {u"{\"Plan\": {\"Node Type\": "_s, u"{\"a\": 1}"_s,
                                   u"hello world"_s, QString()}) {
            const Result<Plan> notAPlan = reader.read(bad);
            QVERIFY2(!notAPlan.ok(), qPrintable(bad));
            QVERIFY2(notAPlan.error().toString().contains(u"not an EXPLAIN plan"_s),
                     qPrintable(notAPlan.error().toString()));
        }
        QVERIFY(!PlanReader({}).read(json).ok());
    }

    void documentCarriesFindingsPerNode()
    {
        Plan plan;
        plan.engine = u"postgresql"_s;
        PlanNode root;
        root.nodeType = u"Seq Scan"_s;
        plan.addNode(root, -1);
        PlanRule rule;
        rule.kind = u"always"_s;
        rule.check = [](const Plan &, const PlanAnalysis &) {
            return QList<PlanFinding>{{0, u"always"_s, PlanFinding::Severity::Warning, u"x"_s}};
        };
        PlanRule other = rule;
        other.engine = u"sqlite"_s; // does not apply to a PostgreSQL plan
        const PlanDocument document = PlanDocument::analyze(plan, {rule, other});
        QCOMPARE(document.findings.size(), 1);
        QCOMPARE(document.findingsFor(0).size(), 1);
        QVERIFY(document.findingsFor(1).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ExplainRunner)
#include "tst_explainrunner.moc"
