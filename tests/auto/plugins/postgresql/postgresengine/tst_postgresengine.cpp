// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtestsupport.h"

#include "connection/enginesession.h"
#include "pgsession.h"
#include "plugins/icatalog.h"
#include "plugins/idialect.h"
#include "plugins/iexplain.h"
#include "plugins/iengineplugin.h"
#include "postgresengine.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Strata;
using namespace Strata::Postgres;
using Strata::Postgres::Internal::PgSession;

class tst_PostgresEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void engineExposesEveryCapability();
    void metadataMatchesTheEngine();
    void connectionOptionsAreData_data();
    void connectionOptionsAreData();
    void engineSessionRunsQueriesAndCatalog();
    void brokenConnectionIsReportedAndReopens();
    void restartIsRecoveredWithoutReplay();

private:
    PostgresEngine m_engine;
};

void tst_PostgresEngine::engineExposesEveryCapability()
{
    QObject *object = &m_engine;
    QVERIFY(qobject_cast<IEnginePlugin *>(object));
    QVERIFY(qobject_cast<ICatalog *>(object));
    QVERIFY(qobject_cast<IDialect *>(object));
    QVERIFY(qobject_cast<IExplain *>(object));
    QCOMPARE(m_engine.id(), QStringLiteral("postgresql"));
    QCOMPARE(m_engine.displayName(), QStringLiteral("PostgreSQL"));
    QCOMPARE(m_engine.defaultPort(), 5432);
    QVERIFY(m_engine.createSession());
}

void tst_PostgresEngine::metadataMatchesTheEngine()
{
    QFile file(QStringLiteral(STRATA_SOURCE_DIR "/plugins/postgresql/plugin/postgresql.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject meta = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(meta.value(QLatin1String("id")).toString(), m_engine.id());
    QCOMPARE(meta.value(QLatin1String("displayName")).toString(), m_engine.displayName());
    QCOMPARE(meta.value(QLatin1String("urlSchemes")).toArray(),
             QJsonArray({QStringLiteral("postgresql"), QStringLiteral("postgres")}));
    QCOMPARE(meta.value(QLatin1String("capabilities")).toArray(),
             QJsonArray({QStringLiteral("session"), QStringLiteral("catalog"), QStringLiteral("dialect"),
                         QStringLiteral("explain"), QStringLiteral("migrations")}));
}

void tst_PostgresEngine::connectionOptionsAreData_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<QVariant>("defaultValue");
    QTest::newRow("sslmode") << "sslmode" << int(ConnectionOption::Type::Choice) << QVariant(QStringLiteral("prefer"));
    QTest::newRow("sslrootcert") << "sslrootcert" << int(ConnectionOption::Type::File) << QVariant();
    QTest::newRow("sslcert") << "sslcert" << int(ConnectionOption::Type::File) << QVariant();
    QTest::newRow("sslkey") << "sslkey" << int(ConnectionOption::Type::File) << QVariant();
    QTest::newRow("connect_timeout") << "connect_timeout" << int(ConnectionOption::Type::Integer) << QVariant(10);
    QTest::newRow("application_name") << "application_name" << int(ConnectionOption::Type::String)
                                      << QVariant(QStringLiteral("Strata"));
    QTest::newRow("host") << "host" << int(ConnectionOption::Type::String) << QVariant();
}

void tst_PostgresEngine::connectionOptionsAreData()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(QVariant, defaultValue);
    const ConnectionOptionList options = m_engine.connectionOptions();
    const auto it = std::find_if(options.begin(), options.end(),
                                 [&](const ConnectionOption &o) { return o.name == name; });
    QVERIFY(it != options.end());
    QCOMPARE(int(it->type), type);
    QCOMPARE(it->defaultValue, defaultValue);
    QVERIFY(!it->label.isEmpty());
    QVERIFY(!it->secret);
    if (name == QLatin1String("sslmode"))
        QCOMPARE(it->choices, QStringList({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}));
    QCOMPARE(it->advanced, name == QLatin1String("host"));
}

