// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationsPanel against real databases (a SQLite file, a private PostgreSQL schema, a private
// MariaDB database): states, the preview equal to what strata-cli --dry-run prints, the
// confirmation naming the database, Apply, Rollback, a failing migration, Repair, and the
// actions' enabled state with their reasons.
#include "migrations/migrationcontroller.h"
#include "migrations/migrationsfeature.h"
#include "migrations/migrationsmodel.h"
#include "migrations/migrationspanel.h"

#include "migrations/migrationplanner.h"
#include "migrations/migrationreader.h"
#include "plugins/imigrations.h"
#include "scratchdatabase.h"

#include "../migrationpanelsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Strata;
using namespace Qt::StringLiterals;
using Command = MigrationPlanner::Command;

namespace {

const QString V1 = u"20260101000001"_s;
const QString V2 = u"20260101000002"_s;
const QString V3 = u"20260101000003"_s;
const QString V4 = u"20260101000004"_s;

using Test::writeFile;

QString migration(const QString &up, const QString &down)
{
    return u"-- migrate:up\n"_s + up + u"\n\n-- migrate:down\n"_s + down + u'\n';
}

// Three migrations with hostile table names: a"b, таблица, and one that looks like an injection.
bool writeFolder(const QString &dir, const IDialect &dialect)
{
    const QString quote = dialect.quoteIdentifier(u"a\"b"_s);
    const QString cyrillic = dialect.quoteIdentifier(u"таблица"_s);
    const QString injection = dialect.quoteIdentifier(u"x'; DROP TABLE t; --"_s);
    return writeFile(dir + u"/"_s + V1 + u"_create_quote.sql"_s,
                     migration(u"CREATE TABLE %1 (id int);"_s.arg(quote),
                               u"DROP TABLE %1;"_s.arg(quote))) &&
           writeFile(dir + u"/"_s + V2 + u"_create_cyrillic.sql"_s,
                     migration(u"CREATE TABLE %1 (x int);\nINSERT INTO %1 (x) VALUES (1);"_s.arg(
                                   cyrillic),
                               u"DROP TABLE %1;"_s.arg(cyrillic))) &&
           writeFile(dir + u"/"_s + V3 + u"_create_injection.sql"_s,
                     migration(u"CREATE TABLE %1 (y int);"_s.arg(injection),
                               u"DROP TABLE %1;"_s.arg(injection)));
}

const IMigrations *migrationsOf(EngineSession &session)
{
    return qobject_cast<IMigrations *>(session.plugin());
}

// What strata-cli migrate … --dry-run prints for the folder and the database as they are.
QString dryRun(EngineSession &session, const QString &dir, Command command,
               const MigrationPlanner::Options &options = {})
{
    const IMigrations *engine = migrationsOf(session);
    MigrationRunner runner(engine, {});
    const Result<QList<AppliedMigration>> history = runner.readHistory(&session).result();
    if (!history)
        return u"history: "_s + history.error().toString();
    const MigrationReader::Contents contents = MigrationReader::readDirectory(dir);
    const MigrationStatus status(contents.migrations, history.value());
    MigrationPlanner planner(engine);
    const Result<MigrationPlanner::Plan> plan =
        planner.plan(status, contents.problems, command, options);
    return plan ? planner.render(plan.value()) : plan.error().message();
}

QString cell(const MigrationsPanel &panel, const QString &version, int column)
{
    const int row = panel.model()->rowOf(version);
    return row < 0 ? u"(no row)"_s : panel.model()->index(row, column).data().toString();
}

} // namespace

