// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/lintwords.h"

#include "sql/sqltokenizer.h"

namespace Strata {

LintWords::LintWords(const QString &script, const SqlStatement &statement, SqlDialect dialect)
{
    const SqlTokenizer tokenizer(dialect);
    const QList<SqlToken> tokens = tokenizer.tokenize(script, statement.offset, statement.offset + statement.length);
    int depth = 0;
    m_words.reserve(tokens.size());
    for (const SqlToken &token : tokens) {
        Word word;
        word.offset = token.begin;
        const QStringView text = QStringView(script).mid(token.begin, token.end - token.begin);
        switch (token.kind) {
        case SqlToken::Kind::Comment:
            continue;
        case SqlToken::Kind::Word:
            word.kind = Word::Kind::Keyword;
            word.text = text.toString().toUpper();
            break;
        case SqlToken::Kind::QuotedIdentifier:
            word.kind = Word::Kind::Name;
            word.text = SqlTokenizer::identifier(script, token);
            break;
        case SqlToken::Kind::String:
        case SqlToken::Kind::Number:
            word.kind = Word::Kind::Literal;
            word.text = text.toString();
            break;
        case SqlToken::Kind::Punctuation:
        case SqlToken::Kind::Operator:
            word.text = text.toString();
            if (token.is(u'(')) {
                word.kind = Word::Kind::Open;
                word.depth = depth++;
                m_words.append(word);
                continue;
            }
            if (token.is(u')')) {
                word.kind = Word::Kind::Close;
                depth = qMax(0, depth - 1);
                word.depth = depth;
                m_words.append(word);
                continue;
            }
            word.kind = token.is(u',') ? Word::Kind::Comma : Word::Kind::Other;
            break;
        }
        word.depth = depth;
        m_words.append(word);
    }
}

int LintWords::readName(int i, QString *name) const
{
    if (!at(i).isName())
        return i;
    *name = at(i).identifier();
    ++i;
    while (at(i).kind == Word::Kind::Other && at(i).text == QLatin1String(".") && at(i + 1).isName()) {
        *name = at(i + 1).identifier();
        i += 2;
    }
    return i;
}

QList<QPair<int, int>> LintWords::splitAtCommas(int from) const
{
    QList<QPair<int, int>> pieces;
    int begin = from;
    for (int i = from; i < size(); ++i) {
        if (m_words.at(i).kind == Word::Kind::Comma && m_words.at(i).depth == 0) {
            pieces.append({begin, i});
            begin = i + 1;
        }
    }
    if (begin < size())
        pieces.append({begin, size()});
    return pieces;
}

} // namespace Strata
