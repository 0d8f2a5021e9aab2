// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultsetsink.h"

#include <QMutexLocker>
#include <QThread>

namespace Strata {

ResultSetSink::ResultSetSink(qint64 rowLimit, QObject *parent)
    : QObject(parent)
    , m_rowLimit(rowLimit)
{
}

ResultSetSink::~ResultSetSink() = default;

std::shared_ptr<ResultSetSink> ResultSetSink::create(qint64 rowLimit)
{
    return std::shared_ptr<ResultSetSink>(new ResultSetSink(rowLimit),
                                          [](ResultSetSink *sink) { sink->deleteLater(); });
}

int ResultSetSink::storeCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_stores.size());
}

RowStore *ResultSetSink::store(int index) const
{
    QMutexLocker lock(&m_mutex);
    return index >= 0 && size_t(index) < m_stores.size() ? m_stores[size_t(index)].get() : nullptr;
}

QList<ResultSummary> ResultSetSink::summaries() const
{
    QMutexLocker lock(&m_mutex);
    return m_summaries;
}

QStringList ResultSetSink::notices() const
{
    QMutexLocker lock(&m_mutex);
    return m_notices;
}

void ResultSetSink::beginResult(const ColumnList &columns)
{
    auto store = std::make_unique<RowStore>(columns);
    store->setRowLimit(m_rowLimit);
    if (store->thread() != thread())
        store->moveToThread(thread());
    m_current = store.get();
    {
        QMutexLocker lock(&m_mutex);
        m_stores.push_back(std::move(store));
    }
    QMetaObject::invokeMethod(
        this, [this, added = m_current] { Q_EMIT storeAdded(added); }, Qt::QueuedConnection);
}

bool ResultSetSink::rows(RowBlock &&block)
{
    Q_ASSERT(m_current);
    return m_current ? m_current->append(std::move(block)) : false;
}

void ResultSetSink::endResult(const ResultSummary &summary)
{
    if (m_current) {
        m_current->finish(summary);
        m_current = nullptr;
        return;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_summaries.append(summary);
    }
    QMetaObject::invokeMethod(
        this, [this, summary] { Q_EMIT summaryAdded(summary); }, Qt::QueuedConnection);
}

void ResultSetSink::notice(const QString &message)
{
    {
        QMutexLocker lock(&m_mutex);
        m_notices.append(message);
    }
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT noticeAdded(message); }, Qt::QueuedConnection);
}

} // namespace Strata
