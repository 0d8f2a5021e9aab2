// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlcompleter.h"

#include "sqleditor.h"
#include "sqlhighlighter.h"

#include "sql/sqltokenizer.h"

#include <QAction>
#include <QEvent>
#include <QKeyEvent>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QTimer>

#include <algorithm>

namespace Strata {

namespace {

// Separates a list entry from its image number; a control character no name uses.
constexpr char TypeSeparator = '\x1e';

int imageFor(CompletionCandidate::Kind kind)
{
    return int(kind) + 1;
}

bool isTrigger(int character)
{
    if (character == '.' || character == '"' || character == '`' || character == '[')
        return true;
    if (character < 0 || character > 0x10FFFF)
        return false;
    return SqlTokenizer::isIdentifierChar(QChar(char16_t(character > 0xFFFF ? 'a' : character))) ||
           character >= 0x80;
}

bool isQualified(CompletionResult::Context context)
{
    return context == CompletionResult::Context::QualifiedColumn ||
           context == CompletionResult::Context::SchemaTable;
}

} // namespace

SqlCompleter::SqlCompleter(SqlEditor *editor)
    : QObject(editor)
    , m_editor(editor)
    , m_trigger(new QTimer(this))
    , m_completeAction(new QAction(tr("Complete"), this))
    , m_autoPopupAction(new QAction(tr("Complete While Typing"), this))
{
    m_completeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    // Ctrl+Space is handled by the event filter below; the action only shows it in menus.
    m_completeAction->setShortcutContext(Qt::WidgetShortcut);
    m_completeAction->setToolTip(tr("Show the tables, columns and keywords that fit at the "
                                    "cursor (Ctrl+Space)"));
    m_autoPopupAction->setCheckable(true);
    m_autoPopupAction->setChecked(true);
    m_autoPopupAction->setToolTip(tr("Open the completion list by itself while typing"));
    connect(m_completeAction, &QAction::triggered, this, [this] {
        // From a menu: complete once the menu has closed and the editor has its focus back.
        QTimer::singleShot(0, this, [this] {
            m_editor->setFocus();
            complete(true);
        });
    });
    connect(m_autoPopupAction, &QAction::toggled, this, &SqlCompleter::setAutoPopup);

    // 0 ms: runs right after the keystroke is processed and coalesces a burst of typed keys.
    m_trigger->setSingleShot(true);
    m_trigger->setInterval(0);
    connect(m_trigger, &QTimer::timeout, this, [this] { complete(false); });
    connect(editor, &QsciScintillaBase::SCN_CHARADDED, this, &SqlCompleter::characterAdded);
    connect(editor, &QsciScintilla::userListActivated, this, &SqlCompleter::accept);
    // Running the statement closes the list; Ctrl+Enter never completes.
    connect(editor, &SqlEditor::runStatementRequested, editor, &QsciScintilla::cancelList);
    connect(editor, &SqlEditor::runScriptRequested, editor, &QsciScintilla::cancelList);
    editor->installEventFilter(this);
    registerImages();
}

SqlCompleter::~SqlCompleter() = default;

void SqlCompleter::setIndex(std::shared_ptr<const CompletionIndex> index)
{
    m_index = std::move(index);
}

void SqlCompleter::setAutoPopup(bool enabled)
{
    m_autoPopup = enabled;
    m_autoPopupAction->setChecked(enabled);
}

void SqlCompleter::registerImages()
{
    struct Look
    {
        CompletionCandidate::Kind kind;
        char letter;
        QColor color;
    };
    const Look looks[] = {
        {CompletionCandidate::Kind::Column, 'c', QColor(0x2e, 0x7d, 0x32)},
        {CompletionCandidate::Kind::Alias, 'a', QColor(0x6d, 0x4c, 0x41)},
        {CompletionCandidate::Kind::Table, 'T', QColor(0x15, 0x65, 0xc0)},
        {CompletionCandidate::Kind::View, 'V', QColor(0x00, 0x83, 0x8f)},
        {CompletionCandidate::Kind::Schema, 'S', QColor(0x6a, 0x1b, 0x9a)},
        {CompletionCandidate::Kind::Function, 'f', QColor(0xe6, 0x51, 0x00)},
        {CompletionCandidate::Kind::Keyword, 'k', QColor(0x61, 0x61, 0x61)},
    };
    const int side = std::max(12, m_editor->fontMetrics().height() - 2);
    for (const Look &look : looks) {
        QPixmap pixmap(side, side);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(look.color);
        painter.drawRoundedRect(QRectF(0.5, 0.5, side - 1, side - 1), 3, 3);
        QFont font = m_editor->font();
        font.setBold(true);
        font.setPixelSize(side * 2 / 3);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRect(0, 0, side, side), Qt::AlignCenter, QString(QLatin1Char(look.letter)));
        painter.end();
        m_editor->registerImage(imageFor(look.kind), pixmap);
    }
}

void SqlCompleter::characterAdded(int character)
{
    if (m_autoPopup && isTrigger(character))
        m_trigger->start();
}

CompletionResult SqlCompleter::computeAtCursor() const
{
    const CompletionIndex *index = m_index.get();
    if (!index) {
        const QStringList words = m_editor->highlighter()->keywords();
        if (!m_keywordIndex || words != m_keywordIndexWords) {
            m_keywordIndex = CompletionIndex::build(words, m_editor->dialect());
            m_keywordIndexWords = words;
        }
        index = m_keywordIndex.get();
    }
    const int position = int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS));
    const int cursor = m_editor->offsetFromPosition(position);
    const QString text = m_editor->text();
    if (text.size() <= LongText)
        return SqlCompletion::complete(text, cursor, m_editor->dialect(), *index, m_searchPath);
    // Splitting a long script on every keystroke would cost more than the lookup itself.
    return SqlCompletion::complete(text, cursor, m_editor->dialect(), *index, m_searchPath,
                                   SqlCompletion::DefaultMaxCandidates,
                                   statementBoundaryBefore(text, cursor),
                                   std::min(int(text.size()), cursor + LongText));
}

