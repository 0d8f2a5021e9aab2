// SPDX-License-Identifier: GPL-3.0-or-later
// strata-cli's command line: --version, --help and usage errors (exit 2, one line on stderr).
#include "clirunner.h"

#include <QTest>

using namespace Strata::Test;

class tst_CliApplication : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionPrintsTheProjectVersion();
    void helpListsTheCommandsAndExitsZero_data();
    void helpListsTheCommandsAndExitsZero();
    void usageErrorsExitTwoWithOneLine_data();
    void usageErrorsExitTwoWithOneLine();
};

void tst_CliApplication::versionPrintsTheProjectVersion()
{
    const CliRun run = runCli({QStringLiteral("--version")});
    STRATA_CLI_EXPECT(run, 0);
    QCOMPARE(run.out, QByteArray("strata-cli " STRATA_VERSION "\n"));
    QVERIFY(run.err.isEmpty());
}

void tst_CliApplication::helpListsTheCommandsAndExitsZero_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << QByteArray("query");
    QTest::newRow("schema --help") << QStringList{QStringLiteral("schema"), QStringLiteral("--help")}
                                   << QByteArray("--all-schemas");
    QTest::newRow("query --help") << QStringList{QStringLiteral("query"), QStringLiteral("--help")}
                                  << QByteArray("--format");
}

void tst_CliApplication::helpListsTheCommandsAndExitsZero()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, expected);
    const CliRun run = runCli(arguments);
    STRATA_CLI_EXPECT(run, 0);
    QVERIFY2(run.out.contains(expected), run.out.constData());
}

void tst_CliApplication::usageErrorsExitTwoWithOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    const QString sqlite = QStringLiteral("sqlite:///tmp/strata-cli-usage-never-created.db");
    QTest::newRow("no command") << QStringList{} << QStringLiteral("missing command");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << QStringLiteral("'frobnicate'");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("schema"), QStringLiteral("--bogus")}
                                    << QStringLiteral("bogus");
    QTest::newRow("missing --url") << QStringList{QStringLiteral("schema"), QStringLiteral("--json")}
                                   << QStringLiteral("--url");
    QTest::newRow("option without value") << QStringList{QStringLiteral("query"), QStringLiteral("--url")}
                                          << QStringLiteral("url");
    QTest::newRow("stray argument") << QStringList{QStringLiteral("schema"), QStringLiteral("--url"), sqlite,
                                                   QStringLiteral("extra")}
                                    << QStringLiteral("'extra'");
    QTest::newRow("neither --sql nor --file") << QStringList{QStringLiteral("query"), QStringLiteral("--url"), sqlite}
                                              << QStringLiteral("--sql");
    QTest::newRow("both --sql and --file")
        << QStringList{QStringLiteral("query"), QStringLiteral("--url"), sqlite, QStringLiteral("--sql"),
                       QStringLiteral("select 1"), QStringLiteral("--file"), QStringLiteral("x.sql")}
        << QStringLiteral("--file");
    QTest::newRow("unknown format")
        << QStringList{QStringLiteral("query"), QStringLiteral("--url"), sqlite, QStringLiteral("--sql"),
                       QStringLiteral("select 1"), QStringLiteral("--format"), QStringLiteral("xml")}
        << QStringLiteral("'xml'");
    QTest::newRow("unreadable --file")
        << QStringList{QStringLiteral("query"), QStringLiteral("--url"), sqlite, QStringLiteral("--file"),
                       QStringLiteral("/nonexistent/strata/q.sql")}
        << QStringLiteral("/nonexistent/strata/q.sql");
    QTest::newRow("empty --sql")
        << QStringList{QStringLiteral("query"), QStringLiteral("--url"), sqlite, QStringLiteral("--sql"),
                       QStringLiteral("  ")}
        << QStringLiteral("empty");
    QTest::newRow("--url and --profile")
        << QStringList{QStringLiteral("schema"), QStringLiteral("--url"), sqlite, QStringLiteral("--profile"),
                       QStringLiteral("prod")}
        << QStringLiteral("--profile");
}

void tst_CliApplication::usageErrorsExitTwoWithOneLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CliRun run = runCli(arguments);
    STRATA_CLI_EXPECT(run, 2);
    QVERIFY(run.out.isEmpty());
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.startsWith(u"strata-cli: "), qPrintable(err));
    QVERIFY2(err.endsWith(QLatin1Char('\n')) && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
    QVERIFY2(err.contains(mentions), qPrintable(err));
}

QTEST_GUILESS_MAIN(tst_CliApplication)
#include "tst_cliapplication.moc"
