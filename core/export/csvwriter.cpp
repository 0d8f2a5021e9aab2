// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvwriter.h"

#include "results/cellformat.h"

namespace Strata {

namespace {

bool needsQuotes(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r')
            return true;
    }
    return false;
}

bool needsConversion(CellKind kind)
{
    return kind == CellKind::Binary || kind == CellKind::HexBinary || kind == CellKind::Boolean;
}

} // namespace

void CsvWriter::writeField(QByteArrayView bytes)
{
    if (bytes.isEmpty()) {
        m_output.write("\"\"", 2); // the empty string; NULL never reaches here
        return;
    }
    if (!needsQuotes(bytes)) {
        m_output.write(bytes);
        return;
    }
    m_output.put('"');
    const char *begin = bytes.data();
    const char *const end = begin + bytes.size();
    for (const char *p = begin; p != end; ++p) {
        if (*p == '"') {
            m_output.write(begin, p - begin + 1); // up to and including the quote
            begin = p;                            // ...which is written once more
        }
    }
    m_output.write(begin, end - begin);
    m_output.put('"');
}

void CsvWriter::beginResult(const ColumnList &columns)
{
    if (m_rowResults > 0)
        m_output.put('\n');
    ++m_rowResults;
    m_columns = columns;
    m_open = true;
    m_converted.clear();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            m_output.put(',');
        const QByteArray name = columns.at(i).name.toUtf8();
        writeField(name);
        m_converted.append(needsConversion(columns.at(i).kind));
    }
    m_output.put('\n');
}

bool CsvWriter::rows(RowBlock &&block)
{
    const int rowCount = block.rowCount();
    const int columnCount = block.columnCount();
    for (int row = 0; row < rowCount; ++row) {
        for (int column = 0; column < columnCount; ++column) {
            if (column > 0)
                m_output.put(',');
            if (block.isNull(row, column))
                continue;
            const QByteArrayView raw = block.raw(row, column);
            if (m_converted.value(column))
                writeField(CellFormat::utf8(m_columns.at(column), raw));
            else
                writeField(raw);
        }
        m_output.put('\n');
    }
    return !m_output.failed();
}

void CsvWriter::endResult(const ResultSummary &summary)
{
    ++m_resultCount;
    if (m_open) {
        m_open = false;
        return;
    }
    status(summaryText(summary));
}

} // namespace Strata
