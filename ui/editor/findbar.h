// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Strata {

class SqlEditor;

// The find and replace bar under a SQL editor: Find (Ctrl+F) shows the search field, Replace
// (Ctrl+R) the replacement too; Enter / F3 finds the next match, Shift+Enter / Shift+F3 the
// previous one, wrapping around; Esc closes the bar and gives the editor the focus back.
class STRATA_UI_EXPORT FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(SqlEditor *editor, QWidget *parent = nullptr);
    ~FindBar() override;

    // Actions for the tab's menus and shortcuts; they work while the editor or the bar has focus.
    QAction *findAction() const { return m_findAction; }
    QAction *replaceAction() const { return m_replaceAction; }
    QAction *findNextAction() const { return m_findNextAction; }
    QAction *findPreviousAction() const { return m_findPreviousAction; }

    QLineEdit *searchField() const { return m_search; }
    QLineEdit *replaceField() const { return m_replace; }
    QCheckBox *matchCase() const { return m_matchCase; }
    QCheckBox *wholeWord() const { return m_wholeWord; }
    // "No match", "3 replaced": plain text.
    QString status() const;

    // Shows the bar (with the replacement field when replacing), seeded with the selection.
    void open(bool replacing);
    bool findNext();
    bool findPrevious();
    // Replaces the current match (when the selection is one) and selects the next.
    bool replaceCurrent();
    int replaceAll();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool search(bool forward);
    bool selectionMatches() const;
    void setStatus(const QString &text);
    QAction *addAction(const QString &text, const QKeySequence &key, const QString &tip);

    SqlEditor *m_editor;
    QLineEdit *m_search;
    QLineEdit *m_replace;
    QCheckBox *m_matchCase;
    QCheckBox *m_wholeWord;
    QToolButton *m_replaceOne;
    QToolButton *m_replaceAll;
    QLabel *m_status;
    QAction *m_findAction;
    QAction *m_replaceAction;
    QAction *m_findNextAction;
    QAction *m_findPreviousAction;
};

} // namespace Strata
