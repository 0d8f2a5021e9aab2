// SPDX-License-Identifier: GPL-3.0-or-later
// Streams 1,000,000 rows x 5 columns from an SQLite file into a RowStore shown by a QTableView
// over ResultGridModel, and prints: the store's peak memory against the same data as CSV text,
// the time to the first rows in the model, the 99th percentile of the event loop's stalls while
// streaming (5 ms timer probe), and the median of 5 paints of a full viewport at row 0 and
// at row 900,000.
//
//   QT_QPA_PLATFORM=offscreen bench_resultgrid [database-file] [rows]

#include "connection/enginesession.h"
#include "results/cellformat.h"
#include "results/resultgridmodel.h"
#include "results/resultsetsink.h"
#include "sqliteengine.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPixmap>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Strata;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

template<typename T>
T resultOf(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
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
    return percentile(runs, 0.5);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTemporaryDir dir;
    const QString file = args.size() > 1 ? args[1] : dir.filePath(u"grid.sqlite"_s);
    const qint64 rows = args.size() > 2 ? args[2].toLongLong() : 1000000;

    Sqlite::SqliteEngine engine;
    ConnectionSettings settings;
    settings.engine = u"sqlite"_s;
    settings.database = file;
    EngineSession session(&engine, settings);
    if (const auto opened = resultOf(session.open()); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    const auto created = resultOf(session.query(
        u"DROP TABLE IF EXISTS stream;"
        "CREATE TABLE stream (id INTEGER PRIMARY KEY, big BIGINT NOT NULL, hash VARCHAR(32) NOT NULL,"
        " ts TIMESTAMP NOT NULL, amount NUMERIC(12,2) NOT NULL);"
        "WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ?)"
        " INSERT INTO stream SELECT x, x * 2654435761, "
        " printf('%016x%016x', (x * 6364136223846793005) & 0x7fffffffffffffff,"
        "        (x * 1442695040888963407) & 0x7fffffffffffffff),"
        " datetime(1577836800 + x * 37, 'unixepoch'), printf('%.2f', (x % 1000000) / 100.0)"
        " FROM s;"_s,
        {rows}));
    if (!created) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(created.error().toString()));
        return 1;
    }
    std::printf("database: %s (%lld rows, %.1f MB)\n", qPrintable(file), rows, QFileInfo(file).size() / 1e6);

    QTableView view;
    view.resize(1280, 800);
    view.show();
    auto sink = ResultSetSink::create(0);
    std::unique_ptr<ResultGridModel> model;
    qint64 peakBytes = 0;
    double firstRowsMs = -1;
    bool finished = false;
    QElapsedTimer clock;
    QObject::connect(sink.get(), &ResultSetSink::storeAdded, &view, [&](RowStore *store) {
        model = std::make_unique<ResultGridModel>(store);
        view.setModel(model.get());
        QObject::connect(store, &RowStore::rowsAvailable, &view, [&, store] {
            peakBytes = std::max(peakBytes, store->byteSize());
            if (firstRowsMs < 0) {
                firstRowsMs = clock.nsecsElapsed() / 1e6;
                view.viewport()->repaint();
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
    const QFuture<Result<void>> done
        = session.execute(u"SELECT id, big, hash, ts, amount FROM stream ORDER BY id"_s, {}, sink);
    while (!finished)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const double streamMs = clock.nsecsElapsed() / 1e6;
    probe.stop();
    if (!done.result().ok() || !model || model->rowCount() != rows) {
        std::fprintf(stderr, "stream failed\n");
        return 1;
    }
    RowStore &store = *model->store();
    peakBytes = std::max(peakBytes, store.byteSize());
    const qint64 csv = csvSize(store);
    std::printf("streamed %lld rows in %.0f ms; first rows in the model after %.1f ms\n", store.rowCount(),
                streamMs, firstRowsMs);
    std::printf("store peak %.1f MB vs CSV text %.1f MB: %.2fx\n", peakBytes / 1e6, csv / 1e6,
                double(peakBytes) / double(csv));
    std::printf("event loop while streaming: %zu probes, p99 gap %.1f ms, max %.1f ms\n", gaps.size(),
                percentile(gaps, 0.99), percentile(gaps, 1.0));
    const int bottom = int(std::min<qint64>(900000, rows - 1));
    paintMs(view, 0); // warm-up: fonts, glyph cache
    std::printf("paint viewport %dx%d at row 0: median %.2f ms\n", view.viewport()->width(),
                view.viewport()->height(), paintMs(view, 0));
    std::printf("paint viewport at row %d: median %.2f ms\n", bottom, paintMs(view, bottom));
    return 0;
}
