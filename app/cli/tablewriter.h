// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "export/resultwriter.h"

#include <QStringList>

namespace Strata::Cli {

// An aligned text table for people, psql style: a header, a rule, the rows (numbers right
// aligned, NULL shown as "NULL", control characters as \n \r \t) and a "(N rows)" footer.
// Only the first rowLimit rows of a result are kept and shown; the footer says how many
// more there were, so memory stays bounded. Statements without rows print their summary.
class TableWriter final : public ResultWriter
{
public:
    static constexpr int DefaultRowLimit = 1000;

    explicit TableWriter(OutputBuffer &output, int rowLimit = DefaultRowLimit);

    void beginResult(const ColumnList &columns) override;
    bool rows(RowBlock &&block) override;
    void endResult(const ResultSummary &summary) override;
    void finish() override;

private:
    void printTable();
    void writeLine(const QString &line);
    void separate();

    int m_rowLimit;
    ColumnList m_columns;
    QList<QStringList> m_rows;
    qint64 m_totalRows = 0;
    bool m_open = false;
    bool m_printedSomething = false;
};

} // namespace Strata::Cli
