// SPDX-License-Identifier: GPL-3.0-or-later
// Streams 1,000,000 rows x 5 columns (integer, bigint, md5 text, timestamptz, numeric(12,2);
// tests/bench/data/rows_postgresql.sql in the scratch database strata_bench_pgstream, kept
// between runs) through PgSession with a sink that only counts bytes, and runs
// `psql -c "COPY (...) TO STDOUT WITH CSV" > /dev/null` on the same table. Both connect through
// the test server's Unix socket (trusted there, so no password reaches psql). Median of 3 each.
//   scripts/lib/servers.sh start && eval "$(scripts/lib/servers.sh env)" && build/bench/bench_pgstream

#include "pgbenchrows.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>

#include <algorithm>
#include <cstdio>

using namespace Strata;
using Strata::Postgres::Internal::PgSession;

namespace {
using namespace Strata::Bench;

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

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!ensurePgBenchRows())
        return 1;
    PgSession session;
    if (const Result<void> opened = session.open(pgBenchSettings()); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }

    QList<qint64> ours, psql;
    qint64 rows = 0, bytes = 0;
    for (int i = 0; i < 3; ++i) {
        CountingSink sink;
        QElapsedTimer timer;
        timer.start();
        Result<void> ran = session.execute(QLatin1String(PgBenchQuery), {}, sink);
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
                       QUrl(Test::pgUrl()).userName(), QStringLiteral("-d"), QLatin1String(PgBenchDatabase),
                       QStringLiteral("-c"),
                       QStringLiteral("COPY (%1) TO STDOUT WITH CSV").arg(QLatin1String(PgBenchQuery))});
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
