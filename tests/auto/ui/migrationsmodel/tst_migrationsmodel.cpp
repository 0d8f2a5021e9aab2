// SPDX-License-Identifier: GPL-3.0-or-later
// MigrationsModel: every state of MigrationStatus shown with its colour and explanation, this
// session's run results fed by MigrationRunner progress, plain text throughout.
#include "migrations/migrationhistorymodel.h"
#include "migrations/migrationsmodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QDir>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

using State = MigrationStatus::State;
using Event = MigrationRunner::Progress::Event;
using Kind = MigrationPlanner::Step::Kind;

Migration file(const QString &version, const QString &name, const QString &up = u"SELECT 1;"_s)
{
    Migration m;
    m.version = version;
    m.name = name;
    m.up.present = true;
    m.up.sql = up;
    m.up.file = version + u'_' + name + u".sql"_s;
    m.up.firstLine = 2;
    m.down = m.up;
    m.checksum = Migration::checksumOf(up);
    return m;
}

AppliedMigration row(const Migration &m, qint64 ms = 12)
{
    AppliedMigration a;
    a.version = m.version;
    a.name = m.name;
    a.checksum = m.checksum;
    a.appliedAt = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7), Qt::UTC);
    a.executionMs = ms;
    a.appliedBy = u"strata (ann@build-host)"_s;
    return a;
}

// Five migrations: applied, changed, missing, failed, then pending and out-of-order pending.
MigrationStatus everyState()
{
    const Migration applied = file(u"20260101000000"_s, u"create_a\"b"_s);
    const Migration changedNow = file(u"20260102000000"_s, u"changed"_s, u"SELECT 2;"_s);
    const Migration changedThen = file(u"20260102000000"_s, u"changed"_s, u"SELECT 1;"_s);
    const Migration missing = file(u"20260103000000"_s, u"missing"_s);
    const Migration failed = file(u"20260104000000"_s, u"<b>failed</b>"_s);
    const Migration outOfOrder = file(u"20260103500000"_s, u"late"_s);
    const Migration pending = file(u"20260105000000"_s, u"таблица"_s);
    AppliedMigration failedRow = row(failed, 30);
    failedRow.status = AppliedMigration::Status::Failed;
    failedRow.failedStatement = 2;
    failedRow.error = u"<i>syntax</i> error"_s;
    return MigrationStatus({applied, changedNow, failed, outOfOrder, pending},
                           {row(applied), row(changedThen, 1500), row(missing), failedRow});
}

MigrationRunner::Progress progress(Event event, Kind kind, const QString &version, qint64 ms = 0,
                                   const QString &error = {})
{
    MigrationRunner::Progress p;
    p.event = event;
    p.kind = kind;
    p.version = version;
    p.elapsedMs = ms;
    p.error = error;
    p.stepCount = 1;
    return p;
}

} // namespace

