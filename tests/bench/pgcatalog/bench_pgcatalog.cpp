// SPDX-License-Identifier: GPL-3.0-or-later
// Times PostgresEngine::loadCatalog on 10,000 tables x 10 columns with PK and FK
// (tests/bench/data/pg_10k_tables.sql in the scratch database strata_bench_pgcatalog, kept
// between runs). Prints the median of 5 loads and the number of queries.
//   scripts/lib/servers.sh start && eval "$(scripts/lib/servers.sh env)" && build/bench/bench_pgcatalog

#include "testservers.h"

#include "pgsession.h"
#include "postgresengine.h"
#include "results/resultset.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QUrl>

#include <algorithm>
#include <cstdio>

using namespace Strata;
using Strata::Postgres::Internal::PgSession;

namespace {
const char Database[] = "strata_bench_pgcatalog";

ConnectionSettings settings(const QString &database)
{
    const QUrl url(Test::pgUrl());
    ConnectionSettings s;
    s.host = url.host();
    s.port = url.port(5432);
    s.user = url.userName();
    s.password = Test::password();
    s.database = database;
    return s;
}

bool run(ISession &session, const QString &sql, QString *firstCell = nullptr)
{
    CollectingSink sink;
    Result<void> ran = session.execute(sql, {}, sink);
    if (!ran) {
        std::fprintf(stderr, "error: %s\n", qPrintable(ran.error().toString()));
        return false;
    }
    if (firstCell && !sink.results().isEmpty() && sink.results().last().rowCount() > 0)
        *firstCell = sink.results().last().text(0, 0);
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!Test::hasPg()) {
        std::fprintf(stderr, "STRATA_TEST_PG_URL is unset: eval \"$(scripts/lib/servers.sh env)\"\n");
        return 2;
    }
    PgSession admin;
    if (Result<void> opened = admin.open(settings(QUrl(Test::pgUrl()).path().mid(1))); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    QString exists;
    run(admin, QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(QLatin1String(Database)), &exists);
    PgSession session;
    if (exists == QLatin1String("0")) {
        std::printf("creating %s (10,000 tables; takes a while)...\n", Database);
        std::fflush(stdout);
        if (!run(admin, QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(Database))))
            return 1;
        if (!session.open(settings(QLatin1String(Database))))
            return 1;
        QFile script(QStringLiteral(STRATA_SOURCE_DIR "/tests/bench/data/pg_10k_tables.sql"));
        QString sql;
        if (script.open(QIODevice::ReadOnly)) {
            sql = QString::fromUtf8(script.readAll());
        } else {
            sql = QStringLiteral(
                "DO $$ DECLARE t text; BEGIN CREATE SCHEMA bench; "
                "FOR i IN 1..10000 LOOP t := format('t%s', lpad(i::text, 5, '0')); "
                "EXECUTE format('CREATE TABLE bench.%I (id bigint PRIMARY KEY, parent_id bigint %s, "
                "c1 text, c2 numeric(12,2), c3 timestamptz, c4 boolean, c5 integer, c6 varchar(40), "
                "c7 date, c8 jsonb)', t, CASE WHEN i > 1 THEN format('REFERENCES bench.t%s (id)', "
                "lpad((i - 1)::text, 5, '0')) ELSE '' END); IF i % 500 = 0 THEN COMMIT; END IF; "
                "END LOOP; END $$");
        }
        QElapsedTimer build;
        build.start();
        if (!run(session, sql))
            return 1;
        run(session, QStringLiteral("ANALYZE"));
        std::printf("created in %.1f s\n", build.elapsed() / 1000.0);
    } else if (!session.open(settings(QLatin1String(Database)))) {
        return 1;
    }

    Postgres::PostgresEngine engine;
    QList<qint64> times;
    Catalog last;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        Result<Catalog> catalog = engine.loadCatalog(session, {});
        times << timer.elapsed();
        if (!catalog) {
            std::fprintf(stderr, "%s\n", qPrintable(catalog.error().toString()));
            return 1;
        }
        last = catalog.value();
    }
    std::sort(times.begin(), times.end());
    int columns = 0, fks = 0;
    for (const Schema &s : last.schemas)
        for (const Table &t : s.tables) {
            columns += int(t.columns.size());
            fks += int(t.foreignKeys.size());
        }
    std::printf("loadCatalog: %d tables, %d columns, %d foreign keys; median %lld ms "
                "(min %lld, max %lld) over 5 runs; queryCount %d\n",
                last.tableCount(), columns, fks, static_cast<long long>(times.at(2)),
                static_cast<long long>(times.first()), static_cast<long long>(times.last()),
                last.queryCount);
    return 0;
}
