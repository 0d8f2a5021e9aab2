// SPDX-License-Identifier: GPL-3.0-or-later
#include "querytabjournal.h"

#include "querytab.h"

#include "editor/sqleditor.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace Strata {

QueryTabJournal::QueryTabJournal(std::function<QString(QueryTab *)> keyOf, QObject *parent)
    : QObject(parent)
    , m_keyOf(std::move(keyOf))
{
    // Not restarted by later changes: a tab typed in without pause is still written each second.
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultDelay);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!flush())
            m_timer.start();
    });
}

QueryTabJournal::~QueryTabJournal()
{
    if (m_active)
        (void)flush();
}

QString QueryTabJournal::directory() const
{
    return m_journal ? m_journal->directory() : QString();
}

Result<QList<JournalTab>> QueryTabJournal::claim(const QString &base)
{
    QList<JournalTab> recovered;
    QString mine;
    QDir().mkpath(QFileInfo(base).absolutePath());
    for (int n = 0; n < MaxInstances; ++n) {
        const QString directory = n == 0 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        // A lock left by a process that no longer runs is stale and taken over.
        auto lock = std::make_unique<QLockFile>(directory + QStringLiteral(".lock"));
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0))
            continue;  // a running instance's journal: not ours to touch
        const Result<QList<JournalTab>> tabs = TabJournal::recover(directory);
        if (!tabs)
            return tabs.error();
        recovered += tabs.value();
        if (mine.isEmpty()) {
            mine = directory;
            m_lock = std::move(lock);
        } else if (TabJournal::previousSessionCrashed(directory)) {
            // Emptied by begin(), once its tabs are written into this session's journal.
            m_adopted << directory;
        }
    }
    if (mine.isEmpty()) {
        return Error(Error::Code::Io,
                     tr("Every tab journal folder is in use by another Strata: query tabs are "
                        "not journaled in this window."));
    }
    m_journal = std::make_unique<TabJournal>(mine);
    connect(m_journal.get(), &TabJournal::flushFailed, this,
            [this](const Error &error) { Q_EMIT flushFailed(error.toString()); });
    return recovered;
}

Result<void> QueryTabJournal::begin()
{
    if (!m_journal)
        return Error(Error::Code::Io, tr("The tab journal has no folder."));
    if (Result<void> begun = m_journal->beginSession(); !begun)
        return begun;
    m_active = true;
    if (Result<void> flushed = flush(); !flushed)
        return flushed;
    for (const QString &directory : std::as_const(m_adopted)) {
        if (Result<void> ended = TabJournal(directory).endSession(); !ended)
            return ended;
    }
    m_adopted.clear();
    return {};
}

Result<void> QueryTabJournal::end()
{
    m_timer.stop();
    m_dirty.clear();
    m_active = false;
    return m_journal ? m_journal->endSession() : Result<void>();
}

void QueryTabJournal::watch(QueryTab *tab)
{
    m_order << tab;
    m_orderDirty = true;
    // Only marks: the text is copied out of the editor when the timer fires.
    connect(tab->editor(), &QsciScintilla::textChanged, this, [this, tab] { markDirty(tab); });
    connect(tab->editor(), &QsciScintilla::cursorPositionChanged, this,
            [this, tab] { markDirty(tab); });
    connect(tab, &QueryTab::displayTitleChanged, this, [this, tab] { markDirty(tab); });
    connect(tab, &QObject::destroyed, this, [this, tab] { m_dirty.remove(tab); });
    markDirty(tab);
}

void QueryTabJournal::forget(QueryTab *tab)
{
    m_dirty.remove(tab);
    m_order.removeAll(QPointer<QueryTab>(tab));
    disconnect(tab->editor(), nullptr, this, nullptr);
    disconnect(tab, nullptr, this, nullptr);
    if (m_journal)
        m_journal->remove(tab->tabId());
    if (m_active)
        (void)flush();
}

void QueryTabJournal::markDirty(QueryTab *tab)
{
    m_dirty.insert(tab);
    if (m_active && !m_timer.isActive())
        m_timer.start();
}

void QueryTabJournal::setOrder(const QList<QueryTab *> &tabs)
{
    m_order.clear();
    for (QueryTab *tab : tabs)
        m_order << tab;
    m_orderDirty = true;
    if (m_active && !m_timer.isActive())
        m_timer.start();
}

Result<void> QueryTabJournal::flush()
{
    m_timer.stop();
    if (!m_active)
        return {};
    const QSet<QueryTab *> dirty = m_dirty;
    m_dirty.clear();
    for (QueryTab *tab : dirty) {
        JournalTab entry;
        entry.id = tab->tabId();
        entry.title = tab->displayTitle();
        entry.connectionKey = m_keyOf(tab);
        entry.text = tab->editor()->text();
        entry.filePath = tab->filePath();
        entry.cursor = tab->editor()->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS);
        entry.modified = tab->isModified();
        entry.order = int(m_order.indexOf(QPointer<QueryTab>(tab)));
        m_journal->update(entry);
    }
    if (m_orderDirty) {
        QStringList ids;
        for (const QPointer<QueryTab> &tab : std::as_const(m_order)) {
            if (tab)
                ids << tab->tabId();
        }
        m_journal->setTabOrder(ids);
        m_orderDirty = false;
    }
    return m_journal->flush();
}

} // namespace Strata
