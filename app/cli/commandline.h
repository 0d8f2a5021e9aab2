// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QCommandLineParser;

namespace Strata::Cli {

// Shared handling of a subcommand's QCommandLineParser.
namespace CommandLine {

// Parses arguments (arguments[0] is "strata-cli <command>"). Returns true when the command
// should run; otherwise *exitCode is set: 0 after printing --help, 2 after printing a
// one-line usage error (unknown option, missing value, stray argument).
bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode);

} // namespace CommandLine
} // namespace Strata::Cli
