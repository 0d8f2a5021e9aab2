// SPDX-License-Identifier: GPL-3.0-or-later
#include "querycommand.h"

#include "cliconnection.h"
#include "commandline.h"
#include "console.h"
#include "export/csvwriter.h"
#include "exitcode.h"
#include "interruptguard.h"
#include "export/jsonwriter.h"
#include "tablewriter.h"

#include "connection/enginesession.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>

#include <atomic>

namespace Strata::Cli {

namespace {

// Reads --file (or stdin for "-"); a null QString with *error set when it cannot.
QString readSqlFile(const QString &path, QString *error)
{
    QFile file;
    const bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        *error = QStringLiteral("cannot read --file '%1': %2").arg(path, file.errorString());
        return {};
    }
    QString sql = QString::fromUtf8(file.readAll());
    if (sql.isNull())
        sql = QLatin1String("");
    return sql;
}

// Counts rows on their way to the real writer, for --stats.
class CountingWriter final : public IRowSink
{
public:
    explicit CountingWriter(ResultWriter &writer) : m_writer(writer) {}
    void beginResult(const ColumnList &columns) override { m_writer.beginResult(columns); }
    bool rows(RowBlock &&block) override
    {
        m_rows.fetch_add(block.rowCount(), std::memory_order_relaxed);
        return m_writer.rows(std::move(block));
    }
    void endResult(const ResultSummary &summary) override { m_writer.endResult(summary); }
    void notice(const QString &message) override { m_writer.notice(message); }
    qint64 rowCount() const { return m_rows.load(); }

private:
    ResultWriter &m_writer;
    std::atomic<qint64> m_rows{0};
};

} // namespace

int QueryCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run SQL and print every result. csv: RFC 4180 with LF line ends, NULL as an empty "
        "field, results separated by a blank line, summaries of statements without rows on "
        "stderr. json: {\"results\": [[{row}, ...], {\"rowsAffected\": n}, ...]}. table: aligned text."));
    CliConnection::addOptions(parser);
    const QCommandLineOption sqlOption(QStringLiteral("sql"), QStringLiteral("The SQL to run."),
                                       QStringLiteral("TEXT"));
    const QCommandLineOption fileOption(QStringLiteral("file"),
                                        QStringLiteral("Read the SQL from a file ('-' for stdin)."),
                                        QStringLiteral("F"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("csv (default), json or table."),
                                          QStringLiteral("FORMAT"), QStringLiteral("csv"));
    const QCommandLineOption stats(QStringList{QStringLiteral("stats"), QStringLiteral("verbose")},
                                   QStringLiteral("Print rows, results and time on stderr."));
    parser.addOptions({sqlOption, fileOption, formatOption, stats});
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;

    const QString format = parser.value(formatOption);
    if (format != u"csv" && format != u"json" && format != u"table") {
        Console::error(QStringLiteral("unknown --format '%1' (expected csv, json or table)").arg(format));
        return ExitUsage;
    }
    if (parser.isSet(sqlOption) == parser.isSet(fileOption)) {
        Console::error(QStringLiteral("give exactly one of --sql and --file"));
        return ExitUsage;
    }
    QString sql;
    if (parser.isSet(sqlOption)) {
        sql = parser.value(sqlOption);
    } else {
        QString error;
        sql = readSqlFile(parser.value(fileOption), &error);
        if (sql.isNull()) {
            Console::error(error);
            return ExitUsage;
        }
    }
    if (sql.trimmed().isEmpty()) {
        Console::error(QStringLiteral("the SQL is empty"));
        return ExitUsage;
    }

    QElapsedTimer timer;
    timer.start();
    CliConnection connection;
    // Installed before connecting, so that Ctrl+C at any moment ends with "cancelled".
    InterruptGuard guard([&connection] { connection.cancel(); });
    if (const int code = connection.connect(parser))
        return guard.interrupted() ? Console::cancelled() : code;
    if (guard.interrupted())
        return Console::cancelled();

    OutputBuffer out(stdout, 1024 * 1024);
    std::unique_ptr<ResultWriter> writer;
    if (format == u"json")
        writer = std::make_unique<JsonWriter>(out);
    else if (format == u"table")
        writer = std::make_unique<TableWriter>(out);
    else
        writer = std::make_unique<CsvWriter>(out);
    writer->setStatusHandler([](const QString &line) { Console::status(line); });
    auto sink = std::make_shared<CountingWriter>(*writer);

    EngineSession *session = connection.session();
    const Result<void> result = session->execute(sql, {}, sink).result();
    writer->finish();

    if (!result) {
        if (guard.interrupted() || result.error().code() == Error::Code::Cancelled)
            return Console::cancelled();
        Console::error(result.error().toString());
        return result.error().isConnectError() ? ExitConnect : ExitFailed;
    }
    if (out.failed()) {
        if (!out.brokenPipe())
            Console::error(QStringLiteral("cannot write the output: %1").arg(out.errorString()));
        return ExitFailed;
    }
    if (parser.isSet(stats)) {
        Console::status(QStringLiteral("stats: results=%1 rows=%2 total_ms=%3")
                            .arg(writer->resultCount())
                            .arg(sink->rowCount())
                            .arg(timer.elapsed()));
    }
    return ExitSuccess;
}

} // namespace Strata::Cli
