// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "shell/ifeature.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

class QAction;

namespace Strata {

class QueryTab;
class QueryTabJournal;

// Query tabs in the main window's workspace: "New query tab" (Ctrl+T) for the current
// connection, in the File menu and the connections dock's context menu; Open/Save/Save As of
// .sql files; closing a tab or the window with unsaved text asks. After startSession() every
// tab is journaled, and the tabs of a session that crashed come back (never run), each bound
// again to its connection when it opens. A clean quit asks once about all unsaved tabs and
// ends the journal: tabs are not restored after a clean exit, saved work lives in .sql files.
class STRATA_UI_EXPORT QueryFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    enum class CloseChoice { Save, Discard, Cancel };
    // Seams for tests: the question asked before unsaved text is closed (the titles of the
    // tabs concerned), and the file dialog (save or open; empty when cancelled).
    using CloseAsker = std::function<CloseChoice(const QString &question, const QStringList &tabs)>;
    using FileChooser = std::function<QString(bool save, const QString &suggestion)>;

    QueryFeature();
    ~QueryFeature() override;

    void install(MainWindow &window) override;

    QAction *newTabAction() const { return m_newTab; }
    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QAction *closeTabAction() const { return m_closeTab; }
    // Opens a query tab for that connection and makes it current; null when it is not open.
    QueryTab *newQueryTab(const QString &connectionId);
    QList<QueryTab *> tabs() const;
    QueryTab *currentTab() const;

    // Opens the .sql file in a new tab bound to that connection (or, when it is empty or not
    // open, to the first connection that becomes ready). Errors are shown; null then.
    QueryTab *openFile(const QString &path, const QString &connectionId);
    // A new untitled tab holding that text (standard input given as "-").
    QueryTab *openText(const QString &text, const QString &connectionId);
    bool save(QueryTab *tab);
    bool saveAs(QueryTab *tab);
    // Asks about unsaved text; true when the tab may close (then it is out of the journal).
    bool confirmClose(QueryTab *tab);
    // Asks once about every unsaved tab; true when the window may close.
    bool confirmQuit();

    // Recovers the tabs of a session that crashed from the journal in `directory` (without
    // running anything), then journals every tab until a clean exit. Returns how many tabs
    // came back.
    int startSession(const QString &directory = {});
    QueryTabJournal *journal() const { return m_journal.get(); }

    // "profile:NAME" for saved profiles, "demo", or "connection:TITLE" (a URL without password).
    QString connectionKey(const QString &connectionId) const;
    QString tabConnectionKey(QueryTab *tab) const { return m_keys.value(tab); }

    void setCloseAsker(CloseAsker asker) { m_asker = std::move(asker); }
    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    void setErrorReporter(std::function<void(const QString &)> reporter)
    {
        m_reportError = std::move(reporter);
    }

Q_SIGNALS:
    void tabAdded(Strata::QueryTab *tab);
    // A run of that tab finished.
    void runFinished(Strata::QueryTab *tab);
    // A statement of that tab finished and is in the query history.
    void statementRecorded(Strata::QueryTab *tab);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QueryTab *createTab(const QString &connectionId, const QString &key);
    void registerTab(QueryTab *tab, const QString &key);
    void updateActions();
    void bindWaitingTabs(const QString &connectionId);
    void connectionGone(const QString &connectionId, const QString &notice);
    void openWaitingConnections();
    QString keyTitle(const QString &key) const;
    void reportError(const QString &message);

    MainWindow *m_window = nullptr;
    QAction *m_newTab = nullptr;
    QAction *m_open = nullptr;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_closeTab = nullptr;
    QHash<QString, int> m_counters;  // per connection key: tabs opened so far
    QList<QPointer<QueryTab>> m_tabs;
    QHash<QueryTab *, QString> m_keys;  // empty: binds to the first connection that is ready
    QSet<QString> m_demoIds;
    std::unique_ptr<QueryTabJournal> m_journal;
    CloseAsker m_asker;
    FileChooser m_chooser;
    std::function<void(const QString &)> m_reportError;
};

} // namespace Strata
