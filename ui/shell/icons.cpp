// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QCoreApplication>

#include <array>

namespace Strata::Icons {

QIcon icon(Id id)
{
    static const char *const files[IdCount] = {
        "strata", "connection", "database", "schema", "folder", "table", "view",
        "column", "key", "index", "foreignkey", "trigger", "sequence", "routine",
    };
    static std::array<QIcon, IdCount> cache;
    QIcon &cached = cache[size_t(id)];
    if (cached.isNull())
        cached = QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(files[id])));
    return cached;
}

} // namespace Strata::Icons
