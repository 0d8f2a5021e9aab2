// SPDX-License-Identifier: GPL-3.0-or-later
// Streams 1,000,000 rows x 5 columns (int, bigint, md5 text, datetime, decimal(12,2)) through
// MySqlSession into a byte-counting sink, and the same SELECT through
// `mariadb --quick -B -e ... > /dev/null`; prints the median of 3 runs of each.
//
//   scripts/lib/servers.sh start && eval "$(scripts/lib/servers.sh env)" &&
//   build/bench/bench_mysqlstream

#include "mysqlsession.h"
#include "testservers.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <cstdio>

using namespace Strata;

namespace {

constexpr int Rows = 1000000;
constexpr int Runs = 3;

class ByteCountingSink : public IRowSink
{
public:
    void beginResult(const ColumnList &) override {}
    bool rows(RowBlock &&block) override
    {
        rowCount += block.rowCount();
        bytes += block.payloadSize();
        return true;
    }
    void endResult(const ResultSummary &) override {}
    qint64 rowCount = 0;
    qint64 bytes = 0;
};

ConnectionSettings settingsFor(const QString &database)
{
    const QUrl url(Strata::Test::mysqlUrl());
    ConnectionSettings s;
    s.engine = QStringLiteral("mysql");
    s.host = url.host();
    s.port = url.port(3306);
    s.user = url.userName();
    s.password = Strata::Test::password();
    s.database = database;
    s.options.insert(QStringLiteral("sslmode"), QStringLiteral("disable"));
    return s;
}

bool run(MySql::Internal::MySqlSession &session, const QString &sql)
{
    ByteCountingSink sink;
    Result<void> result = session.execute(sql, {}, sink);
    if (!result)
        std::fprintf(stderr, "%s\n", qPrintable(result.error().toString()));
    return result.ok();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!Strata::Test::hasMysql()) {
        std::fprintf(stderr,
                     "STRATA_TEST_MYSQL_URL is not set (eval \"$(scripts/lib/servers.sh env)\")\n");
        return 2;
    }
    const QString client = QStandardPaths::findExecutable(QStringLiteral("mariadb"));
    const QString db =
        QStringLiteral("strata_mysql_bench_%1").arg(QCoreApplication::applicationPid());
    const ConnectionSettings base = settingsFor(QUrl(Strata::Test::mysqlUrl()).path().mid(1));

    MySql::Internal::MySqlSession session;
    if (Result<void> opened = session.open(base); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    std::printf("server: %s\n", qPrintable(session.serverVersion()));
    if (!run(
            session,
            QStringLiteral(
                "CREATE DATABASE `%1`; USE `%1`;"
                "CREATE TABLE stream (i INT NOT NULL, b BIGINT NOT NULL, t CHAR(32) NOT NULL,"
                " d DATETIME NOT NULL, m DECIMAL(12,2) NOT NULL) ENGINE=InnoDB;"
                "INSERT INTO stream SELECT seq, seq * 1000003, MD5(seq),"
                " TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND, seq / 100 FROM seq_1_to_%2")
                .arg(db)
                .arg(Rows)))
        return 1;

    const QString select = QStringLiteral("SELECT i, b, t, d, m FROM stream");
    QList<double> engineMs;
    qint64 bytes = 0;
    for (int i = 0; i < Runs; ++i) {
        ByteCountingSink sink;
        QElapsedTimer timer;
        timer.start();
        Result<void> result = session.execute(select, {}, sink);
        engineMs.append(double(timer.nsecsElapsed()) / 1e6);
        if (!result || sink.rowCount != Rows) {
            std::fprintf(stderr, "engine run failed: %s (%lld rows)\n",
                         qPrintable(result.error().toString()), sink.rowCount);
            return 1;
        }
        bytes = sink.bytes;
    }

    QList<double> cliMs;
    if (!client.isEmpty()) {
        const QUrl url(Strata::Test::mysqlUrl());
        for (int i = 0; i < Runs; ++i) {
            QProcess process;
            process.setStandardOutputFile(QProcess::nullDevice());
            // The password goes through a pipe (stdin read as an option file): never argv,
            // environment or a file on disk.
            const QStringList arguments{QStringLiteral("--defaults-extra-file=/dev/stdin"),
                                        QStringLiteral("--protocol=TCP"),
                                        QStringLiteral("-h"),
                                        url.host(),
                                        QStringLiteral("-P"),
                                        QString::number(url.port(3306)),
                                        QStringLiteral("-u"),
                                        url.userName(),
                                        QStringLiteral("--quick"),
                                        QStringLiteral("-B"),
                                        QStringLiteral("-e"),
                                        select,
                                        db};
            QElapsedTimer timer;
            timer.start();
            process.start(client, arguments);
            process.waitForStarted();
            process.write("[client]\npassword=" + Strata::Test::password().toUtf8() + "\n");
            process.closeWriteChannel();
            process.waitForFinished(300000);
            cliMs.append(double(timer.nsecsElapsed()) / 1e6);
            if (process.exitCode() != 0) {
                std::fprintf(stderr, "mariadb failed: %s\n",
                             process.readAllStandardError().constData());
                cliMs.clear();
                break;
            }
        }
    }
    (void)run(session, QStringLiteral("DROP DATABASE `%1`").arg(db));

    const double engine = median(engineMs);
    std::printf("rows: %d, payload: %.1f MB\n", Rows, double(bytes) / 1e6);
    std::printf("MySqlSession -> byte-counting sink: median %.0f ms (%.0f rows/s)\n", engine,
                Rows / (engine / 1000.0));
    if (!cliMs.isEmpty()) {
        const double cli = median(cliMs);
        std::printf("mariadb --quick -B > /dev/null:     median %.0f ms\n", cli);
        std::printf("ratio engine / cli: %.2f\n", engine / cli);
    } else {
        std::printf("mariadb client not available: no comparison\n");
    }
    return 0;
}
