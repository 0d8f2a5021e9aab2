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

namespace Strata {

class QueryTab;

// Journals the query tabs through TabJournal: a change marks its tab dirty, and about a second
// after the first change the dirty tabs (and only those) are copied out of their editors and
// written. Nothing recovered from the journal is ever run.
class STRATA_UI_EXPORT QueryTabJournal : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultDelay = 1000;

    // keyOf gives a tab's connection key ("profile:NAME", "demo" or "connection:TITLE").
    QueryTabJournal(const QString &directory, std::function<QString(QueryTab *)> keyOf,
                    QObject *parent = nullptr);
    ~QueryTabJournal() override;

    QString directory() const { return m_journal.directory(); }
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }

    // Starts this session's journal (discarding what an earlier session left: recover first).
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
    TabJournal m_journal;
    std::function<QString(QueryTab *)> m_keyOf;
    QSet<QueryTab *> m_dirty;
    QList<QPointer<QueryTab>> m_order;
    QTimer m_timer;
    bool m_active = false;
    bool m_orderDirty = false;
};

} // namespace Strata
