// SPDX-License-Identifier: GPL-3.0-or-later
#include "migratelintcommand.h"

#include "commandline.h"
#include "console.h"
#include "exitcode.h"

#include "export/outputbuffer.h"
#include "migrations/migrationlinter.h"
#include "plugins/imigrations.h"
#include "plugins/pluginmanager.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Strata::Cli {

namespace {

// --engine's value (or a URL scheme's spelling of it) to the engine id and its splitter.
bool engineFor(const QString &name, QString *id, SqlDialect *dialect)
{
    const QString n = name.toLower();
    if (n == u"postgresql" || n == u"postgres" || n == u"pg") {
        *id = QStringLiteral("postgresql");
        *dialect = SqlDialect::PostgreSQL;
    } else if (n == u"mysql" || n == u"mariadb") {
        *id = QStringLiteral("mysql");
        *dialect = SqlDialect::MySQL;
    } else if (n == u"sqlite") {
        *id = QStringLiteral("sqlite");
        *dialect = SqlDialect::SQLite;
    } else {
        return false;
    }
    return true;
}

} // namespace

QByteArray MigrateLintCommand::toJson(const QList<LintFinding> &findings)
{
    // Written by hand: the contract fixes the key order, which QJsonObject would sort.
    auto quoted = [](const QString &text) {
        const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        return array.mid(1, array.size() - 2); // ["..."] → "..."
    };
    QByteArray out = "[";
    for (qsizetype i = 0; i < findings.size(); ++i) {
        const LintFinding &f = findings.at(i);
        out += i == 0 ? "\n  " : ",\n  ";
        out += "{\"file\": " + quoted(f.file) + ", \"line\": " + QByteArray::number(f.line)
               + ", \"rule\": " + quoted(f.rule) + ", \"severity\": " + quoted(LintFinding::severityName(f.severity))
               + ", \"message\": " + quoted(f.message) + "}";
    }
    out += findings.isEmpty() ? "]\n" : "\n]\n";
    return out;
}

int MigrateLintCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Check migration files for statements that lock or rewrite tables, fail on the engine, or "
        "destroy data. Exit 4 when any finding is an error (malformed files included), else 0.\n"
        "Silence a rule on the next statement with a comment line "
        "'-- strata-lint: ignore rule-id[, rule-id]' ('-- strata-lint: ignore' silences all; "
        "'-- strata-lint: ignore-file rule-id' silences a rule in the whole file)."));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("The folder of migration files."),
                                 QStringLiteral("D"));
    const QCommandLineOption file(QStringLiteral("file"),
                                  QStringLiteral("One migration file (a golang-migrate file finds its pair)."),
                                  QStringLiteral("F"));
    const QCommandLineOption engine(QStringLiteral("engine"),
                                    QStringLiteral("postgresql (default), mysql (MariaDB/MySQL) or sqlite."),
                                    QStringLiteral("E"), QStringLiteral("postgresql"));
    const QCommandLineOption version(QStringLiteral("server-version"),
                                     QStringLiteral("The server version the migrations target (\"10.22\", "
                                                    "\"10.11.6-MariaDB\"); default: the newest."),
                                     QStringLiteral("V"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print [{\"file\", \"line\", \"rule\", \"severity\", \"message\"}]."));
    parser.addOptions({dir, file, engine, version, json});
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;
    if (parser.isSet(dir) == parser.isSet(file)) {
        Console::error(QStringLiteral("give either --dir or --file (see '%1 --help')").arg(arguments.value(0)));
        return ExitUsage;
    }
    QString engineId;
    SqlDialect dialect = SqlDialect::PostgreSQL;
    if (!engineFor(parser.value(engine), &engineId, &dialect)) {
        Console::error(QStringLiteral("unknown engine '%1' (expected postgresql, mysql or sqlite)")
                           .arg(parser.value(engine)));
        return ExitUsage;
    }
    const QString path = parser.isSet(dir) ? parser.value(dir) : parser.value(file);
    const QFileInfo info(path);
    if (parser.isSet(dir) ? !info.isDir() : !info.isFile()) {
        Console::error(QStringLiteral("%1 '%2' does not exist")
                           .arg(parser.isSet(dir) ? QStringLiteral("folder") : QStringLiteral("file"), path));
        return ExitFailed;
    }

    PluginManager plugins;
    plugins.loadAll();
    const IMigrations *rules = plugins.capability<IMigrations>(engineId);
    if (!rules) {
        QString message = QStringLiteral("no %1 engine plugin with migration rules (searched %2)")
                              .arg(engineId, plugins.searchPaths().join(QLatin1Char(':')));
        const QStringList errors = plugins.errors();
        if (!errors.isEmpty())
            message += QStringLiteral(": ") + errors.join(QLatin1String("; "));
        Console::error(message);
        return ExitFailed;
    }
    MigrationLinter linter(rules, dialect);
    linter.setServerVersion(parser.value(version));
    QList<LintFinding> findings = parser.isSet(dir) ? linter.lintDirectory(path) : linter.lintFile(path);
    // Name files as the user reaches them: the folder given plus the file name.
    const QDir base(parser.isSet(dir) ? path : info.path());
    for (LintFinding &f : findings)
        f.file = QDir::cleanPath(base.filePath(f.file));

    OutputBuffer out(stdout);
    if (parser.isSet(json)) {
        out.write(toJson(findings));
    } else {
        for (const LintFinding &f : std::as_const(findings))
            out.write((f.toString() + u'\n').toUtf8());
    }
    if (!out.flush()) {
        if (!out.brokenPipe())
            Console::error(QStringLiteral("cannot write the output: %1").arg(out.errorString()));
        return ExitFailed;
    }
    if (!parser.isSet(json)) {
        qsizetype errors = 0;
        for (const LintFinding &f : std::as_const(findings))
            errors += f.severity == LintFinding::Severity::Error ? 1 : 0;
        Console::status(QStringLiteral("%1 error(s), %2 warning(s)").arg(errors).arg(findings.size() - errors));
    }
    return LintFinding::hasErrors(findings) ? ExitCheckFailed : ExitSuccess;
}

} // namespace Strata::Cli
