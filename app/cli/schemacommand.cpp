// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemacommand.h"

#include "catalogjson.h"
#include "catalogtext.h"
#include "cliconnection.h"
#include "commandline.h"
#include "console.h"
#include "exitcode.h"
#include "interruptguard.h"
#include "export/outputbuffer.h"

#include "connection/enginesession.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

namespace Strata::Cli {

int SchemaCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the schema (tables, views, columns, keys, "
                                                    "indexes, foreign keys) of a database."));
    CliConnection::addOptions(parser);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON (the stable format)."));
    const QCommandLineOption allSchemas(QStringLiteral("all-schemas"),
                                        QStringLiteral("MySQL/MariaDB: every database the user can "
                                                       "see, not only the URL's."));
    const QCommandLineOption stats(QStringList{QStringLiteral("stats"), QStringLiteral("verbose")},
                                   QStringLiteral("Print table count, queries sent and time on stderr."));
    parser.addOptions({json, allSchemas, stats});
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;

    QElapsedTimer timer;
    timer.start();
    CliConnection connection;
    // Installed before connecting, so that Ctrl+C at any moment ends with "cancelled".
    InterruptGuard guard([&connection] { connection.cancel(); });
    if (const int code = connection.connect(parser))
        return guard.interrupted() ? Console::cancelled() : code;
    if (guard.interrupted())
        return Console::cancelled();
    const qint64 connectMs = timer.elapsed();

    CatalogRequest request;
    request.allSchemas = parser.isSet(allSchemas);
    EngineSession *session = connection.session();
    Result<Catalog> loaded = session->loadCatalog(request).result();
    if (!loaded) {
        if (guard.interrupted() || loaded.error().code() == Error::Code::Cancelled)
            return Console::cancelled();
        Console::error(QStringLiteral("cannot read the schema of %1: %2")
                           .arg(connection.displayUrl(), loaded.error().toString()));
        return loaded.error().isConnectError() ? ExitConnect : ExitFailed;
    }
    Catalog catalog = std::move(loaded).value();
    if (catalog.engine.isEmpty())
        catalog.engine = session->engine();
    if (catalog.serverVersion.isEmpty())
        catalog.serverVersion = connection.serverVersion();

    const qint64 catalogMs = timer.elapsed() - connectMs;
    OutputBuffer out(stdout);
    if (parser.isSet(json))
        CatalogJson::write(out, catalog);
    else
        out.write(CatalogText::toText(catalog).toUtf8());
    if (!out.flush()) {
        if (!out.brokenPipe())
            Console::error(QStringLiteral("cannot write the output: %1").arg(out.errorString()));
        return ExitFailed;
    }
    if (parser.isSet(stats)) {
        Console::status(QStringLiteral("stats: tables=%1 queries=%2 connect_ms=%3 catalog_ms=%4 total_ms=%5")
                            .arg(catalog.tableCount())
                            .arg(catalog.queryCount)
                            .arg(connectMs)
                            .arg(catalogMs)
                            .arg(timer.elapsed()));
    }
    return ExitSuccess;
}

} // namespace Strata::Cli
