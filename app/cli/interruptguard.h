// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace Strata::Cli {

// Turns Ctrl+C (SIGINT) into a call of onInterrupt on a watcher thread, outside the signal
// handler (the handler only writes a byte to a pipe). A second Ctrl+C kills the process the
// default way. While the guard lives, SIGPIPE is ignored so a closed pipe is a write error.
class InterruptGuard
{
public:
    explicit InterruptGuard(std::function<void()> onInterrupt);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

    bool interrupted() const;

private:
    void watch();

    std::function<void()> m_onInterrupt;
    std::thread m_watcher;
    int m_pipe[2] = {-1, -1};
};

} // namespace Strata::Cli
