// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionprofile.h"
#include "sql/result.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

class QSettings;

namespace Strata {

// The saved connection profiles, in QSettings under the group "connections". Never writes a
// password: ConnectionProfile holds none, and only options ConnectionUrl knows (none of them
// secret) pass validate(). Passwords live in the CredentialStore.
class STRATA_CORE_EXPORT ProfileStore : public QObject
{
    Q_OBJECT
public:
    // The application's QSettings (organisation and application name of QCoreApplication).
    explicit ProfileStore(QObject *parent = nullptr);
    // An INI file of its own (tests, portable installs).
    explicit ProfileStore(const QString &iniFile, QObject *parent = nullptr);
    ~ProfileStore() override;

    QString fileName() const;

    QStringList names() const;                // sorted, case-insensitively
    QList<ConnectionProfile> profiles() const; // in the order of names()
    bool contains(const QString &name) const;
    Result<ConnectionProfile> profile(const QString &name) const;

    // Adds or replaces the profile of that name.
    Result<void> save(const ConnectionProfile &profile);
    Result<void> remove(const QString &name);
    // Fails when `to` exists already. The keychain entry is the caller's (CredentialStore::rename).
    Result<void> rename(const QString &from, const QString &to);

Q_SIGNALS:
    void profilesChanged();

private:
    Result<void> sync();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Strata
