// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Strata::Cli {

// The terminal side of the CLI: one-line messages on stderr and the no-echo password prompt.
namespace Console {

// "strata-cli: <message>" on stderr, on one line (line breaks in server text become spaces).
void error(const QString &message);
// Says "cancelled" (Ctrl+C) and returns the exit code for it, ExitFailed.
int cancelled();
// A status line on stderr as is (statement summaries, notices, --stats).
void status(const QString &line);
bool stdinIsTerminal();
bool stdoutIsTerminal();
// Prompts on stderr and reads one line from stdin with echo off (termios). Only when stdin
// is a terminal; returns a null QString when it is not or when reading failed.
QString readPassword(const QString &prompt);

} // namespace Console
} // namespace Strata::Cli
