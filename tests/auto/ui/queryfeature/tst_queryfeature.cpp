// SPDX-License-Identifier: GPL-3.0-or-later
#include "guitestsupport.h"

#include "connection/connectionprofile.h"
#include "connection/connectionurl.h"
#include "connection/profilestore.h"
#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "plugins/pluginmanager.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "query/querytabjournal.h"
#include "query/sqlfile.h"
#include "shell/mainwindow.h"
#include "workspace/tabjournal.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMenu>
#include <QTest>
#include <QTimer>

#include <algorithm>

#include <memory>

using namespace Strata;

class tst_QueryFeature : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ConnectionManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    QueryFeature *m_queries = nullptr;
    QString m_id;
    QString m_title;
    ConnectionSettings m_settings;
    // What the seams were asked, and what they answer.
    QList<QStringList> m_asked;
    QueryFeature::CloseChoice m_answer = QueryFeature::CloseChoice::Cancel;
    QString m_chosenFile;
    QStringList m_errors;

    QueryTab *newTab(const QString &text = {})
    {
        QueryTab *tab = m_queries->newQueryTab(m_id);
        if (tab && !text.isEmpty())
            tab->editor()->setText(text);
        return tab;
    }

    bool closeTab(QueryTab *tab)
    {
        QPointer<QueryTab> guard(tab);
        QTabWidget *workspace = m_window->workspace();
        Q_EMIT workspace->tabCloseRequested(workspace->indexOf(tab));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        return workspace->indexOf(tab) < 0;
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(data);
        return path;
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
    }

    void openConnection()
    {
        QSignalSpy ready(m_manager.get(), &ConnectionManager::catalogLoaded);
        m_id = m_manager->open(m_title, m_settings);
        QVERIFY(ready.wait(30000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_manager = Test::freshGuiManager(QStringLiteral("strata-test-queryfeature"));
        if (!m_manager->plugins()->pluginObject(QStringLiteral("sqlite")))
            QSKIP("the sqlite plugin is not built");
        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->installDefaultFeatures();
        m_queries = m_window->feature<QueryFeature>();
        QVERIFY(m_queries);
        m_queries->setCloseAsker([this](const QString &, const QStringList &tabs) {
            m_asked << tabs;
            return m_answer;
        });
        m_queries->setFileChooser([this](bool, const QString &) { return m_chosenFile; });
        m_queries->setErrorReporter([this](const QString &message) { m_errors << message; });

        m_settings.engine = QStringLiteral("sqlite");
        m_settings.database = m_dir.filePath(QStringLiteral("tst_queryfeature.db"));
        m_title = ConnectionUrl::toString(m_settings);
        openConnection();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void init()
    {
        m_asked.clear();
        m_errors.clear();
        m_chosenFile.clear();
        m_answer = QueryFeature::CloseChoice::Cancel;
    }

    void cleanup()
    {
        // Leave no tab behind for the next test.
        m_answer = QueryFeature::CloseChoice::Discard;
        for (QueryTab *tab : m_queries->tabs())
            QVERIFY(closeTab(tab));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_manager.reset();
    }

    void fileMenuHasTheTabActionsWithShortcuts_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QKeySequence>("shortcut");
        QTest::newRow("open") << "open" << QKeySequence(Qt::CTRL | Qt::Key_O);
        QTest::newRow("save") << "save" << QKeySequence(Qt::CTRL | Qt::Key_S);
        QTest::newRow("save as") << "saveAs" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
        QTest::newRow("close") << "close" << QKeySequence(Qt::CTRL | Qt::Key_W);
    }

    void fileMenuHasTheTabActionsWithShortcuts()
    {
        QFETCH(QString, name);
        QFETCH(QKeySequence, shortcut);
        QAction *action = name == QLatin1String("open")   ? m_queries->openAction()
                          : name == QLatin1String("save") ? m_queries->saveAction()
                          : name == QLatin1String("saveAs") ? m_queries->saveAsAction()
                                                            : m_queries->closeTabAction();
        QCOMPARE(action->shortcut(), shortcut);
        QVERIFY(!action->toolTip().isEmpty());
        QVERIFY(m_window->menu(MainWindow::Menu::File)->actions().contains(action));
    }

    void closingAnUnsavedTabAsks_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("chooseFile");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<bool>("saved");
        QTest::newRow("cancel keeps it") << int(QueryFeature::CloseChoice::Cancel) << true
                                         << false << false;
        QTest::newRow("discard closes") << int(QueryFeature::CloseChoice::Discard) << true << true
                                        << false;
        QTest::newRow("save writes, then closes")
            << int(QueryFeature::CloseChoice::Save) << true << true << true;
        QTest::newRow("save without a file keeps it")
            << int(QueryFeature::CloseChoice::Save) << false << false << false;
    }

    void closingAnUnsavedTabAsks()
    {
        QFETCH(int, answer);
        QFETCH(bool, chooseFile);
        QFETCH(bool, closed);
        QFETCH(bool, saved);
        const QString text = QStringLiteral("select 'таблица', \"a\"\"b\";\n");
        QueryTab *tab = newTab(text);
        QVERIFY(tab->isModified());
        const QString path = m_dir.filePath(QStringLiteral("close %1.sql").arg(QString::fromLatin1(QTest::currentDataTag())));
        m_answer = QueryFeature::CloseChoice(answer);
        m_chosenFile = chooseFile ? path : QString();
        const QString title = tab->displayTitle();
        QPointer<QueryTab> guard(tab);
        m_queries->closeTabAction()->trigger();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.constFirst(), QStringList{title});
        QCOMPARE(guard.isNull(), closed);
        QCOMPARE(QFile::exists(path), saved);
        if (saved)
            QCOMPARE(readFile(path), text.toUtf8());
    }

    void closingAnEmptyOrSavedTabDoesNotAsk()
    {
        QVERIFY(closeTab(newTab()));
        const QString path = writeFile(QStringLiteral("saved.sql"), "select 1;\n");
        QueryTab *tab = m_queries->openFile(path, m_id);
        QVERIFY(tab);
        QVERIFY(!tab->isModified());
        QVERIFY(closeTab(tab));
        QVERIFY(m_asked.isEmpty());
    }

    void saveAsWritesTheFileAndTheTitleFollows()
    {
        QueryTab *tab = newTab(QStringLiteral("select 1;"));
        QVERIFY(tab->displayTitle().startsWith(QLatin1String("Query ")));
        const QString base = QStringLiteral("x'; DROP TABLE t; -- \"таблица\"");
        m_chosenFile = m_dir.filePath(base);  // no suffix: .sql is added
        m_queries->saveAsAction()->trigger();
        const QString path = m_chosenFile + QStringLiteral(".sql");
        QCOMPARE(tab->filePath(), path);
        QCOMPARE(readFile(path), QByteArray("select 1;"));
        QVERIFY(!tab->isModified());
        QTabWidget *workspace = m_window->workspace();
        const QString saved = base + QStringLiteral(".sql — ") + m_title;
        QCOMPARE(workspace->tabText(workspace->indexOf(tab)), saved);
        QCOMPARE(workspace->tabToolTip(workspace->indexOf(tab)), QDir::toNativeSeparators(path));

        tab->editor()->append(QStringLiteral("\nselect 2;"));
        QVERIFY(tab->isModified());
        QCOMPARE(workspace->tabText(workspace->indexOf(tab)),
                 base + QStringLiteral(".sql* — ") + m_title);
        // Ctrl+S in the editor; no question: the tab has its file.
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        tab->editor()->setFocus();
        QTest::keyClick(tab->editor(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(readFile(path), QByteArray("select 1;\nselect 2;"));
        QCOMPARE(workspace->tabText(workspace->indexOf(tab)), saved);
        QVERIFY(m_errors.isEmpty());
    }

    void openSqlFileOpensANewTabOnTheCurrentConnection()
    {
        const QByteArray text = "-- таблица\nselect 42;\n";
        const QString path = writeFile(QStringLiteral("open me.sql"), "\xEF\xBB\xBF" + text);
        m_chosenFile = path;
        m_window->setCurrentConnection(m_id);
        m_queries->openAction()->trigger();
        QCOMPARE(m_queries->tabs().size(), 1);
        QueryTab *tab = m_queries->tabs().constFirst();
        QCOMPARE(tab->editor()->text().toUtf8(), text);  // the BOM is not text
        QCOMPARE(tab->connectionId(), m_id);
        QCOMPARE(tab->filePath(), path);
        QVERIFY(!tab->isModified());
        QCOMPARE(m_window->workspace()->currentWidget(), tab);
        // The same file again shows the tab it is already in.
        QCOMPARE(m_queries->openFile(path, m_id), tab);
        QCOMPARE(m_queries->tabs().size(), 1);
    }

    void openRejectsWhatIsNotSqlText_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("error");
        QTest::newRow("binary") << "binary.sql" << QByteArray("SQLite format 3\0\0\1", 19)
                                << "binary";
        QTest::newRow("latin-1") << "latin1.sql" << QByteArray("select 'caf\xE9';") << "UTF-8";
        QTest::newRow("huge") << "huge.sql" << QByteArray() << "too large";
        QTest::newRow("missing") << "" << QByteArray() << "Cannot open";
        QTest::newRow("folder") << "." << QByteArray() << "folder";
    }

    void openRejectsWhatIsNotSqlText()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, data);
        QFETCH(QString, error);
        QString path;
        if (name.isEmpty()) {
            path = m_dir.filePath(QStringLiteral("no such file.sql"));
        } else if (name == QLatin1String(".")) {
            path = m_dir.path();
        } else {
            path = writeFile(name, data);
            if (qstrcmp(QTest::currentDataTag(), "huge") == 0) {
                QFile file(path);
                QVERIFY(file.resize(SqlFile::MaxBytes + 1));  // sparse: costs no disk
            }
        }
        QCOMPARE(m_queries->openFile(path, m_id), nullptr);
        QCOMPARE(m_queries->tabs().size(), 0);
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.constFirst().contains(error), qPrintable(m_errors.constFirst()));
    }

    void quittingAsksOnceForAllUnsavedTabs_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("closes");
        QTest::newRow("cancel") << int(QueryFeature::CloseChoice::Cancel) << false;
        QTest::newRow("save all") << int(QueryFeature::CloseChoice::Save) << true;
    }

    void quittingAsksOnceForAllUnsavedTabs()
    {
        QFETCH(int, answer);
        QFETCH(bool, closes);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        QueryTab *first = newTab(QStringLiteral("select 1;"));
        m_chosenFile = m_dir.filePath(QStringLiteral("quit %1 a.sql").arg(tag));
        QVERIFY(m_queries->saveAs(first));
        QueryTab *second = newTab(QStringLiteral("select 2;"));
        m_chosenFile = m_dir.filePath(QStringLiteral("quit %1 b.sql").arg(tag));
        QVERIFY(m_queries->saveAs(second));
        first->editor()->append(QStringLiteral(" -- 1"));
        second->editor()->append(QStringLiteral(" -- 2"));
        newTab();  // empty: not asked about
        m_chosenFile.clear();
        m_answer = QueryFeature::CloseChoice(answer);
        const QStringList titles{first->displayTitle(), second->displayTitle()};
        QVERIFY2(titles.constFirst().contains(QStringLiteral("a.sql* — ")), qPrintable(titles.join(QLatin1Char('|'))));
        QCOMPARE(m_window->close(), closes);
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.constFirst(), titles);
        if (closes) {
            QVERIFY(!first->isModified());
            QVERIFY(!second->isModified());
            QCOMPARE(readFile(second->filePath()), QByteArray("select 2; -- 2"));
            m_window->show();
        } else {
            QVERIFY(m_window->isVisible());
            QVERIFY(first->isModified());
        }
    }

    void tabsFollowTheirConnection()
    {
        QueryTab *tab = newTab(QStringLiteral(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
            "SELECT count(*) FROM c;"));
        QVERIFY(tab->isBound());
        QSignalSpy finished(tab, &QueryTab::runFinished);
        tab->runScriptAction()->trigger();
        QTRY_VERIFY(tab->isRunning());
        QTest::qWait(200);

        m_manager->close(m_id);
        QVERIFY(finished.wait(10000));
        QVERIFY(!tab->isBound());
        QVERIFY(!tab->isRunning());
        QVERIFY(!tab->runScriptAction()->isEnabled());
        QVERIFY(!tab->runStatementAction()->isEnabled());
        QVERIFY(tab->editor()->text().contains(QLatin1String("RECURSIVE")));
        QTabWidget *workspace = m_window->workspace();
        QVERIFY(workspace->tabText(workspace->indexOf(tab)).endsWith(QLatin1String("(disconnected)")));
        const QString log = tab->messages()->toPlainText();
        QVERIFY2(log.contains(QLatin1String("Interrupted")), qPrintable(log));
        QVERIFY2(log.contains(QLatin1String("Disconnected")), qPrintable(log));

        // The same connection again: the tab binds to it and Run comes back.
        openConnection();
        QTRY_VERIFY(tab->isBound());
        QCOMPARE(tab->connectionId(), m_id);
        QVERIFY(tab->runScriptAction()->isEnabled());
        QVERIFY(!workspace->tabText(workspace->indexOf(tab)).contains(QLatin1String("disconnected")));
        tab->editor()->setText(QStringLiteral("select 7;"));
        tab->runScriptAction()->trigger();
        QVERIFY(finished.wait(10000));
        QCOMPARE(tab->resultCount(), 1);
    }

    void tabsOfAProfileBindToItsNextConnection()
    {
        const QString profile = QStringLiteral("p \"a\"b таблица");
        QSignalSpy ready(m_manager.get(), &ConnectionManager::catalogLoaded);
        const QString first = m_manager->open(QStringLiteral("first title"), m_settings, profile);
        QVERIFY(ready.wait(30000));
        QueryTab *tab = m_queries->newQueryTab(first);
        QVERIFY(tab);
        QCOMPARE(m_queries->tabConnectionKey(tab), QStringLiteral("profile:") + profile);
        m_manager->close(first);
        QVERIFY(!tab->isBound());
        // Same profile, another title (it was renamed or edited): still this tab's connection.
        const QString second = m_manager->open(QStringLiteral("second title"), m_settings, profile);
        QVERIFY(ready.wait(30000));
        QTRY_VERIFY(tab->isBound());
        QCOMPARE(tab->connectionId(), second);
        QVERIFY(tab->displayTitle().endsWith(QLatin1String("second title")));
        m_manager->close(second);
    }

    void recoveredTabsConnectTheirProfileOrSayWhatTheyWaitFor()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.filePath(QStringLiteral("journal"));
        const QString name = QStringLiteral("x'; DROP TABLE t; -- lite");
        ProfileStore profiles;
        QVERIFY(profiles.save(ConnectionProfile(name, m_settings)));
        {
            TabJournal crashed(base);
            QVERIFY(crashed.beginSession());
            JournalTab tab;
            tab.id = QStringLiteral("one");
            tab.text = QStringLiteral("select 'profile';");
            tab.connectionKey = QStringLiteral("profile:") + name;
            crashed.update(tab);
            tab.id = QStringLiteral("two");
            tab.text = QStringLiteral("select 'server';");
            tab.connectionKey = QStringLiteral("connection:postgresql://nobody@192.0.2.1/db");
            tab.order = 1;
            crashed.update(tab);
            tab.id = QStringLiteral("three");
            tab.text = QStringLiteral("select count(*) from customers;");
            tab.connectionKey = QStringLiteral("demo");
            tab.order = 2;
            crashed.update(tab);
            QVERIFY(crashed.flush());
        }
        ConnectionManager manager;
        manager.plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        manager.plugins()->loadAll();
        // Something open, so that the demo is not opened as well.
        manager.open(m_title, m_settings);
        MainWindow window(&manager);
        window.installDefaultFeatures();
        QueryFeature *queries = window.feature<QueryFeature>();
        QCOMPARE(queries->startSession(base), 3);
        const QList<QueryTab *> tabs = queries->tabs();
        QCOMPARE(tabs.size(), 3);
        // The demo database is opened for its tab although another connection is open.
        QTRY_VERIFY_WITH_TIMEOUT(tabs.at(2)->isBound(), 60000);
        QCOMPARE(queries->tabConnectionKey(tabs.at(2)), QStringLiteral("demo"));
        QVERIFY(tabs.at(2)->displayTitle().startsWith(QStringLiteral("Query 1 — Demo database")));
        QTRY_VERIFY_WITH_TIMEOUT(tabs.at(0)->isBound(), 30000);
        QCOMPARE(manager.profileName(tabs.at(0)->connectionId()), name);
        QCOMPARE(tabs.at(0)->editor()->text(), QStringLiteral("select 'profile';"));
        QVERIFY(!tabs.at(1)->isBound());
        QVERIFY(!tabs.at(1)->runScriptAction()->isEnabled());
        QVERIFY(tabs.at(1)->displayTitle().endsWith(
            QLatin1String("postgresql://nobody@192.0.2.1/db (disconnected)")));
        QVERIFY(tabs.at(1)->messages()->toPlainText().contains(
            QLatin1String("Open postgresql://nobody@192.0.2.1/db again to run this tab.")));
        QVERIFY(profiles.remove(name));
        queries->setCloseAsker(
            [](const QString &, const QStringList &) { return QueryFeature::CloseChoice::Discard; });
        QVERIFY(window.close());
        manager.closeAll();
    }

    void crashedJournalsOfOtherInstancesAreRecoveredToo()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.filePath(QStringLiteral("journal"));
        {
            // A second instance that crashed: its folder has a marker and a tab, no live lock.
            TabJournal crashed(base + QStringLiteral("-1"));
            QVERIFY(crashed.beginSession());
            JournalTab tab;
            tab.id = QStringLiteral("a\"b");
            tab.text = QStringLiteral("select 'from the second window';");
            tab.connectionKey = QStringLiteral("profile:x'; DROP TABLE t; --");
            crashed.update(tab);
            QVERIFY(crashed.flush());
        }
        QueryTabJournal journal([](QueryTab *) { return QString(); });
        const Result<QList<JournalTab>> recovered = journal.claim(base);
        QVERIFY(recovered);
        QCOMPARE(recovered.value().size(), 1);
        QCOMPARE(recovered.value().constFirst().text,
                 QStringLiteral("select 'from the second window';"));
        QCOMPARE(recovered.value().constFirst().connectionKey,
                 QStringLiteral("profile:x'; DROP TABLE t; --"));
        QCOMPARE(journal.directory(), base);
        // Kept until this session has journaled the tabs itself, then emptied.
        QVERIFY(TabJournal::previousSessionCrashed(base + QStringLiteral("-1")));
        QVERIFY(journal.begin());
        QVERIFY(!TabJournal::previousSessionCrashed(base + QStringLiteral("-1")));
        QVERIFY(journal.end());
    }

    void journalHoldsEachTabSoonAfterItChanges()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.filePath(QStringLiteral("journal"));
        QueryTab *quiet = newTab(QStringLiteral("select 'quiet';"));
        QCOMPARE(m_queries->startSession(base), 0);
        QCOMPARE(m_queries->journal()->directory(), base);
        QVERIFY(TabJournal::previousSessionCrashed(base));

        // A second instance on the same folders neither recovers nor touches this journal.
        {
            QueryTabJournal other([](QueryTab *) { return QString(); });
            const Result<QList<JournalTab>> taken = other.claim(base);
            QVERIFY(taken);
            QVERIFY(taken.value().isEmpty());
            QCOMPARE(other.directory(), base + QStringLiteral("-1"));
        }
        QueryTab *busy = newTab();
        busy->editor()->setText(QStringLiteral("select 'typed a\"b';"));
        auto journaled = [&base](const QString &text) {
            const auto tabs = TabJournal::recover(base);
            if (!tabs)
                return false;
            for (const JournalTab &tab : tabs.value()) {
                if (tab.text == text)
                    return true;
            }
            return false;
        };
        QElapsedTimer timer;
        timer.start();
        QTRY_VERIFY_WITH_TIMEOUT(journaled(QStringLiteral("select 'typed a\"b';")), 3000);
        QVERIFY(timer.elapsed() < 2500);
        QVERIFY(journaled(QStringLiteral("select 'quiet';")));

        // Only the changed tab is written again.
        QDir dir(base);
        QHash<QString, QDateTime> before;
        for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("tab-*.json")}))
            before.insert(info.fileName(), info.lastModified());
        QCOMPARE(before.size(), 2);
        QTest::qWait(20);
        busy->editor()->append(QStringLiteral(" -- more"));
        QTRY_VERIFY_WITH_TIMEOUT(journaled(QStringLiteral("select 'typed a\"b'; -- more")), 3000);
        int rewritten = 0;
        for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("tab-*.json")}))
            rewritten += before.value(info.fileName()) != info.lastModified() ? 1 : 0;
        QCOMPARE(rewritten, 1);

        // A big tab costs one copy and one write per second while it changes, nothing otherwise.
        busy->editor()->setText(QStringLiteral("select 'таблица', 12345;\n").repeated(200000));
        QSignalSpy failed(m_queries->journal(), &QueryTabJournal::flushFailed);
        QElapsedTimer big;
        big.start();
        QVERIFY(m_queries->journal()->flush());
        qInfo("%.1f MB tab: a synchronous flush (copy, encode, write) takes %lld ms",
              busy->editor()->length() / 1048576.0, big.elapsed());
        // While typing into it, the journal's writes happen off the GUI thread: the event
        // loop keeps turning.
        QElapsedTimer gap;
        qint64 worstGap = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            worstGap = std::max(worstGap, gap.restart());
        });
        gap.start();
        probe.start();
        for (int i = 0; i < 25; ++i) {
            busy->editor()->insertAt(QStringLiteral("x"), 0, 0);
            QTest::qWait(100);
        }
        probe.stop();
        qInfo("typing for 2.5 s into it: worst event-loop gap %lld ms", worstGap);
        QVERIFY2(worstGap < 250, qPrintable(QString::number(worstGap)));
        QTRY_VERIFY_WITH_TIMEOUT(journaled(busy->editor()->text()), 5000);
        QVERIFY(failed.isEmpty());

        // A closed tab leaves the journal.
        m_answer = QueryFeature::CloseChoice::Discard;
        QVERIFY(closeTab(quiet));
        QTRY_VERIFY(!journaled(QStringLiteral("select 'quiet';")));

        // A clean quit ends the session.
        QVERIFY(m_window->close());
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(QLatin1Char('\n'))));
        QVERIFY(!TabJournal::previousSessionCrashed(base));
        m_window->show();
    }

};

QTEST_MAIN(tst_QueryFeature)
#include "tst_queryfeature.moc"
