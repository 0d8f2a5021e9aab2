// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/tabjournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstring>
#include <memory>
#include <signal.h>

using namespace Strata;

namespace {

const QString PgKey = QStringLiteral("postgresql://strata@127.0.0.1:54329/strata_test");
const QString MyKey = QStringLiteral("mysql://strata@127.0.0.1:33069/strata_test");
const QString ChildFirstText = QStringLiteral("SELECT 'crash-safe ✓ Ωmega' FROM orders;\n");
const QString ChildSecondText = QStringLiteral("-- written by the timer\nSELECT now();");

JournalTab makeTab(const QString &id, int order, const QString &text, const QString &key = PgKey)
{
    JournalTab tab;
    tab.id = id;
    tab.title = QStringLiteral("Query %1").arg(id);
    tab.connectionKey = key;
    tab.text = text;
    tab.filePath = QStringLiteral("/home/user/queries/%1.sql").arg(id);
    tab.cursor = int(text.size() / 2);
    tab.modified = true;
    tab.order = order;
    return tab;
}

// The child side of the crash test: journal two tabs, flush, let the timer write a change,
// report, then wait to be killed.
int runChild(const QString &dir, int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TabJournal journal(dir);
    journal.setInterval(100);
    if (!journal.beginSession())
        return 2;
    journal.update(makeTab(QStringLiteral("first"), 0, ChildFirstText, PgKey));
    journal.update(makeTab(QStringLiteral("second"), 1, QStringLiteral("SELECT 1;"), MyKey));
    if (!journal.flush())
        return 3;
    QObject::connect(&journal, &TabJournal::flushed, &app, [] {
        std::fputs("journaled\n", stdout);
        std::fflush(stdout);
    });
    journal.update(makeTab(QStringLiteral("second"), 1, ChildSecondText, MyKey));
    return app.exec();
}

} // namespace

class tst_TabJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void flushedTabsAreRecovered_data();
    void flushedTabsAreRecovered();
    void recoverReturnsTabsInTabOrder();
    void timerWritesChangedTabs();
    void flushWritesOnlyChangedTabs();
    void leftoverTempFilesAreIgnored();
    void removedTabsDoNotComeBack();
    void staticWriteReplacesAndRemovesTabFiles();
    void cleanEndSessionLeavesNothingToRecover();
    void beginSessionDiscardsTheEarlierJournal();
    void defaultsAreFiveSecondsAndTheDataDirectory();
    void tabsComeBackAfterTheProcessIsKilled();

private:
    QString dir() const { return m_dir->filePath(QStringLiteral("journal")); }
    QStringList tabFiles() const
    {
        return QDir(dir()).entryList({QStringLiteral("tab-*.json")}, QDir::Files);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_TabJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_TabJournal::cleanup()
{
    m_dir.reset();
}

void tst_TabJournal::flushedTabsAreRecovered_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("unicode") << QStringLiteral(
        "SELECT 'Grüße, 日本語, emoji 🐘🐬' AS \"ünïcode\";\n-- ☃");
    QTest::newRow("quotes and json")
        << QStringLiteral("SELECT '{\"a\": [1, \"\\\\\"]}'::jsonb;\r\n\t\"x\"");
    QString big;
    big.reserve(2 * 1024 * 1024);
    while (big.size() < 2 * 1024 * 1024)
        big += QStringLiteral("INSERT INTO t VALUES (%1, 'ß€𝄞 line');\n").arg(big.size());
    QTest::newRow("2 MB") << big;
}

