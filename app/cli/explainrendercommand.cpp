// SPDX-License-Identifier: GPL-3.0-or-later
#include "explainrendercommand.h"

#include "commandline.h"
#include "console.h"
#include "exitcode.h"
#include "heapwarmup.h"
#include "planoutput.h"

#include "explain/plandocument.h"
#include "explain/planreader.h"
#include "plugins/iexplain.h"
#include "plugins/pluginmanager.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QStringDecoder>

#include <algorithm>
#include <ctime>
#include <optional>

namespace Strata::Cli {

namespace {

const QLatin1String NotAPlan("not an EXPLAIN plan: ");

// The engines --engine accepts (DESIGN.md); whether one is loaded is checked afterwards.
const QStringList KnownEngines{QStringLiteral("postgresql"), QStringLiteral("mysql"),
                               QStringLiteral("sqlite")};

// Reads the whole input; false with *error set when it cannot be read. Read, not mapped:
// a file truncated while mapped would kill the process with SIGBUS.
bool readInput(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file;
    const bool isStdin = path == QLatin1String("-");
    const bool opened = isStdin ? file.open(stdin, QIODevice::ReadOnly)
                                : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (opened)
        *bytes = file.readAll();
    if (!opened || file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read --input '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The input as text, or a null QString with *why set when it cannot be plan text.
QString decode(QByteArrayView bytes, QString *why)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    const bool blank = std::all_of(bytes.cbegin(), bytes.cend(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
    if (blank) {
        *why = QStringLiteral("the input is empty");
        return {};
    }
    if (bytes.contains('\0')) {
        *why = QStringLiteral("the input is binary, not text");
        return {};
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        *why = QStringLiteral("the input is not UTF-8 text");
        return {};
    }
    return text;
}

// Every loaded engine that reads plans, PostgreSQL first: when no engine reads the input, the
// reason given is the first engine's, and pasted plans are PostgreSQL's most often.
QList<PlanReader::Engine> planEngines(const PluginManager &plugins)
{
    QStringList ids = plugins.engineIds();
    ids.sort();
    if (ids.removeAll(QStringLiteral("postgresql")) > 0)
        ids.prepend(QStringLiteral("postgresql"));
    QList<PlanReader::Engine> engines;
    for (const QString &id : std::as_const(ids)) {
        if (const IExplain *explain = plugins.capability<IExplain>(id))
            engines.append({id, explain});
    }
    return engines;
}

// Wall and CPU time of each step, for --stats: "read=12.3/10.1" (ms wall / ms CPU).
class StepTimes
{
public:
    StepTimes()
        : m_cpuStart(std::clock())
        , m_cpuLast(m_cpuStart)
    {
        m_wall.start();
    }

    void mark(const char *step)
    {
        const qint64 wall = m_wall.nsecsElapsed();
        const std::clock_t cpu = std::clock();
        m_parts.append(QStringLiteral("%1=%2").arg(QLatin1String(step),
                                                   times(wall - m_wallLast, cpu - m_cpuLast)));
        m_wallLast = wall;
        m_cpuLast = cpu;
    }
    QString summary() const
    {
        return m_parts.join(u' ') +
               QStringLiteral(" total=%1 (ms wall/cpu)")
                   .arg(times(m_wall.nsecsElapsed(), std::clock() - m_cpuStart));
    }

private:
    static QString times(qint64 wallNs, std::clock_t cpu)
    {
        return QStringLiteral("%1/%2").arg(
            QString::number(double(wallNs) / 1e6, 'f', 1),
            QString::number(double(cpu) * 1000.0 / CLOCKS_PER_SEC, 'f', 1));
    }

    QElapsedTimer m_wall;
    qint64 m_wallLast = 0;
    std::clock_t m_cpuStart;
    std::clock_t m_cpuLast;
    QStringList m_parts;
};

} // namespace

int ExplainRenderCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print a plan that EXPLAIN already produced (a file, or '-' for stdin), with the time per "
        "node and the findings. The engine is detected unless --engine names it. json: "
        "{\"engine\", "
        "\"format\", \"planningMs\", \"executionMs\", \"nodeCount\", \"root\": {...}, "
        "\"findings\": [...]}."));
    const QCommandLineOption inputOption(QStringLiteral("input"),
                                         QStringLiteral("The plan file, or '-' for stdin."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption engineOption(QStringLiteral("engine"),
                                          QStringLiteral("The plan's engine: %1 (default: detect).")
                                              .arg(KnownEngines.join(QStringLiteral(", "))),
                                          QStringLiteral("ID"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("%1 (default %2).")
            .arg(PlanOutput::formats().join(QStringLiteral(" or ")), PlanOutput::defaultFormat()),
        QStringLiteral("FORMAT"), PlanOutput::defaultFormat());
    const QCommandLineOption stats(
        QStringList{QStringLiteral("stats"), QStringLiteral("verbose")},
        QStringLiteral("Print the node count and the time of each step on stderr."));
    parser.addOptions({inputOption, engineOption, formatOption, stats});
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;

    const QString format = parser.value(formatOption);
    if (!PlanOutput::writerFor(format)) {
        Console::error(PlanOutput::unknownFormatMessage(format));
        return ExitUsage;
    }
    if (!parser.isSet(inputOption)) {
        Console::error(QStringLiteral("missing --input FILE (or '-' for stdin)"));
        return ExitUsage;
    }
    const QString engineId = parser.value(engineOption);
    if (parser.isSet(engineOption) && !KnownEngines.contains(engineId)) {
        Console::error(QStringLiteral("unknown --engine '%1' (expected %2)")
                           .arg(engineId, KnownEngines.join(QStringLiteral(", "))));
        return ExitUsage;
    }

    StepTimes steps;
    QString text;
    {
        QByteArray bytes;
        QString error;
        if (!readInput(parser.value(inputOption), &bytes, &error)) {
            Console::error(error);
            return ExitUsage;
        }
        steps.mark("read");
        HeapWarmup::prefault(bytes.size() * HeapWarmup::PlanBytesPerInputByte);
        steps.mark("prefault");
        QString why;
        text = decode(bytes, &why);
        if (text.isNull()) {
            Console::error(NotAPlan + why);
            return ExitFailed;
        }
    } // the bytes are freed before parsing

    steps.mark("decode");
    PluginManager plugins;
    plugins.loadAll();
    steps.mark("plugins");
    const PlanReader reader(planEngines(plugins));
    if (reader.engineIds().isEmpty()) {
        QString message = QStringLiteral("no engine plugin reads EXPLAIN plans (searched %1)")
                              .arg(plugins.searchPaths().join(QLatin1Char(':')));
        if (!plugins.errors().isEmpty())
            message += QStringLiteral(": ") + plugins.errors().join(QStringLiteral("; "));
        Console::error(message);
        return ExitFailed;
    }
    // Each engine in turn (or only the named one), keeping which one read the plan: its rules
    // analyze it. When none reads it, the first engine's reason is given, as PlanReader does.
    const QStringList candidates = engineId.isEmpty() ? reader.engineIds() : QStringList{engineId};
    std::optional<Plan> plan;
    std::optional<Error> firstError;
    QString readBy;
    for (const QString &candidate : candidates) {
        Result<Plan> read = reader.read(text, candidate);
        if (read) {
            plan = std::move(read).value();
            readBy = candidate;
            break;
        }
        if (!firstError)
            firstError = read.error();
    }
    if (!plan) {
        if (!engineId.isEmpty() && !reader.engineIds().contains(engineId)) { // not loaded
            Console::error(firstError->toString());
            return ExitUsage;
        }
        const QString message = firstError->toString();
        Console::error(message.startsWith(NotAPlan) ? message : NotAPlan + message);
        return ExitFailed;
    }
    steps.mark("parse");
    const IExplain *explain = plugins.capability<IExplain>(readBy);
    const PlanDocument document = PlanDocument::analyze(std::move(*plan), explain->planRules());
    steps.mark("analyze");
    const int code = PlanOutput::print(document, format);
    steps.mark("write");
    if (parser.isSet(stats)) {
        Console::status(QStringLiteral("stats: engine=%1 nodes=%2 findings=%3 %4")
                            .arg(readBy)
                            .arg(document.plan.nodeCount())
                            .arg(document.findings.size())
                            .arg(steps.summary()));
    }
    return code;
}

} // namespace Strata::Cli
