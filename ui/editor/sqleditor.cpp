// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqleditor.h"

#include "sqlcompleter.h"
#include "sqlhighlighter.h"

#include <QContextMenuEvent>
#include <QEvent>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMap>
#include <QMenu>
#include <QPalette>
#include <QTimer>
#include <QToolTip>

#include <Qsci/qscistyle.h>
#include <Qsci/qscistyledtext.h>

#include <algorithm>
#include <climits>

namespace Strata {

namespace {

constexpr int LineNumberMarginIndex = 0;
constexpr int SymbolMarginIndex = 1;
constexpr int FoldMarginIndex = 2;
// Outside the lexer's range (QsciLexerSQL uses 0..24) and below Scintilla's predefined 32..39.
constexpr int AnnotationStyle = 28;
constexpr int LintErrorStyle = 29;
constexpr int LintWarningStyle = 30;
constexpr int StatementFlashMs = 700;

bool isBlank(QStringView line)
{
    return line.trimmed().isEmpty();
}

} // namespace

SqlEditor::SqlEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_highlighter(nullptr)
    , m_statementFlash(new QTimer(this))
{
    setUtf8(true);
    m_highlighter = new SqlHighlighter(this);

    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, FoldMarginIndex);
    setEolMode(QsciScintilla::EolUnix);
    // The horizontal scroll bar follows the longest line instead of a fixed 2000 px.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, true);

    setMarginType(LineNumberMarginIndex, QsciScintilla::NumberMargin);
    setMarginLineNumbers(LineNumberMarginIndex, true);
    setMarginType(SymbolMarginIndex, QsciScintilla::SymbolMargin);
    setMarginMarkerMask(SymbolMarginIndex,
                        (1 << ErrorMarker) | (1 << LintErrorMarker) | (1 << LintWarningMarker));
    setMarginWidth(SymbolMarginIndex, 14);
    setMarginSensitivity(SymbolMarginIndex, false);
    markerDefine(QsciScintilla::RightTriangle, ErrorMarker);
    markerDefine(QsciScintilla::Circle, LintErrorMarker);
    markerDefine(QsciScintilla::Circle, LintWarningMarker);

    indicatorDefine(QsciScintilla::SquiggleLowIndicator, ErrorIndicator);
    indicatorDefine(QsciScintilla::FullBoxIndicator, StatementIndicator);
    setIndicatorDrawUnder(true, StatementIndicator);
    indicatorDefine(QsciScintilla::SquiggleIndicator, LintErrorIndicator);
    indicatorDefine(QsciScintilla::SquiggleIndicator, LintWarningIndicator);
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    applyErrorStyle();

    connect(this, &QsciScintilla::linesChanged, this, &SqlEditor::updateLineNumberWidth);
    updateLineNumberWidth();

    m_statementFlash->setSingleShot(true);
    m_statementFlash->setInterval(StatementFlashMs);
    connect(m_statementFlash, &QTimer::timeout, this,
            [this] { clearIndicator(StatementIndicator); });

    m_completer = new SqlCompleter(this);
}

SqlEditor::~SqlEditor() = default;

void SqlEditor::setDialect(SqlDialect dialect)
{
    m_dialect = dialect;
    m_highlighter->setDialect(dialect);
    applyErrorStyle();
}

void SqlEditor::setKeywords(const QStringList &keywords)
{
    m_highlighter->setKeywords(keywords);
    // Re-attaching the lexer resets the styles the annotations use.
    applyErrorStyle();
}

int SqlEditor::positionFromOffset(int offset) const
{
    if (offset <= 0)
        return 0;
    const int length = int(SendScintilla(SCI_GETLENGTH));
    const int units = int(SendScintilla(SCI_COUNTCODEUNITS, 0UL, long(length)));
    if (offset >= units)
        return length;
    return int(SendScintilla(SCI_POSITIONRELATIVECODEUNITS, 0UL, long(offset)));
}

int SqlEditor::offsetFromPosition(int position) const
{
    if (position <= 0)
        return 0;
    return int(SendScintilla(SCI_COUNTCODEUNITS, 0UL, long(position)));
}

QList<SqlStatement> SqlEditor::allStatements() const
{
    return StatementSplitter::split(text(), m_dialect);
}