void tst_PostgresEngine::engineSessionRunsQueriesAndCatalog()
{
    STRATA_REQUIRE_PG();
    EngineSession session(&m_engine, PgTest::settings());
    Result<QString> opened = session.open().result();
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QVERIFY(opened.value().startsWith(QLatin1String("PostgreSQL 15.")));
    QCOMPARE(session.dialect(), static_cast<IDialect *>(&m_engine));
    Result<QList<ResultSet>> rows = session.query(QStringLiteral("SELECT $1::int + 1"), {41}).result();
    QVERIFY(rows.ok());
    QCOMPARE(rows->first().text(0, 0), QStringLiteral("42"));
    Result<Catalog> catalog = session.loadCatalog().result();
    QVERIFY2(catalog.ok(), qPrintable(catalog.error().toString()));
    QCOMPARE(catalog->engine, QStringLiteral("postgresql"));
    QVERIFY(catalog->schema(QStringLiteral("public")));
}

void tst_PostgresEngine::brokenConnectionIsReportedAndReopens()
{
    STRATA_REQUIRE_PG();
    PgSession session;
    QVERIFY(session.open(PgTest::settings()).ok());
    const QString pid = PgTest::scalar(session, QStringLiteral("SELECT pg_backend_pid()"));
    {
        // Another connection ends ours, as a server restart or a DBA would.
        PgSession killer;
        QVERIFY(killer.open(PgTest::settings()).ok());
        QCOMPARE(PgTest::scalar(killer, QStringLiteral("SELECT pg_terminate_backend($1::int)"), {pid}),
                 QStringLiteral("true"));
    }
    CollectingSink sink;
    Result<void> ran = session.execute(QStringLiteral("SELECT 1"), {}, sink);
    QVERIFY(!ran.ok());
    QCOMPARE(ran.error().code(), Error::Code::ConnectionLost);
    QVERIFY(!session.isOpen());
    QVERIFY(session.open(PgTest::settings()).ok());
    QVERIFY(session.isOpen());
    QCOMPARE(PgTest::scalar(session, QStringLiteral("SELECT 5")), QStringLiteral("5"));
}

void tst_PostgresEngine::restartIsRecoveredWithoutReplay()
{
    STRATA_REQUIRE_PG();
    PgTest::ScratchDatabase db(QStringLiteral("restart"));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    EngineSession session(&m_engine, db.settings());
    QVERIFY(session.open().result().ok());
    QVERIFY(session.query(QStringLiteral("CREATE TABLE counter (n int)")).result().ok());
    QVERIFY(session.query(QStringLiteral("INSERT INTO counter VALUES (1)")).result().ok());

    QString error;
    QVERIFY2(::Strata::Test::restartServer(QStringLiteral("pg"), &error), qPrintable(error));

    Result<QList<ResultSet>> afterRestart = session.query(QStringLiteral("INSERT INTO counter VALUES (2)")).result();
    if (!afterRestart.ok())
        QCOMPARE(afterRestart.error().code(), Error::Code::ConnectionLost);
    Result<QList<ResultSet>> next = session.query(QStringLiteral("INSERT INTO counter VALUES (3)")).result();
    QVERIFY2(next.ok(), qPrintable(next.error().toString()));

    Result<QList<ResultSet>> counted = session.query(
        QStringLiteral("SELECT count(*) FILTER (WHERE n = 2), count(*) FILTER (WHERE n = 3), count(*) FROM counter")).result();
    QVERIFY(counted.ok());
    // Each INSERT ran at most once: the failed one was not replayed.
    QCOMPARE(counted->first().text(0, 0), afterRestart.ok() ? QStringLiteral("1") : QStringLiteral("0"));
    QCOMPARE(counted->first().text(0, 1), QStringLiteral("1"));
    QCOMPARE(counted->first().text(0, 2), afterRestart.ok() ? QStringLiteral("3") : QStringLiteral("2"));
}

QTEST_GUILESS_MAIN(tst_PostgresEngine)
#include "tst_postgresengine.moc"
