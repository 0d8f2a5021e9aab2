// SPDX-License-Identifier: GPL-3.0-or-later
#include "rowstore.h"

#include "cellformat.h"

#include <QMutexLocker>

#include <algorithm>
#include <limits>

namespace Strata {

namespace {
// A copy of the first rows of a block, for the one block that crosses the row limit.
RowBlock firstRows(const RowBlock &block, int rows)
{
    RowBlock head(block.columnCount());
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < block.columnCount(); ++c) {
            if (block.isNull(r, c))
                head.appendNull();
            else
                head.appendCell(block.raw(r, c));
        }
    }
    return head;
}
} // namespace

RowStore::RowStore(const ColumnList &columns, QObject *parent)
    : QObject(parent)
    , m_columns(columns)
    , m_notifyTimer(this)
{
    m_notifyTimer.setSingleShot(true);
    connect(&m_notifyTimer, &QTimer::timeout, this, &RowStore::notifyNow);
}

RowStore::~RowStore() = default;

void RowStore::setRowLimit(qint64 limit)
{
    QMutexLocker lock(&m_mutex);
    m_rowLimit = qMax<qint64>(0, limit);
}

qint64 RowStore::rowLimit() const
{
    QMutexLocker lock(&m_mutex);
    return m_rowLimit;
}

bool RowStore::append(RowBlock &&block)
{
    if (block.isEmpty()) {
        QMutexLocker lock(&m_mutex);
        return m_rowLimit == 0 || m_rowCount < m_rowLimit;
    }
    qint64 room;
    {
        QMutexLocker lock(&m_mutex);
        room = m_rowLimit > 0 ? m_rowLimit - m_rowCount : std::numeric_limits<qint64>::max();
    }
    // Only this (worker) thread appends, so room cannot shrink behind our back; the copy and
    // the squeeze happen outside the lock.
    bool cut = false;
    if (room <= 0) {
        QMutexLocker lock(&m_mutex);
        m_truncated = true;
        return false;
    }
    if (block.rowCount() > room) {
        block = firstRows(block, int(room));
        cut = true;
    }
    block.squeeze();
    const qint64 bytes = block.byteSize();
    bool more;
    {
        QMutexLocker lock(&m_mutex);
        m_blockStarts.push_back(m_rowCount);
        m_rowCount += block.rowCount();
        m_byteSize += bytes;
        m_blocks.push_back(std::move(block));
        if (cut)
            m_truncated = true;
        more = m_rowLimit == 0 || m_rowCount < m_rowLimit;
    }
    requestNotify();
    return more;
}

void RowStore::finish(const ResultSummary &summary)
{
    {
        QMutexLocker lock(&m_mutex);
        m_summary = summary;
        m_summary.hasRows = true;
        m_truncated = m_truncated || summary.truncated;
        m_summary.truncated = m_truncated;
        m_summary.rowCount = m_rowCount;
        m_finished = true;
    }
    QMetaObject::invokeMethod(this, &RowStore::deliverFinished, Qt::QueuedConnection);
}

void RowStore::requestNotify()
{
    // One queued call at a time; the GUI side spaces the signals out.
    if (!m_notifyPending.exchange(true))
        QMetaObject::invokeMethod(this, &RowStore::notifyNow, Qt::QueuedConnection);
}

void RowStore::notifyNow()
{
    if (m_sinceNotify.isValid() && m_sinceNotify.elapsed() < NotifyIntervalMs) {
        if (!m_notifyTimer.isActive())
            m_notifyTimer.start(int(NotifyIntervalMs - m_sinceNotify.elapsed()));
        return;
    }
    m_notifyTimer.stop();
    m_notifyPending = false;
    const qint64 total = rowCount();
    if (total == m_notifiedRows)
        return;
    m_notifiedRows = total;
    m_sinceNotify.start();
    Q_EMIT rowsAvailable(total);
}

void RowStore::deliverFinished()
{
    m_notifyTimer.stop();
    m_notifyPending = false;
    const qint64 total = rowCount();
    if (total != m_notifiedRows) {
        m_notifiedRows = total;
        m_sinceNotify.start();
        Q_EMIT rowsAvailable(total);
    }
    Q_EMIT finished(summary());
}

qint64 RowStore::rowCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_rowCount;
}

const RowBlock *RowStore::blockFor(qint64 row, int *rowInBlock) const
{
    QMutexLocker lock(&m_mutex);
    Q_ASSERT_X(row >= 0 && row < m_rowCount, "RowStore", "row out of range");
    const auto it = std::upper_bound(m_blockStarts.cbegin(), m_blockStarts.cend(), row) - 1;
    const size_t index = size_t(it - m_blockStarts.cbegin());
    *rowInBlock = int(row - *it);
    return &m_blocks[index];
}

bool RowStore::isNull(qint64 row, int column) const
{
    int r = 0;
    return blockFor(row, &r)->isNull(r, column);
}

QByteArrayView RowStore::raw(qint64 row, int column) const
{
    int r = 0;
    return blockFor(row, &r)->raw(r, column);
}

QString RowStore::text(qint64 row, int column) const
{
    int r = 0;
    const RowBlock *block = blockFor(row, &r);
    if (block->isNull(r, column))
        return {};
    return CellFormat::text(m_columns.at(column), block->raw(r, column));
}

bool RowStore::isTruncated() const
{
    QMutexLocker lock(&m_mutex);
    return m_truncated;
}

bool RowStore::isFinished() const
{
    QMutexLocker lock(&m_mutex);
    return m_finished;
}

ResultSummary RowStore::summary() const
{
    QMutexLocker lock(&m_mutex);
    return m_summary;
}

qint64 RowStore::byteSize() const
{
    QMutexLocker lock(&m_mutex);
    return m_byteSize + qint64(m_blockStarts.capacity() * sizeof(qint64))
           + qint64(m_blocks.size() * sizeof(RowBlock)) + qint64(sizeof(*this));
}

} // namespace Strata
