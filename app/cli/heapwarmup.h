// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Strata::Cli {

// Page-faults in, in one system call, the heap memory a large document is about to need.
// On a virtual machine each first touch of a page traps to the hypervisor; parsing a 10 MB
// plan touches about 19,000 fresh pages one by one, which costs more CPU than the parse itself
// (docs/BENCHMARKS.md, issue 4). Relies on main()'s mallopt settings: blocks below
// M_MMAP_THRESHOLD come from the heap, and freed heap memory is kept for reuse.
namespace HeapWarmup {

// About how many bytes of parse structures one byte of JSON plan text becomes.
constexpr int PlanBytesPerInputByte = 8;
// Stays below main()'s M_MMAP_THRESHOLD, so the block comes from (and returns to) the heap.
constexpr qsizetype MaxBytes = 240 * 1024 * 1024;

// Populates min(bytes, MaxBytes) of heap memory and frees it for the allocations that follow.
// Linux 5.14+ (MADV_POPULATE_WRITE); elsewhere, or when it fails, does nothing. Returns
// whether it did.
bool prefault(qsizetype bytes);

} // namespace HeapWarmup
} // namespace Strata::Cli
