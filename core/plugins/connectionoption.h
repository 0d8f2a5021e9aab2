// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Strata {

// One connection option an engine accepts, as data: the UI renders a form from these,
// so a plugin never sees a widget.
struct ConnectionOption
{
    enum class Type { String, Integer, Boolean, Choice, File, Password };

    QString name;          // URL/option key: "sslmode", "connect_timeout", ...
    QString label;         // "TLS mode"
    Type type = Type::String;
    QVariant defaultValue;
    QStringList choices;   // for Choice
    QString description;   // one sentence for the tooltip
    bool secret = false;   // never persisted in plaintext (keychain only)
    bool advanced = false; // shown under "Advanced"
};

using ConnectionOptionList = QList<ConnectionOption>;

} // namespace Strata
