// SPDX-License-Identifier: GPL-3.0-or-later
// Launch to first painted window: runs strata with STRATA_EXIT_AFTER_FIRST_PAINT=1 five times
// (under the current display, e.g. xvfb-run) and reports the median of the time strata
// measured from its own process start, and of the wall clock seen from here.
//     xvfb-run -a -s "-screen 0 1400x900x24" build/bench/bench_launch [runs]

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>

namespace {
double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 5;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("STRATA_EXIT_AFTER_FIRST_PAINT"), QStringLiteral("1"));
    const QRegularExpression pattern(QStringLiteral("first-paint-ms ([0-9.]+)"));
    std::vector<double> inProcess;
    std::vector<double> wall;
    for (int i = 0; i < runs; ++i) {
        QProcess strata;
        strata.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        strata.start(QStringLiteral(STRATA_EXECUTABLE), {});
        if (!strata.waitForFinished(30000)) {
            std::fprintf(stderr, "strata did not paint within 30 s\n");
            return 1;
        }
        wall.push_back(double(timer.elapsed()));
        const QString out = QString::fromUtf8(strata.readAllStandardOutput());
        const QRegularExpressionMatch match = pattern.match(out);
        if (!match.hasMatch()) {
            std::fprintf(stderr, "no first-paint line; stderr: %s\n",
                         strata.readAllStandardError().constData());
            return 1;
        }
        inProcess.push_back(match.captured(1).toDouble());
        std::printf("run %d: first paint %.0f ms after process start (%.0f ms wall to exit)\n",
                    i + 1, inProcess.back(), wall.back());
    }
    std::printf("median launch to first paint: %.0f ms (wall to exit %.0f ms), %d runs\n",
                median(inProcess), median(wall), runs);
    return 0;
}
