// SPDX-License-Identifier: GPL-3.0-or-later
#include "interruptguard.h"

#include <cerrno>
#include <csignal>

#include <fcntl.h>
#include <unistd.h>

namespace Strata::Cli {

namespace {

std::atomic<int> s_wakeFd{-1};
std::atomic<bool> s_interrupted{false};

extern "C" void onSigint(int)
{
    s_interrupted.store(true);
    std::signal(SIGINT, SIG_DFL); // the second Ctrl+C ends the process
    const int fd = s_wakeFd.load();
    if (fd >= 0) {
        const char byte = 'i';
        [[maybe_unused]] const ssize_t n = ::write(fd, &byte, 1);
    }
}

} // namespace

InterruptGuard::InterruptGuard(std::function<void()> onInterrupt)
    : m_onInterrupt(std::move(onInterrupt))
{
    s_interrupted.store(false);
    std::signal(SIGPIPE, SIG_IGN);
    if (::pipe2(m_pipe, O_CLOEXEC) != 0)
        return;
    s_wakeFd.store(m_pipe[1]);
    m_watcher = std::thread([this] { watch(); });
    std::signal(SIGINT, onSigint);
}

InterruptGuard::~InterruptGuard()
{
    std::signal(SIGINT, SIG_DFL);
    s_wakeFd.store(-1);
    if (m_pipe[1] >= 0) {
        const char byte = 'q';
        [[maybe_unused]] const ssize_t n = ::write(m_pipe[1], &byte, 1);
    }
    if (m_watcher.joinable())
        m_watcher.join();
    for (int fd : m_pipe) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool InterruptGuard::interrupted() const
{
    return s_interrupted.load();
}

void InterruptGuard::watch()
{
    for (;;) {
        char byte = 0;
        const ssize_t n = ::read(m_pipe[0], &byte, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || byte == 'q')
            return;
        if (m_onInterrupt)
            m_onInterrupt();
    }
}

} // namespace Strata::Cli
