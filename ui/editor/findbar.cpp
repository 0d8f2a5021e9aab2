// SPDX-License-Identifier: GPL-3.0-or-later
#include "findbar.h"

#include "sqleditor.h"

#include <QAction>
#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace Strata {

namespace {
QToolButton *button(QWidget *parent, const QString &text, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
} // namespace

FindBar::FindBar(SqlEditor *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_search(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_matchCase(new QCheckBox(tr("Match case"), this))
    , m_wholeWord(new QCheckBox(tr("Whole word"), this))
    , m_replaceOne(button(this, tr("Replace"), tr("Replace this match and find the next")))
    , m_replaceAll(button(this, tr("Replace all"), tr("Replace every match, as one undo step")))
    , m_status(new QLabel(this))
{
    m_search->setPlaceholderText(tr("Find"));
    m_search->setClearButtonEnabled(true);
    m_replace->setPlaceholderText(tr("Replace with"));
    m_status->setTextFormat(Qt::PlainText);
    m_search->installEventFilter(this);
    m_replace->installEventFilter(this);

    QToolButton *previous = button(this, tr("Previous"), tr("Previous match (Shift+F3)"));
    QToolButton *next = button(this, tr("Next"), tr("Next match (F3)"));
    QToolButton *close = button(this, tr("Close"), tr("Close the bar (Esc)"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setHorizontalSpacing(4);
    layout->setVerticalSpacing(2);
    layout->addWidget(m_search, 0, 0);
    layout->addWidget(previous, 0, 1);
    layout->addWidget(next, 0, 2);
    layout->addWidget(m_matchCase, 0, 3);
    layout->addWidget(m_wholeWord, 0, 4);
    layout->addWidget(m_status, 0, 5);
    layout->addWidget(close, 0, 6);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(m_replaceOne, 1, 1, 1, 2);
    layout->addWidget(m_replaceAll, 1, 3);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(5, 1);

    m_findAction = addAction(tr("Find…"), QKeySequence::Find, tr("Find text in the editor"));
    m_replaceAction = addAction(tr("Replace…"), QKeySequence(Qt::CTRL | Qt::Key_R),
                                tr("Find and replace text in the editor"));
    m_findNextAction = addAction(tr("Find next"), QKeySequence::FindNext, tr("Next match"));
    m_findPreviousAction =
        addAction(tr("Find previous"), QKeySequence::FindPrevious, tr("Previous match"));

    m_editor->addContextAction(m_findAction);
    m_editor->addContextAction(m_replaceAction);
    connect(m_findAction, &QAction::triggered, this, [this] { open(false); });
    connect(m_replaceAction, &QAction::triggered, this, [this] { open(true); });
    connect(m_findNextAction, &QAction::triggered, this, &FindBar::findNext);
    connect(m_findPreviousAction, &QAction::triggered, this, &FindBar::findPrevious);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        m_editor->setFocus();
    });
    connect(m_replaceOne, &QToolButton::clicked, this, &FindBar::replaceCurrent);
    connect(m_replaceAll, &QToolButton::clicked, this, &FindBar::replaceAll);
    connect(m_search, &QLineEdit::textEdited, this, [this] { setStatus(QString()); });
    hide();
}

FindBar::~FindBar() = default;

QAction *FindBar::addAction(const QString &text, const QKeySequence &key, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    // Reachable from the editor and from the bar's own fields.
    m_editor->addAction(action);
    QWidget::addAction(action);
    return action;
}

QString FindBar::status() const
{
    return m_status->text();
}

void FindBar::open(bool replacing)
{
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(u'\n'))
        m_search->setText(m_editor->selectedText());
    m_replace->setVisible(replacing);
    m_replaceOne->setVisible(replacing);
    m_replaceAll->setVisible(replacing);
    setStatus(QString());
    show();
    m_search->setFocus();
    m_search->selectAll();
}

bool FindBar::findNext()
{
    return search(true);
}

bool FindBar::findPrevious()
{
    return search(false);
}

bool FindBar::search(bool forward)
{
    if (m_search->text().isEmpty()) {
        open(m_replace->isVisible());
        return false;
    }
    const bool found = m_editor->find(m_search->text(), m_matchCase->isChecked(),
                                      m_wholeWord->isChecked(), forward);
    setStatus(found ? QString() : tr("No match"));
    return found;
}

bool FindBar::selectionMatches() const
{
    if (!m_editor->hasSelectedText())
        return false;
    const Qt::CaseSensitivity cs = m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    return m_editor->selectedText().compare(m_search->text(), cs) == 0;
}

bool FindBar::replaceCurrent()
{
    if (m_search->text().isEmpty())
        return false;
    if (!selectionMatches() && !findNext())
        return false;
    m_editor->replaceSelectedText(m_replace->text());
    findNext();
    return true;
}

int FindBar::replaceAll()
{
    const int count = m_editor->replaceAll(m_search->text(), m_replace->text(),
                                           m_matchCase->isChecked(), m_wholeWord->isChecked());
    setStatus(count == 0 ? tr("No match") : tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::setStatus(const QString &text)
{
    m_status->setText(text);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            hide();
            m_editor->setFocus();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (watched == m_replace)
                replaceCurrent();
            else
                search(!(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Strata
