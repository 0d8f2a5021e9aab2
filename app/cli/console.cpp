// SPDX-License-Identifier: GPL-3.0-or-later
#include "console.h"

#include "exitcode.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace Strata::Cli::Console {

void error(const QString &message)
{
    QString line = message.simplified();
    const QByteArray bytes = QByteArrayLiteral("strata-cli: ") + line.toUtf8() + '\n';
    fflush(stdout);
    fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    fflush(stderr);
}

int cancelled()
{
    error(QStringLiteral("cancelled"));
    return ExitFailed;
}

void status(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    fflush(stderr);
}

bool stdinIsTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

bool stdoutIsTerminal()
{
    return isatty(STDOUT_FILENO) == 1;
}

QString readPassword(const QString &prompt)
{
    if (!stdinIsTerminal())
        return {};
    const QByteArray promptBytes = prompt.toUtf8();
    fwrite(promptBytes.constData(), 1, size_t(promptBytes.size()), stderr);
    fflush(stderr);

    termios saved{};
    const bool haveTermios = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTermios) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        silent.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    bool ok = false;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n <= 0)
            break;
        if (c == '\n') {
            ok = true;
            break;
        }
        line.push_back(c);
    }
    if (haveTermios)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (!ok && line.empty())
        return {};
    QString password = QString::fromStdString(line);
    // Overwrite our copy; the QString goes to the connection settings only.
    std::fill(line.begin(), line.end(), '\0');
    if (password.isNull())
        password = QLatin1String("");
    return password;
}

} // namespace Strata::Cli::Console
