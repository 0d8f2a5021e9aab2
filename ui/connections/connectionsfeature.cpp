// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionsfeature.h"

#include "connectiondialog.h"
#include "connectionmanager.h"
#include "connectionsmodel.h"

#include "connection/credentialstore.h"
#include "connection/enginesession.h"
#include "connection/profilestore.h"
#include "connection/connectionurl.h"
#include "shell/icons.h"
#include "shell/mainwindow.h"
#include "shell/messages.h"

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QListView>
#include <QMenu>
#include <QToolBar>
#include <QVBoxLayout>

namespace Strata {

namespace {
const auto SqliteId = QLatin1String("sqlite");
}

ConnectionsFeature::ConnectionsFeature()
    : m_profiles(new ProfileStore)
    , m_credentials(new CredentialStore)
    , m_ownsStores(true)
{
}

ConnectionsFeature::ConnectionsFeature(ProfileStore *profiles, CredentialStore *credentials)
    : m_profiles(profiles)
    , m_credentials(credentials)
    , m_ownsStores(false)
{
}

ConnectionsFeature::~ConnectionsFeature()
{
    delete m_model;
    if (m_ownsStores) {
        delete m_profiles;
        delete m_credentials;
    }
}

void ConnectionsFeature::install(MainWindow &window)
{
    m_window = &window;
    ConnectionManager *manager = window.connections();
    m_model = new ConnectionsModel(m_profiles, manager);

    m_dock = new QDockWidget(tr("Connections"), &window);
    m_dock->setObjectName(QStringLiteral("ConnectionsDock"));
    auto *content = new QWidget(m_dock);
    auto *toolbar = new QToolBar(content);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_view = new QListView(content);
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view, 1);
    m_dock->setWidget(content);
    window.addDock(m_dock, Qt::LeftDockWidgetArea);

    m_new = new QAction(Icons::icon(Icons::Connection), tr("&New connection…"), this);
    m_new->setShortcut(QKeySequence::New);
    m_connect = new QAction(tr("&Connect"), this);
    m_disconnect = new QAction(tr("&Disconnect"), this);
    m_edit = new QAction(tr("&Edit…"), this);
    m_delete = new QAction(tr("De&lete"), this);
    connect(m_new, &QAction::triggered, this, &ConnectionsFeature::newConnection);
    connect(m_connect, &QAction::triggered, this, [this] {
        connectProfile(current().data(ConnectionsModel::ProfileNameRole).toString());
    });
    connect(m_disconnect, &QAction::triggered, this, &ConnectionsFeature::disconnectCurrent);
    connect(m_edit, &QAction::triggered, this, &ConnectionsFeature::editCurrent);
    connect(m_delete, &QAction::triggered, this, &ConnectionsFeature::deleteCurrent);
    QMenu *menu = window.menu(MainWindow::Menu::Connection);
    for (QAction *action : {m_new, m_connect, m_disconnect, m_edit, m_delete}) {
        menu->addAction(action);
        m_view->addAction(action);
    }
    toolbar->addAction(m_new);
    toolbar->addAction(m_connect);
    toolbar->addAction(m_disconnect);

    connect(m_view, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString profile = index.data(ConnectionsModel::ProfileNameRole).toString();
        if (!profile.isEmpty() && index.data(ConnectionsModel::ConnectionIdRole).isNull())
            connectProfile(profile);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                const QString id = index.data(ConnectionsModel::ConnectionIdRole).toString();
                if (!id.isEmpty())
                    m_window->setCurrentConnection(id);
                updateActions();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConnectionsFeature::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ConnectionsFeature::updateActions);
    connect(manager, &ConnectionManager::connectionFailed, this,
            [this](const QString &id, const QString &message) {
                if (!m_interactive.contains(id))
                    return;
                Messages::error(m_window, tr("Connection failed"),
                                tr("Could not connect to %1:\n\n%2")
                                    .arg(m_window->connections()->title(id), message));
            });
    connect(manager, &ConnectionManager::connectionClosed, this,
            [this](const QString &id) { m_interactive.remove(id); });
    connect(m_credentials, &CredentialStore::unavailable, this, [this](const QString &message) {
        Messages::notice(m_window, tr("No keychain"),
                         tr("%1\n\nPasswords will not be saved: Strata will ask for them at each "
                            "connection and never writes them to disk.")
                             .arg(message));
    });
    updateActions();
}

QModelIndex ConnectionsFeature::current() const
{
    return m_view ? m_view->currentIndex() : QModelIndex();
}

void ConnectionsFeature::updateActions()
{
    const QModelIndex index = current();
    const bool hasProfile = !index.data(ConnectionsModel::ProfileNameRole).toString().isEmpty();
    const bool open = !index.data(ConnectionsModel::ConnectionIdRole).toString().isEmpty();
    m_connect->setEnabled(hasProfile && !open);
    m_disconnect->setEnabled(open);
    m_edit->setEnabled(index.isValid());
    m_delete->setEnabled(hasProfile);
}

void ConnectionsFeature::newConnection()
{
    ConnectionManager *manager = m_window->connections();
    ConnectionDialog dialog(manager->plugins(), m_window);
    dialog.setWindowTitle(tr("New connection"));
    dialog.setTester(manager);
    dialog.setKeychainAvailable(m_credentials->available(), m_credentials->unavailableReason());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConnectionProfile profile = dialog.profile();
    if (dialog.action() == ConnectionDialog::Action::Save) {
        saveProfile({}, profile, dialog.password());
        return;
    }
    const QString title = profile.name().isEmpty() ? ConnectionUrl::toString(profile.settings())
                                                   : profile.name();
    m_interactive.insert(manager->open(title, dialog.settings()));
}

