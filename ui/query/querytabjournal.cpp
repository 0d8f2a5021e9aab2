// SPDX-License-Identifier: GPL-3.0-or-later
#include "querytabjournal.h"

#include "querytab.h"

#include "editor/sqleditor.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace Strata {

namespace {

// A tab as copied on the GUI thread: the editor's UTF-8 bytes, decoded on the writer thread.
struct Snapshot
{
    JournalTab tab;
    QByteArray utf8;
};

} // namespace

QueryTabJournal::QueryTabJournal(std::function<QString(QueryTab *)> keyOf, QObject *parent)
    : QObject(parent)
    , m_keyOf(std::move(keyOf))
{
    m_writer.setMaxThreadCount(1);
    // Not restarted by later changes: a tab typed in without pause is still written each second.
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultDelay);
    connect(&m_timer, &QTimer::timeout, this, [this] { scheduleWrite(); });
}

QueryTabJournal::~QueryTabJournal()
{
    if (m_active)
        (void)flush();
    m_writer.waitForDone();
}

Result<QList<JournalTab>> QueryTabJournal::claim(const QString &base)
{
    QList<JournalTab> recovered;
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
        if (m_directory.isEmpty()) {
            m_directory = directory;
            m_lock = std::move(lock);
        } else if (TabJournal::previousSessionCrashed(directory)) {
            m_adopted << directory;
        }
    }
    if (m_directory.isEmpty()) {
        return Error(Error::Code::Io,
                     tr("Every tab journal folder is in use by another Strata: query tabs are "
                        "not journaled in this window."));
    }
    return recovered;
}

Result<void> QueryTabJournal::begin()
{
    if (m_directory.isEmpty())
        return Error(Error::Code::Io, tr("The tab journal has no folder."));
    if (Result<void> begun = TabJournal(m_directory).beginSession(); !begun)
        return begun;
    m_active = true;
    for (const QPointer<QueryTab> &tab : std::as_const(m_order)) {
        if (tab)
            m_dirty.insert(tab);
    }
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
    m_writer.waitForDone();
    m_dirty.clear();
    m_removed.clear();
    m_active = false;
    return m_directory.isEmpty() ? Result<void>() : TabJournal(m_directory).endSession();
}

void QueryTabJournal::watch(QueryTab *tab)
{
    m_order << tab;
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
    m_removed << tab->tabId();
    // The other tabs' positions changed.
    for (const QPointer<QueryTab> &other : std::as_const(m_order)) {
        if (other)
            m_dirty.insert(other);
    }
    if (m_active)
        scheduleWrite();
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
    for (QueryTab *tab : tabs) {
        m_order << tab;
        m_dirty.insert(tab);
    }
    if (m_active && !m_timer.isActive())
        m_timer.start();
}

bool QueryTabJournal::scheduleWrite()
{
    m_timer.stop();
    if (!m_active || (m_dirty.isEmpty() && m_removed.isEmpty()))
        return false;
    QList<Snapshot> snapshots;
    for (QueryTab *tab : std::as_const(m_dirty)) {
        Snapshot snapshot;
        JournalTab &entry = snapshot.tab;
        entry.id = tab->tabId();
        entry.title = tab->displayTitle();
        entry.connectionKey = m_keyOf(tab);
        entry.filePath = tab->filePath();
        entry.cursor = int(tab->editor()->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS));
        entry.modified = tab->isModified();
        entry.order = int(m_order.indexOf(QPointer<QueryTab>(tab)));
        // The editor's own buffer: one copy here, the decoding on the writer thread.
        const auto length = tab->editor()->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
        const auto *bytes = static_cast<const char *>(
            tab->editor()->SendScintillaPtrResult(QsciScintillaBase::SCI_GETCHARACTERPOINTER));
        snapshot.utf8 = QByteArray(bytes, qsizetype(length));
        snapshots << snapshot;
    }
    m_dirty.clear();
    const QStringList removed = std::exchange(m_removed, {});
    const QString directory = m_directory;
    m_lastWrite = QtConcurrent::run(&m_writer, [directory, snapshots, removed] {
        QList<JournalTab> tabs;
        tabs.reserve(snapshots.size());
        for (const Snapshot &snapshot : snapshots) {
            JournalTab tab = snapshot.tab;
            tab.text = QString::fromUtf8(snapshot.utf8);
            tabs << tab;
        }
        return TabJournal::write(directory, tabs, removed);
    });
    // One watcher per write: a failure is never hidden by the write after it.
    auto *watcher = new QFutureWatcher<Result<void>>(this);
    connect(watcher, &QFutureWatcher<Result<void>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<void> result = watcher->result();
        if (result)
            return;
        Q_EMIT flushFailed(result.error().toString());
        // Try every tab again a little later.
        for (const QPointer<QueryTab> &tab : std::as_const(m_order)) {
            if (tab)
                markDirty(tab);
        }
    });
    watcher->setFuture(m_lastWrite);
    return true;
}

Result<void> QueryTabJournal::flush()
{
    if (!m_active)
        return {};
    if (!scheduleWrite())
        return {};
    m_lastWrite.waitForFinished();
    return m_lastWrite.result();
}

} // namespace Strata
