// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "catalog/catalog.h"
#include "connection/connectionsettings.h"
#include "sql/result.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <map>
#include <memory>

namespace Strata {

class EngineSession;
class IDialect;
class PluginManager;

// The open connections of the GUI, without widgets: owns the PluginManager, one
// EngineSession per connection and its loaded Catalog. Connecting and catalog loading run on
// the sessions' threads; progress and errors come back as signals on the GUI thread.
class STRATA_UI_EXPORT ConnectionManager : public QObject
{
    Q_OBJECT
public:
    enum class State { Connecting, LoadingCatalog, Ready, Failed };

    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    PluginManager *plugins() const { return m_plugins; }

    // Starts connecting and loading the catalog; returns the new connection's id at once.
    // profileName links it to a saved profile (empty for ad-hoc connections).
    QString open(const QString &title, const ConnectionSettings &settings,
                 const QString &profileName = {});
    void close(const QString &id);
    void closeAll();
    // Reads the catalog again (after DDL elsewhere); reconnects first when needed.
    void reloadCatalog(const QString &id);

    QStringList connectionIds() const;  // in the order they were opened
    bool contains(const QString &id) const;
    QString title(const QString &id) const;
    QString profileName(const QString &id) const;
    QString idForProfile(const QString &profileName) const;  // empty when not open
    State state(const QString &id) const;
    QString serverVersion(const QString &id) const;
    QString errorText(const QString &id) const;
    EngineSession *session(const QString &id) const;
    const Catalog *catalog(const QString &id) const;  // null until loaded
    const IDialect *dialect(const QString &id) const;
    bool isBusy() const { return m_pending > 0; }

    // Opens a throwaway session to check settings: the server version or an error. The
    // session is kept alive here until the future finishes, so callers may drop it.
    QFuture<Result<QString>> test(const ConnectionSettings &settings);

Q_SIGNALS:
    void connectionAdded(const QString &id);
    void connectionStateChanged(const QString &id);
    void connectionOpened(const QString &id, const QString &serverVersion);
    void catalogLoaded(const QString &id);
    // message is plain text from the engine or the server.
    void connectionFailed(const QString &id, const QString &message);
    void connectionClosed(const QString &id);
    void busyChanged(bool busy);

private:
    struct Connection;
    Connection *find(const QString &id) const;
    void startOpen(Connection &connection);
    void startCatalog(Connection &connection);
    void fail(Connection &connection, const QString &message);
    void setState(Connection &connection, State state);
    void beginWork();
    void endWork();

    PluginManager *m_plugins;
    std::map<QString, std::unique_ptr<Connection>> m_connections;
    QStringList m_order;
    int m_nextId = 1;
    int m_pending = 0;
};

} // namespace Strata
