// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionsmodel.h"

#include "connectionmanager.h"
#include "shell/icons.h"

#include "connection/profilestore.h"

#include <QApplication>
#include <QFont>
#include <QStyle>

namespace Strata {

ConnectionsModel::ConnectionsModel(ProfileStore *profiles, ConnectionManager *manager,
                                   QObject *parent)
    : QAbstractListModel(parent)
    , m_profiles(profiles)
    , m_manager(manager)
{
    connect(m_profiles, &ProfileStore::profilesChanged, this, &ConnectionsModel::rebuild);
    connect(m_manager, &ConnectionManager::connectionAdded, this, &ConnectionsModel::rebuild);
    connect(m_manager, &ConnectionManager::connectionClosed, this, &ConnectionsModel::rebuild);
    connect(m_manager, &ConnectionManager::connectionStateChanged, this,
            &ConnectionsModel::onStateChanged);
    rebuild();
}

void ConnectionsModel::rebuild()
{
    QList<Row> rows;
    const QStringList open = m_manager->connectionIds();
    for (const QString &name : m_profiles->names())
        rows.append({name, m_manager->idForProfile(name)});
    for (const QString &id : open) {
        const QString profile = m_manager->profileName(id);
        if (profile.isEmpty() || !m_profiles->contains(profile))
            rows.append({QString(), id});
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void ConnectionsModel::onStateChanged(const QString &connectionId)
{
    const QModelIndex idx = indexForConnection(connectionId);
    if (idx.isValid())
        Q_EMIT dataChanged(idx, idx);
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool open = !row.connection.isEmpty() && m_manager->contains(row.connection);
    const auto state = open ? m_manager->state(row.connection) : ConnectionManager::State::Failed;
    const QString name = row.profile.isEmpty() ? m_manager->title(row.connection) : row.profile;
    QString url;
    if (!row.profile.isEmpty()) {
        const Result<ConnectionProfile> profile = m_profiles->profile(row.profile);
        if (profile)
            url = profile->url();
    }
    switch (role) {
    case Qt::DisplayRole: {
        if (!open)
            return name;
        switch (state) {
        case ConnectionManager::State::Connecting:
            return tr("%1 (connecting…)").arg(name);
        case ConnectionManager::State::LoadingCatalog:
            return tr("%1 (loading catalog…)").arg(name);
        case ConnectionManager::State::Failed:
            return tr("%1 (failed)").arg(name);
        case ConnectionManager::State::Ready:
            return name;
        }
        return name;
    }
    case Qt::ToolTipRole: {
        QStringList lines{name};
        if (!url.isEmpty())
            lines << url;
        if (open && !m_manager->serverVersion(row.connection).isEmpty())
            lines << m_manager->serverVersion(row.connection);
        if (open && state == ConnectionManager::State::Failed)
            lines << m_manager->errorText(row.connection);
        return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
            .arg(lines.join(QLatin1Char('\n')).toHtmlEscaped());
    }
    case Qt::DecorationRole:
        if (open && state == ConnectionManager::State::Failed)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return open ? Icons::icon(Icons::Database) : Icons::icon(Icons::Connection);
    case Qt::FontRole: {
        QFont font;
        font.setBold(open && state == ConnectionManager::State::Ready);
        return font;
    }
    case ProfileNameRole:
        return row.profile;
    case ConnectionIdRole:
        return open ? row.connection : QString();
    case StateRole:
        return open ? int(state) : -1;
    case UrlRole:
        return url;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConnectionsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ProfileNameRole, "profileName");
    names.insert(ConnectionIdRole, "connectionId");
    names.insert(StateRole, "state");
    names.insert(UrlRole, "url");
    return names;
}

QModelIndex ConnectionsModel::indexForConnection(const QString &connectionId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).connection == connectionId)
            return index(i);
    }
    return {};
}

QModelIndex ConnectionsModel::indexForProfile(const QString &profileName) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).profile == profileName)
            return index(i);
    }
    return {};
}

} // namespace Strata
