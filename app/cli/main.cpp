// SPDX-License-Identifier: GPL-3.0-or-later
// strata-cli: the headless Strata. QtCore only, so it runs on servers without X11.
#include "cliapplication.h"

#include <QCoreApplication>

#include <malloc.h>

int main(int argc, char *argv[])
{
    // A short-lived process that builds large documents (a 10,000-node plan is ~100 MB of
    // parse structures): keep freed memory for reuse instead of handing big blocks back to
    // the kernel and faulting fresh pages in again, which costs more than the parse itself
    // on a virtual machine (docs/BENCHMARKS.md, issue 4).
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    QCoreApplication app(argc, argv);
    // The GUI's names: QSettings (ProfileStore) then finds the profiles the GUI saved.
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
    return Strata::Cli::CliApplication::run(QCoreApplication::arguments());
}
