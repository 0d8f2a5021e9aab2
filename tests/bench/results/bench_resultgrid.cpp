// SPDX-License-Identifier: GPL-3.0-or-later
// Streams a 1,000,000-row x 5-column result into a RowStore shown by a QTableView over
// ResultGridModel, the way a query tab holds it, and prints (medians over --runs runs):
//  - memory: the store's bytes and the process's peak RSS growth, against the same result as
//    COPY text (PostgreSQL) or CSV text (SQLite);
//  - the time until the first rows are painted, and for PostgreSQL how long that is after the
//    server's first row reaches a bare libpq client (single-row mode, same query);
//  - the 99th percentile and the maximum of the event loop's stalls while streaming (5 ms
//    timer probe);
//  - the median of 5 paints of a full viewport at row 0 and at row 900,000.
//
//   scripts/lib/servers.sh start && eval "$(scripts/lib/servers.sh env)"
//   QT_QPA_PLATFORM=offscreen build-bench/bench/bench_resultgrid [--source postgresql|sqlite] [--runs N]

#include "pgbenchrows.h"
#include "sqlitebenchrows.h"

#include "connection/enginesession.h"
#include "postgresengine.h"
#include "results/cellformat.h"
#include "results/resultgridmodel.h"
#include "results/resultsetsink.h"
#include "sqliteengine.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPixmap>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Strata;

namespace {

constexpr qint64 SqliteRows = 1000000;

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

double median(const std::vector<double> &v)
{
    return percentile(v, 0.5);
}

template<typename T>
T resultOf(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

// kB from a "Name:   123 kB" line of /proc/self/status.
qint64 statusKb(const char *name)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = QByteArray(name) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// Resets VmHWM to the current RSS, so a later VmHWM is the peak of what runs in between.
void resetPeakRss()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

// Bytes of the result as RFC 4180 CSV (no header), the way an export writes it.
qint64 csvSize(const RowStore &store)
{
    qint64 size = 0;
    for (qint64 row = 0; row < store.rowCount(); ++row) {
        for (int column = 0; column < store.columnCount(); ++column) {
            ++size; // separator or newline
            if (store.isNull(row, column))
                continue;
            const QByteArray text = CellFormat::utf8(store.columns().at(column), store.raw(row, column));
            size += text.size();
            if (text.contains(',') || text.contains('"') || text.contains('\n'))
                size += 2 + text.count('"');
        }
    }
    return size;
}

double paintMs(QTableView &view, int row)
{
    view.scrollTo(view.model()->index(row, 0), QAbstractItemView::PositionAtTop);
    QPixmap pixmap(view.viewport()->size());
    std::vector<double> runs;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        view.viewport()->render(&pixmap);
        runs.push_back(timer.nsecsElapsed() / 1e6);
    }
    return median(runs);
}

// What a bare libpq client sees of the same query: time to the first row (single-row mode)
// and the size of the result as COPY text.
struct LibpqBaseline
{
    std::vector<double> firstRowMs;
    qint64 copyBytes = 0;
};

bool measureLibpq(LibpqBaseline &baseline, int runs)
{
    const ConnectionSettings s = Bench::pgBenchSettings();
    const QByteArray conninfo = "host='" + s.options.value(u"host"_s).toUtf8() + "' port="
                                + QByteArray::number(s.port) + " user='" + s.user.toUtf8() + "' dbname='"
                                + s.database.toUtf8() + "'";
    PGconn *conn = PQconnectdb(conninfo.constData());
    const auto close = qScopeGuard([conn] { PQfinish(conn); });
    if (PQstatus(conn) != CONNECTION_OK) {
        std::fprintf(stderr, "libpq: %s", PQerrorMessage(conn));
        return false;
    }
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer clock;
        clock.start();
        PQsendQuery(conn, Bench::PgBenchQuery);
        PQsetSingleRowMode(conn);
        double first = -1;
        while (PGresult *result = PQgetResult(conn)) {
            if (first < 0 && PQresultStatus(result) == PGRES_SINGLE_TUPLE)
                first = clock.nsecsElapsed() / 1e6;
            PQclear(result);
        }
        baseline.firstRowMs.push_back(first);
    }
    const QByteArray copy = QByteArray("COPY (") + Bench::PgBenchQuery + ") TO STDOUT";
    PGresult *started = PQexec(conn, copy.constData());
    const bool copying = PQresultStatus(started) == PGRES_COPY_OUT;
    PQclear(started);
    if (!copying) {
        std::fprintf(stderr, "COPY failed: %s", PQerrorMessage(conn));
        return false;
    }
    char *buffer = nullptr;
    int length = 0;
    while ((length = PQgetCopyData(conn, &buffer, 0)) > 0) {
        baseline.copyBytes += length;
        PQfreemem(buffer);
    }
    while (PGresult *result = PQgetResult(conn))
        PQclear(result);
    return true;
}

