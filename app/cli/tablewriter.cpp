// SPDX-License-Identifier: GPL-3.0-or-later
#include "tablewriter.h"

#include "results/cellformat.h"

namespace Strata::Cli {

namespace {

// Characters on screen, counting a surrogate pair once.
int displayWidth(const QString &text)
{
    int width = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++width;
    }
    return width;
}

QString cellText(const ColumnInfo &column, QByteArrayView raw)
{
    QString text = CellFormat::text(column, raw);
    bool control = false;
    for (const QChar c : std::as_const(text)) {
        if (c.unicode() < 0x20) {
            control = true;
            break;
        }
    }
    if (!control)
        return text;
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar c : std::as_const(text)) {
        switch (c.unicode()) {
        case '\n': escaped += u"\\n"; break;
        case '\r': escaped += u"\\r"; break;
        case '\t': escaped += u"\\t"; break;
        default:
            if (c.unicode() < 0x20)
                escaped += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                escaped += c;
        }
    }
    return escaped;
}

QString pad(const QString &text, int width, bool right)
{
    const QString fill(qMax(0, width - displayWidth(text)), QLatin1Char(' '));
    return right ? fill + text : text + fill;
}

} // namespace

TableWriter::TableWriter(OutputBuffer &output, int rowLimit)
    : ResultWriter(output)
    , m_rowLimit(rowLimit)
{
}

void TableWriter::writeLine(const QString &line)
{
    m_output.write(line.toUtf8());
    m_output.put('\n');
}

void TableWriter::separate()
{
    if (m_printedSomething)
        m_output.put('\n');
    m_printedSomething = true;
}

void TableWriter::beginResult(const ColumnList &columns)
{
    m_columns = columns;
    m_rows.clear();
    m_totalRows = 0;
    m_open = true;
}

bool TableWriter::rows(RowBlock &&block)
{
    const int rowCount = block.rowCount();
    for (int row = 0; row < rowCount; ++row, ++m_totalRows) {
        if (m_rows.size() >= m_rowLimit)
            continue; // counted, not kept
        QStringList cells;
        cells.reserve(block.columnCount());
        for (int column = 0; column < block.columnCount(); ++column) {
            if (block.isNull(row, column))
                cells.append(QStringLiteral("NULL"));
            else
                cells.append(cellText(m_columns.at(column), block.raw(row, column)));
        }
        m_rows.append(cells);
    }
    return !m_output.failed();
}

void TableWriter::printTable()
{
    separate();
    const qsizetype columnCount = m_columns.size();
    QList<int> widths(columnCount, 0);
    for (qsizetype c = 0; c < columnCount; ++c)
        widths[c] = displayWidth(m_columns.at(c).name);
    for (const QStringList &cells : std::as_const(m_rows)) {
        for (qsizetype c = 0; c < columnCount; ++c)
            widths[c] = qMax(widths[c], displayWidth(cells.at(c)));
    }

    QString header;
    QString rule;
    for (qsizetype c = 0; c < columnCount; ++c) {
        if (c > 0) {
            header += QLatin1Char('|');
            rule += QLatin1Char('+');
        }
        // Names centred like psql.
        const QString &name = m_columns.at(c).name;
        const int spare = widths[c] - displayWidth(name);
        header += QLatin1Char(' ') + QString(spare / 2, QLatin1Char(' ')) + name
                  + QString(spare - spare / 2, QLatin1Char(' ')) + QLatin1Char(' ');
        rule += QString(widths[c] + 2, QLatin1Char('-'));
    }
    while (header.endsWith(QLatin1Char(' ')))
        header.chop(1);
    writeLine(header);
    writeLine(rule);
    for (const QStringList &cells : std::as_const(m_rows)) {
        QString line;
        for (qsizetype c = 0; c < columnCount; ++c) {
            if (c > 0)
                line += QLatin1Char('|');
            const bool right = m_columns.at(c).isNumeric() && cells.at(c) != u"NULL";
            line += QLatin1Char(' ') + pad(cells.at(c), widths[c], right) + QLatin1Char(' ');
        }
        // No trailing blanks after the last column.
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        writeLine(line);
    }
    if (m_totalRows > m_rows.size()) {
        writeLine(QStringLiteral("(%1 rows; first %2 shown)").arg(m_totalRows).arg(m_rows.size()));
    } else {
        writeLine(m_totalRows == 1 ? QStringLiteral("(1 row)")
                                   : QStringLiteral("(%1 rows)").arg(m_totalRows));
    }
    m_rows.clear();
}

void TableWriter::endResult(const ResultSummary &summary)
{
    ++m_resultCount;
    if (m_open) {
        m_open = false;
        printTable();
        return;
    }
    separate();
    writeLine(summaryText(summary));
}

void TableWriter::finish()
{
    if (m_open) { // an error cut the result short: show what arrived
        m_open = false;
        printTable();
    }
    ResultWriter::finish();
}

} // namespace Strata::Cli
