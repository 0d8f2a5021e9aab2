// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionmanager.h"

#include "connection/enginesession.h"
#include "plugins/idialect.h"
#include "plugins/pluginmanager.h"

#include <QFutureWatcher>
#include <QScopeGuard>

namespace Strata {

struct ConnectionManager::Connection
{
    QString id;
    QString title;
    QString profileName;
    State state = State::Connecting;
    QString serverVersion;
    QString error;
    // Shared with the watchers of running work, so closing never waits on the network:
    // the session dies when its last future has finished.
    std::shared_ptr<EngineSession> session;
    std::unique_ptr<Catalog> catalog;
};

namespace {

// Runs done(result) on the GUI thread when future finishes; keep is held until then.
template<typename T, typename Done>
void whenFinished(QObject *context, const QFuture<T> &future,
                  std::shared_ptr<EngineSession> keep, Done done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context,
                     [watcher, keep = std::move(keep), done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                         keep.reset();
                     });
    watcher->setFuture(future);
}

} // namespace

ConnectionManager::ConnectionManager(QObject *parent)
    : QObject(parent)
    , m_plugins(new PluginManager(this))
{
}

ConnectionManager::~ConnectionManager() = default;

ConnectionManager::Connection *ConnectionManager::find(const QString &id) const
{
    auto it = m_connections.find(id);
    return it == m_connections.end() ? nullptr : it->second.get();
}

void ConnectionManager::beginWork()
{
    if (m_pending++ == 0)
        Q_EMIT busyChanged(true);
}

void ConnectionManager::endWork()
{
    if (--m_pending == 0)
        Q_EMIT busyChanged(false);
}

void ConnectionManager::setState(Connection &connection, State state)
{
    connection.state = state;
    Q_EMIT connectionStateChanged(connection.id);
}

void ConnectionManager::fail(Connection &connection, const QString &message)
{
    connection.error = message;
    setState(connection, State::Failed);
    Q_EMIT connectionFailed(connection.id, message);
}

QString ConnectionManager::open(const QString &title, const ConnectionSettings &settings,
                                const QString &profileName)
{
    auto connection = std::make_unique<Connection>();
    connection->id = QStringLiteral("c%1").arg(m_nextId++);
    connection->title = title;
    connection->profileName = profileName;
    Connection &c = *connection;
    const QString id = c.id;
    m_connections.emplace(id, std::move(connection));
    m_order << id;
    Q_EMIT connectionAdded(id);

    QObject *plugin = m_plugins->pluginObject(settings.engine);
    if (!plugin) {
        fail(c, tr("No plugin for the engine \"%1\" is loaded.").arg(settings.engine));
        return id;
    }
    c.session = std::make_shared<EngineSession>(plugin, settings);
    startOpen(c);
    return id;
}

void ConnectionManager::startOpen(Connection &connection)
{
    const QString id = connection.id;
    beginWork();
    whenFinished(this, connection.session->open(), connection.session,
                 [this, id](const Result<QString> &result) {
                     // Busy stays on from connecting through catalog loading.
                     const auto done = qScopeGuard([this] { endWork(); });
                     Connection *connection = find(id);
                     if (!connection)
                         return;
                     if (!result) {
                         fail(*connection, result.error().toString());
                         return;
                     }
                     connection->serverVersion = result.value();
                     Q_EMIT connectionOpened(id, result.value());
                     startCatalog(*connection);
                 });
}

void ConnectionManager::startCatalog(Connection &connection)
{
    setState(connection, State::LoadingCatalog);
    const QString id = connection.id;
    beginWork();
    whenFinished(this, connection.session->loadCatalog(), connection.session,
                 [this, id](const Result<Catalog> &result) {
                     const auto done = qScopeGuard([this] { endWork(); });
                     Connection *connection = find(id);
                     if (!connection)
                         return;
                     if (!result) {
                         fail(*connection, result.error().toString());
                         return;
                     }
                     connection->catalog = std::make_unique<Catalog>(result.value());
                     connection->error.clear();
                     setState(*connection, State::Ready);
                     Q_EMIT catalogLoaded(id);
                 });
}

void ConnectionManager::reloadCatalog(const QString &id)
{
    Connection *connection = find(id);
    if (!connection || !connection->session || connection->state == State::LoadingCatalog
        || connection->state == State::Connecting) {
        return;
    }
    if (connection->serverVersion.isEmpty()) {
        // Never connected: start over with a full open.
        setState(*connection, State::Connecting);
        startOpen(*connection);
        return;
    }
    startCatalog(*connection);
}

void ConnectionManager::close(const QString &id)
{
    auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    if (it->second->session)
        it->second->session->cancel();
    m_connections.erase(it);
    m_order.removeAll(id);
    Q_EMIT connectionClosed(id);
}

void ConnectionManager::closeAll()
{
    const QStringList ids = m_order;
    for (const QString &id : ids)
        close(id);
}

QStringList ConnectionManager::connectionIds() const
{
    return m_order;
}

bool ConnectionManager::contains(const QString &id) const
{
    return find(id) != nullptr;
}

QString ConnectionManager::title(const QString &id) const
{
    const Connection *c = find(id);
    return c ? c->title : QString();
}

QString ConnectionManager::profileName(const QString &id) const
{
    const Connection *c = find(id);
    return c ? c->profileName : QString();
}

QString ConnectionManager::idForProfile(const QString &profileName) const
{
    for (const QString &id : m_order) {
        if (find(id)->profileName == profileName)
            return id;
    }
    return {};
}

ConnectionManager::State ConnectionManager::state(const QString &id) const
{
    const Connection *c = find(id);
    return c ? c->state : State::Failed;
}

QString ConnectionManager::serverVersion(const QString &id) const
{
    const Connection *c = find(id);
    return c ? c->serverVersion : QString();
}

QString ConnectionManager::errorText(const QString &id) const
{
    const Connection *c = find(id);
    return c ? c->error : QString();
}

EngineSession *ConnectionManager::session(const QString &id) const
{
    const Connection *c = find(id);
    return c ? c->session.get() : nullptr;
}

const Catalog *ConnectionManager::catalog(const QString &id) const
{
    const Connection *c = find(id);
    return c ? c->catalog.get() : nullptr;
}

const IDialect *ConnectionManager::dialect(const QString &id) const
{
    const EngineSession *s = session(id);
    return s ? s->dialect() : nullptr;
}

QFuture<Result<QString>> ConnectionManager::test(const ConnectionSettings &settings)
{
    QObject *plugin = m_plugins->pluginObject(settings.engine);
    if (!plugin) {
        return QtFuture::makeReadyFuture(Result<QString>(
            Error(Error::Code::Plugin,
                  tr("No plugin for the engine \"%1\" is loaded.").arg(settings.engine))));
    }
    auto session = std::make_shared<EngineSession>(plugin, settings);
    QFuture<Result<QString>> future = session->open();
    beginWork();
    whenFinished(this, future, session, [this](const Result<QString> &) { endWork(); });
    return future;
}

} // namespace Strata
