// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include "console.h"
#include "exitcode.h"

#include <QCommandLineParser>

#include <cstdio>

namespace Strata::Cli::CommandLine {

bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        Console::error(QStringLiteral("%1 (see '%2 --help')")
                           .arg(parser.errorText(), arguments.value(0)));
        *exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // The usage line names the subcommand, not just the program.
        const qsizetype eol = text.indexOf(QLatin1Char('\n'));
        text.replace(0, eol, QStringLiteral("Usage: %1 [options]").arg(arguments.value(0)));
        const QByteArray bytes = text.toUtf8();
        fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        *exitCode = ExitSuccess;
        return false;
    }
    const QStringList stray = parser.positionalArguments();
    if (!stray.isEmpty()) {
        Console::error(QStringLiteral("unexpected argument '%1' (see '%2 --help')")
                           .arg(stray.constFirst(), arguments.value(0)));
        *exitCode = ExitUsage;
        return false;
    }
    return true;
}

} // namespace Strata::Cli::CommandLine
