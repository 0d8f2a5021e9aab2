// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "sql/result.h"
#include "workspace/tabjournal.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

class QLockFile;

namespace Strata {

class QueryTab;

// Journals the query tabs through TabJournal: a change marks its tab dirty, and about a second
// after the first change the dirty tabs (and only those) are copied out of their editors and
// written. Nothing recovered from the journal is ever run. Each running Strata holds its own
// folder (base, base-1, base-2, ...) with a lock file, so a second instance never takes over
// the journal of one that is still running.
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
    QString directory() const;
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }

    // Starts this session's journal in the claimed folder.
    Result<void> begin();
    // A clean exit: nothing is left to recover.
    Result<void> end();
    bool isActive() const { return m_active; }

    void watch(QueryTab *tab);
    void forget(QueryTab *tab);
    void markDirty(QueryTab *tab);
    void setOrder(const QList<QueryTab *> &tabs);
    // Writes the dirty tabs now.
    Result<void> flush();

Q_SIGNALS:
    void flushFailed(const QString &message);

private:
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<TabJournal> m_journal;
    QStringList m_adopted;  // crashed folders whose tabs this session took over
    std::function<QString(QueryTab *)> m_keyOf;
    QSet<QueryTab *> m_dirty;
    QList<QPointer<QueryTab>> m_order;
    QTimer m_timer;
    bool m_active = false;
    bool m_orderDirty = false;
};

} // namespace Strata
