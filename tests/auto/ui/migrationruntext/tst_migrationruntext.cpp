// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationRunText: the confirmation question names the database and the count, each step
// line names its migration and result, the outcome says what happened (a failure as an error).
#include "migrations/migrationruntext.h"

#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;
using Command = MigrationPlanner::Command;

namespace {

MigrationPlanner::Plan plan(Command command, int steps)
{
    MigrationPlanner::Plan p;
    p.command = command;
    for (int i = 0; i < steps; ++i) {
        MigrationPlanner::Step step;
        step.version = u"2026010100000"_s + QString::number(i + 1);
        step.name = u"add \"x'; DROP TABLE t; --"_s;
        p.steps << step;
    }
    return p;
}

} // namespace

class tst_MigrationRunText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void questionNamesCountAndDatabase_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QString>("expected");
        QTest::newRow("apply one") << int(Command::Up) << 1 << u"Apply 1 migration to db on h:1?"_s;
        QTest::newRow("apply three") << int(Command::Up) << 3 << u"Apply 3 migrations to db on h:1?"_s;
        QTest::newRow("roll back two") << int(Command::Down) << 2 << u"Roll back 2 migrations on db on h:1?"_s;
        QTest::newRow("repair") << int(Command::Repair) << 1
                                << u"Repair the history row of 20260101000001_add \"x'; DROP TABLE t; -- on db on h:1?"_s;
    }

    void questionNamesCountAndDatabase()
    {
        QFETCH(int, command);
        QFETCH(int, steps);
        QFETCH(QString, expected);
        QCOMPARE(MigrationRunText::question(plan(Command(command), steps), u"db on h:1"_s), expected);
    }

    void stepLineNamesTheMigrationAndResult()
    {
        MigrationRunner::Progress p;
        p.event = MigrationRunner::Progress::Event::Failed;
        p.step = 1;
        p.stepCount = 4;
        p.version = u"20260101000002"_s;
        p.name = u"orders"_s;
        p.error = u"<b>relation exists</b>"_s;
        QCOMPARE(MigrationRunText::stepLine(p),
                 u"[2/4] 20260101000002_orders: failed: <b>relation exists</b>"_s);
    }

    void outcomeSaysWhatHappened_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("finished");
        QTest::addColumn<bool>("stopped");
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("error");
        QTest::newRow("applied") << int(Command::Up) << 3 << 3 << false << QString()
                                 << u"Applied 3 migrations to db."_s << false;
        QTest::newRow("rolled back") << int(Command::Down) << 1 << 1 << false << QString()
                                     << u"Rolled back 1 migration on db."_s << false;
        QTest::newRow("repaired") << int(Command::Repair) << 1 << 1 << false << QString()
                                  << u"Repaired the history of db."_s << false;
        QTest::newRow("failed, first line only")
            << int(Command::Up) << 3 << 1 << false << u"statement 2 failed\napplied: 1"_s
            << u"Apply failed after 1 of 3 steps on db: statement 2 failed"_s << true;
        QTest::newRow("stopped") << int(Command::Down) << 3 << 2 << true << QString()
                                 << u"Rollback stopped after 2 of 3 steps on db."_s << false;
        QTest::newRow("nothing left") << int(Command::Up) << 0 << 0 << false << QString()
                                      << u"Apply: nothing to do on db (another run got there first)."_s
                                      << false;
    }

    void outcomeSaysWhatHappened()
    {
        QFETCH(int, command);
        QFETCH(int, steps);
        QFETCH(int, finished);
        QFETCH(bool, stopped);
        QFETCH(QString, failure);
        QFETCH(QString, expected);
        QFETCH(bool, error);
        MigrationRunner::Outcome outcome;
        outcome.plan = plan(Command(command), steps);
        outcome.finishedSteps = finished;
        outcome.stopped = stopped;
        outcome.failure = failure;
        const MigrationRunText::Line line = MigrationRunText::outcome(outcome, u"db"_s);
        QCOMPARE(line.text, expected);
        QCOMPARE(line.error, error);
    }
};

QTEST_GUILESS_MAIN(tst_MigrationRunText)
#include "tst_migrationruntext.moc"
