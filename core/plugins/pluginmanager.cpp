// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginmanager.h"

#include "iengineplugin.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QPluginLoader>
#include <QSet>
#include <QVersionNumber>

#include <algorithm>

namespace Strata {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::PluginManager)
};

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            list.append(item.toString());
    }
    return list;
}

} // namespace

class PluginManager::Private
{
public:
    QStringList searchPaths = PluginManager::defaultSearchPaths();
    QList<PluginSpec> specs;
    QStringList errors;
    // Loaders of the plugins in use. Never unloaded: objects made by a plugin may outlive
    // the manager (sessions, dialects), and unloading under them would crash.
    QList<QPluginLoader *> loaders;

    const PluginSpec *loadedSpec(const QString &engineId) const
    {
        for (const PluginSpec &spec : specs) {
            if (spec.isLoaded() && spec.id == engineId)
                return &spec;
        }
        return nullptr;
    }

    void refuse(PluginSpec spec, const QString &problem)
    {
        spec.errorString = problem;
        errors.append(QDir::toNativeSeparators(spec.fileName) + QLatin1String(": ") + problem);
        specs.append(spec);
    }

    // Reads the metadata without loading; returns false (with one error line) to refuse.
    bool readMetaData(QPluginLoader &loader, PluginSpec &spec)
    {
        const QJsonObject root = loader.metaData();
        if (root.isEmpty()) {
            refuse(spec, Tr::tr("not a Qt plugin (no plugin metadata found)"));
            return false;
        }
        spec.iid = root.value(QLatin1String("IID")).toString();
        const QJsonObject meta = root.value(QLatin1String("MetaData")).toObject();
        spec.id = meta.value(QLatin1String("id")).toString();
        spec.displayName = meta.value(QLatin1String("displayName")).toString();
        spec.version = meta.value(QLatin1String("version")).toString();
        spec.minAppVersion = meta.value(QLatin1String("minAppVersion")).toString();
        spec.capabilities = stringList(meta.value(QLatin1String("capabilities")));
        spec.urlSchemes = stringList(meta.value(QLatin1String("urlSchemes")));

        if (spec.iid != QLatin1String(Strata_IEnginePlugin_iid)) {
            refuse(spec, Tr::tr("wrong plugin interface '%1' (this Strata needs '%2')")
                             .arg(spec.iid, QLatin1String(Strata_IEnginePlugin_iid)));
            return false;
        }
        if (spec.id.isEmpty()) {
            refuse(spec, Tr::tr("the plugin metadata has no engine id"));
            return false;
        }
        if (!spec.minAppVersion.isEmpty()) {
            qsizetype suffix = 0;
            const QVersionNumber needed = QVersionNumber::fromString(spec.minAppVersion, &suffix);
            const QVersionNumber ours = QVersionNumber::fromString(QLatin1String(STRATA_VERSION));
            if (needed.isNull() || suffix != spec.minAppVersion.size()) {
                refuse(spec, Tr::tr("invalid minAppVersion '%1' in the plugin metadata").arg(spec.minAppVersion));
                return false;
            }
            if (QVersionNumber::compare(needed, ours) > 0) {
                refuse(spec, Tr::tr("needs Strata %1 or newer (this is %2)")
                                 .arg(spec.minAppVersion, QLatin1String(STRATA_VERSION)));
                return false;
            }
        }
        if (const PluginSpec *existing = loadedSpec(spec.id)) {
            refuse(spec, Tr::tr("engine '%1' is already provided by %2")
                             .arg(spec.id, QDir::toNativeSeparators(existing->fileName)));
            return false;
        }
        return true;
    }

    bool load(const QString &filePath)
    {
        PluginSpec spec;
        spec.fileName = filePath;
        auto *loader = new QPluginLoader(filePath);
        if (!readMetaData(*loader, spec)) {
            delete loader;
            return false;
        }
        if (!loader->load()) {
            refuse(spec, Tr::tr("cannot be loaded: %1").arg(loader->errorString()));
            delete loader;
            return false;
        }
        QObject *instance = loader->instance();
        auto *engine = qobject_cast<IEnginePlugin *>(instance);
        if (!engine) {
            refuse(spec, Tr::tr("the plugin object does not implement %1")
                             .arg(QLatin1String(Strata_IEnginePlugin_iid)));
            loader->unload();
            delete loader;
            return false;
        }
        if (engine->id() != spec.id) {
            refuse(spec, Tr::tr("the plugin says its engine is '%1' but its metadata says '%2'")
                             .arg(engine->id(), spec.id));
            loader->unload();
            delete loader;
            return false;
        }
        if (spec.displayName.isEmpty())
            spec.displayName = engine->displayName();
        spec.instance = instance;
        specs.append(spec);
        loaders.append(loader);
        return true;
    }
};

