// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitesplitter_p.h"

#include "statementbuilder_p.h"

namespace Strata::Internal {

namespace {

// The token classes and state machine of sqlite3_complete() (SQLite's complete.c), so that a
// CREATE TRIGGER ... BEGIN ...; ...; END; body stays one statement.
enum Token { TkSemi, TkWs, TkOther, TkExplain, TkCreate, TkTemp, TkTrigger, TkEnd };
enum State { Invalid, Start, Normal, Explain, Create, Trigger, Semi, End };

constexpr State transitions[8][8] = {
    /*             SEMI   WS       OTHER    EXPLAIN  CREATE  TEMP     TRIGGER  END */
    /* Invalid */ {Start, Invalid, Normal, Explain, Create, Normal, Normal, Normal},
    /* Start   */ {Start, Start, Normal, Explain, Create, Normal, Normal, Normal},
    /* Normal  */ {Start, Normal, Normal, Normal, Normal, Normal, Normal, Normal},
    /* Explain */ {Start, Explain, Explain, Normal, Create, Normal, Normal, Normal},
    /* Create  */ {Start, Create, Normal, Normal, Normal, Create, Trigger, Normal},
    /* Trigger */ {Semi, Trigger, Trigger, Trigger, Trigger, Trigger, Trigger, Trigger},
    /* Semi    */ {Semi, Semi, Trigger, Trigger, Trigger, Trigger, Trigger, End},
    /* End     */ {Start, End, Trigger, Trigger, Trigger, Trigger, Trigger, Trigger},
};

bool isIdChar(QChar c)
{
    const char16_t u = c.unicode();
    return u >= 0x80 || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
           (u >= u'0' && u <= u'9') || u == u'_' || u == u'$';
}

Token keywordToken(QStringView word)
{
    auto is = [word](QLatin1String keyword) {
        return word.compare(keyword, Qt::CaseInsensitive) == 0;
    };
    if (is(QLatin1String("create")))
        return TkCreate;
    if (is(QLatin1String("trigger")))
        return TkTrigger;
    if (is(QLatin1String("temp")) || is(QLatin1String("temporary")))
        return TkTemp;
    if (is(QLatin1String("end")))
        return TkEnd;
    if (is(QLatin1String("explain")))
        return TkExplain;
    return TkOther;
}

} // namespace

QList<SqlStatement> splitSqlite(const QString &sql)
{
    StatementBuilder builder(sql);
    const int size = int(sql.size());
    int pos = 0;
    int start = 0;
    bool hasCode = false;
    State state = Start;

    // Position after the closing text, or the end of the script when it never comes.
    auto skipPast = [&](QLatin1String close, int from) {
        const int at = int(sql.indexOf(close, from));
        return at < 0 ? size : at + int(close.size());
    };

    while (pos < size) {
        const QChar c = sql.at(pos);
        const QChar next = pos + 1 < size ? sql.at(pos + 1) : QChar();
        Token token = TkOther;
        int tokenEnd = pos + 1;
        switch (c.unicode()) {
        case u';':
            token = TkSemi;
            break;
        case u' ':
        case u'\t':
        case u'\n':
        case u'\r':
        case u'\f':
            token = TkWs;
            break;
        case u'/':
            if (next == QLatin1Char('*')) {
                token = TkWs;
                tokenEnd = skipPast(QLatin1String("*/"), pos + 2);
            }
            break;
        case u'-':
            if (next == QLatin1Char('-')) {
                token = TkWs;
                const int newline = int(sql.indexOf(QLatin1Char('\n'), pos));
                tokenEnd = newline < 0 ? size : newline + 1;
            }
            break;
        case u'[':
            tokenEnd = skipPast(QLatin1String("]"), pos + 1);
            break;
        case u'`':
            tokenEnd = skipPast(QLatin1String("`"), pos + 1);
            break;
        case u'"':
            tokenEnd = skipPast(QLatin1String("\""), pos + 1);
            break;
        case u'\'':
            tokenEnd = skipPast(QLatin1String("'"), pos + 1);
            break;
        default:
            if (isIdChar(c)) {
                while (tokenEnd < size && isIdChar(sql.at(tokenEnd)))
                    ++tokenEnd;
                token = keywordToken(QStringView(sql).mid(pos, tokenEnd - pos));
            }
            break;
        }

        state = transitions[state][token];
        if (token != TkWs && token != TkSemi)
            hasCode = true;
        if (token == TkSemi && state == Start) {
            builder.add(start, pos, hasCode);
            start = pos + 1;
            hasCode = false;
        }
        pos = tokenEnd;
    }
    builder.add(start, size, hasCode);
    return builder.take();
}

} // namespace Strata::Internal
