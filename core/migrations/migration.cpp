// SPDX-License-Identifier: GPL-3.0-or-later
#include "migration.h"

#include <QCryptographicHash>

namespace Strata {

bool Migration::versionLess(const QString &a, const QString &b)
{
    // Versions are digits: without leading zeros the longer one is larger.
    auto significant = [](const QString &v) {
        qsizetype i = 0;
        while (i + 1 < v.size() && v.at(i) == u'0')
            ++i;
        return QStringView(v).mid(i);
    };
    const QStringView x = significant(a);
    const QStringView y = significant(b);
    if (x.size() != y.size())
        return x.size() < y.size();
    if (const int c = x.compare(y); c != 0)
        return c < 0;
    return a < b;
}

QByteArray Migration::checksumOf(const QString &upSql)
{
    QString normalised = upSql;
    normalised.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return QCryptographicHash::hash(normalised.toUtf8(), QCryptographicHash::Sha256).toHex();
}

} // namespace Strata
