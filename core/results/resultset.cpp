// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultset.h"

#include "cellformat.h"

namespace Strata {

qint64 ResultSet::rowCount() const
{
    qint64 count = 0;
    for (const RowBlock &block : blocks)
        count += block.rowCount();
    return count;
}

namespace {
template<typename Fn>
auto atRow(const QList<RowBlock> &blocks, qint64 row, Fn fn)
{
    for (const RowBlock &block : blocks) {
        if (row < block.rowCount())
            return fn(block, int(row));
        row -= block.rowCount();
    }
    Q_ASSERT_X(false, "ResultSet", "row out of range");
    return fn(blocks.constFirst(), 0);
}
} // namespace

bool ResultSet::isNull(qint64 row, int column) const
{
    return atRow(blocks, row, [column](const RowBlock &b, int r) { return b.isNull(r, column); });
}

QByteArrayView ResultSet::raw(qint64 row, int column) const
{
    return atRow(blocks, row, [column](const RowBlock &b, int r) { return b.raw(r, column); });
}

QString ResultSet::text(qint64 row, int column) const
{
    if (isNull(row, column))
        return {};
    return CellFormat::text(columns.at(column), raw(row, column));
}

int ResultSet::columnIndex(const QString &name) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == name)
            return i;
    }
    return -1;
}

void CollectingSink::beginResult(const ColumnList &columns)
{
    ResultSet set;
    set.columns = columns;
    set.summary.hasRows = true;
    m_results.append(std::move(set));
    m_open = true;
}

bool CollectingSink::rows(RowBlock &&block)
{
    Q_ASSERT(m_open);
    m_results.last().blocks.append(std::move(block));
    return true;
}

void CollectingSink::endResult(const ResultSummary &summary)
{
    if (!m_open)
        m_results.append(ResultSet{});
    m_results.last().summary = summary;
    m_open = false;
}

void CollectingSink::notice(const QString &message)
{
    m_notices.append(message);
}

} // namespace Strata
