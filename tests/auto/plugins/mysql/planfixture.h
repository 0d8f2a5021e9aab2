// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The MySQL plan parser tests' fixtures: plan texts kept under <test folder>/data.

#include <QFile>
#include <QString>

namespace Strata::Test {

// The folder of a test's fixtures, e.g. planFixtureDir("mysqljsonplanparser").
inline QString planFixtureDir(const char *test)
{
    return QStringLiteral(STRATA_SOURCE_DIR "/tests/auto/plugins/mysql/%1/data")
        .arg(QLatin1String(test));
}

// The fixture's text, or a null string when it cannot be read.
inline QString planFixture(const char *test, const QString &name)
{
    QFile f(planFixtureDir(test) + u'/' + name);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.readAll());
}

} // namespace Strata::Test
