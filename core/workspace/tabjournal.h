// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sql/result.h"
#include "strata_core_global.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

namespace Strata {

// One editor tab as the journal keeps it. Only text: nothing in the journal is ever executed.
struct JournalTab
{
    QString id; // stable for the tab's life; the journal's key
    QString title;
    QString connectionKey; // URL without password, or profile name
    QString text;
    QString filePath; // the .sql file the tab was opened from or saved to, if any
    int cursor = 0;
    bool modified = false;
    int order = 0; // the tab's position; recover() returns tabs sorted by it
};

// Crash-safe editor tabs: changed tabs are written, each to its own JSON file replaced
// atomically (QSaveFile), at most interval() after the change or on flush(). A session marker
// file exists from beginSession() to endSession(); finding it at start-up means the previous
// session crashed, and recover() gives back its tabs. One journal directory per running
// instance; used from the GUI thread.
class STRATA_CORE_EXPORT TabJournal : public QObject
{
    Q_OBJECT
public:
    // AppLocalDataLocation + "/journal".
    explicit TabJournal(QObject *parent = nullptr);
    explicit TabJournal(const QString &directory, QObject *parent = nullptr);
    ~TabJournal() override;

    static QString defaultDirectory();
    QString directory() const { return m_directory; }

    int interval() const;
    void setInterval(int milliseconds);

    // Call recover() first: beginSession() discards whatever an earlier session left.
    Result<void> beginSession();
    // Clean shutdown: removes the tab files and the marker.
    Result<void> endSession();

    void update(const JournalTab &tab);
    void remove(const QString &id);
    // Sets each tab's order to its index in `ids`.
    void setTabOrder(const QStringList &ids);
    bool hasPendingChanges() const { return !m_dirty.isEmpty(); }

    // Writes the changed tabs now. Tabs that could not be written stay pending.
    Result<void> flush();

    // Writes these tabs (each file replaced atomically) and removes the files of those ids,
    // without touching any journal object: callable from a worker thread, one call at a time
    // per directory.
    static Result<void> write(const QString &directory, const QList<JournalTab> &tabs,
                              const QStringList &removedIds);

    static bool previousSessionCrashed(const QString &directory);
    // The tabs of a session that did not end cleanly, in tab order; empty otherwise.
    // Files that are not complete journal entries (leftovers of an interrupted write) are skipped.
    static Result<QList<JournalTab>> recover(const QString &directory);

Q_SIGNALS:
    void flushed();
    void flushFailed(const Strata::Error &error);

private:
    void markDirty(const QString &id);
    void flushFromTimer();

    QString m_directory;
    QHash<QString, JournalTab> m_tabs;
    QSet<QString> m_dirty;
    QTimer m_timer;
};

} // namespace Strata
