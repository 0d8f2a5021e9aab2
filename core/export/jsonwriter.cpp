// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonwriter.h"

#include "results/cellformat.h"

namespace Strata {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Length of the valid UTF-8 sequence at p (at most end - p bytes), or 0 when invalid.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = *p;
    int length = 0;
    unsigned int min = 0;
    unsigned int code = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2, code = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3, code = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4, code = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (p[i] & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    return length;
}

} // namespace

JsonWriter::JsonWriter(OutputBuffer &output)
    : ResultWriter(output)
{
}

bool JsonWriter::isJsonNumber(QByteArrayView bytes)
{
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    if (p != end && *p == '-')
        ++p;
    if (p == end)
        return false;
    if (*p == '0') {
        ++p;
    } else if (isDigit(*p)) {
        while (p != end && isDigit(*p))
            ++p;
    } else {
        return false;
    }
    if (p != end && *p == '.') {
        ++p;
        if (p == end || !isDigit(*p))
            return false;
        while (p != end && isDigit(*p))
            ++p;
    }
    if (p != end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p != end && (*p == '+' || *p == '-'))
            ++p;
        if (p == end || !isDigit(*p))
            return false;
        while (p != end && isDigit(*p))
            ++p;
    }
    return p == end;
}

void JsonWriter::writeString(OutputBuffer &out, QByteArrayView utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.put('"');
    const auto *p = reinterpret_cast<const unsigned char *>(utf8.data());
    const auto *const end = p + utf8.size();
    const unsigned char *run = p; // start of bytes that need no escaping
    auto flushRun = [&] {
        out.write(reinterpret_cast<const char *>(run), p - run);
    };
    while (p != end) {
        const unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++p;
            continue;
        }
        if (c >= 0x80) {
            if (const int length = utf8SequenceLength(p, end)) {
                p += length;
                continue;
            }
            flushRun();
            out.write("\xEF\xBF\xBD", 3); // U+FFFD for a byte that is not UTF-8
            run = ++p;
            continue;
        }
        flushRun();
        switch (c) {
        case '"': out.write("\\\"", 2); break;
        case '\\': out.write("\\\\", 2); break;
        case '\n': out.write("\\n", 2); break;
        case '\r': out.write("\\r", 2); break;
        case '\t': out.write("\\t", 2); break;
        case '\b': out.write("\\b", 2); break;
        case '\f': out.write("\\f", 2); break;
        default: {
            const char escaped[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out.write(escaped, 6);
        }
        }
        run = ++p;
    }
    flushRun();
    out.put('"');
}

void JsonWriter::beginDocument()
{
    if (m_started)
        return;
    m_started = true;
    m_output.write(QByteArrayView("{\"results\": ["));
}

void JsonWriter::beginResult(const ColumnList &columns)
{
    beginDocument();
    m_output.write(m_resultCount > 0 ? QByteArrayView(",\n[") : QByteArrayView("\n["));
    m_open = true;
    m_rowsInResult = 0;
    m_columns = columns;
    m_keys.clear();
    m_styles.clear();
    for (const ColumnInfo &column : columns) {
        QByteArray key;
        OutputBuffer keyOut(&key, 256);
        writeString(keyOut, column.name.toUtf8());
        keyOut.write(QByteArrayView(": "));
        keyOut.flush();
        m_keys.append(key);
        switch (column.kind) {
        case CellKind::Integer:
        case CellKind::Float:
            m_styles.append(Style::Number);
            break;
        case CellKind::Boolean:
            m_styles.append(Style::Literal);
            break;
        default:
            m_styles.append(Style::String);
        }
    }
}

bool JsonWriter::rows(RowBlock &&block)
{
    const int rowCount = block.rowCount();
    const int columnCount = block.columnCount();
    for (int row = 0; row < rowCount; ++row) {
        m_output.write(m_rowsInResult++ > 0 ? QByteArrayView(",\n {") : QByteArrayView("\n {"));
        for (int column = 0; column < columnCount; ++column) {
            if (column > 0)
                m_output.write(", ", 2);
            m_output.write(m_keys.at(column));
            if (block.isNull(row, column)) {
                m_output.write("null", 4);
                continue;
            }
            const QByteArrayView raw = block.raw(row, column);
            const ColumnInfo &info = m_columns.at(column);
            switch (m_styles.at(column)) {
            case Style::Number:
                if (isJsonNumber(raw))
                    m_output.write(raw);
                else
                    writeString(m_output, raw);
                break;
            case Style::Literal:
                m_output.write(CellFormat::utf8(info, raw));
                break;
            case Style::String:
                if (info.kind == CellKind::Binary || info.kind == CellKind::HexBinary)
                    writeString(m_output, CellFormat::utf8(info, raw));
                else
                    writeString(m_output, raw);
                break;
            }
        }
        m_output.put('}');
    }
    return !m_output.failed();
}

void JsonWriter::endResult(const ResultSummary &summary)
{
    ++m_resultCount;
    if (m_open) {
        m_output.write(m_rowsInResult > 0 ? QByteArrayView("\n]") : QByteArrayView("]"));
        m_open = false;
        return;
    }
    beginDocument();
    m_output.write(m_resultCount > 1 ? QByteArrayView(",\n{\"rowsAffected\": ")
                                     : QByteArrayView("\n{\"rowsAffected\": "));
    if (summary.rowsAffected >= 0)
        m_output.write(QByteArray::number(summary.rowsAffected));
    else
        m_output.write("null", 4);
    m_output.write(QByteArrayView(", \"command\": "));
    writeString(m_output, summaryText(summary).toUtf8());
    m_output.put('}');
}

void JsonWriter::finish()
{
    if (!m_finished) {
        m_finished = true;
        beginDocument();
        if (m_open) { // an error interrupted a row set: close it so the document stays valid
            m_output.write(m_rowsInResult > 0 ? QByteArrayView("\n]") : QByteArrayView("]"));
            m_open = false;
        }
        m_output.write(QByteArrayView("\n]}\n"));
    }
    ResultWriter::finish();
}

} // namespace Strata
