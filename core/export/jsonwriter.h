// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "resultwriter.h"

namespace Strata {

// JSON, streamed: one document {"results": [ ... ]} holding, per statement in order, either
// an array of row objects (column name -> value) or, for a statement without rows,
// {"rowsAffected": n, "command": "UPDATE 3"} (n is null when the engine does not say).
// Values: integers and floats as JSON numbers (when the server text is a valid JSON number,
// else as strings: NaN, Infinity), Numeric as strings to keep them exact, booleans as
// true/false, NULL as null, binaries as "\\x..." hex strings, everything else as strings.
// Invalid UTF-8 becomes U+FFFD. finish() closes the document even after an error.
class STRATA_CORE_EXPORT JsonWriter final : public ResultWriter
{
public:
    explicit JsonWriter(OutputBuffer &output);

    void beginResult(const ColumnList &columns) override;
    bool rows(RowBlock &&block) override;
    void endResult(const ResultSummary &summary) override;
    void finish() override;

    // Helpers, public for the tests.
    static bool isJsonNumber(QByteArrayView bytes);
    static void writeString(OutputBuffer &out, QByteArrayView utf8);

private:
    enum class Style : quint8 { String, Number, Literal };
    void beginDocument();

    ColumnList m_columns;
    QList<QByteArray> m_keys;   // per column: the escaped "name": prefix
    QList<Style> m_styles;
    bool m_started = false;
    bool m_finished = false;
    bool m_open = false;        // inside a row array
    qint64 m_rowsInResult = 0;
};

} // namespace Strata
