// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rowblock.h"

#include <QElapsedTimer>

namespace Strata {

// Tells an engine when the RowBlock it fills goes to the sink: when it holds BlockRows rows or
// BlockBytes bytes, or once its first row has waited FlushAfterMs, so the first rows of a
// slow result show at once instead of waiting for a full block.
class BlockPacer
{
public:
    static constexpr int BlockRows = 1000;
    static constexpr qsizetype BlockBytes = 1 << 20;
    static constexpr qint64 FlushAfterMs = 40;

    BlockPacer() { m_clock.start(); }

    // Call after appending a row to block.
    bool isDue(const RowBlock &block)
    {
        const int rows = block.rowCount();
        if (rows == 0)
            return false;  // a result without columns has no rows to show
        if (rows == 1)
            m_firstRowMs = m_clock.elapsed();
        if (rows >= BlockRows || block.payloadSize() >= BlockBytes)
            return true;
        // The clock is read every 64 rows only: cheap, and the bound still holds within a
        // few milliseconds.
        return (rows & 63) == 0 && waitedMs() >= FlushAfterMs;
    }
    // How long the first row of the current block has waited.
    qint64 waitedMs() const { return m_clock.elapsed() - m_firstRowMs; }

private:
    QElapsedTimer m_clock;
    qint64 m_firstRowMs = 0;
};

} // namespace Strata
