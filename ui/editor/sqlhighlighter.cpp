// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlhighlighter.h"

#include "qscintilla_p.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPalette>

namespace Strata {

// QsciLexerSQL with the keyword set replaced by the dialect's (lower case: the lexer folds
// words before matching).
class SqlHighlighter::Lexer : public QsciLexerSQL
{
public:
    using QsciLexerSQL::QsciLexerSQL;

    const char *keywords(int set) const override
    {
        if (set == 1 && !m_keywords.isEmpty())
            return m_keywords.constData();
        return QsciLexerSQL::keywords(set);
    }

    QByteArray m_keywords;
    QStringList m_list;
};

SqlHighlighter::SqlHighlighter(QsciScintilla *editor)
    : QObject(editor)
    , m_editor(editor)
    , m_lexer(new Lexer(editor))
{
    m_lexer->setFoldComments(true);
    m_lexer->setFoldCompact(false);
    editor->setLexer(m_lexer);
    editor->installEventFilter(this);
    applyPalette();
}

SqlHighlighter::~SqlHighlighter() = default;

void SqlHighlighter::setKeywords(const QStringList &keywords)
{
    m_lexer->m_list = keywords;
    m_lexer->m_keywords = keywords.join(QLatin1Char(' ')).toLower().toUtf8();
    // Re-attaching the lexer makes Scintilla fetch the keyword lists again.
    m_editor->setLexer(nullptr);
    m_editor->setLexer(m_lexer);
    applyPalette();
}

QStringList SqlHighlighter::keywords() const
{
    return m_lexer->m_list;
}

void SqlHighlighter::setDialect(SqlDialect dialect)
{
    const bool mysql = dialect == SqlDialect::MySQL;
    m_lexer->setHashComments(mysql);
    m_lexer->setBackslashEscapes(mysql);
    m_editor->setLexer(nullptr);
    m_editor->setLexer(m_lexer);
    applyPalette();
}

bool SqlHighlighter::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

void SqlHighlighter::applyPalette()
{
    const QPalette palette = m_editor->palette();
    const bool dark = isDark(palette);
    const QColor paper = palette.color(QPalette::Base);
    const QColor ink = palette.color(QPalette::Text);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setDefaultPaper(paper);
    m_lexer->setDefaultColor(ink);
    m_lexer->setDefaultFont(font);
    m_lexer->setPaper(paper, -1);
    m_lexer->setFont(font, -1);
    m_lexer->setColor(ink, -1);

    const QColor keyword = dark ? QColor(0x7a, 0xb7, 0xff) : QColor(0x00, 0x33, 0xb3);
    const QColor string = dark ? QColor(0xa5, 0xd6, 0x8b) : QColor(0x06, 0x7d, 0x17);
    const QColor number = dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0x17, 0x50, 0xeb);
    const QColor comment = dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x8c, 0x8c, 0x8c);
    const QColor quoted = dark ? QColor(0xe5, 0xc0, 0x7b) : QColor(0x87, 0x10, 0x94);
    m_lexer->setColor(keyword, QsciLexerSQL::Keyword);
    QFont bold = font;
    bold.setBold(true);
    m_lexer->setFont(bold, QsciLexerSQL::Keyword);
    m_lexer->setColor(string, QsciLexerSQL::SingleQuotedString);
    m_lexer->setColor(quoted, QsciLexerSQL::DoubleQuotedString);
    m_lexer->setColor(quoted, QsciLexerSQL::QuotedIdentifier);
    m_lexer->setColor(number, QsciLexerSQL::Number);
    for (int style : {int(QsciLexerSQL::Comment), int(QsciLexerSQL::CommentLine),
                      int(QsciLexerSQL::CommentDoc), int(QsciLexerSQL::CommentLineHash)}) {
        m_lexer->setColor(comment, style);
    }
    m_lexer->setColor(ink, QsciLexerSQL::Operator);
    m_lexer->setColor(ink, QsciLexerSQL::Identifier);

    m_editor->setCaretForegroundColor(ink);
    m_editor->setMarginsBackgroundColor(palette.color(QPalette::Window));
    m_editor->setMarginsForegroundColor(palette.color(QPalette::PlaceholderText));
    m_editor->setSelectionBackgroundColor(palette.color(QPalette::Highlight));
    m_editor->setSelectionForegroundColor(palette.color(QPalette::HighlightedText));
}

bool SqlHighlighter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::PaletteChange)
        applyPalette();
    return QObject::eventFilter(watched, event);
}

} // namespace Strata