class tst_MigrationsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEveryStateWithItsExplanation_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("explanation");
        QTest::addColumn<bool>("hasFile");
        QTest::newRow("applied") << u"20260101000000"_s << int(State::Applied) << u"applied"_s
                                 << u"unchanged"_s << true;
        QTest::newRow("changed") << u"20260102000000"_s << int(State::Changed) << u"changed"_s
                                 << u"repair accepts the new checksum"_s << true;
        QTest::newRow("missing") << u"20260103000000"_s << int(State::Missing) << u"missing"_s
                                 << u"no file in the folder"_s << false;
        QTest::newRow("out of order")
            << u"20260103500000"_s << int(State::Pending) << u"pending (out of order)"_s
            << u"Apply refuses it"_s << true;
        QTest::newRow("failed") << u"20260104000000"_s << int(State::Failed) << u"failed"_s
                                << u"fix the database by hand"_s << true;
        QTest::newRow("pending") << u"20260105000000"_s << int(State::Pending) << u"pending"_s
                                 << u"Apply runs its up section"_s << true;
    }
    void showsEveryStateWithItsExplanation()
    {
        QFETCH(QString, version);
        QFETCH(int, state);
        QFETCH(QString, text);
        QFETCH(QString, explanation);
        QFETCH(bool, hasFile);

        MigrationsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(everyState(), u"/srv/migrations"_s);
        QCOMPARE(model.rowCount(), 6);
        const int row = model.rowOf(version);
        QVERIFY(row >= 0);
        const QModelIndex stateIndex = model.index(row, MigrationsModel::StateColumn);
        QCOMPARE(stateIndex.data().toString(), text);
        QCOMPARE(stateIndex.data(MigrationsModel::StateRole).toInt(), state);
        QVERIFY2(stateIndex.data(Qt::ToolTipRole).toString().contains(explanation),
                 qPrintable(stateIndex.data(Qt::ToolTipRole).toString()));
        QVERIFY(stateIndex.data(Qt::ForegroundRole).value<QBrush>().color().isValid());
        QCOMPARE(model.index(row, MigrationsModel::VersionColumn).data().toString(), version);
        const QString path = model.index(row, 0).data(MigrationsModel::PathRole).toString();
        if (hasFile) {
            QCOMPARE(path,
                     QDir(u"/srv/migrations"_s)
                         .filePath(model.index(row, 0).data(MigrationsModel::FileRole).toString()));
            QVERIFY(path.endsWith(u".sql"_s));
        } else {
            QVERIFY(path.isEmpty());
        }
        QCOMPARE(model.index(row, 0).data(MigrationsModel::OutOfOrderRole).toBool(),
                 text.contains(u"out of order"_s));
    }

    void statesHaveDistinctColours()
    {
        MigrationsModel model;
        model.setStatus(everyState(), {});
        QSet<QRgb> colours;
        for (const QString &v : {u"20260101000000"_s, u"20260102000000"_s, u"20260103000000"_s,
                                 u"20260104000000"_s, u"20260105000000"_s}) {
            colours.insert(model.index(model.rowOf(v), MigrationsModel::StateColumn)
                               .data(Qt::ForegroundRole)
                               .value<QBrush>()
                               .color()
                               .rgb());
        }
        QCOMPARE(colours.size(), 5);
    }

    void coloursFollowAPaletteSwitch()
    {
        MigrationsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(everyState(), {});
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        model.setPalette(light);
        const QModelIndex failed =
            model.index(model.rowOf(u"20260104000000"_s), MigrationsModel::StateColumn);
        const QColor onLight = failed.data(Qt::ForegroundRole).value<QBrush>().color();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPalette(dark);
        QCOMPARE(changed.size(), 1);
        const QColor onDark = failed.data(Qt::ForegroundRole).value<QBrush>().color();
        QVERIFY(onDark.lightness() > onLight.lightness());
    }

    void showsAppliedAtDurationAndWho()
    {
        MigrationsModel model;
        model.setStatus(everyState(), {});
        const int changed = model.rowOf(u"20260102000000"_s);
        const QDateTime at(QDate(2026, 3, 4), QTime(5, 6, 7), Qt::UTC);
        QCOMPARE(model.index(changed, MigrationsModel::AppliedAtColumn).data().toString(),
                 at.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
        QVERIFY(model.index(changed, MigrationsModel::AppliedAtColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"UTC"_s));
        QCOMPARE(model.index(changed, MigrationsModel::DurationColumn).data().toString(),
                 MigrationHistoryModel::durationText(1500));
        QVERIFY(model.index(changed, MigrationsModel::DurationColumn)
                    .data()
                    .toString()
                    .endsWith(u" s"_s));
        QCOMPARE(model.index(changed, MigrationsModel::DurationColumn)
                     .data(MigrationsModel::SortRole)
                     .toLongLong(),
                 1500);
        QCOMPARE(model.index(0, MigrationsModel::DurationColumn).data().toString(), u"12 ms"_s);
        QCOMPARE(model.index(0, MigrationsModel::AppliedByColumn).data().toString(),
                 u"strata (ann@build-host)"_s);
        const int pending = model.rowOf(u"20260105000000"_s);
        QVERIFY(model.index(pending, MigrationsModel::AppliedAtColumn).data().toString().isEmpty());
        QVERIFY(model.index(pending, MigrationsModel::DurationColumn).data().toString().isEmpty());
        QCOMPARE(model.index(pending, MigrationsModel::NameColumn).data().toString(), u"таблица"_s);
        QCOMPARE(model.index(0, MigrationsModel::NameColumn).data().toString(), u"create_a\"b"_s);
    }

    void progressUpdatesTheResultOfItsRow_data()
    {
        QTest::addColumn<int>("event");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("expected");
        QTest::newRow("started") << int(Event::Started) << int(Kind::Apply) << qint64(0)
                                 << QString() << u"running…"_s;
        QTest::newRow("applied") << int(Event::Finished) << int(Kind::Apply) << qint64(12)
                                 << QString() << u"applied in 12 ms"_s;
        QTest::newRow("reverted") << int(Event::Finished) << int(Kind::Revert) << qint64(3)
                                  << QString() << u"reverted in 3 ms"_s;
        QTest::newRow("checksum") << int(Event::Finished) << int(Kind::UpdateChecksum) << qint64(1)
                                  << QString() << u"repaired: checksum updated"_s;
        QTest::newRow("row deleted") << int(Event::Finished) << int(Kind::DeleteRow) << qint64(1)
                                     << QString() << u"repaired: history row deleted"_s;
        QTest::newRow("failed, html kept plain")
            << int(Event::Failed) << int(Kind::Apply) << qint64(5) << u"<b>relation</b> exists"_s
            << u"failed: <b>relation</b> exists"_s;
        QTest::newRow("skipped") << int(Event::Skipped) << int(Kind::Apply) << qint64(0)
                                 << QString() << u"skipped"_s;
    }
    void progressUpdatesTheResultOfItsRow()
    {
        QFETCH(int, event);
        QFETCH(int, kind);
        QFETCH(qint64, ms);
        QFETCH(QString, error);
        QFETCH(QString, expected);

        MigrationsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(everyState(), {});
        const QString version = u"20260105000000"_s;
        const int row = model.rowOf(version);
        QVERIFY(model.index(row, MigrationsModel::ResultColumn).data().toString().isEmpty());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setProgress(progress(Event(event), Kind(kind), version, ms, error));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(),
                 model.index(row, MigrationsModel::ResultColumn));
        QCOMPARE(model.index(row, MigrationsModel::ResultColumn).data().toString(), expected);
        // Only that row.
        QVERIFY(model.index(0, MigrationsModel::ResultColumn).data().toString().isEmpty());
    }

    void resultsSurviveARefreshUntilCleared()
    {
        MigrationsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(everyState(), {});
        const QString version = u"20260105000000"_s;
        model.setProgress(progress(Event::Started, Kind::Apply, version));
        model.setProgress(progress(Event::Finished, Kind::Apply, version, 7));
        model.setStatus(everyState(), {});
        QCOMPARE(model.index(model.rowOf(version), MigrationsModel::ResultColumn).data().toString(),
                 u"applied in 7 ms"_s);
        QVERIFY(model.hasResult(version));
        model.clearResults();
        QVERIFY(!model.hasResult(version));
        QVERIFY(model.index(model.rowOf(version), MigrationsModel::ResultColumn)
                    .data()
                    .toString()
                    .isEmpty());
    }

    void progressOfAnUnknownVersionChangesNoRow()
    {
        MigrationsModel model;
        model.setStatus(everyState(), {});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setProgress(progress(Event::Finished, Kind::Apply, u"1"_s, 1));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(model.resultText(u"1"_s), u"applied in 1 ms"_s);
    }

    void versionsSortNumerically()
    {
        MigrationsModel model;
        model.setStatus(MigrationStatus({file(u"9"_s, u"nine"_s), file(u"10"_s, u"ten"_s)}, {}),
                        {});
        QVERIFY(model.index(model.rowOf(u"9"_s), 0).data(MigrationsModel::SortRole).toString() <
                model.index(model.rowOf(u"10"_s), 0).data(MigrationsModel::SortRole).toString());
    }

    void emptyStatusHasNoRows()
    {
        MigrationsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(everyState(), {});
        model.setStatus(MigrationStatus(), {});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.headerData(MigrationsModel::ResultColumn, Qt::Horizontal).toString(),
                 u"Result"_s);
    }
};

QTEST_MAIN(tst_MigrationsModel)
#include "tst_migrationsmodel.moc"
