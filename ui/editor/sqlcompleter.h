// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/completionindex.h"
#include "sql/sqlcompletion.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

class QAction;
class QTimer;

namespace Strata {

class SqlEditor;

// Catalog-aware completion for one SqlEditor: after an identifier character (from one
// character after FROM/JOIN/... and right after `alias.`, else from two) or on Ctrl+Space it
// asks SqlCompletion what fits at the cursor and shows it in QScintilla's user list.
// Enter/Tab accept, Esc closes; the typed prefix (with its opening quote) is replaced.
class STRATA_UI_EXPORT SqlCompleter : public QObject
{
    Q_OBJECT
public:
    static constexpr int UserListId = 3;
    // Texts longer than this are split in a window: from a statement boundary before the
    // cursor to this many characters after it.
    static constexpr int LongText = 20000;

    explicit SqlCompleter(SqlEditor *editor);
    ~SqlCompleter() override;

    // The prepared catalog; null falls back to the editor's keywords.
    void setIndex(std::shared_ptr<const CompletionIndex> index);
    std::shared_ptr<const CompletionIndex> index() const { return m_index; }
    // Schemas unqualified names are looked up in (see SqlCompletion::defaultSearchPath()).
    void setSearchPath(const QStringList &searchPath) { m_searchPath = searchPath; }
    QStringList searchPath() const { return m_searchPath; }
    // Whether the list opens by itself while typing (Ctrl+Space always opens it).
    void setAutoPopup(bool enabled);
    bool autoPopup() const { return m_autoPopup; }
    // For the editor's context menu: "Complete" (Ctrl+Space) and "Complete While Typing".
    QAction *completeAction() const { return m_completeAction; }
    QAction *autoPopupAction() const { return m_autoPopupAction; }

    // Shows the list for the cursor position now. explicitRequest (Ctrl+Space) shows it
    // whatever was typed; true when a list is shown.
    bool complete(bool explicitRequest = true);
    // The names in the list shown last, best first.
    QStringList shownNames() const { return m_shown; }
    const CompletionResult &lastResult() const { return m_result; }

Q_SIGNALS:
    // A list was shown (tests and the completion benchmark wait for it).
    void listShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void characterAdded(int character);
    void accept(int id, const QString &text);
    void registerImages();
    CompletionResult computeAtCursor() const;
    // For long scripts: a statement boundary before the cursor, from a cached split of the
    // text that is still valid for the unchanged part in front of it; 0 when there is none.
    int statementBoundaryBefore(const QString &text, int cursor) const;
    int cachedBoundary(int cursor, qsizetype unchanged) const;

    SqlEditor *m_editor;
    QTimer *m_trigger;
    std::shared_ptr<const CompletionIndex> m_index;
    mutable std::shared_ptr<const CompletionIndex> m_keywordIndex;
    mutable QStringList m_keywordIndexWords;
    QStringList m_searchPath;
    mutable QString m_splitText;               // the text m_splitStatements were split from
    mutable QList<SqlStatement> m_splitStatements;
    mutable SqlDialect m_splitDialect = SqlDialect::PostgreSQL;
    CompletionResult m_result;
    QStringList m_shown;
    QHash<QString, QString> m_inserts;  // shown name -> text to insert
    QAction *m_completeAction;
    QAction *m_autoPopupAction;
    bool m_autoPopup = true;
};

} // namespace Strata
