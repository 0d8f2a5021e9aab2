// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "connection/connectionprofile.h"
#include "shell/ifeature.h"

#include <QObject>
#include <QPointer>
#include <QDockWidget>
#include <QListView>
#include <QSet>

class QAction;

namespace Strata {

class ConnectionsModel;
class CredentialStore;
class ProfileStore;

// The connections dock (saved profiles and open connections) and the actions around it:
// new, connect, disconnect, edit, delete. Passwords go only to the keychain; when none
// answers the user is told once and asked for the password at each connect.
class STRATA_UI_EXPORT ConnectionsFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    ConnectionsFeature();
    // For tests: stores of their own (an INI file, a test keychain service). Not owned.
    ConnectionsFeature(ProfileStore *profiles, CredentialStore *credentials);
    ~ConnectionsFeature() override;

    void install(MainWindow &window) override;

    ConnectionsModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    ProfileStore *profiles() const { return m_profiles; }

    void newConnection();
    void connectProfile(const QString &name);
    void disconnectCurrent();
    void editCurrent();
    void deleteCurrent();

private:
    void openWithPassword(const ConnectionProfile &profile, const QString &password);
    void promptAndOpen(const ConnectionProfile &profile);
    void saveProfile(const ConnectionProfile &original, const ConnectionProfile &profile,
                     const QString &password);
    void updateActions();
    QModelIndex current() const;

    MainWindow *m_window = nullptr;
    ProfileStore *m_profiles;
    CredentialStore *m_credentials;
    bool m_ownsStores;
    ConnectionsModel *m_model = nullptr;
    QPointer<QDockWidget> m_dock;
    QPointer<QListView> m_view;
    QAction *m_new = nullptr;
    QAction *m_connect = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_delete = nullptr;
    QSet<QString> m_interactive;  // connections the user started: failures get a dialog
};

} // namespace Strata
