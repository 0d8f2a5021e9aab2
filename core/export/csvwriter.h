// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "resultwriter.h"

namespace Strata {

// RFC 4180 CSV, streamed: a header row, then one line per row, lines ending in LF (not CRLF).
// A field is quoted when it holds a comma, a double quote, CR or LF; embedded quotes are
// doubled. NULL is an empty unquoted field, the empty string is "". Several results are
// separated by one blank line; statements without rows print their summary on the status
// handler instead. Cells are written as raw UTF-8 bytes, never through a QString.
class STRATA_CORE_EXPORT CsvWriter final : public ResultWriter
{
public:
    using ResultWriter::ResultWriter;

    void beginResult(const ColumnList &columns) override;
    bool rows(RowBlock &&block) override;
    void endResult(const ResultSummary &summary) override;

private:
    void writeField(QByteArrayView bytes);

    ColumnList m_columns;
    QList<bool> m_converted; // per column: needs CellFormat::utf8 (binary, boolean)
    bool m_open = false;
    int m_rowResults = 0;
};

} // namespace Strata