SqlStatement SqlEditor::currentStatement() const
{
    const QString all = text();
    if (hasSelectedText()) {
        const int from = offsetFromPosition(int(SendScintilla(SCI_GETSELECTIONSTART)));
        const int to = offsetFromPosition(int(SendScintilla(SCI_GETSELECTIONEND)));
        const QStringView selected = QStringView(all).mid(from, to - from);
        const QStringView trimmed = selected.trimmed();
        SqlStatement statement;
        statement.text = trimmed.toString();
        statement.offset = trimmed.isEmpty() ? from : from + int(trimmed.data() - selected.data());
        statement.length = int(trimmed.size());
        statement.line = int(QStringView(all).left(statement.offset).count(QLatin1Char('\n'))) + 1;
        return statement;
    }
    const QList<SqlStatement> statements = StatementSplitter::split(all, m_dialect);
    const int cursor = offsetFromPosition(int(SendScintilla(SCI_GETCURRENTPOS)));
    const int index = StatementSplitter::statementAt(statements, cursor);
    return index < 0 ? SqlStatement{} : statements.at(index);
}

void SqlEditor::highlightStatement(const SqlStatement &statement)
{
    clearIndicator(StatementIndicator);
    if (statement.length <= 0)
        return;
    const int start = positionFromOffset(statement.offset);
    const int end = positionFromOffset(statement.offset + statement.length);
    SendScintilla(SCI_SETINDICATORCURRENT, StatementIndicator);
    SendScintilla(SCI_INDICATORFILLRANGE, start, end - start);
    m_statementFlash->start();
}

void SqlEditor::clearIndicator(int indicator)
{
    SendScintilla(SCI_SETINDICATORCURRENT, indicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, SendScintilla(SCI_GETLENGTH));
}

void SqlEditor::markError(int offsetInText, const QString &message)
{
    const int start = positionFromOffset(offsetInText);
    int end = int(SendScintilla(SCI_WORDENDPOSITION, start, true));
    if (end <= start)
        end = int(SendScintilla(SCI_POSITIONAFTER, start));
    const int line = int(SendScintilla(SCI_LINEFROMPOSITION, start));
    if (end > start) {
        SendScintilla(SCI_SETINDICATORCURRENT, ErrorIndicator);
        SendScintilla(SCI_INDICATORFILLRANGE, start, end - start);
    }
    markerAdd(line, ErrorMarker);

    // One annotation per line: several errors on a line are listed one under the other.
    auto it = std::find_if(m_errors.begin(), m_errors.end(),
                           [line](const ErrorMark &mark) { return mark.line == line; });
    if (it == m_errors.end())
        it = m_errors.insert(m_errors.end(), ErrorMark{line, QString()});
    if (!it->message.isEmpty())
        it->message += QLatin1Char('\n');
    // Annotations are plain text by construction: nothing in the server's message is interpreted.
    it->message += message.trimmed();
    refreshAnnotations();
    ensureLineVisible(line);
}

void SqlEditor::clearErrors()
{
    clearIndicator(ErrorIndicator);
    markerDeleteAll(ErrorMarker);
    m_errors.clear();
    refreshAnnotations();
}

void SqlEditor::setLintMarks(const QList<LintMark> &marks)
{
    clearIndicator(LintErrorIndicator);
    clearIndicator(LintWarningIndicator);
    markerDeleteAll(LintErrorMarker);
    markerDeleteAll(LintWarningMarker);
    m_lintMarks.clear();
    const int lineCount = lines();
    for (const LintMark &mark : marks) {
        if (mark.line < 0 || mark.line >= lineCount)
            continue;
        // The squiggle runs under the line's text, from its first non-blank character.
        const int lineStart = int(SendScintilla(SCI_POSITIONFROMLINE, mark.line));
        const int lineEnd = int(SendScintilla(SCI_GETLINEENDPOSITION, mark.line));
        const int indent = int(SendScintilla(SCI_GETLINEINDENTPOSITION, mark.line));
        const int start = indent < lineEnd ? indent : lineStart;
        if (lineEnd > start) {
            SendScintilla(SCI_SETINDICATORCURRENT,
                          mark.error ? LintErrorIndicator : LintWarningIndicator);
            SendScintilla(SCI_INDICATORFILLRANGE, start, lineEnd - start);
        }
        const int handle = markerAdd(mark.line, mark.error ? LintErrorMarker : LintWarningMarker);
        m_lintMarks.append(PlacedLintMark{handle, mark.error, mark.message.trimmed()});
    }
    refreshAnnotations();
}