bool createSqliteRows(EngineSession &session)
{
    const auto created = resultOf(session.query(
        Bench::sqliteBenchRowsSql(),
        {SqliteRows}));
    if (!created)
        std::fprintf(stderr, "create failed: %s\n", qPrintable(created.error().toString()));
    return created.ok();
}

struct GridRun
{
    double firstRowsMs = -1;
    double streamMs = 0;
    double p99GapMs = 0;
    double maxGapMs = 0;
    qint64 storeBytes = 0;
    qint64 rssGrowthKb = 0;
};

// One streamed result, shown in view. The model and the sink stay alive in the out parameters
// for the paint measurements.
bool streamIntoGrid(EngineSession &session, const QString &sql, QTableView &view, GridRun &run,
                    std::shared_ptr<ResultSetSink> &sink, std::unique_ptr<ResultGridModel> &model)
{
    view.setModel(nullptr);
    model.reset();
    sink.reset();
    resetPeakRss();
    const qint64 rssBefore = statusKb("VmRSS");

    sink = ResultSetSink::create(0);
    bool finished = false;
    QElapsedTimer clock;
    QObject::connect(sink.get(), &ResultSetSink::storeAdded, &view, [&](RowStore *store) {
        model = std::make_unique<ResultGridModel>(store);
        view.setModel(model.get());
        QObject::connect(store, &RowStore::rowsAvailable, &view, [&, store] {
            run.storeBytes = std::max(run.storeBytes, store->byteSize());
            if (run.firstRowsMs < 0 && model->rowCount() > 0) {
                view.viewport()->repaint();
                run.firstRowsMs = clock.nsecsElapsed() / 1e6;
            }
        });
        QObject::connect(store, &RowStore::finished, &view, [&] { finished = true; });
    });

    // The probe: a 5 ms timer; any gap beyond its interval is a stall of the event loop.
    std::vector<double> gaps;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &view, [&] {
        gaps.push_back(sinceTick.nsecsElapsed() / 1e6);
        sinceTick.start();
    });

    clock.start();
    sinceTick.start();
    probe.start(5);
    const QFuture<Result<void>> done = session.execute(sql, {}, sink);
    while (!finished)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    run.streamMs = clock.nsecsElapsed() / 1e6;
    probe.stop();
    if (!done.result().ok() || !model) {
        std::fprintf(stderr, "stream failed: %s\n",
                     done.result().ok() ? "no result" : qPrintable(done.result().error().toString()));
        return false;
    }
    run.storeBytes = std::max(run.storeBytes, model->store()->byteSize());
    run.rssGrowthKb = statusKb("VmHWM") - rssBefore;
    run.p99GapMs = percentile(gaps, 0.99);
    run.maxGapMs = percentile(gaps, 1.0);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype sourceAt = args.indexOf(u"--source"_s);
    const QString source = sourceAt > 0 ? args.value(sourceAt + 1) : u"postgresql"_s;
    const qsizetype runsAt = args.indexOf(u"--runs"_s);
    const int runs = std::max(1, runsAt > 0 ? args.value(runsAt + 1).toInt() : 5);

    QTemporaryDir dir;
    std::unique_ptr<QObject> engine;
    ConnectionSettings settings;
    QString sql;
    LibpqBaseline baseline;
    if (source == u"postgresql") {
        if (!Bench::ensurePgBenchRows() || !measureLibpq(baseline, runs))
            return 1;
        engine = std::make_unique<Postgres::PostgresEngine>();
        settings = Bench::pgBenchSettings();
        sql = QLatin1String(Bench::PgBenchQuery);
    } else if (source == u"sqlite") {
        engine = std::make_unique<Sqlite::SqliteEngine>();
        settings.engine = u"sqlite"_s;
        settings.database = dir.filePath(u"grid.sqlite"_s);
        sql = u"SELECT id, big, hash, ts, amount FROM stream ORDER BY id"_s;
    } else {
        std::fprintf(stderr, "usage: bench_resultgrid [--source postgresql|sqlite] [--runs N]\n");
        return 2;
    }
    EngineSession session(engine.get(), settings);
    if (const auto opened = resultOf(session.open()); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    if (source == u"sqlite" && !createSqliteRows(session))
        return 1;

    QTableView view;
    view.resize(1280, 800);
    view.show();
    std::shared_ptr<ResultSetSink> sink;
    std::unique_ptr<ResultGridModel> model;
    std::vector<GridRun> results;
    for (int i = 0; i < runs; ++i) {
        GridRun run;
        if (!streamIntoGrid(session, sql, view, run, sink, model))
            return 1;
        results.push_back(run);
        std::printf("run %d: %lld rows in %.0f ms, first rows painted at %.1f ms, store %.1f MB, "
                    "peak RSS +%.1f MB, stalls p99 %.1f ms max %.1f ms\n",
                    i + 1, model->store()->rowCount(), run.streamMs, run.firstRowsMs,
                    run.storeBytes / 1e6, run.rssGrowthKb / 1e3, run.p99GapMs, run.maxGapMs);
    }
    const auto medianOf = [&](auto field) {
        std::vector<double> values;
        for (const GridRun &run : results)
            values.push_back(double(field(run)));
        return median(values);
    };
    const RowStore &store = *model->store();
    const qint64 textBytes = source == u"postgresql" ? baseline.copyBytes : csvSize(store);
    const char *textName = source == u"postgresql" ? "COPY text" : "CSV text";
    const double storeBytes = medianOf([](const GridRun &r) { return r.storeBytes; });
    const double rssBytes = medianOf([](const GridRun &r) { return r.rssGrowthKb; }) * 1000;
    const double firstRows = medianOf([](const GridRun &r) { return r.firstRowsMs; });

    std::printf("\n%s, %lld rows x %d columns, medians of %d runs\n", qPrintable(source),
                store.rowCount(), store.columnCount(), runs);
    std::printf("memory: store %.1f MB, peak RSS growth %.1f MB; %s %.1f MB -> %.2fx (store), %.2fx (RSS)\n",
                storeBytes / 1e6, rssBytes / 1e6, textName, textBytes / 1e6, storeBytes / double(textBytes),
                rssBytes / double(textBytes));
    if (source == u"postgresql") {
        const double serverFirst = median(baseline.firstRowMs);
        std::printf("first rows painted %.1f ms after execute; a bare libpq client gets the first row at "
                    "%.1f ms -> %.1f ms after the server's first row\n",
                    firstRows, serverFirst, firstRows - serverFirst);
    } else {
        std::printf("first rows painted %.1f ms after execute\n", firstRows);
    }
    std::printf("event loop while streaming: p99 stall %.1f ms (median of runs), worst max %.1f ms\n",
                medianOf([](const GridRun &r) { return r.p99GapMs; }),
                std::max_element(results.begin(), results.end(), [](const GridRun &a, const GridRun &b) {
                    return a.maxGapMs < b.maxGapMs;
                })->maxGapMs);
    const int bottom = int(std::min<qint64>(900000, store.rowCount() - 1));
    paintMs(view, 0); // warm-up: fonts, glyph cache
    std::printf("paint viewport %dx%d at row 0: median %.2f ms; at row %d: median %.2f ms\n",
                view.viewport()->width(), view.viewport()->height(), paintMs(view, 0), bottom,
                paintMs(view, bottom));
    return 0;
}
