// SPDX-License-Identifier: GPL-3.0-or-later
#include "queryfeature.h"

#include "querytab.h"
#include "querytabjournal.h"
#include "sqlfile.h"

#include "connections/connectionmanager.h"
#include "connections/connectionsfeature.h"
#include "connections/demofeature.h"
#include "editor/sqleditor.h"
#include "shell/mainwindow.h"
#include "shell/messages.h"

#include "connection/profilestore.h"
#include "workspace/tabjournal.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>

namespace Strata {

namespace {
const auto ProfilePrefix = QLatin1String("profile:");
const auto ConnectionPrefix = QLatin1String("connection:");
const auto DemoKey = QLatin1String("demo");
const auto SqliteId = QLatin1String("sqlite");
} // namespace

QueryFeature::QueryFeature() = default;

QueryFeature::~QueryFeature()
{
    // Whatever was typed since the last write stays recoverable; the marker stays unless the
    // window was closed cleanly.
    if (m_journal && m_journal->isActive())
        (void)m_journal->flush();
}

void QueryFeature::install(MainWindow &window)
{
    m_window = &window;
    m_newTab = new QAction(tr("New &query tab"), this);
    m_newTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_newTab->setToolTip(tr("Open an empty query tab on the current connection (Ctrl+T)"));
    connect(m_newTab, &QAction::triggered, this,
            [this] { newQueryTab(m_window->currentConnection()); });

    m_open = new QAction(tr("&Open SQL file…"), this);
    m_open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_open->setToolTip(tr("Open a .sql file in a new query tab on the current connection "
                          "(Ctrl+O)"));
    connect(m_open, &QAction::triggered, this, [this] {
        const QString path = m_chooser(false, QString());
        if (!path.isEmpty())
            openFile(path, m_window->currentConnection());
    });
    m_save = new QAction(tr("&Save"), this);
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    m_save->setToolTip(tr("Save the current query tab to its .sql file (Ctrl+S)"));
    connect(m_save, &QAction::triggered, this, [this] {
        if (QueryTab *tab = currentTab())
            save(tab);
    });
    m_saveAs = new QAction(tr("Save &As…"), this);
    m_saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_saveAs->setToolTip(tr("Save the current query tab to a new .sql file (Ctrl+Shift+S)"));
    connect(m_saveAs, &QAction::triggered, this, [this] {
        if (QueryTab *tab = currentTab())
            saveAs(tab);
    });
    m_closeTab = new QAction(tr("&Close tab"), this);
    m_closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    m_closeTab->setToolTip(tr("Close the current query tab; unsaved text asks first (Ctrl+W)"));
    connect(m_closeTab, &QAction::triggered, this, [this] {
        QTabWidget *workspace = m_window->workspace();
        if (QueryTab *tab = currentTab())
            Q_EMIT workspace->tabCloseRequested(workspace->indexOf(tab));
    });

    QMenu *file = window.menu(MainWindow::Menu::File);
    const QList<QAction *> actions = file->actions();
    const QList<QAction *> ours{m_newTab, m_open, m_save, m_saveAs, m_closeTab};
    if (actions.isEmpty()) {
        file->addActions(ours);
    } else {
        file->insertActions(actions.constFirst(), ours);
        file->insertSeparator(actions.constFirst());
    }
    if (auto *connections = window.feature<ConnectionsFeature>()) {
        if (QListView *view = connections->view())
            view->addAction(m_newTab);
    }

    m_asker = [this](const QString &question, const QStringList &tabs) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved query text"), question,
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(tabs.join(QLatin1Char('\n')));
        box.setDefaultButton(QMessageBox::Save);
        switch (box.exec()) {
        case QMessageBox::Save:
            return CloseChoice::Save;
        case QMessageBox::Discard:
            return CloseChoice::Discard;
        default:
            return CloseChoice::Cancel;
        }
    };
    m_chooser = [this](bool saving, const QString &suggestion) {
        const QString filter = tr("SQL files (*.sql);;All files (*)");
        return saving ? QFileDialog::getSaveFileName(m_window, tr("Save SQL file"), suggestion,
                                                     filter)
                      : QFileDialog::getOpenFileName(m_window, tr("Open SQL file"), suggestion,
                                                     filter);
    };
    m_reportError = [this](const QString &message) {
        Messages::error(m_window, tr("Query tabs"), message);
    };

    window.addCloseGuard([this](QWidget *page) {
        auto *tab = qobject_cast<QueryTab *>(page);
        return !tab || confirmClose(tab);
    });
    window.installEventFilter(this);
    connect(window.workspace()->tabBar(), &QTabBar::tabMoved, this, [this] {
        if (m_journal)
            m_journal->setOrder(tabs());
    });

