// SPDX-License-Identifier: GPL-3.0-or-later
// Kills the real strata process while it has query tabs open and checks that they come back,
// bound to their connection, with nothing run.
#include "connection/connectionurl.h"
#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "history/queryhistory.h"
#include "plugins/pluginmanager.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "shell/mainwindow.h"
#include "workspace/tabjournal.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QSignalSpy>
#include <QFile>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Strata;

class tst_TabRecovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_counterDb;
    QString m_url;

    QString dir(const QString &name) const { return m_root.filePath(name); }

    qint64 counterRows()
    {
        qint64 rows = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("counter"));
            db.setDatabaseName(m_counterDb);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(QStringLiteral("SELECT count(*) FROM \"tst_tabs counter\"")) &&
                    query.next()) {
                    rows = query.value(0).toLongLong();
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("counter"));
        return rows;
    }

    static int journaledTabsWith(const QString &journal, const QStringList &texts)
    {
        const Result<QList<JournalTab>> tabs = TabJournal::recover(journal);
        if (!tabs)
            return -1;
        int found = 0;
        for (const JournalTab &tab : tabs.value()) {
            if (texts.contains(tab.text) && !tab.connectionKey.isEmpty())
                ++found;
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        // Private XDG folders, shared by the killed process and this one.
        for (const char *name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            const QString path = dir(QString::fromLatin1(name));
            QVERIFY(QDir().mkpath(path));
            qputenv(name, QFile::encodeName(path));
        }
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        QCoreApplication::setApplicationName(QStringLiteral("strata"));

        // The counter table lives in a SQLite file of its own: no other test touches it.
        m_counterDb = dir(QStringLiteral("counter.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("setup"));
            db.setDatabaseName(m_counterDb);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE \"tst_tabs counter\" (n INTEGER)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("setup"));
        QCOMPARE(counterRows(), 0);
        m_url = QStringLiteral("sqlite://") + m_counterDb;
    }

    void killedProcessComesBackWithItsTabsAndRunsNothing()
    {
        const QString binary = QStringLiteral(STRATA_GUI_BINARY);
        QVERIFY2(QFile::exists(binary), qPrintable(binary));

        // A file tab (a hostile file name) and an unsaved untitled tab read from stdin.
        QVERIFY(QDir().mkpath(dir(QStringLiteral("my queries"))));
        const QString filePath = dir(QStringLiteral("my queries/x'; DROP TABLE t; --.sql"));
        const QString fileText = QStringLiteral(
            "INSERT INTO \"tst_tabs counter\" VALUES (1);\n-- таблица \"a\"\"b\"\n");
        {
            QFile file(filePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(fileText.toUtf8());
        }
        const QString typedText = QStringLiteral(
            "INSERT INTO \"tst_tabs counter\" VALUES (2); -- <b>unsaved</b> таблица\n");
        const QString journal = QDir(dir(QStringLiteral("XDG_DATA_HOME")))
                                    .filePath(QStringLiteral("Strata/strata/journal"));

        QProcess strata;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("STRATA_PLUGIN_PATH"), QStringLiteral(STRATA_PLUGIN_DIR));
        strata.setProcessEnvironment(env);
        strata.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        strata.start(binary, {m_url, filePath, QStringLiteral("-")});
        QVERIFY(strata.waitForStarted());
        strata.write(typedText.toUtf8());
        strata.closeWriteChannel();

        // Both tabs journaled, bound to the connection, within a few seconds.
        QTRY_COMPARE_WITH_TIMEOUT(journaledTabsWith(journal, {fileText, typedText}), 2, 30000);
        QVERIFY(TabJournal::previousSessionCrashed(journal));
        strata.kill();  // SIGKILL
        QVERIFY(strata.waitForFinished(10000));
        QCOMPARE(strata.exitStatus(), QProcess::CrashExit);
        QVERIFY(TabJournal::previousSessionCrashed(journal));

        // Start again as main.cpp does, on the same folders.
        ConnectionManager manager;
        manager.plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        manager.plugins()->loadAll();
        QVERIFY(manager.plugins()->pluginObject(QStringLiteral("sqlite")));
        auto window = std::make_unique<MainWindow>(&manager);
        window->installDefaultFeatures();
        const Result<ConnectionSettings> settings = ConnectionUrl::parse(m_url);
        QVERIFY(settings);
        const QString title = ConnectionUrl::toString(settings.value());
        const QString id = manager.open(title, settings.value());
        QueryFeature *queries = window->feature<QueryFeature>();
        QCOMPARE(queries->startSession(), 2);
        window->show();
        QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("Recovered 2")));

        QList<QueryTab *> tabs = queries->tabs();
        QCOMPARE(tabs.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(tabs.at(0)->isBound() && tabs.at(1)->isBound(), 30000);
        for (QueryTab *tab : tabs) {
            QCOMPARE(tab->connectionId(), id);
            QCOMPARE(queries->tabConnectionKey(tab), QStringLiteral("connection:") + title);
            QVERIFY(tab->runScriptAction()->isEnabled());
        }
        QCOMPARE(tabs.at(0)->editor()->text(), fileText);
        QCOMPARE(tabs.at(0)->filePath(), filePath);
        QVERIFY(!tabs.at(0)->isModified());
        QCOMPARE(tabs.at(1)->editor()->text(), typedText);
        QVERIFY(tabs.at(1)->filePath().isEmpty());
        QVERIFY(tabs.at(1)->isModified());
        QVERIFY(tabs.at(1)->messages()->toPlainText().contains(QLatin1String("Nothing was run")));

        // Nothing ran, in either process.
        QTest::qWait(500);
        QCOMPARE(counterRows(), 0);
        QueryHistory history;
        QVERIFY(history.open());
        const Result<QList<HistoryEntry>> entries = history.recent(title);
        QVERIFY(entries);
        QVERIFY(entries.value().isEmpty());

        // The recovered tabs work: run the file tab, then a new one with a failing statement.
        QSignalSpy finished(tabs.at(0), &QueryTab::runFinished);
        tabs.at(0)->runScriptAction()->trigger();
        QVERIFY(finished.wait(10000));
        QCOMPARE(counterRows(), 1);
        QueryTab *third = queries->newQueryTab(id);
        QVERIFY(third);
        third->editor()->setText(QStringLiteral(
            "SELECT n, 'таблица' AS name FROM \"tst_tabs counter\";\nSELECT * FROM missing;\n"));
        QSignalSpy thirdFinished(third, &QueryTab::runFinished);
        third->runScriptAction()->trigger();
        QVERIFY(thirdFinished.wait(10000));
        QCOMPARE(history.recent(title).value().size(), 3);

        // What the user sees: the recovered tabs and the history dock.
        auto *dock = window->findChild<QDockWidget *>(QStringLiteral("QueryHistoryDock"));
        QVERIFY(dock);
        dock->toggleViewAction()->trigger();
        QTRY_VERIFY(dock->isVisible());
        window->resize(1280, 800);
        window->workspace()->setCurrentWidget(tabs.at(1));
        auto *panel = dock->findChild<QTreeView *>();
        QVERIFY(panel);
        panel->setCurrentIndex(panel->model()->index(0, 0));
        QTest::qWait(100);
        const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            window->grab().save(QDir(shots).filePath(QStringLiteral("screenshot-history.png")));

        // The recovered session is journaled again; a clean close (discarding) ends it.
        QVERIFY(TabJournal::previousSessionCrashed(journal));
        queries->setCloseAsker([](const QString &, const QStringList &tabs) {
            return tabs.size() == 2 ? QueryFeature::CloseChoice::Discard
                                    : QueryFeature::CloseChoice::Cancel;
        });
        QVERIFY(window->close());
        QVERIFY(!TabJournal::previousSessionCrashed(journal));
        window.reset();
        manager.closeAll();
    }
};

QTEST_MAIN(tst_TabRecovery)
#include "tst_tabrecovery.moc"
