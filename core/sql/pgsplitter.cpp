// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgsplitter_p.h"

#include "statementbuilder_p.h"

#include <pg_query.h>

#include <QByteArray>

namespace Strata::Internal {

namespace {

int utf8SequenceLength(uchar lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 0x6)
        return 2;
    if ((lead >> 4) == 0xE)
        return 3;
    if ((lead >> 3) == 0x1E)
        return 4;
    return 1; // continuation or invalid byte: step over it alone
}

// Maps UTF-8 byte offsets of the encoded script, asked in increasing order, to UTF-16 offsets.
class OffsetMapper
{
public:
    explicit OffsetMapper(const QByteArray &utf8)
        : m_utf8(utf8)
    {}

    int toUtf16(int byteOffset)
    {
        if (byteOffset < m_byte) {
            m_byte = 0;
            m_unit = 0;
        }
        while (m_byte < byteOffset && m_byte < m_utf8.size()) {
            const int len = utf8SequenceLength(uchar(m_utf8.at(m_byte)));
            m_byte += len;
            m_unit += len == 4 ? 2 : 1;
        }
        return m_unit;
    }

private:
    const QByteArray &m_utf8;
    int m_byte = 0;
    int m_unit = 0;
};

// The server counts error positions in characters (code points); we need bytes.
int codePointToByte(const QByteArray &utf8, int codePoints)
{
    int byte = 0;
    for (int i = 0; i < codePoints && byte < utf8.size(); ++i)
        byte += utf8SequenceLength(uchar(utf8.at(byte)));
    return qMin(byte, int(utf8.size()));
}

struct BytePiece
{
    int begin;
    int end;
};

// Runs libpg_query's scanner-based splitter; false and the error position (0-based, in
// code points) when the scanner gave up, e.g. on an unterminated quote.
bool scanSplit(const QByteArray &utf8, QList<BytePiece> *pieces, int *errorPosition)
{
    const PgQuerySplitResult result = pg_query_split_with_scanner(utf8.constData());
    bool ok = true;
    if (result.error) {
        ok = false;
        *errorPosition = qMax(0, result.error->cursorpos - 1);
    } else {
        for (int i = 0; i < result.n_stmts; ++i) {
            const PgQuerySplitStmt *stmt = result.stmts[i];
            pieces->append(BytePiece{stmt->stmt_location, stmt->stmt_location + stmt->stmt_len});
        }
    }
    pg_query_free_split_result(result);
    return ok;
}

void addPiece(StatementBuilder &builder, OffsetMapper &mapper, const BytePiece &piece)
{
    // The mapper only walks forward: map begin before end.
    const int begin = mapper.toUtf16(piece.begin);
    const int end = mapper.toUtf16(piece.end);
    builder.add(begin, end);
}

} // namespace

QList<SqlStatement> splitPostgres(const QString &sql)
{
    QByteArray utf8 = sql.toUtf8();
    // The scanner reads a C string; a NUL must not hide the rest of the script.
    utf8.replace('\0', ' ');

    StatementBuilder builder(sql);
    OffsetMapper mapper(utf8);
    QList<BytePiece> pieces;
    int errorPosition = 0;
    if (scanSplit(utf8, &pieces, &errorPosition)) {
        for (const BytePiece &piece : std::as_const(pieces))
            addPiece(builder, mapper, piece);
        return builder.take();
    }

    // Keep the statements completed before the bad token; the rest becomes one statement.
    const QByteArray prefix = utf8.left(codePointToByte(utf8, errorPosition));
    int restBegin = 0;
    pieces.clear();
    if (scanSplit(prefix, &pieces, &errorPosition)) {
        for (const BytePiece &piece : std::as_const(pieces)) {
            if (piece.end >= prefix.size() || prefix.at(piece.end) != ';')
                break;
            addPiece(builder, mapper, piece);
            restBegin = piece.end + 1;
        }
    }
    builder.add(mapper.toUtf16(restBegin), int(sql.size()));
    return builder.take();
}

} // namespace Strata::Internal
