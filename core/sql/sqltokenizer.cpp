// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqltokenizer.h"

namespace Strata {

bool SqlTokenizer::isIdentifierStart(QChar c)
{
    return c.isLetter() || c == u'_' || c.isHighSurrogate() || c.isLowSurrogate();
}

bool SqlTokenizer::isIdentifierChar(QChar c)
{
    return isIdentifierStart(c) || c.isDigit() || c == u'$';
}

int SqlTokenizer::scanQuoted(QStringView text, int pos, int to, QChar quote,
                             bool backslashEscapes, bool *closed) const
{
    // pos is just after the opening quote.
    while (pos < to) {
        const QChar c = text.at(pos);
        if (backslashEscapes && c == u'\\') {
            pos += 2;
            continue;
        }
        if (c == quote) {
            if (pos + 1 < to && text.at(pos + 1) == quote) {
                pos += 2;
                continue;
            }
            *closed = true;
            return pos + 1;
        }
        ++pos;
    }
    *closed = false;
    return to;
}

int SqlTokenizer::scanDollarQuote(QStringView text, int pos, int to, bool *closed) const
{
    // pos is at the opening '$'; the tag was validated by the caller.
    int tagEnd = pos + 1;
    while (text.at(tagEnd) != u'$')
        ++tagEnd;
    const QStringView tag = text.mid(pos, tagEnd - pos + 1);
    const qsizetype found = text.left(to).indexOf(tag, tagEnd + 1);
    if (found < 0) {
        *closed = false;
        return to;
    }
    *closed = true;
    return int(found + tag.size());
}

int SqlTokenizer::scanBlockComment(QStringView text, int pos, int to, bool *closed) const
{
    // pos is just after "/*". PostgreSQL nests block comments; the others do not.
    const bool nests = m_dialect == SqlDialect::PostgreSQL;
    int depth = 1;
    while (pos < to) {
        if (text.at(pos) == u'*' && pos + 1 < to && text.at(pos + 1) == u'/') {
            pos += 2;
            if (--depth == 0) {
                *closed = true;
                return pos;
            }
            continue;
        }
        if (nests && text.at(pos) == u'/' && pos + 1 < to && text.at(pos + 1) == u'*') {
            pos += 2;
            ++depth;
            continue;
        }
        ++pos;
    }
    *closed = false;
    return to;
}

QList<SqlToken> SqlTokenizer::tokenize(QStringView text, int from, int to) const
{
    if (to < 0 || to > text.size())
        to = int(text.size());
    const bool pg = m_dialect == SqlDialect::PostgreSQL;
    const bool mysql = m_dialect == SqlDialect::MySQL;
    QList<SqlToken> tokens;
    int pos = std::max(0, from);
    while (pos < to) {
        const QChar c = text.at(pos);
        if (c.isSpace()) {
            ++pos;
            continue;
        }
        SqlToken token;
        token.begin = pos;
        const QChar next = pos + 1 < to ? text.at(pos + 1) : QChar();
        if ((c == u'-' && next == u'-') || (mysql && c == u'#')) {
            token.kind = SqlToken::Kind::Comment;
            while (pos < to && text.at(pos) != u'\n')
                ++pos;
        } else if (c == u'/' && next == u'*') {
            token.kind = SqlToken::Kind::Comment;
            pos = scanBlockComment(text, pos + 2, to, &token.closed);
        } else if (c == u'\'') {
            token.kind = SqlToken::Kind::String;
            pos = scanQuoted(text, pos + 1, to, c, mysql, &token.closed);
        } else if (pg && (c == u'E' || c == u'e') && next == u'\'') {
            token.kind = SqlToken::Kind::String;
            pos = scanQuoted(text, pos + 2, to, next, true, &token.closed);
        } else if (c == u'"') {
            // MySQL reads "..." as a string unless ANSI_QUOTES is set.
            token.kind = mysql ? SqlToken::Kind::String : SqlToken::Kind::QuotedIdentifier;
            pos = scanQuoted(text, pos + 1, to, c, mysql, &token.closed);
        } else if (c == u'`' && m_dialect != SqlDialect::PostgreSQL) {
            token.kind = SqlToken::Kind::QuotedIdentifier;
            pos = scanQuoted(text, pos + 1, to, c, false, &token.closed);
        } else if (c == u'[' && m_dialect == SqlDialect::SQLite) {
            token.kind = SqlToken::Kind::QuotedIdentifier;
            const qsizetype close = text.left(to).indexOf(u']', pos + 1);
            token.closed = close >= 0;
            pos = close >= 0 ? int(close) + 1 : to;
        } else if (pg && c == u'$' && (next == u'$' || isIdentifierStart(next))) {
            int tagEnd = pos + 1;
            while (tagEnd < to && text.at(tagEnd) != u'$' && isIdentifierChar(text.at(tagEnd)))
                ++tagEnd;
            if (tagEnd < to && text.at(tagEnd) == u'$') {
                token.kind = SqlToken::Kind::String;
                pos = scanDollarQuote(text, pos, to, &token.closed);
            } else {
                token.kind = SqlToken::Kind::Operator;
                ++pos;
            }
        } else if (isIdentifierStart(c)) {
            token.kind = SqlToken::Kind::Word;
            while (pos < to && isIdentifierChar(text.at(pos)))
                ++pos;
        } else if (c.isDigit() || (c == u'.' && next.isDigit())) {
            token.kind = SqlToken::Kind::Number;
            while (pos < to && (text.at(pos).isLetterOrNumber() || text.at(pos) == u'.' ||
                                text.at(pos) == u'_'))
                ++pos;
        } else if (c == u'.' || c == u',' || c == u';' || c == u'(' || c == u')') {
            token.kind = SqlToken::Kind::Punctuation;
            token.ch = c;
            ++pos;
        } else {
            token.kind = SqlToken::Kind::Operator;
            ++pos;
        }
        token.end = pos;
        tokens.append(token);
    }
    return tokens;
}

QString SqlTokenizer::identifier(QStringView text, const SqlToken &token)
{
    const QStringView raw = text.mid(token.begin, token.end - token.begin);
    if (token.kind != SqlToken::Kind::QuotedIdentifier || raw.isEmpty())
        return raw.toString();
    const QChar open = raw.front();
    const QChar close = open == u'[' ? QChar(u']') : open;
    QStringView inner = raw.mid(1);
    if (token.closed && !inner.isEmpty())
        inner.chop(1);
    QString name = inner.toString();
    if (open != u'[')
        name.replace(QString(2, close), QString(close));
    return name;
}

} // namespace Strata