void SqlEditor::clearLintMarks()
{
    setLintMarks({});
}

QList<SqlEditor::LintMark> SqlEditor::lintMarks() const
{
    QList<LintMark> marks;
    for (const PlacedLintMark &placed : m_lintMarks) {
        const int line = markerLine(placed.handle);
        if (line >= 0)
            marks.append(LintMark{line, placed.error, placed.message});
    }
    return marks;
}

QString SqlEditor::lintMessages(int line) const
{
    QStringList messages;
    for (const LintMark &mark : lintMarks()) {
        if (mark.line == line)
            messages.append(mark.message);
    }
    return messages.join(u'\n');
}

void SqlEditor::refreshAnnotations()
{
    // One annotation per line holds the line's server errors, then its lint findings, each in
    // its own style. Annotations are plain text by construction: nothing is interpreted.
    clearAnnotations();
    m_annotationColumns = annotationColumns();
    QMap<int, QList<QsciStyledText>> byLine;
    const auto add = [this, &byLine](int line, const QString &text, int style) {
        QList<QsciStyledText> &parts = byLine[line];
        const QString wrapped = wrapAnnotation(text, m_annotationColumns);
        parts.append(QsciStyledText(parts.isEmpty() ? wrapped : u'\n' + wrapped, style));
    };
    for (const ErrorMark &mark : std::as_const(m_errors))
        add(mark.line, mark.message, AnnotationStyle);
    for (const LintMark &mark : lintMarks())
        add(mark.line, mark.message, mark.error ? LintErrorStyle : LintWarningStyle);
    for (auto it = byLine.cbegin(); it != byLine.cend(); ++it)
        annotate(it.key(), it.value());
}

int SqlEditor::annotationColumns() const
{
    // Measured by Scintilla in the annotations' own style, as it will draw them.
    char tenX[] = "xxxxxxxxxx";
    const int tenChars = int(SendScintilla(SCI_TEXTWIDTH, AnnotationStyle, static_cast<void *>(tenX)));
    const int charWidth = std::max(1, tenChars / 10);
    // The annotation box starts after the margins, has a frame and padding of its own, and
    // the vertical scroll bar may take a little more.
    int margins = 0;
    for (int margin = 0; margin < int(SendScintilla(SCI_GETMARGINS)); ++margin)
        margins += marginWidth(margin);
    const int width = viewport()->width() - margins - charWidth * 5;
    return std::max(30, width / charWidth);
}

QString SqlEditor::wrapAnnotation(const QString &text, int columns)
{
    QStringList lines;
    for (const QString &paragraph : text.split(u'\n')) {
        if (paragraph.size() <= columns) { // kept as it is: a server's caret line lines up
            lines << paragraph;
            continue;
        }
        QString line;
        for (const QString &word : paragraph.split(u' ', Qt::SkipEmptyParts)) {
            if (!line.isEmpty() && line.size() + 1 + word.size() > columns) {
                lines << line;
                line.clear();
            }
            line += line.isEmpty() ? word : u' ' + word;
        }
        lines << line;
    }
    return lines.join(u'\n');
}