void tst_TabJournal::flushedTabsAreRecovered()
{
    QFETCH(QString, text);
    TabJournal journal(dir());
    QVERIFY(journal.beginSession().ok());
    JournalTab tab = makeTab(QStringLiteral("tab-ü/1"), 0, text);
    tab.title = QStringLiteral("Ünïcode title");
    tab.modified = false;
    journal.update(tab);
    QVERIFY(journal.hasPendingChanges());
    QVERIFY(journal.flush().ok());
    QVERIFY(!journal.hasPendingChanges());

    QVERIFY(TabJournal::previousSessionCrashed(dir()));
    const Result<QList<JournalTab>> recovered = TabJournal::recover(dir());
    QVERIFY(recovered.ok());
    QCOMPARE(recovered->size(), 1);
    const JournalTab &back = recovered->at(0);
    QCOMPARE(back.id, tab.id);
    QCOMPARE(back.title, tab.title);
    QCOMPARE(back.connectionKey, tab.connectionKey);
    QCOMPARE(back.text.size(), text.size());
    QVERIFY(back.text == text);
    QCOMPARE(back.filePath, tab.filePath);
    QCOMPARE(back.cursor, tab.cursor);
    QCOMPARE(back.modified, false);
    QCOMPARE(back.order, 0);
}