void ConnectionsFeature::connectProfile(const QString &name)
{
    if (name.isEmpty())
        return;
    ConnectionManager *manager = m_window->connections();
    const QString openId = manager->idForProfile(name);
    if (!openId.isEmpty()) {
        if (manager->state(openId) != ConnectionManager::State::Failed)
            return;
        manager->close(openId);
    }
    const Result<ConnectionProfile> profile = m_profiles->profile(name);
    if (!profile) {
        Messages::error(m_window, tr("Connect"), profile.error().toString());
        return;
    }
    if (profile->settings().engine == SqliteId) {
        openWithPassword(profile.value(), QString());
        return;
    }
    if (profile->savePassword() && m_credentials->available()) {
        const ConnectionProfile p = profile.value();
        m_credentials->readPassword(name, this, [this, p](const Result<QString> &password) {
            if (password)
                openWithPassword(p, password.value());
            else
                promptAndOpen(p);
        });
        return;
    }
    promptAndOpen(profile.value());
}

void ConnectionsFeature::promptAndOpen(const ConnectionProfile &profile)
{
    const ConnectionSettings &s = profile.settings();
    const QString who = s.user.isEmpty() ? s.host : QStringLiteral("%1@%2").arg(s.user, s.host);
    bool ok = false;
    // The label guesses its format: pass the profile name escaped inside rich text.
    const QString password = QInputDialog::getText(
        m_window, tr("Password"),
        Messages::literalRichText(tr("Password for %1 (%2):").arg(profile.name(), who)),
        QLineEdit::Password, QString(), &ok);
    if (ok)
        openWithPassword(profile, password);
}

void ConnectionsFeature::openWithPassword(const ConnectionProfile &profile, const QString &password)
{
    ConnectionSettings settings = profile.settings();
    settings.password = password;
    m_interactive.insert(m_window->connections()->open(profile.name(), settings, profile.name()));
}

void ConnectionsFeature::saveProfile(const ConnectionProfile &original,
                                     const ConnectionProfile &profile, const QString &password)
{
    const QString name = profile.name();
    if (!original.name().isEmpty() && original.name() != name) {
        if (Result<void> renamed = m_profiles->rename(original.name(), name); !renamed) {
            Messages::error(m_window, tr("Save connection"), renamed.error().toString());
            return;
        }
        if (original.savePassword())
            m_credentials->renamePassword(original.name(), name, this, [](const Result<void> &) {});
    }
    if (Result<void> saved = m_profiles->save(profile); !saved) {
        Messages::error(m_window, tr("Save connection"), saved.error().toString());
        return;
    }
    if (profile.savePassword() && !password.isEmpty()) {
        m_credentials->writePassword(name, password, this, [this](const Result<void> &written) {
            // When no keychain answers, the one-time notice already said so.
            if (!written && m_credentials->available())
                Messages::error(m_window, tr("Save password"), written.error().toString());
        });
    } else if (!profile.savePassword() && original.savePassword()) {
        m_credentials->removePassword(name, this, [](const Result<void> &) {});
    }
}

void ConnectionsFeature::disconnectCurrent()
{
    const QString id = current().data(ConnectionsModel::ConnectionIdRole).toString();
    if (!id.isEmpty())
        m_window->connections()->close(id);
}

void ConnectionsFeature::editCurrent()
{
    const QModelIndex index = current();
    if (!index.isValid())
        return;
    ConnectionManager *manager = m_window->connections();
    const QString name = index.data(ConnectionsModel::ProfileNameRole).toString();
    const QString id = index.data(ConnectionsModel::ConnectionIdRole).toString();
    ConnectionProfile original;
    ConnectionDialog dialog(manager->plugins(), m_window);
    dialog.setWindowTitle(tr("Edit connection"));
    dialog.setTester(manager);
    dialog.setKeychainAvailable(m_credentials->available(), m_credentials->unavailableReason());
    if (!name.isEmpty()) {
        const Result<ConnectionProfile> profile = m_profiles->profile(name);
        if (!profile) {
            Messages::error(m_window, tr("Edit connection"), profile.error().toString());
            return;
        }
        original = profile.value();
        dialog.setProfile(original);
    } else if (EngineSession *session = manager->session(id)) {
        dialog.setSettings(session->settings());
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.action() == ConnectionDialog::Action::Save) {
        saveProfile(original, dialog.profile(), dialog.password());
        return;
    }
    const ConnectionProfile edited = dialog.profile();
    const QString title = edited.name().isEmpty() ? ConnectionUrl::toString(edited.settings())
                                                  : edited.name();
    m_interactive.insert(manager->open(title, dialog.settings(), name));
}

void ConnectionsFeature::deleteCurrent()
{
    const QString name = current().data(ConnectionsModel::ProfileNameRole).toString();
    if (name.isEmpty())
        return;
    if (!Messages::confirm(m_window, tr("Delete connection"),
                           tr("Delete the saved connection \"%1\"?").arg(name), tr("Delete"))) {
        return;
    }
    const Result<ConnectionProfile> profile = m_profiles->profile(name);
    if (Result<void> removed = m_profiles->remove(name); !removed) {
        Messages::error(m_window, tr("Delete connection"), removed.error().toString());
        return;
    }
    if (profile && profile->savePassword())
        m_credentials->removePassword(name, this, [](const Result<void> &) {});
}

} // namespace Strata
