// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The 1,000,000-row x 5-column PostgreSQL table of the streaming benchmarks: bench_rows in the
// scratch database strata_bench_pgstream on the test server (tests/bench/data/rows_postgresql.sql),
// created on first use and kept between runs. Connections go through the server's Unix socket.

#include "testservers.h"

#include "connection/connectionsettings.h"
#include "pgsession.h"
#include "results/resultset.h"

#include <QFile>
#include <QUrl>

#include <cstdio>

namespace Strata::Bench {

inline constexpr char PgBenchDatabase[] = "strata_bench_pgstream";
inline constexpr char PgBenchQuery[] = "SELECT i, b, t, ts, n FROM bench_rows";

inline ConnectionSettings pgBenchSettings(const QString &database = QLatin1String(PgBenchDatabase))
{
    ConnectionSettings s;
    s.engine = QStringLiteral("postgresql");
    s.options.insert(QStringLiteral("host"), Test::pgSocketDir());
    s.port = Test::pgPort();
    s.user = QUrl(Test::pgUrl()).userName();
    s.database = database;
    return s;
}

inline bool pgBenchRun(ISession &session, const QString &sql, QString *firstCell = nullptr)
{
    CollectingSink sink;
    const Result<void> ran = session.execute(sql, {}, sink);
    if (!ran) {
        std::fprintf(stderr, "error: %s\n", qPrintable(ran.error().toString()));
        return false;
    }
    if (firstCell && !sink.results().isEmpty() && sink.results().last().rowCount() > 0)
        *firstCell = sink.results().last().text(0, 0);
    return true;
}

// Creates the database and its table when missing. False (with a message) when the test
// server is not reachable.
inline bool ensurePgBenchRows()
{
    if (!Test::hasPg() || Test::pgSocketDir().isEmpty()) {
        std::fprintf(stderr, "STRATA_TEST_PG_URL / _SOCKET_DIR unset: eval \"$(scripts/lib/servers.sh env)\"\n");
        return false;
    }
    Postgres::Internal::PgSession admin;
    if (const Result<void> opened = admin.open(pgBenchSettings(QUrl(Test::pgUrl()).path().mid(1))); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return false;
    }
    QString exists;
    if (!pgBenchRun(admin,
                    QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'")
                        .arg(QLatin1String(PgBenchDatabase)),
                    &exists))
        return false;
    if (exists != QLatin1String("0"))
        return true;
    if (!pgBenchRun(admin, QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(PgBenchDatabase))))
        return false;
    Postgres::Internal::PgSession session;
    if (!session.open(pgBenchSettings()))
        return false;
    QFile script(QStringLiteral(STRATA_SOURCE_DIR "/tests/bench/data/rows_postgresql.sql"));
    if (!script.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(script.fileName()));
        return false;
    }
    return pgBenchRun(session, QString::fromUtf8(script.readAll()));
}

} // namespace Strata::Bench