void SqlEditor::applyErrorStyle()
{
    const QPalette pal = palette();
    const bool dark = SqlHighlighter::isDark(pal);
    const QColor error = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    const QColor errorPaper = dark ? QColor(0x4a, 0x1f, 0x1f) : QColor(0xfd, 0xec, 0xec);

    setIndicatorForegroundColor(error, ErrorIndicator);
    QColor flash = pal.color(QPalette::Highlight);
    flash.setAlpha(60);
    setIndicatorForegroundColor(flash, StatementIndicator);
    setMarkerBackgroundColor(error, ErrorMarker);
    setMarkerForegroundColor(error, ErrorMarker);

    const QColor warning = dark ? QColor(0xff, 0xc1, 0x07) : QColor(0xd9, 0x8c, 0x00);
    const QColor warningPaper = dark ? QColor(0x45, 0x38, 0x12) : QColor(0xff, 0xf6, 0xdc);
    setIndicatorForegroundColor(error, LintErrorIndicator);
    setIndicatorForegroundColor(warning, LintWarningIndicator);
    setMarkerBackgroundColor(error, LintErrorMarker);
    setMarkerForegroundColor(error, LintErrorMarker);
    setMarkerBackgroundColor(warning, LintWarningMarker);
    setMarkerForegroundColor(warning.darker(120), LintWarningMarker);

    const QFont font = lexer() ? lexer()->defaultFont() : this->font();
    const auto annotationStyle = [this, &font](int style, const QColor &fore, const QColor &back) {
        SendScintilla(SCI_STYLESETFORE, style, fore);
        SendScintilla(SCI_STYLESETBACK, style, back);
        SendScintilla(SCI_STYLESETFONT, style, font.family().toUtf8().constData());
        SendScintilla(SCI_STYLESETSIZE, style, std::max(1, font.pointSize()));
    };
    annotationStyle(AnnotationStyle, dark ? error.lighter(130) : error.darker(110), errorPaper);
    annotationStyle(LintErrorStyle, dark ? error.lighter(130) : error.darker(110), errorPaper);
    annotationStyle(LintWarningStyle, dark ? warning : QColor(0x7a, 0x4f, 0x00), warningPaper);

    refreshAnnotations();
}

void SqlEditor::updateLineNumberWidth()
{
    const int digits = std::max(2, int(QString::number(std::max(1, lines())).size()));
    if (digits == m_lineDigits)
        return;
    m_lineDigits = digits;
    setMarginWidth(LineNumberMarginIndex, QString(digits + 1, QLatin1Char('9')));
}

void SqlEditor::toggleComment()
{
    int lineFrom = 0;
    int indexFrom = 0;
    int lineTo = 0;
    int indexTo = 0;
    const bool hadSelection = hasSelectedText();
    if (hadSelection) {
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        // A selection ending at the start of a line does not include that line.
        if (lineTo > lineFrom && indexTo == 0)
            --lineTo;
    } else {
        getCursorPosition(&lineFrom, &indexFrom);
        lineTo = lineFrom;
    }

    static const QLatin1String marker("--");
    const auto leadingBlanks = [](const QString &content) {
        int lead = 0;
        while (lead < content.size() &&
               (content.at(lead) == QLatin1Char(' ') || content.at(lead) == QLatin1Char('\t')))
            ++lead;
        return lead;
    };
    bool allCommented = true;
    bool anyText = false;
    int indent = INT_MAX;
    for (int line = lineFrom; line <= lineTo; ++line) {
        const QString content = text(line);
        if (isBlank(content))
            continue;
        anyText = true;
        const int lead = leadingBlanks(content);
        if (!QStringView(content).mid(lead).startsWith(marker))
            allCommented = false;
        indent = std::min(indent, lead);
    }
    if (!anyText)
        return;

    beginUndoAction();
    for (int line = lineFrom; line <= lineTo; ++line) {
        const QString content = text(line);
        if (isBlank(content))
            continue;
        const int lead = leadingBlanks(content);
        // Leading whitespace is ASCII, so its character count equals its byte count.
        const int lineStart = int(SendScintilla(SCI_POSITIONFROMLINE, line));
        if (allCommented) {
            int remove = marker.size();
            if (lead + remove < content.size() && content.at(lead + remove) == QLatin1Char(' '))
                ++remove;
            SendScintilla(SCI_DELETERANGE, lineStart + lead, remove);
        } else {
            SendScintilla(SCI_INSERTTEXT, lineStart + std::min(lead, indent), "-- ");
        }
    }
    endUndoAction();

    if (hadSelection) {
        // Keep the whole lines selected so the toggle can be repeated.
        SendScintilla(SCI_SETSEL, SendScintilla(SCI_POSITIONFROMLINE, lineFrom),
                      SendScintilla(SCI_GETLINEENDPOSITION, lineTo));
    }
}

bool SqlEditor::find(const QString &text, bool caseSensitive, bool wholeWord, bool forward)
{
    if (text.isEmpty())
        return false;
    int line = -1;
    int index = -1;
    if (!forward && hasSelectedText()) {
        // Search backwards from the start of the current match, not from inside it.
        int lineTo = 0;
        int indexTo = 0;
        getSelection(&line, &index, &lineTo, &indexTo);
    }
    return findFirst(text, false, caseSensitive, wholeWord, true, forward, line, index, true);
}

