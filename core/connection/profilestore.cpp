// SPDX-License-Identifier: GPL-3.0-or-later
#include "profilestore.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

namespace Strata {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::ProfileStore)
};

const QString Group = QStringLiteral("connections");

// Profile names are free text; QSettings keys are not ('/' nests, '\\' is special), so each
// profile's group key is its percent-encoded name and the real name is stored inside.
QString keyOf(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

ConnectionProfile readProfile(QSettings &settings)
{
    ConnectionSettings connection;
    connection.engine = settings.value(QStringLiteral("engine")).toString();
    connection.host = settings.value(QStringLiteral("host")).toString();
    connection.port = settings.value(QStringLiteral("port"), 0).toInt();
    connection.database = settings.value(QStringLiteral("database")).toString();
    connection.user = settings.value(QStringLiteral("user")).toString();
    settings.beginGroup(QStringLiteral("options"));
    const QStringList keys = settings.childKeys();
    for (const QString &key : keys) {
        connection.options.insert(QUrl::fromPercentEncoding(key.toLatin1()), settings.value(key).toString());
    }
    settings.endGroup();

    ConnectionProfile profile(settings.value(QStringLiteral("name")).toString(), connection);
    profile.setSavePassword(settings.value(QStringLiteral("savePassword"), false).toBool());
    profile.setColour(settings.value(QStringLiteral("colour")).toString());
    profile.setReadOnly(settings.value(QStringLiteral("readOnly"), false).toBool());
    return profile;
}

void writeProfile(QSettings &settings, const ConnectionProfile &profile)
{
    const ConnectionSettings &connection = profile.settings();
    settings.setValue(QStringLiteral("name"), profile.name());
    settings.setValue(QStringLiteral("engine"), connection.engine);
    settings.setValue(QStringLiteral("host"), connection.host);
    settings.setValue(QStringLiteral("port"), connection.port);
    settings.setValue(QStringLiteral("database"), connection.database);
    settings.setValue(QStringLiteral("user"), connection.user);
    settings.setValue(QStringLiteral("savePassword"), profile.savePassword());
    settings.setValue(QStringLiteral("colour"), profile.colour());
    settings.setValue(QStringLiteral("readOnly"), profile.readOnly());
    settings.remove(QStringLiteral("options"));
    settings.beginGroup(QStringLiteral("options"));
    for (auto it = connection.options.cbegin(); it != connection.options.cend(); ++it)
        settings.setValue(keyOf(it.key()), it.value());
    settings.endGroup();
}

} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
}

ProfileStore::ProfileStore(const QString &iniFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

QStringList ProfileStore::names() const
{
    QStringList names;
    m_settings->beginGroup(Group);
    const QStringList groups = m_settings->childGroups();
    for (const QString &group : groups) {
        const QString name = m_settings->value(group + QLatin1String("/name")).toString();
        if (!name.isEmpty() && keyOf(name) == group)
            names.append(name);
    }
    m_settings->endGroup();
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const int byCase = a.compare(b, Qt::CaseInsensitive);
        return byCase != 0 ? byCase < 0 : a < b;
    });
    return names;
}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> list;
    const QStringList all = names();
    for (const QString &name : all) {
        Result<ConnectionProfile> one = profile(name);
        if (one)
            list.append(one.value());
    }
    return list;
}

bool ProfileStore::contains(const QString &name) const
{
    return !name.isEmpty() && names().contains(name);
}

Result<ConnectionProfile> ProfileStore::profile(const QString &name) const
{
    if (!contains(name))
        return Error(Error::Code::InvalidArgument, Tr::tr("There is no saved connection named '%1'.").arg(name));
    m_settings->beginGroup(Group + QLatin1Char('/') + keyOf(name));
    ConnectionProfile profile = readProfile(*m_settings);
    m_settings->endGroup();
    return profile;
}

Result<void> ProfileStore::sync()
{
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        return Error(Error::Code::Io, Tr::tr("Cannot write the connection settings to %1.")
                                          .arg(m_settings->fileName()));
    }
    return {};
}

Result<void> ProfileStore::save(const ConnectionProfile &profile)
{
    if (Result<void> valid = profile.validate(); !valid)
        return valid;
    const QString key = Group + QLatin1Char('/') + keyOf(profile.name());
    m_settings->remove(key);
    m_settings->beginGroup(key);
    writeProfile(*m_settings, profile);
    m_settings->endGroup();
    Result<void> written = sync();
    Q_EMIT profilesChanged();
    return written;
}

Result<void> ProfileStore::remove(const QString &name)
{
    if (!contains(name))
        return Error(Error::Code::InvalidArgument, Tr::tr("There is no saved connection named '%1'.").arg(name));
    m_settings->remove(Group + QLatin1Char('/') + keyOf(name));
    Result<void> written = sync();
    Q_EMIT profilesChanged();
    return written;
}

Result<void> ProfileStore::rename(const QString &from, const QString &to)
{
    Result<ConnectionProfile> existing = profile(from);
    if (!existing)
        return existing.error();
    if (from == to)
        return {};
    if (contains(to))
        return Error(Error::Code::InvalidArgument, Tr::tr("A saved connection named '%1' exists already.").arg(to));
    ConnectionProfile renamed = existing.value();
    renamed.setName(to);
    if (Result<void> valid = renamed.validate(); !valid)
        return valid;
    const QString key = Group + QLatin1Char('/') + keyOf(to);
    m_settings->beginGroup(key);
    writeProfile(*m_settings, renamed);
    m_settings->endGroup();
    m_settings->remove(Group + QLatin1Char('/') + keyOf(from));
    Result<void> written = sync();
    Q_EMIT profilesChanged();
    return written;
}

} // namespace Strata