    ConnectionManager *manager = window.connections();
    connect(&window, &MainWindow::currentConnectionChanged, this, &QueryFeature::updateActions);
    connect(window.workspace(), &QTabWidget::currentChanged, this, &QueryFeature::updateActions);
    connect(manager, &ConnectionManager::connectionStateChanged, this,
            [this](const QString &id) {
                updateActions();
                if (m_window->connections()->state(id) == ConnectionManager::State::Ready)
                    bindWaitingTabs(id);
            });
    connect(manager, &ConnectionManager::connectionFailed, this,
            [this](const QString &id, const QString &message) {
                connectionGone(id, tr("Disconnected: %1").arg(message));
            });
    connect(manager, &ConnectionManager::connectionClosed, this, [this](const QString &id) {
        updateActions();
        connectionGone(id, tr("Disconnected: the connection was closed."));
    });
    // The demo feature is installed after this one.
    QTimer::singleShot(0, this, [this] {
        if (auto *demo = m_window->feature<DemoFeature>()) {
            connect(demo, &DemoFeature::demoOpened, this,
                    [this](const QString &id) { m_demoIds.insert(id); });
        }
    });
    updateActions();
}

QString QueryFeature::connectionKey(const QString &connectionId) const
{
    ConnectionManager *manager = m_window->connections();
    const QString profile = manager->profileName(connectionId);
    if (!profile.isEmpty())
        return ProfilePrefix + profile;
    if (m_demoIds.contains(connectionId))
        return DemoKey;
    return ConnectionPrefix + manager->title(connectionId);
}

QString QueryFeature::keyTitle(const QString &key) const
{
    if (key == DemoKey)
        return tr("Demo database");
    if (key.startsWith(ProfilePrefix))
        return key.mid(ProfilePrefix.size());
    if (key.startsWith(ConnectionPrefix))
        return key.mid(ConnectionPrefix.size());
    return tr("no connection");
}

QueryTab *QueryFeature::newQueryTab(const QString &connectionId)
{
    ConnectionManager *manager = m_window->connections();
    if (connectionId.isEmpty() || !manager->contains(connectionId))
        return nullptr;
    QueryTab *tab = createTab(connectionId, connectionKey(connectionId));
    // Always the editor (the first tab of a connection included), never the row limit box.
    tab->editor()->setFocus();
    return tab;
}

QueryTab *QueryFeature::createTab(const QString &connectionId, const QString &key)
{
    ConnectionManager *manager = m_window->connections();
    const bool open = !connectionId.isEmpty() && manager->contains(connectionId);
    const int number = ++m_counters[key];
    auto *tab = new QueryTab(manager, open ? connectionId : QString(), number);
    if (!open)
        tab->unbindConnection(keyTitle(key), QString());
    registerTab(tab, key);
    return tab;
}

void QueryFeature::registerTab(QueryTab *tab, const QString &key)
{
    m_tabs << tab;
    m_keys.insert(tab, key);
    const int index = m_window->addWorkspaceTab(tab, tab->displayTitle(), true);
    m_window->workspace()->setCurrentIndex(index);
    connect(tab, &QueryTab::displayTitleChanged, this, [this, tab](const QString &title) {
        QTabWidget *workspace = m_window->workspace();
        const int at = workspace->indexOf(tab);
        if (at < 0)
            return;
        workspace->setTabText(at, title);
        workspace->setTabToolTip(
            at, tab->filePath().isEmpty() ? title : QDir::toNativeSeparators(tab->filePath()));
    });
    connect(tab, &QueryTab::runFinished, this, [this, tab] { Q_EMIT runFinished(tab); });
    connect(tab, &QueryTab::statementRecorded, this,
            [this, tab] { Q_EMIT statementRecorded(tab); });
    connect(tab, &QObject::destroyed, this, [this, tab] { m_keys.remove(tab); });
    if (m_journal)
        m_journal->watch(tab);
    Q_EMIT tabAdded(tab);
}

QList<QueryTab *> QueryFeature::tabs() const
{
    QList<QueryTab *> open;
    for (const QPointer<QueryTab> &tab : m_tabs) {
        if (tab)
            open << tab.data();
    }
    // In the order the user sees them.
    QTabWidget *workspace = m_window->workspace();
    std::sort(open.begin(), open.end(), [workspace](QueryTab *a, QueryTab *b) {
        return workspace->indexOf(a) < workspace->indexOf(b);
    });
    return open;
}

