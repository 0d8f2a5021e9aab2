// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "irowsink.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>
#include <vector>

namespace Strata {

// One result's rows as they stream in: raw RowBlocks appended by the session's worker thread,
// read by the GUI thread, with coalesced notifications (at most one every ~50 ms).
class STRATA_CORE_EXPORT RowStore : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultRowLimit = 100000;
    static constexpr int NotifyIntervalMs = 50;

    explicit RowStore(const ColumnList &columns, QObject *parent = nullptr);
    ~RowStore() override;

    // 0 means no limit. Set it before rows arrive.
    void setRowLimit(qint64 limit);
    qint64 rowLimit() const;

    // Worker side (any thread). append() returns false once the limit is reached, so the
    // engine stops fetching; rows beyond the limit are dropped and the store is truncated.
    bool append(RowBlock &&block);
    void finish(const ResultSummary &summary);

    // Reader side (any thread; the GUI thread in practice). Rows below rowCount() never change.
    const ColumnList &columns() const { return m_columns; }
    int columnCount() const { return int(m_columns.size()); }
    qint64 rowCount() const;
    bool isNull(qint64 row, int column) const;
    QByteArrayView raw(qint64 row, int column) const;
    // Display text (CellFormat::text); a NULL gives a null QString.
    QString text(qint64 row, int column) const;
    bool isTruncated() const;
    bool isFinished() const;
    ResultSummary summary() const;
    // Bytes held by the blocks and the index, for memory accounting.
    qint64 byteSize() const;
    // GUI thread: the total of the last rowsAvailable() (what views have been told about).
    qint64 publishedRowCount() const { return m_notifiedRows; }

Q_SIGNALS:
    void rowsAvailable(qint64 total);
    void finished(const Strata::ResultSummary &summary);

private:
    const RowBlock *blockFor(qint64 row, int *rowInBlock) const;
    void requestNotify();
    void notifyNow();
    void deliverFinished();

    const ColumnList m_columns;
    mutable QMutex m_mutex;
    std::deque<RowBlock> m_blocks;      // never moves an element on push_back
    std::vector<qint64> m_blockStarts;  // first row of each block
    qint64 m_rowCount = 0;
    qint64 m_byteSize = 0;
    qint64 m_rowLimit = DefaultRowLimit;
    bool m_truncated = false;
    bool m_finished = false;
    ResultSummary m_summary;

    // GUI side.
    std::atomic<bool> m_notifyPending{false};
    QTimer m_notifyTimer;
    QElapsedTimer m_sinceNotify;
    qint64 m_notifiedRows = 0;
};

} // namespace Strata
