// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace Strata {

class IEnginePlugin;

// What a plugin file says about itself (its JSON metadata, read before the library is
// loaded) and how loading it went.
struct STRATA_CORE_EXPORT PluginSpec
{
    QString fileName;
    QString iid;
    QString id;               // "postgresql"
    QString displayName;
    QString version;
    QString minAppVersion;
    QStringList capabilities; // "session", "catalog", "dialect", ...
    QStringList urlSchemes;   // "postgresql", "postgres"
    QString errorString;      // one clear sentence when the plugin was refused or failed
    QPointer<QObject> instance;

    bool isLoaded() const { return !instance.isNull(); }
};

// Finds engine plugins in the build tree, the install prefix and $STRATA_PLUGIN_PATH,
// checks IID and minAppVersion from the metadata before loading, and keeps going when
// one plugin is bad: each failure becomes one message in errors().
class STRATA_CORE_EXPORT PluginManager : public QObject
{
    Q_OBJECT
public:
    explicit PluginManager(QObject *parent = nullptr);
    ~PluginManager() override;

    // $STRATA_PLUGIN_PATH (colon-separated), then <app dir>/../<libdir>/strata/plugins.
    static QStringList defaultSearchPaths();
    void setSearchPaths(const QStringList &paths);
    QStringList searchPaths() const;

    // Scans the search paths and loads every acceptable plugin. Safe to call again.
    void loadAll();
    // Registers an already-constructed plugin object (tests, static builds). Takes no ownership.
    void addPlugin(QObject *instance);

    QList<PluginSpec> plugins() const;  // every file seen, loaded or not
    QStringList errors() const;         // one line per refused or failed plugin
    QStringList engineIds() const;      // loaded engines, sorted

    QObject *pluginObject(const QString &engineId) const;
    IEnginePlugin *engine(const QString &engineId) const;
    template<typename Capability>
    Capability *capability(const QString &engineId) const
    {
        return qobject_cast<Capability *>(pluginObject(engineId));
    }
    // URL scheme to engine id: "postgres" -> "postgresql", "mariadb" -> "mysql"; empty if none.
    QString engineForScheme(const QString &scheme) const;

Q_SIGNALS:
    void pluginsChanged();

private:
    class Private;
    Private *d;
};

} // namespace Strata
