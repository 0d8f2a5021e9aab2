// SPDX-License-Identifier: GPL-3.0-or-later
// strata: the GUI. Everything lives in StrataUi; this file only wires it up.

#include "connection/connectionurl.h"
#include "connections/connectionmanager.h"
#include "plugins/pluginmanager.h"
#include "query/queryfeature.h"
#include "query/sqlfile.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace {

// Milliseconds since the process started (the kernel's start time, so dynamic loading and
// static initialisation count too); -1 where /proc is missing.
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime, clock ticks since boot) counts from after the ")" of the name.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startTicks = fields.at(19).toDouble();
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// STRATA_EXIT_AFTER_FIRST_PAINT=1: print the time to the first paint of the window and quit
// (the launch benchmark).
class FirstPaintProbe : public QObject
{
public:
    explicit FirstPaintProbe(QElapsedTimer mainTimer) : m_mainTimer(mainTimer) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            // Report after this paint has been delivered.
            QTimer::singleShot(0, qApp, [this] {
                std::printf("first-paint-ms %.1f main-ms %lld\n", msSinceProcessStart(),
                            static_cast<long long>(m_mainTimer.elapsed()));
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer m_mainTimer;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer mainTimer;
    mainTimer.start();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Strata"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.strata.Strata"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Database workbench for PostgreSQL, MySQL/MariaDB "
                                            "and SQLite."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("url"),
        QCoreApplication::translate("main", "Connect to this URL instead of opening the demo "
                                            "(no password in the URL: use the dialog)."),
        QStringLiteral("[url]"));
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("main", ".sql files to open as query tabs; - reads one "
                                            "from standard input."),
        QStringLiteral("[file.sql...|-]"));
    parser.process(app);

    // Existing files, *.sql and "-" are files; the one other argument is the URL.
    QString url;
    QStringList files;
    for (const QString &argument : parser.positionalArguments()) {
        if (argument == QLatin1String("-") || QFileInfo(argument).isFile()
            || argument.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive)) {
            files << argument;
        } else if (url.isEmpty()) {
            url = argument;
        } else {
            QTextStream(stderr) << "strata: only one URL may be given\n";
            return 2;
        }
    }

    Strata::ConnectionManager connections;
    connections.plugins()->loadAll();

    Strata::MainWindow window(&connections);
    window.installDefaultFeatures();
    window.restoreLayout();

    FirstPaintProbe probe(mainTimer);
    if (qEnvironmentVariableIsSet("STRATA_EXIT_AFTER_FIRST_PAINT"))
        window.installEventFilter(&probe);

    QString connectionId;
    if (!url.isEmpty()) {
        const Strata::Result<Strata::ConnectionSettings> settings
            = Strata::ConnectionUrl::parse(url);
        if (!settings) {
            QTextStream(stderr) << "strata: " << settings.error().toString() << '\n';
            return 2;
        }
        connectionId = connections.open(Strata::ConnectionUrl::toString(settings.value()),
                                        settings.value());
    }

    // Tabs of a crashed session come back first (never run), then the files asked for.
    auto *queries = window.feature<Strata::QueryFeature>();
    queries->startSession();
    for (const QString &file : std::as_const(files)) {
        if (file != QLatin1String("-")) {
            queries->openFile(file, connectionId);
            continue;
        }
        QFile input;
        (void)input.open(stdin, QIODevice::ReadOnly);
        const auto text = Strata::SqlFile::decode(input.read(Strata::SqlFile::MaxBytes + 1),
                                                  QStringLiteral("standard input"));
        if (!text) {
            QTextStream(stderr) << "strata: " << text.error().toString() << '\n';
            return 2;
        }
        queries->openText(text.value(), connectionId);
    }

    window.show();
    const int code = app.exec();
    connections.closeAll();
    return code;
}
