// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"
#include "sql/statementsplitter.h"

#include <QList>
#include <QString>

namespace Strata {

// One statement as the token-based lint rules (MariaDB, SQLite) read it: its words with their
// parenthesis depth, comments dropped. Not a parser; enough to recognise DDL shapes.
class STRATA_CORE_EXPORT LintWords
{
public:
    struct Word
    {
        enum class Kind { Keyword, Name, Literal, Open, Close, Comma, Other };
        Kind kind = Kind::Other;
        QString text;    // upper-cased for keywords, unquoted for names, as written otherwise
        int depth = 0;   // parentheses around the word ('(' and ')' have the outer depth)
        int offset = 0;  // in the script

        bool is(const char *keyword) const { return kind == Kind::Keyword && text == QLatin1String(keyword); }
        bool isName() const { return kind == Kind::Keyword || kind == Kind::Name; }
        // The name as an identifier: keywords are case-insensitive, so lower-cased.
        QString identifier() const { return kind == Kind::Keyword ? text.toLower() : text; }
    };

    LintWords(const QString &script, const SqlStatement &statement, SqlDialect dialect);

    const QList<Word> &words() const { return m_words; }
    int size() const { return int(m_words.size()); }
    const Word &at(int i) const { return i >= 0 && i < size() ? m_words.at(i) : m_none; }
    // Index of the first word of the table name after ALTER TABLE / ON / TABLE; the name's last
    // part (schema.table → table) in *name; returns the index after the name.
    int readName(int i, QString *name) const;
    // The depth-0 pieces of words[from, end) split at depth-0 commas (ALTER TABLE actions).
    QList<QPair<int, int>> splitAtCommas(int from) const;

private:
    QList<Word> m_words;
    Word m_none;
};

} // namespace Strata
