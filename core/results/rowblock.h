// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace Strata {

// A block of result rows kept as the raw bytes the server sent: one byte buffer plus one
// end offset per cell. No QVariant per cell; conversion happens in CellFormat when shown.
// NULL is a flag on the offset, distinct from an empty value.
class STRATA_CORE_EXPORT RowBlock
{
public:
    explicit RowBlock(int columnCount = 0);

    int columnCount() const { return m_columnCount; }
    int rowCount() const;
    bool isEmpty() const { return m_ends.empty(); }

    // Reserve room for rows and payload bytes, to avoid regrowth while filling.
    void reserve(int rows, qsizetype bytes);
    // Give back reserved but unused room, for a block that is kept (RowStore).
    void squeeze();

    // Cells are appended row-major; a row is complete after columnCount() cells.
    void appendCell(const char *data, qsizetype size);
    void appendCell(QByteArrayView bytes) { appendCell(bytes.data(), bytes.size()); }
    void appendNull();

    bool isNull(int row, int column) const;
    QByteArrayView raw(int row, int column) const;

    // Payload bytes held (the data buffer plus offsets), for memory accounting.
    qsizetype byteSize() const;
    qsizetype payloadSize() const { return m_data.size(); }

private:
    static constexpr quint32 NullFlag = 0x80000000u;
    quint32 endOf(qsizetype cell) const { return m_ends[cell] & ~NullFlag; }

    int m_columnCount = 0;
    QByteArray m_data;
    std::vector<quint32> m_ends;
};

} // namespace Strata