int SqlCompleter::cachedBoundary(int cursor, qsizetype unchanged) const
{
    // The end of the last cached statement whose terminator lies before both the cursor and
    // the first change: splitting restarts there exactly as it would from the start.
    int k = StatementSplitter::statementAt(m_splitStatements, cursor);
    for (; k >= 0; --k) {
        const SqlStatement &s = m_splitStatements.at(k);
        int after = s.offset + s.length;
        while (after < m_splitText.size() && m_splitText.at(after).isSpace())
            ++after;
        if (after < m_splitText.size() && m_splitText.at(after) == u';' && after + 1 <= cursor &&
            after + 1 <= unchanged)
            return after + 1;
    }
    return 0;
}

int SqlCompleter::statementBoundaryBefore(const QString &text, int cursor) const
{
    const SqlDialect dialect = m_editor->dialect();
    qsizetype unchanged = 0;
    if (dialect == m_splitDialect) {
        const qsizetype n = std::min(text.size(), m_splitText.size());
        unchanged = std::mismatch(text.constData(), text.constData() + n,
                                  m_splitText.constData())
                        .first -
                    text.constData();
    }
    int boundary = cachedBoundary(cursor, unchanged);
    if (cursor - boundary > LongText) {
        m_splitText = text;
        m_splitDialect = dialect;
        m_splitStatements = StatementSplitter::split(text, dialect);
        boundary = cachedBoundary(cursor, text.size());
    }
    // A MariaDB DELIMITER before the boundary changes how the rest splits: start over.
    if (dialect == SqlDialect::MySQL &&
        QStringView(text).left(boundary).contains(u"delimiter", Qt::CaseInsensitive))
        return 0;
    return boundary;
}

bool SqlCompleter::complete(bool explicitRequest)
{
    m_trigger->stop();
    m_result = computeAtCursor();
    const QList<CompletionCandidate> &candidates = m_result.candidates;
    bool show = !candidates.isEmpty();
    if (show && !explicitRequest) {
        const bool afterDot = isQualified(m_result.context);
        const int minimum = afterDot ? 0
                            : m_result.context == CompletionResult::Context::Table ? 1
                                                                                   : 2;
        show = m_result.prefix.size() >= minimum &&
               (m_result.prefix.isEmpty() || !m_result.prefix.front().isDigit());
        // Nothing to offer when the one match is exactly what was typed.
        if (show && candidates.size() == 1 && !m_result.quotedPrefix &&
            candidates.constFirst().insert == m_result.prefix)
            show = false;
    }
    if (!show) {
        if (m_editor->isListActive())
            m_editor->cancelList();
        m_shown.clear();
        return false;
    }

    m_shown.clear();
    m_inserts.clear();
    QStringList entries;
    entries.reserve(candidates.size());
    for (const CompletionCandidate &c : candidates) {
        // The list is plain text; separators inside hostile names must not split entries.
        QString name = c.name;
        name.replace(QChar(u'\x04'), QChar(u' ')).replace(QChar(char16_t(TypeSeparator)), QChar(u' '));
        m_shown.append(name);
        m_inserts.insert(name, c.insert);
        entries.append(name + QLatin1Char(TypeSeparator) + QString::number(imageFor(c.kind)));
    }
    m_editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETTYPESEPARATOR, long(TypeSeparator));
    m_editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETORDER, long(QsciScintillaBase::SC_ORDER_CUSTOM));
    m_editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETIGNORECASE, true);
    m_editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETMAXHEIGHT, 12);
    // Scintilla would hide the list when a typed letter matches none of the entries shown
    // for the shorter prefix, a moment before they are refreshed: the list flickered.
    // Punctuation and blanks still close it; an empty refresh closes it too.
    m_editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETAUTOHIDE, false);
    m_editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSTOPS, 0UL,
                            " \t\r\n,;()=<>!+-*/%|&^~:'@#?{}");
    m_editor->showUserList(UserListId, entries);
    // The list is QScintilla's own widget: let it follow the editor's light or dark theme.
    if (auto *list = m_editor->findChild<QListWidget *>())
        list->setPalette(m_editor->highlighter()->listPalette());
    if (m_editor->isListActive())
        Q_EMIT listShown();
    return m_editor->isListActive();
}

void SqlCompleter::accept(int id, const QString &text)
{
    if (id != UserListId)
        return;
    const auto found = m_inserts.constFind(text);
    if (found == m_inserts.constEnd())
        return;
    const QString insert = found.value();
    // The text may have moved on since the list was shown: measure the prefix again.
    const CompletionResult now = computeAtCursor();
    const int from = m_editor->positionFromOffset(now.replaceFrom);
    const int to = m_editor->positionFromOffset(now.replaceFrom + now.replaceLength);
    m_editor->beginUndoAction();
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, from, to);
    m_editor->replaceSelectedText(insert);
    m_editor->endUndoAction();
}

bool SqlCompleter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor &&
        (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)) {
        auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers mods =
            key->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier |
                                Qt::MetaModifier);
        if (key->key() == Qt::Key_Space && mods == Qt::ControlModifier) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                complete(true);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Strata