int SqlEditor::replaceAll(const QString &text, const QString &replacement, bool caseSensitive,
                          bool wholeWord)
{
    if (text.isEmpty())
        return 0;
    const QByteArray needle = text.toUtf8();
    const QByteArray with = replacement.toUtf8();
    int flags = 0;
    if (caseSensitive)
        flags |= SCFIND_MATCHCASE;
    if (wholeWord)
        flags |= SCFIND_WHOLEWORD;
    SendScintilla(SCI_SETSEARCHFLAGS, flags);

    int count = 0;
    int from = 0;
    beginUndoAction();
    for (;;) {
        SendScintilla(SCI_SETTARGETSTART, from);
        SendScintilla(SCI_SETTARGETEND, SendScintilla(SCI_GETLENGTH));
        const long found = SendScintilla(SCI_SEARCHINTARGET, needle.size(), needle.constData());
        if (found < 0)
            break;
        const long written = SendScintilla(SCI_REPLACETARGET, with.size(), with.constData());
        from = int(found + written);
        ++count;
    }
    endUndoAction();
    return count;
}

SqlEditor::Action SqlEditor::actionFor(const QKeyEvent *event) const
{
    const Qt::KeyboardModifiers mods =
        event->modifiers() &
        (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier | Qt::MetaModifier);
    const int key = event->key();
    if ((key == Qt::Key_Return || key == Qt::Key_Enter)) {
        if (mods == Qt::ControlModifier)
            return Action::RunStatement;
        if (mods == (Qt::ControlModifier | Qt::ShiftModifier))
            return Action::RunScript;
    }
    // Shift is allowed: "/" needs it on many layouts.
    if (key == Qt::Key_Slash && (mods & ~Qt::ShiftModifier) == Qt::ControlModifier)
        return Action::ToggleComment;
    // Esc first closes an open completion or call tip list.
    if (key == Qt::Key_Escape && mods == Qt::NoModifier && !isListActive() &&
        !SendScintilla(SCI_CALLTIPACTIVE))
        return Action::Cancel;
    return Action::None;
}

bool SqlEditor::event(QEvent *event)
{
    // Our keys must reach keyPressEvent even when a window action uses the same shortcut.
    if (event->type() == QEvent::ShortcutOverride &&
        actionFor(static_cast<QKeyEvent *>(event)) != Action::None) {
        event->accept();
        return true;
    }
    if (event->type() == QEvent::PaletteChange)
        applyErrorStyle();
    else if (event->type() == QEvent::ApplicationPaletteChange)
        QTimer::singleShot(0, this, &SqlEditor::applyErrorStyle);
    return QsciScintilla::event(event);
}

bool SqlEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int position =
            int(SendScintilla(SCI_POSITIONFROMPOINT, help->pos().x(), help->pos().y()));
        const QString messages = lintMessages(int(SendScintilla(SCI_LINEFROMPOSITION, position)));
        if (messages.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            // Escaped so that nothing in a message is taken for markup.
            QToolTip::showText(help->globalPos(),
                               QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
                                   .arg(messages.toHtmlEscaped()),
                               viewport());
        }
        return true;
    }
    if (event->type() == QEvent::Resize && m_annotationColumns != 0
        && annotationColumns() != m_annotationColumns
        && (!m_errors.isEmpty() || !m_lintMarks.isEmpty())) {
        refreshAnnotations();
    }
    return QsciScintilla::viewportEvent(event);
}

void SqlEditor::keyPressEvent(QKeyEvent *event)
{
    switch (actionFor(event)) {
    case Action::RunStatement:
        Q_EMIT runStatementRequested();
        break;
    case Action::RunScript:
        Q_EMIT runScriptRequested();
        break;
    case Action::Cancel:
        Q_EMIT cancelRequested();
        break;
    case Action::ToggleComment:
        toggleComment();
        break;
    case Action::None:
        QsciScintilla::keyPressEvent(event);
        return;
    }
    event->accept();
}

void SqlEditor::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addSeparator();
    menu->addAction(m_completer->completeAction());
    menu->addAction(m_completer->autoPopupAction());
    if (!m_contextActions.isEmpty()) {
        menu->addSeparator();
        for (QAction *action : std::as_const(m_contextActions)) {
            if (action)
                menu->addAction(action);
        }
    }
    menu->popup(event->globalPos());
}

} // namespace Strata