QueryTab *QueryFeature::currentTab() const
{
    return qobject_cast<QueryTab *>(m_window->workspace()->currentWidget());
}

void QueryFeature::updateActions()
{
    const QString id = m_window->currentConnection();
    m_newTab->setEnabled(!id.isEmpty() && m_window->connections()->contains(id));
    const bool onTab = currentTab() != nullptr;
    m_save->setEnabled(onTab);
    m_saveAs->setEnabled(onTab);
    m_closeTab->setEnabled(onTab);
}

void QueryFeature::reportError(const QString &message)
{
    if (m_reportError)
        m_reportError(message);
}

QueryTab *QueryFeature::openFile(const QString &path, const QString &connectionId)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (QueryTab *tab : tabs()) {
        if (!tab->filePath().isEmpty() && QFileInfo(tab->filePath()) == QFileInfo(absolute)) {
            m_window->workspace()->setCurrentWidget(tab);
            return tab;
        }
    }
    const Result<QString> text = SqlFile::read(absolute);
    if (!text) {
        reportError(text.error().toString());
        return nullptr;
    }
    const bool open = !connectionId.isEmpty() && m_window->connections()->contains(connectionId);
    QueryTab *tab = createTab(connectionId, open ? connectionKey(connectionId) : QString());
    tab->editor()->setText(text.value());
    tab->setFilePath(absolute);
    tab->editor()->setFocus();
    return tab;
}

QueryTab *QueryFeature::openText(const QString &text, const QString &connectionId)
{
    const bool open = !connectionId.isEmpty() && m_window->connections()->contains(connectionId);
    QueryTab *tab = createTab(connectionId, open ? connectionKey(connectionId) : QString());
    tab->editor()->setText(text);
    return tab;
}

bool QueryFeature::save(QueryTab *tab)
{
    if (tab->filePath().isEmpty())
        return saveAs(tab);
    if (Result<void> written = SqlFile::write(tab->filePath(), tab->editor()->text()); !written) {
        reportError(written.error().toString());
        return false;
    }
    tab->setFilePath(tab->filePath());
    return true;
}

bool QueryFeature::saveAs(QueryTab *tab)
{
    const QString suggestion = tab->filePath().isEmpty()
        ? QDir::home().filePath(tab->displayTitle().section(QStringLiteral(" — "), 0, 0)
                                + QStringLiteral(".sql"))
        : tab->filePath();
    QString path = m_chooser(true, suggestion);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".sql");
    path = QFileInfo(path).absoluteFilePath();
    if (Result<void> written = SqlFile::write(path, tab->editor()->text()); !written) {
        reportError(written.error().toString());
        return false;
    }
    tab->setFilePath(path);
    return true;
}

bool QueryFeature::confirmClose(QueryTab *tab)
{
    // Pending result edits first: they are not in the journal.
    if (!tab->confirmDiscardEdits())
        return false;
    if (tab->isModified()) {
        switch (m_asker(tr("Save the changes to this query tab before closing it?"),
                        {tab->displayTitle()})) {
        case CloseChoice::Cancel:
            return false;
        case CloseChoice::Save:
            if (!save(tab))
                return false;
            break;
        case CloseChoice::Discard:
            break;
        }
    }
    if (m_journal)
        m_journal->forget(tab);
    m_tabs.removeAll(QPointer<QueryTab>(tab));
    return true;
}

bool QueryFeature::confirmQuit()
{
    QList<QueryTab *> unsaved;
    QStringList titles;
    for (QueryTab *tab : tabs()) {
        if (!tab->confirmDiscardEdits())
            return false;
        if (tab->isModified()) {
            unsaved << tab;
            titles << tab->displayTitle();
        }
    }
    if (!unsaved.isEmpty()) {
        const CloseChoice choice =
            m_asker(unsaved.size() == 1
                        ? tr("1 query tab has unsaved text. Save it before quitting?")
                        : tr("%1 query tabs have unsaved text. Save them before quitting?")
                              .arg(unsaved.size()),
                    titles);
        if (choice == CloseChoice::Cancel)
            return false;
        if (choice == CloseChoice::Save) {
            for (QueryTab *tab : std::as_const(unsaved)) {
                m_window->workspace()->setCurrentWidget(tab);
                if (!save(tab))
                    return false;
            }
        }
    }
    if (m_journal && m_journal->isActive()) {
        if (Result<void> ended = m_journal->end(); !ended)
            reportError(ended.error().toString());
    }
    return true;
}

