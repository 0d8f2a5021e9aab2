// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QAbstractListModel>

namespace Strata {

class ConnectionManager;
class ProfileStore;

// The connections dock's list: every saved profile (open or not) followed by the open
// connections that have no profile (ad-hoc ones, the demo).
class STRATA_UI_EXPORT ConnectionsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ProfileNameRole = Qt::UserRole + 1,  // empty for ad-hoc connections
        ConnectionIdRole,                    // empty when not open
        StateRole,                           // int(ConnectionManager::State), -1 when not open
        UrlRole,
    };

    ConnectionsModel(ProfileStore *profiles, ConnectionManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexForConnection(const QString &connectionId) const;
    QModelIndex indexForProfile(const QString &profileName) const;

private:
    struct Row
    {
        QString profile;
        QString connection;
    };
    void rebuild();
    void onStateChanged(const QString &connectionId);

    ProfileStore *m_profiles;
    ConnectionManager *m_manager;
    QList<Row> m_rows;
};

} // namespace Strata
