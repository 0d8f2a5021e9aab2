// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "editor/qscintilla_p.h"
#include "sql/statementsplitter.h"

#include <QList>
#include <QPointer>
#include <QString>

class QAction;
class QTimer;

namespace Strata {

class SqlCompleter;
class SqlHighlighter;

// The SQL editor of a query tab: highlighting with the dialect's keywords, statement-aware
// cursor helpers, error marks with plain-text annotations, comment toggling, find/replace and
// the run/cancel key bindings (it only emits signals; it never runs SQL itself).
class STRATA_UI_EXPORT SqlEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit SqlEditor(QWidget *parent = nullptr);
    ~SqlEditor() override;

    void setDialect(SqlDialect dialect);
    SqlDialect dialect() const { return m_dialect; }
    // IDialect::keywords(); an empty list keeps generic SQL keywords.
    void setKeywords(const QStringList &keywords);
    SqlHighlighter *highlighter() const { return m_highlighter; }
    // Catalog-aware completion (Ctrl+Space, and while typing).
    SqlCompleter *completer() const { return m_completer; }

    // The selection as one statement when there is one, else the statement under the cursor.
    // Offsets are UTF-16 offsets into text(); an empty text means there is nothing to run.
    SqlStatement currentStatement() const;
    QList<SqlStatement> allStatements() const;
    // Briefly marks the statement's range (e.g. the one just sent to the server).
    void highlightStatement(const SqlStatement &statement);

    // offsetInText is a UTF-16 offset into text(), as servers' positions are converted to.
    void markError(int offsetInText, const QString &message);
    void clearErrors();
    bool hasErrors() const { return !m_errors.isEmpty(); }

    // A lint finding on a line (0-based): what setLintMarks() shows.
    struct LintMark
    {
        int line = 0;
        bool error = false; // else a warning
        QString message;    // plain text, e.g. "rule-id: one sentence"
    };
    // Replaces the lint marks: a squiggle under each line's text (red for errors, amber for
    // warnings), a margin marker, and the messages as the line's annotation and tooltip.
    // Kept apart from markError()'s marks; edits move the marks with their lines.
    void setLintMarks(const QList<LintMark> &marks);
    void clearLintMarks();
    // The marks where they are now (lines follow edits made since setLintMarks()).
    QList<LintMark> lintMarks() const;
    // The plain-text messages of the lint marks on line (0-based), one per line; empty when none.
    QString lintMessages(int line) const;

    // Comments the selected lines (or the cursor's line) with "-- ", or uncomments them when
    // every non-blank one is already commented.
    void toggleComment();

    // Selects the next (or previous) match, wrapping around; false when there is none.
    bool find(const QString &text, bool caseSensitive, bool wholeWord, bool forward = true);
    // Replaces every match in the whole text as one undo step; returns how many.
    int replaceAll(const QString &text, const QString &replacement, bool caseSensitive,
                   bool wholeWord);

    // UTF-16 offset into text() <-> Scintilla byte position.
    int positionFromOffset(int offset) const;
    int offsetFromPosition(int position) const;

    // Adds action (owned elsewhere) to the end of the editor's context menu.
    void addContextAction(QAction *action) { m_contextActions.append(action); }

    static constexpr int ErrorIndicator = 8;
    static constexpr int StatementIndicator = 9;
    static constexpr int ErrorMarker = 1;
    static constexpr int LintWarningIndicator = 10;
    static constexpr int LintErrorIndicator = 11; // drawn over a warning on the same text
    static constexpr int LintWarningMarker = 2;
    static constexpr int LintErrorMarker = 3; // drawn over a warning on the same line

    // text broken at spaces into lines of at most columns characters (a longer word stays
    // whole): annotations do not wrap by themselves, and run off the right edge otherwise.
    static QString wrapAnnotation(const QString &text, int columns);

Q_SIGNALS:
    void runStatementRequested();
    void runScriptRequested();
    void cancelRequested();

protected:
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    enum class Action { None, RunStatement, RunScript, Cancel, ToggleComment };
    Action actionFor(const QKeyEvent *event) const;
    void updateLineNumberWidth();
    void applyErrorStyle();
    void clearIndicator(int indicator);
    void refreshAnnotations();
    // How many characters of the annotation font fit the visible width (at least 30).
    int annotationColumns() const;

    struct ErrorMark
    {
        int line;
        QString message;
    };

    SqlHighlighter *m_highlighter;
    SqlCompleter *m_completer = nullptr;
    QTimer *m_statementFlash;
    SqlDialect m_dialect = SqlDialect::PostgreSQL;
    QList<ErrorMark> m_errors;
    struct PlacedLintMark
    {
        int handle; // markerAdd()'s handle: its line follows edits
        bool error;
        QString message;
    };
    QList<PlacedLintMark> m_lintMarks;
    int m_lineDigits = 0;
    int m_annotationColumns = 0; // what the annotations were wrapped to
    QList<QPointer<QAction>> m_contextActions;
};

} // namespace Strata
