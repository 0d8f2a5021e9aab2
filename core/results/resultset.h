// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "irowsink.h"

#include <QList>
#include <QStringList>

namespace Strata {

// One statement's whole result, held in memory: for small queries (catalog, tests, CLI helpers).
struct STRATA_CORE_EXPORT ResultSet
{
    ColumnList columns;
    QList<RowBlock> blocks;
    ResultSummary summary;

    qint64 rowCount() const;
    bool isNull(qint64 row, int column) const;
    QByteArrayView raw(qint64 row, int column) const;
    // Display text (see CellFormat); a NULL gives a null QString.
    QString text(qint64 row, int column) const;
    int columnIndex(const QString &name) const;
};

// An IRowSink that keeps everything: every statement's result in order.
class STRATA_CORE_EXPORT CollectingSink : public IRowSink
{
public:
    void beginResult(const ColumnList &columns) override;
    bool rows(RowBlock &&block) override;
    void endResult(const ResultSummary &summary) override;
    void notice(const QString &message) override;

    const QList<ResultSet> &results() const { return m_results; }
    QList<ResultSet> takeResults() { return std::exchange(m_results, {}); }
    const QStringList &notices() const { return m_notices; }

private:
    QList<ResultSet> m_results;
    bool m_open = false;
    QStringList m_notices;
};

} // namespace Strata
