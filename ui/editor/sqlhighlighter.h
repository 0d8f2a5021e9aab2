// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/statementsplitter.h"

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QStringList>

#include <memory>

class QsciScintilla;

namespace Strata {

// SQL syntax highlighting for one QScintilla editor, fed with the engine dialect's keywords
// and coloured from the widget palette (light or dark). The only place that knows which
// highlighting backend is used (QsciLexerSQL today), so another can replace it.
class STRATA_UI_EXPORT SqlHighlighter : public QObject
{
    Q_OBJECT
public:
    explicit SqlHighlighter(QsciScintilla *editor);
    ~SqlHighlighter() override;

    // IDialect::keywords(); an empty list keeps the lexer's generic SQL keywords.
    void setKeywords(const QStringList &keywords);
    QStringList keywords() const;
    // MySQL: # comments and backslash escapes in strings.
    void setDialect(SqlDialect dialect);
    // The colours of one theme: paper and text, syntax, margins, caret line, selection and
    // brace matching.
    struct Theme
    {
        QColor paper, text, keyword, string, quoted, number, comment;
        QColor margin, marginText, caretLine, caret, selection;
        QColor braceMatch, braceMatchText, braceBad, braceBadText;
    };

    // Re-reads the editor's palette and applies the light or the dark theme; called
    // automatically on palette changes (the widget's or the application's).
    void applyPalette();
    // Dark when the palette's window colour is dark.
    static bool isDark(const QPalette &palette);
    static Theme theme(bool dark);
    bool isDarkTheme() const { return m_dark; }
    // A palette for popups over the editor (the completion list) matching the theme.
    QPalette listPalette() const { return m_listPalette; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    class Lexer;
    QsciScintilla *m_editor;
    Lexer *m_lexer;
    QPalette m_listPalette;
    bool m_dark = false;
};

} // namespace Strata
