// SPDX-License-Identifier: GPL-3.0-or-later
#include "rowblock.h"

namespace Strata {

RowBlock::RowBlock(int columnCount)
    : m_columnCount(columnCount)
{
}

int RowBlock::rowCount() const
{
    return m_columnCount > 0 ? int(m_ends.size() / size_t(m_columnCount)) : 0;
}

void RowBlock::reserve(int rows, qsizetype bytes)
{
    m_ends.reserve(size_t(rows) * size_t(m_columnCount));
    m_data.reserve(bytes);
}

void RowBlock::squeeze()
{
    m_data.squeeze();
    m_ends.shrink_to_fit();
}

void RowBlock::appendCell(const char *data, qsizetype size)
{
    if (!data) {
        appendNull();
        return;
    }
    m_data.append(data, size);
    m_ends.push_back(quint32(m_data.size()));
}

void RowBlock::appendNull()
{
    m_ends.push_back(quint32(m_data.size()) | NullFlag);
}

bool RowBlock::isNull(int row, int column) const
{
    return m_ends[size_t(row) * size_t(m_columnCount) + size_t(column)] & NullFlag;
}

QByteArrayView RowBlock::raw(int row, int column) const
{
    const qsizetype cell = qsizetype(row) * m_columnCount + column;
    const quint32 begin = cell == 0 ? 0 : endOf(cell - 1);
    const quint32 end = endOf(cell);
    return QByteArrayView(m_data.constData() + begin, qsizetype(end - begin));
}

qsizetype RowBlock::byteSize() const
{
    return m_data.capacity() + qsizetype(m_ends.capacity() * sizeof(quint32)) + qsizetype(sizeof(*this));
}

} // namespace Strata
