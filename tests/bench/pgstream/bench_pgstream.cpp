// SPDX-License-Identifier: GPL-3.0-or-later
// Streams 1,000,000 rows x 5 columns (integer, bigint, md5 text, timestamptz, numeric(12,2);
// tests/bench/data/rows_postgresql.sql in the scratch database strata_bench_pgstream, kept
// between runs) through PgSession with a sink that only counts bytes, and runs
// `psql -c "COPY (...) TO STDOUT WITH CSV" > /dev/null` on the same table. Both connect through
// the test server's Unix socket (trusted there, so no password reaches psql). Median of 3 each.
//   scripts/lib/servers.sh start && eval "$(scripts/lib/servers.sh env)" && build/bench/bench_pgstream

#include "testservers.h"

#include "pgsession.h"
#include "results/resultset.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QUrl>

#include <algorithm>
#include <cstdio>

using namespace Strata;
using Strata::Postgres::Internal::PgSession;

namespace {
const char Database[] = "strata_bench_pgstream";
const char Query[] = "SELECT i, b, t, ts, n FROM bench_rows";

ConnectionSettings settings(const QString &database)
{
    ConnectionSettings s;
    s.options.insert(QStringLiteral("host"), Test::pgSocketDir());
    s.port = Test::pgPort();
    s.user = QUrl(Test::pgUrl()).userName();
    s.database = database;
    return s;
}

class CountingSink : public IRowSink
{
public:
    void beginResult(const ColumnList &) override {}
    bool rows(RowBlock &&block) override
    {
        m_rows += block.rowCount();
        m_bytes += block.payloadSize();
        return true;
    }
    void endResult(const ResultSummary &) override {}
    qint64 m_rows = 0;
    qint64 m_bytes = 0;
};

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

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!Test::hasPg() || Test::pgSocketDir().isEmpty()) {
        std::fprintf(stderr, "STRATA_TEST_PG_URL / _SOCKET_DIR unset: eval \"$(scripts/lib/servers.sh env)\"\n");
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
        if (!run(admin, QStringLiteral("CREATE DATABASE %1").arg(QLatin1String(Database))))
            return 1;
        if (!session.open(settings(QLatin1String(Database))))
            return 1;
        QFile script(QStringLiteral(STRATA_SOURCE_DIR "/tests/bench/data/rows_postgresql.sql"));
        const QString sql = script.open(QIODevice::ReadOnly)
            ? QString::fromUtf8(script.readAll())
            : QStringLiteral("CREATE TABLE bench_rows AS SELECT g AS i, g::bigint * 1000003 AS b, "
                             "md5(g::text) AS t, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' AS ts, "
                             "((g % 100000) / 100.0)::numeric(12,2) AS n FROM generate_series(1, 1000000) g");
        if (!run(session, sql))
            return 1;
    } else if (!session.open(settings(QLatin1String(Database)))) {
        return 1;
    }

    QList<qint64> ours, psql;
    qint64 rows = 0, bytes = 0;
    for (int i = 0; i < 3; ++i) {
        CountingSink sink;
        QElapsedTimer timer;
        timer.start();
        Result<void> ran = session.execute(QLatin1String(Query), {}, sink);
        ours << timer.elapsed();
        if (!ran) {
            std::fprintf(stderr, "%s\n", qPrintable(ran.error().toString()));
            return 1;
        }
        rows = sink.m_rows;
        bytes = sink.m_bytes;

        QProcess process;
        process.setStandardOutputFile(QProcess::nullDevice());
        timer.start();
        process.start(QStringLiteral("psql"),
                      {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-h"), Test::pgSocketDir(),
                       QStringLiteral("-p"), QString::number(Test::pgPort()), QStringLiteral("-U"),
                       QUrl(Test::pgUrl()).userName(), QStringLiteral("-d"), QLatin1String(Database),
                       QStringLiteral("-c"),
                       QStringLiteral("COPY (%1) TO STDOUT WITH CSV").arg(QLatin1String(Query))});
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            std::fprintf(stderr, "psql failed: %s\n", process.readAllStandardError().constData());
            return 1;
        }
        psql << timer.elapsed();
    }
    std::printf("PgSession single-row stream: %lld rows, %lld payload bytes, median %lld ms (runs %lld/%lld/%lld)\n",
                static_cast<long long>(rows), static_cast<long long>(bytes),
                static_cast<long long>(median(ours)), static_cast<long long>(ours.at(0)),
                static_cast<long long>(ours.at(1)), static_cast<long long>(ours.at(2)));
    std::printf("psql COPY ... TO STDOUT CSV > /dev/null: median %lld ms (runs %lld/%lld/%lld)\n",
                static_cast<long long>(median(psql)), static_cast<long long>(psql.at(0)),
                static_cast<long long>(psql.at(1)), static_cast<long long>(psql.at(2)));
    std::printf("ratio: %.2f x psql\n", double(median(ours)) / double(std::max<qint64>(1, median(psql))));
    return 0;
}