class tst_MigrationsPanel : public QObject
{
    Q_OBJECT

private:
    static bool settle(MigrationsPanel &panel) { return Test::settle(panel); }
    // Triggers action with the asker answering answer; waits for the run and the refresh.
    static bool runAction(MigrationsPanel &panel, QAction *action, bool answer,
                          MigrationsPanel::Confirmation *asked = nullptr)
    {
        int asks = 0;
        panel.setAsker([&](const MigrationsPanel::Confirmation &c) {
            ++asks;
            if (asked)
                *asked = c;
            return answer;
        });
        QSignalSpy ended(&panel, &MigrationsPanel::runEnded);
        action->trigger();
        if (asks != 1) {
            qWarning("asked %d times; summary: %s", asks, qPrintable(panel.summary()));
            return false;
        }
        if (answer && !ended.wait(60000))
            return false;
        return settle(panel);
    }

private Q_SLOTS:
    void appliesAndRollsBackWithConfirmation_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
        QTest::newRow("mariadb") << u"mysql"_s;
    }
    void appliesAndRollsBackWithConfirmation()
    {
        QFETCH(QString, engine);
        if (engine == u"postgresql")
            STRATA_REQUIRE_PG();
        if (engine == u"mysql")
            STRATA_REQUIRE_MYSQL();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Test::ScratchDatabase scratch(u"tst_migrationspanel_"_s + engine);
        const QString opened = scratch.open(engine, dir.path());
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        const QString folder = dir.filePath(u"migrations"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(writeFolder(folder, scratch.dialect()));
        EngineSession &session = scratch.session();
        const QString label = MigrationsFeature::databaseLabel(session.settings());

        MigrationsPanel panel;
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(1000, 700);
        panel.setConnection(&session, migrationsOf(session), label, session.serverVersion());
        panel.setFolder(folder);
        QVERIFY(settle(panel));
        QCOMPARE(panel.targetText(), u"Target: %1 (%2)"_s.arg(label, session.serverVersion()));

        // Everything pending: Apply can run, Rollback and Repair say why not.
        QCOMPARE(panel.model()->rowCount(), 3);
        for (const QString &v : {V1, V2, V3})
            QCOMPARE(cell(panel, v, MigrationsModel::StateColumn), u"pending"_s);
        QVERIFY(panel.applyAction()->isEnabled());
        QVERIFY(!panel.rollbackAction()->isEnabled());
        QVERIFY2(panel.rollbackAction()->toolTip().contains(u"Nothing to roll back"_s),
                 qPrintable(panel.rollbackAction()->toolTip()));
        QVERIFY(!panel.repairAction()->isEnabled());
        QVERIFY(panel.repairAction()->toolTip().contains(u"Select a failed, changed or missing"_s));
        QVERIFY(!panel.stopAction()->isEnabled());

        // The preview is exactly the dry run.
        panel.previewChoice()->setCurrentIndex(0);
        QCOMPARE(panel.preview()->toPlainText(), dryRun(session, folder, Command::Up));
        QVERIFY(
            panel.preview()->toPlainText().contains(scratch.dialect().quoteIdentifier(u"a\"b"_s)));

        // Refused: nothing runs.
        MigrationsPanel::Confirmation asked;
        QVERIFY(runAction(panel, panel.applyAction(), false, &asked));
        QCOMPARE(asked.question, u"Apply 3 migrations to %1?"_s.arg(label));
        QCOMPARE(asked.databaseLabel, label);
        QCOMPARE(asked.stepCount, 3);
        QCOMPARE(asked.sql, dryRun(session, folder, Command::Up));
        QVERIFY(panel.summary().contains(u"nothing was run"_s));
        panel.refresh();
        QVERIFY(settle(panel));
        QCOMPARE(cell(panel, V1, MigrationsModel::StateColumn), u"pending"_s);

        // Up to and including the selected pending one.
        panel.selectVersion(V2);
        QCOMPARE(panel.optionsFor(Command::Up).target, V2);
        QCOMPARE(panel.preview()->toPlainText(),
                 dryRun(session, folder, Command::Up, {V2, 1, false}));
        QVERIFY(runAction(panel, panel.applyAction(), true, &asked));
        QCOMPARE(asked.question, u"Apply 2 migrations to %1?"_s.arg(label));
        QVERIFY2(!panel.summaryIsError(), qPrintable(panel.summary()));
        QCOMPARE(panel.summary(), u"Applied 2 migrations to %1."_s.arg(label));
        QCOMPARE(cell(panel, V1, MigrationsModel::StateColumn), u"applied"_s);
        QCOMPARE(cell(panel, V2, MigrationsModel::StateColumn), u"applied"_s);
        QCOMPARE(cell(panel, V3, MigrationsModel::StateColumn), u"pending"_s);
        QVERIFY2(cell(panel, V1, MigrationsModel::ResultColumn).startsWith(u"applied in "_s),
                 qPrintable(cell(panel, V1, MigrationsModel::ResultColumn)));
        QVERIFY(cell(panel, V2, MigrationsModel::ResultColumn).startsWith(u"applied in "_s));
        QVERIFY(cell(panel, V3, MigrationsModel::ResultColumn).isEmpty());
        QVERIFY(!cell(panel, V1, MigrationsModel::AppliedAtColumn).isEmpty());
        QVERIFY(!cell(panel, V1, MigrationsModel::AppliedByColumn).isEmpty());
        QVERIFY(
            panel.output()->toPlainText().contains(u"%1_create_cyrillic: applied in"_s.arg(V2)));
        QCOMPARE(panel.historyView()->model()->rowCount(), 2);
        QVERIFY(
            scratch.run(u"SELECT x FROM %1"_s.arg(scratch.dialect().quoteIdentifier(u"таблица"_s)))
                .isEmpty());

        // The rest, with no selection.
        panel.view()->clearSelection();
        QVERIFY(panel.optionsFor(Command::Up).target.isEmpty());
        QVERIFY(runAction(panel, panel.applyAction(), true, &asked));
        QCOMPARE(asked.stepCount, 1);
        QCOMPARE(cell(panel, V3, MigrationsModel::StateColumn), u"applied"_s);
        QVERIFY(!panel.applyAction()->isEnabled());
        QVERIFY(panel.applyAction()->toolTip().contains(u"no migration is pending"_s));

        // Rollback of the newest one: preview, then the run.
        QVERIFY(panel.rollbackAction()->isEnabled());
        panel.previewChoice()->setCurrentIndex(1);
        QCOMPARE(panel.preview()->toPlainText(), dryRun(session, folder, Command::Down));
        QVERIFY(runAction(panel, panel.rollbackAction(), true, &asked));
        QCOMPARE(asked.question, u"Roll back 1 migration on %1?"_s.arg(label));
        QCOMPARE(cell(panel, V3, MigrationsModel::StateColumn), u"pending"_s);
        QVERIFY2(cell(panel, V3, MigrationsModel::ResultColumn).startsWith(u"reverted in "_s),
                 qPrintable(cell(panel, V3, MigrationsModel::ResultColumn)));
        QCOMPARE(cell(panel, V2, MigrationsModel::StateColumn), u"applied"_s);

        // Rollback to the selected applied one keeps it applied; selecting the newest says why not.
        panel.selectVersion(V2);
        QVERIFY(!panel.rollbackAction()->isEnabled());
        QVERIFY(panel.rollbackAction()->toolTip().contains(u"Nothing is applied after"_s));
        panel.selectVersion(V1);
        QCOMPARE(panel.optionsFor(Command::Down).target, V1);
        QCOMPARE(panel.preview()->toPlainText(),
                 dryRun(session, folder, Command::Down, {V1, 1, false}));
        QVERIFY(runAction(panel, panel.rollbackAction(), true, &asked));
        QCOMPARE(asked.stepCount, 1);
        QCOMPARE(cell(panel, V1, MigrationsModel::StateColumn), u"applied"_s);
        QCOMPARE(cell(panel, V2, MigrationsModel::StateColumn), u"pending"_s);

        // A failing migration: Result and Output say so, the summary is an error.
        QVERIFY(writeFile(
            folder + u"/"_s + V4 + u"_fails.sql"_s,
            migration(
                u"CREATE TABLE tst_mp_ok (z int);\nINSERT INTO tst_mp_no_such_table VALUES (1);"_s,
                u"DROP TABLE tst_mp_ok;"_s)));
        panel.refresh();
        QVERIFY(settle(panel));
        panel.view()->clearSelection();
        QVERIFY(runAction(panel, panel.applyAction(), true, &asked));
        QCOMPARE(asked.stepCount, 3);
        QVERIFY(panel.summaryIsError());
        QVERIFY2(panel.summary().contains(u"failed"_s), qPrintable(panel.summary()));
        QVERIFY2(cell(panel, V4, MigrationsModel::ResultColumn).startsWith(u"failed: "_s),
                 qPrintable(cell(panel, V4, MigrationsModel::ResultColumn)));
        QVERIFY(panel.output()->toPlainText().contains(u"Failed: "_s));
        panel.grab().save(u"/tmp/strata-migrations-failed-%1.png"_s.arg(engine));
        QCOMPARE(cell(panel, V3, MigrationsModel::StateColumn), u"applied"_s);

        if (engine == u"mysql") {
            // No transactional DDL: the history says failed; Apply refuses until Repair.
            QCOMPARE(cell(panel, V4, MigrationsModel::StateColumn), u"failed"_s);
            QVERIFY(!panel.applyAction()->isEnabled());
            QVERIFY(panel.problems()->toPlainText().contains(V4));
            panel.selectVersion(V4);
            QVERIFY2(panel.repairAction()->isEnabled(),
                     qPrintable(panel.repairAction()->toolTip()));
            panel.previewChoice()->setCurrentIndex(2);
            QCOMPARE(panel.preview()->toPlainText(),
                     dryRun(session, folder, Command::Repair, {V4, 1, false}));
            QVERIFY(runAction(panel, panel.repairAction(), true, &asked));
            QCOMPARE(asked.question, u"Repair the history row of %1_fails on %2?"_s.arg(V4, label));
            QCOMPARE(cell(panel, V4, MigrationsModel::ResultColumn),
                     u"repaired: history row deleted"_s);
            QCOMPARE(cell(panel, V4, MigrationsModel::StateColumn), u"pending"_s);
            (void)scratch.run(u"DROP TABLE tst_mp_ok"_s);
        } else {
            // Rolled back with its history row: still pending.
            QCOMPARE(cell(panel, V4, MigrationsModel::StateColumn), u"pending"_s);
        }
    }

    void malformedFolderListsItsProblemsAndDisablesApply()
    {
        QTemporaryDir dir;
        Test::ScratchDatabase scratch(u"tst_migrationspanel_malformed"_s);
        const QString opened = scratch.open(u"sqlite"_s, dir.path());
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        const QString folder = dir.filePath(u"migrations"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(writeFolder(folder, scratch.dialect()));
        QVERIFY(
            writeFile(folder + u"/20260101000009_no_up.sql"_s, u"-- migrate:down\nSELECT 1;\n"_s));
        QVERIFY(writeFile(folder + u"/20261301000000_<b>month<b>.sql"_s,
                          migration(u"SELECT 1;"_s, u"SELECT 1;"_s)));

        MigrationsPanel panel;
        EngineSession &session = scratch.session();
        panel.setConnection(&session, migrationsOf(session), u"malformed.db"_s, {});
        panel.setFolder(folder);
        QVERIFY(settle(panel));
        QVERIFY(!panel.applyAction()->isEnabled());
        QVERIFY2(panel.applyAction()->toolTip().contains(u"malformed"_s),
                 qPrintable(panel.applyAction()->toolTip()));
        QVERIFY(!panel.rollbackAction()->isEnabled());
        const QString problems = panel.problems()->toPlainText();
        QVERIFY2(problems.contains(u"20260101000009_no_up.sql"_s), qPrintable(problems));
        QVERIFY2(problems.contains(u"20261301000000_<b>month<b>.sql"_s), qPrintable(problems));
        QVERIFY(panel.pages()
                    ->tabText(panel.pages()->indexOf(panel.problems()))
                    .startsWith(u"Problems ("_s));
        panel.previewChoice()->setCurrentIndex(0);
        QVERIFY(panel.preview()->toPlainText().contains(u"malformed"_s));
        // Triggered anyway (a shortcut): one clear message, nothing asked, nothing run.
        int asks = 0;
        panel.setAsker([&asks](const MigrationsPanel::Confirmation &) { return ++asks > 0; });
        panel.apply();
        QCOMPARE(asks, 0);
        QVERIFY(panel.summaryIsError());
        QVERIFY(panel.summary().contains(u"malformed"_s));
    }

    void actionsSayWhyTheyCannotRun_data()
    {
        QTest::addColumn<bool>("connected");
        QTest::addColumn<bool>("engine");
        QTest::addColumn<bool>("folder");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no connection") << false << false << true << u"No connection"_s;
        QTest::newRow("engine without migrations")
            << true << false << true << u"cannot run migrations"_s;
        QTest::newRow("no folder") << true << true << false << u"Choose the folder"_s;
    }
    void actionsSayWhyTheyCannotRun()
    {
        QFETCH(bool, connected);
        QFETCH(bool, engine);
        QFETCH(bool, folder);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        Test::ScratchDatabase scratch(u"tst_migrationspanel_reasons"_s);
        QVERIFY(scratch.open(u"sqlite"_s, dir.path()).isEmpty());
        QVERIFY(writeFolder(dir.path(), scratch.dialect()));

        MigrationsPanel panel;
        if (connected)
            panel.setConnection(&scratch.session(),
                                engine ? migrationsOf(scratch.session()) : nullptr, u"reasons.db"_s,
                                {});
        if (folder)
            panel.setFolder(dir.path());
        QVERIFY(settle(panel));
        QCOMPARE(panel.targetText(),
                 connected ? u"Target: reasons.db"_s : u"Target: no connection"_s);
        for (QAction *action :
             {panel.applyAction(), panel.rollbackAction(), panel.repairAction()}) {
            QVERIFY(!action->isEnabled());
            QVERIFY2(action->toolTip().contains(reason), qPrintable(action->toolTip()));
        }
        QCOMPARE(panel.newAction()->isEnabled(), folder);
        QVERIFY(!panel.stopAction()->isEnabled());
        if (folder)
            QCOMPARE(panel.model()->rowCount(), 3); // the files are listed all the same
    }

    void outOfOrderMigrationWaitsUntilAllowed()
    {
        QTemporaryDir dir;
        Test::ScratchDatabase scratch(u"tst_migrationspanel_order"_s);
        QVERIFY(scratch.open(u"sqlite"_s, dir.path()).isEmpty());
        const QString folder = dir.filePath(u"migrations"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(writeFolder(folder, scratch.dialect()));
        const QString late = folder + u"/"_s + V2 + u"_create_cyrillic.sql"_s;
        QFile lateFile(late);
        QVERIFY(lateFile.open(QIODevice::ReadOnly));
        const QByteArray lateText = lateFile.readAll();
        lateFile.close();
        QVERIFY(QFile::remove(late));

        MigrationsPanel panel;
        panel.setConnection(&scratch.session(), migrationsOf(scratch.session()), u"order.db"_s, {});
        panel.setFolder(folder);
        QVERIFY(settle(panel));
        QVERIFY(runAction(panel, panel.applyAction(), true));
        QCOMPARE(cell(panel, V3, MigrationsModel::StateColumn), u"applied"_s);

        QVERIFY(writeFile(late, QString::fromUtf8(lateText)));
        panel.refresh();
        QVERIFY(settle(panel));
        QCOMPARE(cell(panel, V2, MigrationsModel::StateColumn), u"pending (out of order)"_s);
        QVERIFY(panel.summaryIsError());
        QVERIFY(!panel.applyAction()->isEnabled());
        QVERIFY2(panel.applyAction()->toolTip().contains(u"older than the newest applied"_s),
                 qPrintable(panel.applyAction()->toolTip()));
        panel.outOfOrderAction()->setChecked(true);
        QVERIFY(panel.applyAction()->isEnabled());
        QCOMPARE(panel.preview()->toPlainText(),
                 dryRun(scratch.session(), folder, Command::Up, {QString(), 1, true}));
        QVERIFY(runAction(panel, panel.applyAction(), true));
        QCOMPARE(cell(panel, V2, MigrationsModel::StateColumn), u"applied"_s);
        QVERIFY(!panel.summaryIsError());
    }

    void stopEndsTheRunBetweenMigrations()
    {
        QTemporaryDir dir;
        Test::ScratchDatabase scratch(u"tst_migrationspanel_stop"_s);
        QVERIFY(scratch.open(u"sqlite"_s, dir.path()).isEmpty());
        const QString folder = dir.filePath(u"migrations"_s);
        QVERIFY(QDir().mkpath(folder));
        // Each migration fills a table, so the run lasts long enough to be stopped.
        const int count = 40;
        for (int i = 1; i <= count; ++i) {
            const QString table = u"tst_mp_stop_%1"_s.arg(i);
            QVERIFY(writeFile(
                folder + u"/202602010000"_s + QString::number(i).rightJustified(2, u'0') +
                    u"_fill.sql"_s,
                migration(u"CREATE TABLE %1 (n int);\nWITH RECURSIVE c(n) AS (SELECT 1 UNION ALL "
                          "SELECT n + 1 FROM c WHERE n < 40000) INSERT INTO %1 SELECT n FROM c;"_s
                              .arg(table),
                          u"DROP TABLE %1;"_s.arg(table))));
        }
        MigrationsPanel panel;
        panel.setConnection(&scratch.session(), migrationsOf(scratch.session()), u"stop.db"_s, {});
        panel.setFolder(folder);
        QVERIFY(settle(panel));
        QCOMPARE(panel.model()->rowCount(), count);
        panel.setAsker([](const MigrationsPanel::Confirmation &) { return true; });
        // Stop as soon as the first migration is done.
        connect(panel.controller(), &MigrationController::progress, &panel,
                [&panel](const MigrationRunner::Progress &p) {
                    if (p.event == MigrationRunner::Progress::Event::Finished &&
                        panel.stopAction()->isEnabled())
                        panel.stopAction()->trigger();
                });
        QSignalSpy ended(&panel, &MigrationsPanel::runEnded);
        panel.apply();
        QVERIFY(panel.controller()->isRunning());
        QVERIFY(panel.stopAction()->isEnabled());
        QVERIFY(!panel.applyAction()->isEnabled());
        QVERIFY(!panel.refreshAction()->isEnabled());
        QVERIFY(panel.progressBar()->isVisible() || !panel.isVisible());
        QCOMPARE(panel.progressBar()->maximum(), count);
        QVERIFY(ended.wait(60000));
        QVERIFY(settle(panel));
        QVERIFY2(panel.summary().contains(u"stopped after"_s), qPrintable(panel.summary()));
        int applied = 0;
        for (int r = 0; r < count; ++r)
            applied += panel.model()->index(r, MigrationsModel::StateColumn).data().toString() ==
                       u"applied";
        QVERIFY2(applied >= 1 && applied < count, qPrintable(QString::number(applied)));
        QVERIFY(panel.applyAction()->isEnabled());
        QVERIFY(!panel.stopAction()->isEnabled());
    }

    void defaultConfirmationNamesTheDatabaseAndDefaultsToCancel()
    {
        QTemporaryDir dir;
        Test::ScratchDatabase scratch(u"tst_migrationspanel_confirm"_s);
        QVERIFY(scratch.open(u"sqlite"_s, dir.path()).isEmpty());
        QVERIFY(writeFolder(dir.path(), scratch.dialect()));
        MigrationsPanel panel;
        panel.setConnection(&scratch.session(), migrationsOf(scratch.session()),
                            u"<b>shop</b>.db"_s, {});
        panel.setFolder(dir.path());
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(settle(panel));
        panel.previewChoice()->setCurrentIndex(0);
        const QString preview = panel.preview()->toPlainText();
        QString text;
        QString detailed;
        bool plain = false;
        bool cancelIsDefault = false;
        QTimer::singleShot(0, &panel, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            text = box->text();
            detailed = box->detailedText();
            plain = box->textFormat() == Qt::PlainText;
            cancelIsDefault = box->defaultButton() == box->button(QMessageBox::Cancel);
            box->grab().save(u"/tmp/strata-migrations-confirm.png"_s);
            QTest::keyClick(box, Qt::Key_Return); // the default button
        });
        panel.apply();
        QCOMPARE(text, u"Apply 3 migrations to <b>shop</b>.db?"_s);
        QVERIFY(plain);
        QCOMPARE(detailed, preview);
        QVERIFY(cancelIsDefault);
        QVERIFY(!panel.controller()->isRunning());
        QVERIFY(panel.summary().contains(u"nothing was run"_s));
    }

    void doubleClickAsksToOpenTheFile()
    {
        QTemporaryDir dir;
        Test::ScratchDatabase scratch(u"tst_migrationspanel_open"_s);
        QVERIFY(scratch.open(u"sqlite"_s, dir.path()).isEmpty());
        QVERIFY(writeFolder(dir.path(), scratch.dialect()));
        MigrationsPanel panel;
        panel.setConnection(&scratch.session(), migrationsOf(scratch.session()), u"open.db"_s, {});
        panel.setFolder(dir.path());
        QVERIFY(settle(panel));
        QSignalSpy activated(&panel, &MigrationsPanel::migrationActivated);
        const QModelIndex index =
            panel.proxy()->mapFromSource(panel.model()->index(panel.model()->rowOf(V2), 1));
        Q_EMIT panel.view()->doubleClicked(index);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(),
                 QDir(dir.path()).filePath(V2 + u"_create_cyrillic.sql"_s));
        QSignalSpy requested(&panel, &MigrationsPanel::newMigrationRequested);
        panel.newAction()->trigger();
        QCOMPARE(requested.size(), 1);
    }
};

QTEST_MAIN(tst_MigrationsPanel)
#include "tst_migrationspanel.moc"
