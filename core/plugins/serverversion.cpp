// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/serverversion.h"

#include <QStringList>

namespace Strata {

ServerVersion ServerVersion::parse(const QString &text)
{
    ServerVersion version;
    version.mariaDb = text.contains(QLatin1String("mariadb"), Qt::CaseInsensitive);
    // Leading "major[.minor[.patch]]"; anything after the digits ("-MariaDB", " (Debian)") is ignored.
    int numbers[3] = {0, 0, 0};
    int count = 0;
    int i = 0;
    const QString t = text.trimmed();
    while (count < 3 && i < t.size() && t.at(i).isDigit()) {
        int value = 0;
        while (i < t.size() && t.at(i).isDigit()) {
            value = value * 10 + t.at(i).digitValue();
            ++i;
        }
        numbers[count++] = value;
        if (i < t.size() && t.at(i) == u'.')
            ++i;
        else
            break;
    }
    if (count == 0)
        return version;
    version.major = numbers[0];
    version.minor = numbers[1];
    version.patch = numbers[2];
    version.known = true;
    return version;
}

bool ServerVersion::atLeast(int maj, int min, int pat) const
{
    if (!known)
        return true;
    if (major != maj)
        return major > maj;
    if (minor != min)
        return minor > min;
    return patch >= pat;
}

} // namespace Strata
