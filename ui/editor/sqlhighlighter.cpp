// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlhighlighter.h"

#include "qscintilla_p.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPalette>
#include <QTimer>

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
    return palette.color(QPalette::Window).lightness() < 128;
}

SqlHighlighter::Theme SqlHighlighter::theme(bool dark)
{
    // Contrast of the text colours on their paper is at least 4.5:1 (WCAG AA) in both sets.
    if (dark) {
        return Theme{
            QColor(0x1e, 0x1f, 0x22), // paper
            QColor(0xd8, 0xdb, 0xe0), // text
            QColor(0x7a, 0xb7, 0xff), // keyword
            QColor(0xa5, 0xd6, 0x8b), // string
            QColor(0xe5, 0xc0, 0x7b), // quoted identifier
            QColor(0xf7, 0x8c, 0x6c), // number
            QColor(0x8b, 0x94, 0x9e), // comment
            QColor(0x2b, 0x2d, 0x30), // margin
            QColor(0x9d, 0xa2, 0xaa), // margin text
            QColor(0x2a, 0x2d, 0x33), // caret line
            QColor(0xf0, 0xf0, 0xf0), // caret
            QColor(0x26, 0x4f, 0x78), // selection
            QColor(0x3b, 0x51, 0x4d), // brace match paper
            QColor(0xff, 0xe0, 0x82), // brace match text
            QColor(0x5a, 0x1d, 0x1d), // bad brace paper
            QColor(0xff, 0x8a, 0x80), // bad brace text
        };
    }
    return Theme{
        QColor(0xff, 0xff, 0xff),
        QColor(0x1f, 0x23, 0x28),
        QColor(0x00, 0x33, 0xb3),
        QColor(0x06, 0x7d, 0x17),
        QColor(0x87, 0x10, 0x94),
        QColor(0x17, 0x50, 0xeb),
        QColor(0x6e, 0x6e, 0x6e),
        QColor(0xf3, 0xf3, 0xf3),
        QColor(0x5f, 0x66, 0x70),
        QColor(0xf2, 0xf6, 0xfc),
        QColor(0x1f, 0x23, 0x28),
        QColor(0xad, 0xd6, 0xff),
        QColor(0xd7, 0xf0, 0xd0),
        QColor(0x0b, 0x5d, 0x1e),
        QColor(0xfd, 0xde, 0xde),
        QColor(0xb0, 0x00, 0x20),
    };
}

void SqlHighlighter::applyPalette()
{
    const bool dark = isDark(m_editor->palette());
    m_dark = dark;
    const Theme t = theme(dark);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setDefaultPaper(t.paper);
    m_lexer->setDefaultColor(t.text);
    m_lexer->setDefaultFont(font);
    m_lexer->setPaper(t.paper, -1);
    m_lexer->setFont(font, -1);
    m_lexer->setColor(t.text, -1);

    m_lexer->setColor(t.keyword, QsciLexerSQL::Keyword);
    QFont bold = font;
    bold.setBold(true);
    m_lexer->setFont(bold, QsciLexerSQL::Keyword);
    m_lexer->setColor(t.string, QsciLexerSQL::SingleQuotedString);
    m_lexer->setColor(t.quoted, QsciLexerSQL::DoubleQuotedString);
    m_lexer->setColor(t.quoted, QsciLexerSQL::QuotedIdentifier);
    m_lexer->setColor(t.number, QsciLexerSQL::Number);
    for (int style : {int(QsciLexerSQL::Comment), int(QsciLexerSQL::CommentLine),
                      int(QsciLexerSQL::CommentDoc), int(QsciLexerSQL::CommentLineHash)}) {
        m_lexer->setColor(t.comment, style);
    }
    m_lexer->setColor(t.text, QsciLexerSQL::Operator);
    m_lexer->setColor(t.text, QsciLexerSQL::Identifier);

    m_editor->setPaper(t.paper);
    m_editor->setColor(t.text);
    m_editor->setCaretForegroundColor(t.caret);
    m_editor->setCaretLineVisible(true);
    m_editor->setCaretLineBackgroundColor(t.caretLine);
    m_editor->setMarginsBackgroundColor(t.margin);
    m_editor->setMarginsForegroundColor(t.marginText);
    m_editor->setFoldMarginColors(t.margin, t.margin);
    m_editor->setSelectionBackgroundColor(t.selection);
    // One text colour on the selection: some syntax colours would be too faint on it.
    m_editor->setSelectionForegroundColor(t.text);
    m_editor->setMatchedBraceBackgroundColor(t.braceMatch);
    m_editor->setMatchedBraceForegroundColor(t.braceMatchText);
    m_editor->setUnmatchedBraceBackgroundColor(t.braceBad);
    m_editor->setUnmatchedBraceForegroundColor(t.braceBadText);
    // QScintilla's completion list is a separate widget: give it the editor's palette.
    QPalette listPalette = m_editor->palette();
    // A shade off the paper so the list stands out from the text under it.
    listPalette.setColor(QPalette::Base, t.margin);
    listPalette.setColor(QPalette::Text, t.text);
    listPalette.setColor(QPalette::Highlight, t.selection);
    listPalette.setColor(QPalette::HighlightedText, t.text);
    m_listPalette = listPalette;
}

bool SqlHighlighter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor) {
        if (event->type() == QEvent::PaletteChange) {
            applyPalette();
        } else if (event->type() == QEvent::ApplicationPaletteChange) {
            // The widget resolves its new palette after this event: read it afterwards.
            QTimer::singleShot(0, this, &SqlHighlighter::applyPalette);
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Strata
