// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/statementsplitter.h"

#include <QObject>
#include <QStringList>

#include <memory>

class QPalette;
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
    // Re-reads the editor's palette; called automatically on palette changes.
    void applyPalette();
    static bool isDark(const QPalette &palette);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    class Lexer;
    QsciScintilla *m_editor;
    Lexer *m_lexer;
};

} // namespace Strata
