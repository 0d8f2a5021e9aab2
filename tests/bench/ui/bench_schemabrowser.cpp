// SPDX-License-Identifier: GPL-3.0-or-later
// Schema browser with a synthetic catalog (default 10,000 tables x 10 columns): time to
// populate the tree (catalog in, connection revealed, tables listed and painted) and to
// filter per keystroke (model narrowed, folders expanded, view painted). Medians of 5.
//     QT_QPA_PLATFORM=offscreen build/bench/bench_schemabrowser [tables] [columns]

#include "schema/schemabrowser.h"
#include "schema/schematreemodel.h"
#include "syntheticcatalog.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTreeView>

#include <algorithm>
#include <cstdio>

using namespace Strata;

namespace {
double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

void settle(QWidget &widget)
{
    QCoreApplication::processEvents();
    widget.repaint();  // synchronous paint of the visible rows
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int tables = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int columns = argc > 2 ? QByteArray(argv[2]).toInt() : 10;
    const Catalog catalog = Test::syntheticCatalog(tables, columns);
    const QStringList keystrokes = {QStringLiteral("t"),        QStringLiteral("ta"),
                                    QStringLiteral("tab"),      QStringLiteral("table_0"),
                                    QStringLiteral("table_01"), QStringLiteral("table_012"),
                                    QStringLiteral("table_0123"), QStringLiteral("table_012"),
                                    QStringLiteral("col_09"),   QString()};

    std::vector<double> populate;
    std::vector<double> filterMedian;
    double filterWorst = 0;
    for (int run = 0; run < 5; ++run) {
        SchemaBrowser browser;
        browser.resize(400, 900);
        browser.show();
        settle(browser);
        QElapsedTimer timer;
        timer.start();
        browser.model()->setCatalog(QStringLiteral("bench"), catalog);
        browser.revealConnection(QStringLiteral("bench"));
        settle(browser);
        populate.push_back(double(timer.nsecsElapsed()) / 1e6);

        std::vector<double> perKey;
        for (const QString &text : keystrokes) {
            timer.restart();
            browser.filterEdit()->setText(text);
            settle(browser);
            perKey.push_back(double(timer.nsecsElapsed()) / 1e6);
            filterWorst = std::max(filterWorst, perKey.back());
        }
        filterMedian.push_back(median(perKey));
        std::printf("run %d: populate %.1f ms, filter median %.1f ms, max %.1f ms\n", run + 1,
                    populate.back(), filterMedian.back(),
                    *std::max_element(perKey.begin(), perKey.end()));
    }
    std::printf("%d tables x %d columns: populate median %.1f ms; filter per keystroke median "
                "%.1f ms, worst %.1f ms\n",
                tables, columns, median(populate), median(filterMedian), filterWorst);
    return 0;
}
