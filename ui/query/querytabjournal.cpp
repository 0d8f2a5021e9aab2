// SPDX-License-Identifier: GPL-3.0-or-later
#include "querytabjournal.h"

#include "querytab.h"

#include "editor/sqleditor.h"

namespace Strata {

QueryTabJournal::QueryTabJournal(const QString &directory,
                                 std::function<QString(QueryTab *)> keyOf, QObject *parent)
    : QObject(parent)
    , m_journal(directory)
    , m_keyOf(std::move(keyOf))
{
    // Not restarted by later changes: a tab typed in without pause is still written each second.
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultDelay);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!flush())
            m_timer.start();
    });
    connect(&m_journal, &TabJournal::flushFailed, this,
            [this](const Error &error) { Q_EMIT flushFailed(error.toString()); });
}

QueryTabJournal::~QueryTabJournal()
{
    if (m_active)
        (void)flush();
}

Result<void> QueryTabJournal::begin()
{
    if (Result<void> begun = m_journal.beginSession(); !begun)
        return begun;
    m_active = true;
    return flush();
}

Result<void> QueryTabJournal::end()
{
    m_timer.stop();
    m_dirty.clear();
    m_active = false;
    return m_journal.endSession();
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
    m_journal.remove(tab->tabId());
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
        m_journal.update(entry);
    }
    if (m_orderDirty) {
        QStringList ids;
        for (const QPointer<QueryTab> &tab : std::as_const(m_order)) {
            if (tab)
                ids << tab->tabId();
        }
        m_journal.setTabOrder(ids);
        m_orderDirty = false;
    }
    return m_journal.flush();
}

} // namespace Strata
