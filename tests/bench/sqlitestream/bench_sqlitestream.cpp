// SPDX-License-Identifier: GPL-3.0-or-later
// Streams 1,000,000 rows x 5 columns from an SQLite file through SqliteSession into a
// byte-counting sink, against `sqlite3 -csv db "SELECT ..." > /dev/null`. Medians of 3.
//
//   bench_sqlitestream [database-file] [rows]

#include "sqlitebenchrows.h"
#include "sqlitesession.h"

#include "results/resultset.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using Strata::Sqlite::Internal::SqliteSession;

namespace {

const QString Select = u"SELECT id, big, hash, ts, amount FROM stream ORDER BY id"_s;

// Counts bytes and rows; keeps nothing.
class ByteCountingSink : public Strata::IRowSink
{
public:
    qint64 bytes = 0;
    void beginResult(const Strata::ColumnList &) override {}
    bool rows(Strata::RowBlock &&block) override
    {
        bytes += block.payloadSize();
        rowCount += block.rowCount();
        return true;
    }
    void endResult(const Strata::ResultSummary &) override {}
    qint64 rowCount = 0;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool createDatabase(SqliteSession &session, qint64 rows)
{
    Strata::CollectingSink sink;
    const auto r = session.execute(
        Strata::Bench::sqliteBenchRowsSql(),
        {rows}, sink);
    if (!r)
        std::fprintf(stderr, "create failed: %s\n", qPrintable(r.error().toString()));
    return r.ok();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTemporaryDir dir;
    const QString file = args.size() > 1 ? args[1] : dir.filePath(u"stream.sqlite"_s);
    const qint64 rows = args.size() > 2 ? args[2].toLongLong() : 1000000;

    SqliteSession session;
    Strata::ConnectionSettings settings;
    settings.database = file;
    if (auto opened = session.open(settings); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    if (!createDatabase(session, rows))
        return 1;
    std::printf("database: %s (%lld rows, %.1f MB)\n", qPrintable(file), rows,
                QFileInfo(file).size() / 1e6);

    std::vector<double> strata;
    qint64 bytes = 0;
    for (int i = 0; i < 3; ++i) {
        ByteCountingSink sink;
        QElapsedTimer timer;
        timer.start();
        const auto r = session.execute(Select, {}, sink);
        const double ms = timer.nsecsElapsed() / 1e6;
        if (!r || sink.rowCount != rows) {
            std::fprintf(stderr, "stream failed: %s\n", qPrintable(r.error().toString()));
            return 1;
        }
        bytes = sink.bytes;
        strata.push_back(ms);
        std::printf("  SqliteSession run %d: %.0f ms\n", i + 1, ms);
    }
    session.close();

    std::vector<double> cli;
    const QString sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
    if (!sqlite3.isEmpty()) {
        for (int i = 0; i < 3; ++i) {
            QProcess process;
            process.setStandardOutputFile(QProcess::nullDevice());
            QElapsedTimer timer;
            timer.start();
            process.start(sqlite3, {u"-csv"_s, file, Select});
            process.waitForFinished(-1);
            const double ms = timer.nsecsElapsed() / 1e6;
            if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
                std::fprintf(stderr, "sqlite3 failed\n");
                return 1;
            }
            cli.push_back(ms);
            std::printf("  sqlite3 -csv run %d: %.0f ms\n", i + 1, ms);
        }
    }

    const double s = median(strata);
    std::printf("SqliteSession -> byte-counting sink: median %.0f ms, %.2f M rows/s, %.1f MB payload\n",
                s, rows / s / 1000.0, bytes / 1e6);
    if (!cli.empty()) {
        const double c = median(cli);
        std::printf("sqlite3 -csv > /dev/null:           median %.0f ms, %.2f M rows/s (ratio %.2fx)\n",
                    c, rows / c / 1000.0, s / c);
    }
    return 0;
}
