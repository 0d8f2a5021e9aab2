// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionsettings.h"
#include "sql/result.h"

#include <QString>

namespace Strata {

// A saved connection as the user named it: settings without the password, plus how it is shown.
class STRATA_CORE_EXPORT ConnectionProfile
{
public:
    ConnectionProfile() = default;
    // The password in settings is dropped: a profile never carries one.
    ConnectionProfile(const QString &name, const ConnectionSettings &settings);

    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }

    const ConnectionSettings &settings() const { return m_settings; }
    void setSettings(const ConnectionSettings &settings);

    // Whether the password is kept in the OS keychain (CredentialStore, key = name()).
    bool savePassword() const { return m_savePassword; }
    void setSavePassword(bool save) { m_savePassword = save; }

    // A colour for the connection's tab and status bar ("#rrggbb", empty = none), so that
    // production stands out. A string, because core does not link QtGui.
    QString colour() const { return m_colour; }
    void setColour(const QString &colour) { m_colour = colour; }

    // The UI refuses statements that write, and sessions start read-only where the engine can.
    bool readOnly() const { return m_readOnly; }
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    // The URL of the settings (no password).
    QString url() const;

    // Checks what a profile needs before it can be saved: a usable name, a known engine.
    Result<void> validate() const;

    bool operator==(const ConnectionProfile &o) const;
    bool operator!=(const ConnectionProfile &o) const { return !(*this == o); }

private:
    QString m_name;
    ConnectionSettings m_settings;
    bool m_savePassword = false;
    QString m_colour;
    bool m_readOnly = false;
};

} // namespace Strata
