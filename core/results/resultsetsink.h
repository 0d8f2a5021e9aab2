// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rowstore.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace Strata {

// The IRowSink of one execute() call: one RowStore per result set, in order, plus the summaries
// of statements without rows and the server's notices (for a messages list). Lives in the GUI
// thread; the engine calls the IRowSink side on its worker thread.
class STRATA_CORE_EXPORT ResultSetSink : public QObject, public IRowSink
{
    Q_OBJECT
public:
    explicit ResultSetSink(qint64 rowLimit = RowStore::DefaultRowLimit, QObject *parent = nullptr);
    ~ResultSetSink() override;

    // Hand this to EngineSession::execute: the last owner may be the worker thread, and the
    // sink is then deleted in its own thread.
    static std::shared_ptr<ResultSetSink> create(qint64 rowLimit = RowStore::DefaultRowLimit);

    qint64 rowLimit() const { return m_rowLimit; }
    int storeCount() const;
    // Owned by the sink; lives in the sink's thread.
    RowStore *store(int index) const;
    // Statements without rows, in order.
    QList<ResultSummary> summaries() const;
    QStringList notices() const;

    void beginResult(const ColumnList &columns) override;
    bool rows(RowBlock &&block) override;
    void endResult(const ResultSummary &summary) override;
    void notice(const QString &message) override;

Q_SIGNALS:
    void storeAdded(Strata::RowStore *store);
    void summaryAdded(const Strata::ResultSummary &summary);
    void noticeAdded(const QString &message);

private:
    const qint64 m_rowLimit;
    mutable QMutex m_mutex;
    std::vector<std::unique_ptr<RowStore>> m_stores;
    QList<ResultSummary> m_summaries;
    QStringList m_notices;
    RowStore *m_current = nullptr;  // worker side only
};

} // namespace Strata