bool QueryFeature::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Close && !confirmQuit()) {
        event->ignore();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void QueryFeature::bindWaitingTabs(const QString &connectionId)
{
    const QString key = connectionKey(connectionId);
    for (QueryTab *tab : tabs()) {
        const QString wanted = m_keys.value(tab);
        if (tab->isBound() || (!wanted.isEmpty() && wanted != key))
            continue;
        m_keys.insert(tab, key);
        tab->bindConnection(connectionId);
        tab->log(tr("Connected to %1: Run is available.").arg(tab->connectionTitle()));
        if (m_journal)
            m_journal->markDirty(tab);
    }
}

void QueryFeature::connectionGone(const QString &connectionId, const QString &notice)
{
    for (QueryTab *tab : tabs()) {
        if (tab->connectionId() != connectionId)
            continue;
        tab->unbindConnection(tab->connectionTitle(),
                              notice + QLatin1Char(' ')
                                  + tr("The text stays; Run comes back when %1 is connected "
                                       "again.")
                                        .arg(tab->connectionTitle()));
    }
}

int QueryFeature::startSession(const QString &directory)
{
    const QString dir = directory.isEmpty() ? TabJournal::defaultDirectory() : directory;
    m_journal = std::make_unique<QueryTabJournal>(
        [this](QueryTab *tab) { return m_keys.value(tab); });
    const Result<QList<JournalTab>> recovered = m_journal->claim(dir);
    connect(m_journal.get(), &QueryTabJournal::flushFailed, this, [this](const QString &message) {
        m_window->statusBar()->showMessage(tr("Unsaved query text is not being journaled: %1")
                                               .arg(message));
    });
    const QList<QueryTab *> before = tabs();
    int count = 0;
    if (!recovered) {
        reportError(recovered.error().toString());
    } else {
        for (const JournalTab &entry : recovered.value()) {
            QueryTab *tab = createTab(QString(), entry.connectionKey);
            tab->setTabId(entry.id);
            tab->editor()->setText(entry.text);
            if (!entry.filePath.isEmpty())
                tab->setFilePath(entry.filePath, !entry.modified);
            tab->editor()->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, long(entry.cursor));
            tab->log(tr("Recovered after Strata ended unexpectedly. Nothing was run."));
            ++count;
        }
    }
    // Tabs opened before the session started (from the command line) are journaled too.
    for (QueryTab *tab : before)
        m_journal->watch(tab);
    if (recovered) {
        if (Result<void> begun = m_journal->begin(); !begun)
            reportError(begun.error().toString());
    }
    if (count > 0) {
        m_window->statusBar()->showMessage(
            count == 1 ? tr("Recovered 1 query tab from a session that did not end cleanly. "
                            "Nothing was run.")
                       : tr("Recovered %1 query tabs from a session that did not end cleanly. "
                            "Nothing was run.")
                             .arg(count));
        // After the demo feature's own start-up check.
        QTimer::singleShot(0, this, &QueryFeature::openWaitingConnections);
    }
    return count;
}

void QueryFeature::openWaitingConnections()
{
    ConnectionManager *manager = m_window->connections();
    QSet<QString> keys;
    for (QueryTab *tab : tabs()) {
        if (!tab->isBound() && !m_keys.value(tab).isEmpty())
            keys.insert(m_keys.value(tab));
    }
    for (const QString &id : manager->connectionIds()) {
        if (manager->state(id) == ConnectionManager::State::Ready)
            bindWaitingTabs(id);
        keys.remove(connectionKey(id));  // open or on its way
    }
    auto tell = [this](const QString &key, const QString &line) {
        for (QueryTab *tab : tabs()) {
            if (!tab->isBound() && m_keys.value(tab) == key)
                tab->log(line);
        }
    };
    auto *connections = m_window->feature<ConnectionsFeature>();
    for (const QString &key : std::as_const(keys)) {
        if (key == DemoKey) {
            if (auto *demo = m_window->feature<DemoFeature>())
                demo->openDemo();
        } else if (key.startsWith(ProfilePrefix) && connections) {
            const QString name = key.mid(ProfilePrefix.size());
            const Result<ConnectionProfile> profile = connections->profiles()->profile(name);
            if (!profile) {
                tell(key, tr("The connection profile %1 no longer exists; the text stays "
                             "here, unbound.")
                              .arg(name));
            } else if (profile->settings().engine == SqliteId || profile->savePassword()) {
                // Connecting needs no question: do it; the tabs bind when it is ready.
                connections->connectProfile(name);
            } else {
                tell(key, tr("Connect %1 in the Connections dock to run this tab.").arg(name));
            }
        } else {
            tell(key, tr("Open %1 again to run this tab.").arg(keyTitle(key)));
        }
    }
}

} // namespace Strata
