// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/result.h"
#include "workspace/tabjournal.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

class QLockFile;

namespace Strata {

class QueryTab;

// Journals the query tabs: a change marks its tab dirty, and about a second after the first
// change the dirty tabs (and only those) are copied out of their editors (a memcpy of the
// editor's buffer) and written on a worker thread, so a big tab never stalls the window.
// Nothing recovered from the journal is ever run. Each running Strata holds its own folder
// (base, base-1, base-2, ...) with a lock file, so a second instance never takes over the
// journal of one that is still running.
class STRATA_UI_EXPORT QueryTabJournal : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultDelay = 1000;
    static constexpr int MaxInstances = 16;

    // keyOf gives a tab's connection key ("profile:NAME", "demo" or "connection:TITLE").
    explicit QueryTabJournal(std::function<QString(QueryTab *)> keyOf, QObject *parent = nullptr);
    ~QueryTabJournal() override;

    // Locks the first folder no running instance holds and returns the tabs of every crashed
    // session found in the folders not held (the other folders are emptied by begin(), after
    // their tabs are written here).
    Result<QList<JournalTab>> claim(const QString &base);
    QString directory() const { return m_directory; }
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }

    // Starts this session's journal in the claimed folder and writes every watched tab.
    Result<void> begin();
    // A clean exit: nothing is left to recover.
    Result<void> end();
    bool isActive() const { return m_active; }

    void watch(QueryTab *tab);
    void forget(QueryTab *tab);
    void markDirty(QueryTab *tab);
    void setOrder(const QList<QueryTab *> &tabs);
    // Writes the dirty tabs and waits for the write.
    Result<void> flush();

Q_SIGNALS:
    void flushFailed(const QString &message);

private:
    // Copies the dirty tabs and hands them to the writer thread; false when nothing changed.
    bool scheduleWrite();

    std::function<QString(QueryTab *)> m_keyOf;
    std::unique_ptr<QLockFile> m_lock;
    QString m_directory;
    QStringList m_adopted;  // crashed folders whose tabs this session took over
    QSet<QueryTab *> m_dirty;
    QStringList m_removed;
    QList<QPointer<QueryTab>> m_order;
    QTimer m_timer;
    QThreadPool m_writer;  // one thread: writes stay in order
    QFuture<Result<void>> m_lastWrite;
    bool m_active = false;
};

} // namespace Strata
