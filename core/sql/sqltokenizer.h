// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include "statementsplitter.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace Strata {

// One lexical token of SQL text; begin/end are UTF-16 offsets into the tokenized text.
struct SqlToken
{
    enum class Kind {
        Word,             // keyword or bare identifier
        QuotedIdentifier, // "name", `name`, [name]
        String,           // '...', E'...', $tag$...$tag$, and "..." in MySQL
        Number,
        Comment,          // -- ..., # ... (MySQL), /* ... */ (nested in PostgreSQL)
        Punctuation,      // . , ; ( )
        Operator,         // everything else
    };

    Kind kind = Kind::Word;
    int begin = 0;
    int end = 0;
    bool closed = true;   // false for an unterminated quote or block comment

    bool is(QChar c) const { return kind == Kind::Punctuation && end - begin == 1 && ch == c; }
    QChar ch;             // the character of a Punctuation token
};

// A small SQL tokenizer for editor features (completion): understands each dialect's quotes,
// dollar quotes, E'' strings and comments well enough to know what the cursor is in. It never
// fails: unterminated quotes and comments run to the end of the text.
class STRATA_CORE_EXPORT SqlTokenizer
{
public:
    explicit SqlTokenizer(SqlDialect dialect) : m_dialect(dialect) {}

    // Tokens of text[from, to), whitespace dropped; offsets stay relative to text.
    QList<SqlToken> tokenize(QStringView text, int from = 0, int to = -1) const;

    // The identifier a Word or QuotedIdentifier token names: quotes removed and doubled
    // quote characters undone; an unterminated quoted identifier gives what was typed so far.
    static QString identifier(QStringView text, const SqlToken &token);
    static bool isIdentifierStart(QChar c);
    static bool isIdentifierChar(QChar c);

private:
    int scanQuoted(QStringView text, int pos, int to, QChar quote, bool backslashEscapes,
                   bool *closed) const;
    int scanDollarQuote(QStringView text, int pos, int to, bool *closed) const;
    int scanBlockComment(QStringView text, int pos, int to, bool *closed) const;

    SqlDialect m_dialect;
};

} // namespace Strata
