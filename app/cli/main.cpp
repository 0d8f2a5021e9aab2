// SPDX-License-Identifier: GPL-3.0-or-later
// strata-cli: the headless Strata. QtCore only, so it runs on servers without X11.
#include "cliapplication.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The GUI's names: QSettings (ProfileStore) then finds the profiles the GUI saved.
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
    return Strata::Cli::CliApplication::run(QCoreApplication::arguments());
}
