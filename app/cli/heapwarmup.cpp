// SPDX-License-Identifier: GPL-3.0-or-later
#include "heapwarmup.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include <sys/mman.h>
#include <unistd.h>

namespace Strata::Cli::HeapWarmup {

namespace {
// From <linux/mman.h>, missing from older libc headers; the kernel refuses it before 5.14.
constexpr int PopulateWrite = 23;
} // namespace

bool prefault(qsizetype bytes)
{
    const auto size = size_t(std::min(bytes, MaxBytes));
    const auto page = std::uintptr_t(sysconf(_SC_PAGESIZE));
    if (size < 4 * page)
        return false;
    void *block = std::malloc(size);
    if (!block)
        return false;
    const auto begin = (reinterpret_cast<std::uintptr_t>(block) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(block) + size) & ~(page - 1);
    const bool populated =
        madvise(reinterpret_cast<void *>(begin), end - begin, PopulateWrite) == 0;
    std::free(block);
    return populated;
}

} // namespace Strata::Cli::HeapWarmup
