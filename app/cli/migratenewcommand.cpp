// SPDX-License-Identifier: GPL-3.0-or-later
#include "migratenewcommand.h"

#include "commandline.h"
#include "console.h"
#include "exitcode.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>

#include <cstdio>

namespace Strata::Cli {

bool MigrateNewCommand::isSafeName(const QString &name)
{
    if (name.isEmpty() || name.size() > 100)
        return false;
    for (const QChar c : name) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
                        || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

int MigrateNewCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write a new migration file <UTC YYYYMMDDHHMMSS>_<name>.sql with '-- migrate:up' and "
        "'-- migrate:down' sections, and print its path."));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("The folder of migration files (created when missing)."),
                                 QStringLiteral("D"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("The migration's name: letters, digits, '_' and '-'."),
                                  QStringLiteral("N"));
    parser.addOptions({dir, name});
    int exitCode = ExitSuccess;
    if (!CommandLine::parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(dir) || !parser.isSet(name)) {
        Console::error(QStringLiteral("give --dir and --name (see '%1 --help')").arg(arguments.value(0)));
        return ExitUsage;
    }
    if (!isSafeName(parser.value(name))) {
        Console::error(QStringLiteral("'%1' is not a safe migration name: use letters, digits, '_' and '-' "
                                      "(at most 100)")
                           .arg(parser.value(name)));
        return ExitUsage;
    }
    const QDir folder(parser.value(dir));
    if (!folder.exists() && !QDir().mkpath(folder.path())) {
        Console::error(QStringLiteral("cannot create the folder '%1'").arg(folder.path()));
        return ExitFailed;
    }
    const QString version = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss"));
    const QString path = folder.filePath(version + u'_' + parser.value(name) + QStringLiteral(".sql"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        Console::error(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
        return ExitFailed;
    }
    const QByteArray text = "-- migrate:up\n\n\n-- migrate:down\n\n";
    if (file.write(text) != text.size() || !file.flush()) {
        Console::error(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
        file.remove();
        return ExitFailed;
    }
    fputs((path + u'\n').toUtf8().constData(), stdout);
    return ExitSuccess;
}

} // namespace Strata::Cli