PluginManager::PluginManager(QObject *parent)
    : QObject(parent)
    , d(new Private)
{
}

PluginManager::~PluginManager()
{
    // The QPluginLoader objects go, the libraries stay loaded (see Private::loaders).
    qDeleteAll(d->loaders);
    delete d;
}

QStringList PluginManager::defaultSearchPaths()
{
    QStringList paths = qEnvironmentVariable("STRATA_PLUGIN_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    if (QCoreApplication::instance()) {
        paths.append(QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1String("/../")
                                     + QLatin1String(STRATA_PLUGIN_RELDIR)));
    }
    return paths;
}

void PluginManager::setSearchPaths(const QStringList &paths)
{
    d->searchPaths = paths;
}

QStringList PluginManager::searchPaths() const
{
    return d->searchPaths;
}

void PluginManager::loadAll()
{
    // A rescan forgets refused files (they may have been fixed) but keeps what is loaded.
    const QList<PluginSpec> before = d->specs;
    d->specs.erase(std::remove_if(d->specs.begin(), d->specs.end(),
                                  [](const PluginSpec &spec) { return !spec.isLoaded(); }),
                   d->specs.end());
    d->errors.clear();

    QSet<QString> seen;
    for (const PluginSpec &spec : std::as_const(d->specs))
        seen.insert(QFileInfo(spec.fileName).canonicalFilePath());

    bool changed = d->specs.size() != before.size();
    for (const QString &path : std::as_const(d->searchPaths)) {
        const QDir dir(path);
        const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.so")}, QDir::Files, QDir::Name);
        for (const QFileInfo &file : files) {
            const QString canonical = file.canonicalFilePath();
            if (canonical.isEmpty() || seen.contains(canonical))
                continue; // the same folder listed twice, or a symlink to a file already seen
            seen.insert(canonical);
            d->load(file.absoluteFilePath());
            changed = true;
        }
    }
    for (const QString &error : std::as_const(d->errors))
        qWarning("Strata plugin refused: %s", qUtf8Printable(error));
    if (changed)
        Q_EMIT pluginsChanged();
}

void PluginManager::addPlugin(QObject *instance)
{
    auto *engine = qobject_cast<IEnginePlugin *>(instance);
    PluginSpec spec;
    spec.fileName = instance ? QString::fromLatin1(instance->metaObject()->className()) : QStringLiteral("(null)");
    if (!engine) {
        d->refuse(spec, Tr::tr("the object does not implement %1").arg(QLatin1String(Strata_IEnginePlugin_iid)));
        return;
    }
    spec.iid = QLatin1String(Strata_IEnginePlugin_iid);
    spec.id = engine->id();
    spec.displayName = engine->displayName();
    spec.version = QLatin1String(STRATA_VERSION);
    // Objects built in-process have no JSON: the id is a scheme, plus an optional property.
    spec.urlSchemes = instance->property("urlSchemes").toStringList();
    if (!spec.urlSchemes.contains(spec.id))
        spec.urlSchemes.prepend(spec.id);
    if (const PluginSpec *existing = d->loadedSpec(spec.id)) {
        d->refuse(spec, Tr::tr("engine '%1' is already provided by %2")
                            .arg(spec.id, QDir::toNativeSeparators(existing->fileName)));
        return;
    }
    spec.instance = instance;
    d->specs.append(spec);
    Q_EMIT pluginsChanged();
}

QList<PluginSpec> PluginManager::plugins() const
{
    return d->specs;
}

QStringList PluginManager::errors() const
{
    return d->errors;
}

QStringList PluginManager::engineIds() const
{
    QStringList ids;
    for (const PluginSpec &spec : std::as_const(d->specs)) {
        if (spec.isLoaded())
            ids.append(spec.id);
    }
    ids.sort();
    return ids;
}

QObject *PluginManager::pluginObject(const QString &engineId) const
{
    const PluginSpec *spec = d->loadedSpec(engineId);
    return spec ? spec->instance.data() : nullptr;
}

IEnginePlugin *PluginManager::engine(const QString &engineId) const
{
    return qobject_cast<IEnginePlugin *>(pluginObject(engineId));
}

QString PluginManager::engineForScheme(const QString &scheme) const
{
    for (const PluginSpec &spec : std::as_const(d->specs)) {
        if (!spec.isLoaded())
            continue;
        if (spec.id.compare(scheme, Qt::CaseInsensitive) == 0)
            return spec.id;
        for (const QString &known : spec.urlSchemes) {
            if (known.compare(scheme, Qt::CaseInsensitive) == 0)
                return spec.id;
        }
    }
    return {};
}

} // namespace Strata
