// SPDX-License-Identifier: GPL-3.0-or-later
// Result actions on PostgreSQL (the test server): a streamed export of ROWS x 5 columns from
// the server to CSV through a ResultView cut at 100 rows (time, rows/s, file size and the
// process's peak memory growth: it must stay flat, not grow with the file), the same for a
// whole 100,000-row result written from memory, and Copy (TSV) of a 100,000 x 5 selection.
//
//   eval "$(scripts/lib/servers.sh env)"
//   QT_QPA_PLATFORM=offscreen bench_resultactions [rows]

#include "testservers.h"

#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "plugins/pluginmanager.h"
#include "results/copyactions.h"
#include "results/resultexporter.h"
#include "results/resultsetsink.h"
#include "results/resultview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Strata;

namespace {

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

const QString Select = u"SELECT g AS i, g::bigint * 1000003 AS b, 'row ' || g || ', \"q\"' AS t, "
                       "now() + g * interval '1 second' AS ts, g * 1.25 AS n "
                       "FROM generate_series(1, %1) g"_s;

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const qint64 rows = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1000000;
    if (!Test::hasPg()) {
        fprintf(stderr, "set the STRATA_TEST_* variables (scripts/lib/servers.sh env)\n");
        return 2;
    }
    ConnectionManager manager;
    manager.plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
    manager.plugins()->loadAll();
    Result<ConnectionSettings> settings = ConnectionUrl::parse(Test::pgUrl());
    settings->password = Test::password();
    QSignalSpy loaded(&manager, &ConnectionManager::catalogLoaded);
    const QString id = manager.open(u"pg"_s, settings.value());
    if (!loaded.wait(60000))
        return 1;
    QTemporaryDir dir;

    auto view = [&](const QString &sql, qint64 limit, std::shared_ptr<ResultSetSink> &sink) {
        sink = ResultSetSink::create(limit);
        auto future = manager.session(id)->execute(sql, {}, sink);
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, 600000))
            qFatal("the query did not finish");
        auto *v = new ResultView(sink->store(0), &manager, id, sql);
        v->setAsker([](const QString &, const QString &) { return true; });
        return v;
    };
    auto exportTo = [&](ResultView *v, const QString &name) {
        const QString path = dir.filePath(name);
        QSignalSpy finished(v->exporter(), &ResultExporter::exportFinished);
        QElapsedTimer timer;
        timer.start();
        v->exporter()->exportTo(path);
        finished.wait(600000);
        const double seconds = double(timer.elapsed()) / 1000.0;
        printf("  %s\n  %.2f s, %.0f rows/s, file %.1f MB\n",
               qPrintable(finished.value(0).value(1).toString()), seconds,
               double(v->store()->isTruncated() ? rows : v->store()->rowCount()) / seconds,
               double(QFileInfo(path).size()) / 1e6);
    };

    std::shared_ptr<ResultSetSink> cutSink;
    ResultView *cut = view(Select.arg(rows), 100, cutSink);
    const qint64 before = peakRssKb();
    printf("streamed export of %lld rows (result cut at 100 rows, statement run again):\n", rows);
    exportTo(cut, u"streamed.csv"_s);
    printf("  peak RSS growth during the export: %.1f MB\n", double(peakRssKb() - before) / 1024.0);

    std::shared_ptr<ResultSetSink> wholeSink;
    ResultView *whole = view(Select.arg(100000), 0, wholeSink);
    printf("in-memory export of 100,000 rows:\n");
    exportTo(whole, u"memory.csv"_s);

    whole->view()->selectAll();
    QElapsedTimer timer;
    timer.start();
    const QString text = whole->copyActions()->text(CopyActions::Format::Tsv);
    printf("Copy (TSV) of a 100,000 x 5 selection: %lld ms, %.1f MB of text\n",
           timer.elapsed(), double(text.size() * 2) / 1e6);
    timer.restart();
    const QString insert = whole->copyActions()->text(CopyActions::Format::Insert);
    printf("Copy as INSERT of the same selection: %lld ms\n", timer.elapsed());
    delete cut;
    delete whole;
    return 0;
}