void tst_TabJournal::recoverReturnsTabsInTabOrder()
{
    TabJournal journal(dir());
    QVERIFY(journal.beginSession().ok());
    journal.update(makeTab(QStringLiteral("c"), 2, QStringLiteral("SELECT 3")));
    journal.update(makeTab(QStringLiteral("a"), 0, QStringLiteral("SELECT 1")));
    journal.update(makeTab(QStringLiteral("b"), 1, QStringLiteral("SELECT 2")));
    QVERIFY(journal.flush().ok());
    QList<JournalTab> tabs = TabJournal::recover(dir()).value();
    QCOMPARE(tabs.size(), 3);
    QCOMPARE(tabs.at(0).id, QStringLiteral("a"));
    QCOMPARE(tabs.at(1).id, QStringLiteral("b"));
    QCOMPARE(tabs.at(2).id, QStringLiteral("c"));

    // The user drags tab c to the front.
    journal.setTabOrder({QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY(journal.flush().ok());
    tabs = TabJournal::recover(dir()).value();
    QCOMPARE(tabs.size(), 3);
    QCOMPARE(tabs.at(0).id, QStringLiteral("c"));
    QCOMPARE(tabs.at(1).id, QStringLiteral("a"));
    QCOMPARE(tabs.at(2).id, QStringLiteral("b"));
}

void tst_TabJournal::timerWritesChangedTabs()
{
    TabJournal journal(dir());
    journal.setInterval(50);
    QCOMPARE(journal.interval(), 50);
    QVERIFY(journal.beginSession().ok());
    QSignalSpy flushed(&journal, &TabJournal::flushed);
    journal.update(makeTab(QStringLiteral("one"), 0, QStringLiteral("SELECT 'timer'")));
    QVERIFY(tabFiles().isEmpty());
    QVERIFY(flushed.wait(5000));
    QVERIFY(!journal.hasPendingChanges());
    const QList<JournalTab> tabs = TabJournal::recover(dir()).value();
    QCOMPARE(tabs.size(), 1);
    QCOMPARE(tabs.at(0).text, QStringLiteral("SELECT 'timer'"));
}

void tst_TabJournal::flushWritesOnlyChangedTabs()
{
    TabJournal journal(dir());
    QVERIFY(journal.beginSession().ok());
    journal.update(makeTab(QStringLiteral("a"), 0, QStringLiteral("SELECT 1")));
    journal.update(makeTab(QStringLiteral("b"), 1, QStringLiteral("SELECT 2")));
    QVERIFY(journal.flush().ok());
    QCOMPARE(tabFiles().size(), 2);

    const QString fileA = QDir(dir()).filePath(tabFiles().at(0));
    const QString fileB = QDir(dir()).filePath(tabFiles().at(1));
    const QDateTime stampA = QFileInfo(fileA).lastModified();
    const QDateTime stampB = QFileInfo(fileB).lastModified();
    QTest::qWait(20);
    journal.update(makeTab(QStringLiteral("b"), 1, QStringLiteral("SELECT 2 + 2")));
    QVERIFY(journal.flush().ok());
    // Exactly one of the two files changed: the one holding tab b.
    const bool changedA = QFileInfo(fileA).lastModified() != stampA;
    const bool changedB = QFileInfo(fileB).lastModified() != stampB;
    QCOMPARE(int(changedA) + int(changedB), 1);
    QFile changed(changedA ? fileA : fileB);
    QVERIFY(changed.open(QIODevice::ReadOnly));
    QVERIFY(changed.readAll().contains("SELECT 2 + 2"));
}

void tst_TabJournal::leftoverTempFilesAreIgnored()
{
    TabJournal journal(dir());
    QVERIFY(journal.beginSession().ok());
    journal.update(makeTab(QStringLiteral("a"), 0, QStringLiteral("SELECT 'complete'")));
    QVERIFY(journal.flush().ok());
    const QString complete = QDir(dir()).filePath(tabFiles().at(0));

    // What an interrupted QSaveFile leaves behind: a half-written temporary next to the file.
    QFile partial(complete + QStringLiteral(".Xa12bC"));
    QVERIFY(partial.open(QIODevice::WriteOnly));
    partial.write(
        "{\"format\":\"strata-tab-journal\",\"version\":1,\"id\":\"a\",\"text\":\"SELECT 'half");
    partial.close();
    QFile other(QDir(dir()).filePath(QStringLiteral("tab-0000.json.tmp")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write(
        "{\"format\":\"strata-tab-journal\",\"version\":1,\"id\":\"ghost\",\"text\":\"x\"}");
    other.close();
    // And a truncated journal file, which an atomic write cannot produce but a disk can.
    QFile truncated(QDir(dir()).filePath(QStringLiteral("tab-ffff.json")));
    QVERIFY(truncated.open(QIODevice::WriteOnly));
    truncated.write("{\"format\":\"strata-tab-journal\",\"version\":1,\"id\":\"tr");
    truncated.close();

    const Result<QList<JournalTab>> recovered = TabJournal::recover(dir());
    QVERIFY(recovered.ok());
    QCOMPARE(recovered->size(), 1);
    QCOMPARE(recovered->at(0).id, QStringLiteral("a"));
    QCOMPARE(recovered->at(0).text, QStringLiteral("SELECT 'complete'"));
}

void tst_TabJournal::removedTabsDoNotComeBack()
{
    TabJournal journal(dir());
    QVERIFY(journal.beginSession().ok());
    journal.update(makeTab(QStringLiteral("keep"), 0, QStringLiteral("SELECT 'keep'")));
    journal.update(makeTab(QStringLiteral("drop"), 1, QStringLiteral("SELECT 'drop'")));
    QVERIFY(journal.flush().ok());
    QCOMPARE(TabJournal::recover(dir())->size(), 2);

    journal.remove(QStringLiteral("drop"));
    QVERIFY(journal.hasPendingChanges());
    QVERIFY(journal.flush().ok());
    const QList<JournalTab> tabs = TabJournal::recover(dir()).value();
    QCOMPARE(tabs.size(), 1);
    QCOMPARE(tabs.at(0).id, QStringLiteral("keep"));
    QCOMPARE(tabFiles().size(), 1);

    // Removed before it was ever written: nothing appears.
    journal.update(makeTab(QStringLiteral("brief"), 2, QStringLiteral("SELECT 'brief'")));
    journal.remove(QStringLiteral("brief"));
    QVERIFY(journal.flush().ok());
    QCOMPARE(TabJournal::recover(dir())->size(), 1);
}

void tst_TabJournal::staticWriteReplacesAndRemovesTabFiles()
{
    QVERIFY(TabJournal(dir()).beginSession().ok());
    const JournalTab hostile = makeTab(QStringLiteral("x'; DROP TABLE t; --"), 0,
                                       QStringLiteral("SELECT 'таблица', \"a\"\"b\""));
    QVERIFY(TabJournal::write(dir(), {hostile, makeTab(QStringLiteral("b"), 1,
                                                       QStringLiteral("SELECT 2"))},
                              {})
                .ok());
    QCOMPARE(TabJournal::recover(dir())->size(), 2);
    JournalTab changed = hostile;
    changed.text = QStringLiteral("SELECT 3");
    QVERIFY(TabJournal::write(dir(), {changed}, {QStringLiteral("b")}).ok());
    const QList<JournalTab> tabs = TabJournal::recover(dir()).value();
    QCOMPARE(tabs.size(), 1);
    QCOMPARE(tabs.at(0).id, hostile.id);
    QCOMPARE(tabs.at(0).text, QStringLiteral("SELECT 3"));
    QCOMPARE(tabFiles().size(), 1);
}

void tst_TabJournal::cleanEndSessionLeavesNothingToRecover()
{
    {
        TabJournal journal(dir());
        QVERIFY(journal.beginSession().ok());
        journal.update(makeTab(QStringLiteral("a"), 0, QStringLiteral("SELECT 1")));
        QVERIFY(journal.flush().ok());
        journal.update(makeTab(QStringLiteral("b"), 1, QStringLiteral("SELECT 2")));
        QVERIFY(journal.endSession().ok());
    }
    QVERIFY(!TabJournal::previousSessionCrashed(dir()));
    const Result<QList<JournalTab>> recovered = TabJournal::recover(dir());
    QVERIFY(recovered.ok());
    QVERIFY(recovered->isEmpty());
    QVERIFY(tabFiles().isEmpty());
}

void tst_TabJournal::beginSessionDiscardsTheEarlierJournal()
{
    {
        TabJournal crashed(dir());
        QVERIFY(crashed.beginSession().ok());
        crashed.update(makeTab(QStringLiteral("old"), 0, QStringLiteral("SELECT 'old'")));
        QVERIFY(crashed.flush().ok());
    }
    QVERIFY(TabJournal::previousSessionCrashed(dir()));
    const QList<JournalTab> old = TabJournal::recover(dir()).value();
    QCOMPARE(old.size(), 1);

    // The next start restores the tab under a new id, then begins its own session.
    TabJournal next(dir());
    JournalTab restored = old.at(0);
    restored.id = QStringLiteral("restored");
    next.update(restored);
    QVERIFY(next.beginSession().ok());
    QVERIFY(next.flush().ok());
    const QList<JournalTab> now = TabJournal::recover(dir()).value();
    QCOMPARE(now.size(), 1);
    QCOMPARE(now.at(0).id, QStringLiteral("restored"));
    QCOMPARE(now.at(0).text, QStringLiteral("SELECT 'old'"));
}

void tst_TabJournal::defaultsAreFiveSecondsAndTheDataDirectory()
{
    TabJournal journal;
    QCOMPARE(journal.interval(), 5000);
    QVERIFY(journal.directory().endsWith(QLatin1String("/journal")));
    QCOMPARE(journal.directory(), TabJournal::defaultDirectory());
}

void tst_TabJournal::tabsComeBackAfterTheProcessIsKilled()
{
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QStringLiteral("--child"), dir()});
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start();
    QVERIFY(child.waitForStarted(10000));
    QByteArray out;
    while (!out.contains("journaled\n")) {
        QVERIFY2(child.state() == QProcess::Running, "the child exited before journaling");
        QVERIFY2(child.waitForReadyRead(10000), "the child did not journal within 10 s");
        out += child.readAllStandardOutput();
    }
    // A real crash: no destructor, no endSession(), no chance to tidy up.
    QCOMPARE(::kill(pid_t(child.processId()), SIGKILL), 0);
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    QVERIFY(TabJournal::previousSessionCrashed(dir()));
    const Result<QList<JournalTab>> recovered = TabJournal::recover(dir());
    QVERIFY2(recovered.ok(), qPrintable(recovered.error().toString()));
    QCOMPARE(recovered->size(), 2);
    QCOMPARE(recovered->at(0).id, QStringLiteral("first"));
    QCOMPARE(recovered->at(0).text, ChildFirstText);
    QCOMPARE(recovered->at(0).connectionKey, PgKey);
    QCOMPARE(recovered->at(1).id, QStringLiteral("second"));
    QCOMPARE(recovered->at(1).text, ChildSecondText);
    QCOMPARE(recovered->at(1).connectionKey, MyKey);
}

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--child") == 0)
        return runChild(QString::fromLocal8Bit(argv[2]), argc, argv);
    QCoreApplication app(argc, argv);
    tst_TabJournal test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tabjournal.moc"
