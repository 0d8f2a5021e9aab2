// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationhistorymodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Strata;

namespace {

AppliedMigration row(const QString &version, const QString &name, const QDateTime &at,
                     std::optional<qint64> ms = 12)
{
    AppliedMigration r;
    r.version = version;
    r.name = name;
    r.checksum = QByteArray(64, 'a');
    r.appliedAt = at;
    r.executionMs = ms;
    r.appliedBy = QStringLiteral("strata (ana@box)");
    return r;
}

QDateTime utc(int hour, int minute, int second)
{
    return QDateTime(QDate(2026, 11, 22), QTime(hour, minute, second), QTimeZone::utc());
}

QString text(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class tst_MigrationHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void durationIsShortAndHuman_data();
    void durationIsShortAndHuman();
    void appliedAtIsLocalTimeToTheSecond();
    void newestAppliedComesFirst();
    void failedRowNamesItsStatementAndIsTinted();
    void serverTextStaysPlainInToolTips_data();
    void serverTextStaysPlainInToolTips();
    void headersNameEveryColumn();
};

void tst_MigrationHistoryModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void tst_MigrationHistoryModel::durationIsShortAndHuman_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<bool>("known");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << qint64(0) << false << QStringLiteral("—");
    QTest::newRow("under a millisecond") << qint64(0) << true << QStringLiteral("< 1 ms");
    QTest::newRow("ms") << qint64(12) << true << QStringLiteral("12 ms");
    QTest::newRow("just under a second") << qint64(999) << true << QStringLiteral("999 ms");
    QTest::newRow("a second") << qint64(1000) << true << QStringLiteral("1.0 s");
    QTest::newRow("seconds") << qint64(1420) << true << QStringLiteral("1.4 s");
    QTest::newRow("just under a minute") << qint64(59'940) << true << QStringLiteral("59.9 s");
    QTest::newRow("minutes") << qint64(192'400) << true << QStringLiteral("3 min 12 s");
    QTest::newRow("negative is unknown") << qint64(-5) << true << QStringLiteral("—");
}

void tst_MigrationHistoryModel::durationIsShortAndHuman()
{
    QFETCH(qint64, ms);
    QFETCH(bool, known);
    QFETCH(QString, expected);
    QCOMPARE(MigrationHistoryModel::durationText(known ? std::optional<qint64>(ms) : std::nullopt),
             expected);

    MigrationHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory({row(QStringLiteral("20261122183005"), QStringLiteral("x"), utc(18, 30, 5),
                          known ? std::optional<qint64>(ms) : std::nullopt)});
    QCOMPARE(text(model, 0, MigrationHistoryModel::DurationColumn), expected);
    QCOMPARE(
        model.data(model.index(0, MigrationHistoryModel::DurationColumn), Qt::TextAlignmentRole)
            .toInt(),
        int(Qt::AlignRight | Qt::AlignVCenter));
}

void tst_MigrationHistoryModel::appliedAtIsLocalTimeToTheSecond()
{
    const QDateTime at = utc(18, 30, 5).addMSecs(789);
    QCOMPARE(MigrationHistoryModel::appliedAtText(at),
             at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(MigrationHistoryModel::appliedAtText(at.toTimeZone(QTimeZone::utc())).size(), 19);
    QCOMPARE(MigrationHistoryModel::appliedAtText(QDateTime()), QStringLiteral("—"));

    MigrationHistoryModel model;
    model.setHistory({row(QStringLiteral("20261122183005"), QStringLiteral("x"), at)});
    // The local time of a UTC-stored moment, and the exact UTC moment in the tooltip.
    QCOMPARE(text(model, 0, MigrationHistoryModel::AppliedAtColumn),
             at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QVERIFY(text(model, 0, MigrationHistoryModel::AppliedAtColumn, Qt::ToolTipRole)
                .contains(QLatin1String("2026-11-22T18:30:05.789Z")));
}

void tst_MigrationHistoryModel::newestAppliedComesFirst()
{
    MigrationHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // Version order, as MigrationRunner reads it; one applied out of order later; two in the
    // same second; one without a time.
    model.setHistory({row(QStringLiteral("20260101000001"), QStringLiteral("a"), utc(10, 0, 0)),
                      row(QStringLiteral("20260101000002"), QStringLiteral("b"), utc(12, 0, 0)),
                      row(QStringLiteral("20260101000003"), QStringLiteral("c"), utc(11, 0, 0)),
                      row(QStringLiteral("20260101000004"), QStringLiteral("d"), utc(12, 0, 0)),
                      row(QStringLiteral("20260101000005"), QStringLiteral("e"), QDateTime())});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(MigrationHistoryModel::ColumnCount));
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << text(model, r, MigrationHistoryModel::NameColumn);
    QCOMPARE(names, (QStringList{QStringLiteral("d"), QStringLiteral("b"), QStringLiteral("c"),
                                 QStringLiteral("a"), QStringLiteral("e")}));
    QCOMPARE(model.migrationAt(0).version, QStringLiteral("20260101000004"));
    QCOMPARE(text(model, 0, MigrationHistoryModel::VersionColumn),
             QStringLiteral("20260101000004"));
    QCOMPARE(text(model, 0, MigrationHistoryModel::StatusColumn), QStringLiteral("applied"));
    QCOMPARE(text(model, 0, MigrationHistoryModel::AppliedByColumn),
             QStringLiteral("strata (ana@box)"));
    QCOMPARE(text(model, 0, MigrationHistoryModel::ErrorColumn), QString());
    QVERIFY(!model.data(model.index(0, MigrationHistoryModel::NameColumn), Qt::BackgroundRole)
                 .isValid());
    QVERIFY(
        !model.data(model.index(0, MigrationHistoryModel::NameColumn), Qt::ToolTipRole).isValid());

    model.setHistory({});
    QCOMPARE(model.rowCount(), 0);
}

void tst_MigrationHistoryModel::failedRowNamesItsStatementAndIsTinted()
{
    MigrationHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AppliedMigration failed =
        row(QStringLiteral("20260101000002"), QStringLiteral("b"), utc(12, 0, 0), 40);
    failed.status = AppliedMigration::Status::Failed;
    failed.failedStatement = 3;
    failed.error = QStringLiteral("Table 'shop.orders' doesn't exist\n(1146)");
    AppliedMigration noStatement = failed;
    noStatement.version = QStringLiteral("20260101000001");
    noStatement.appliedAt = utc(11, 0, 0);
    noStatement.failedStatement.reset();
    model.setHistory({noStatement, failed});

    QCOMPARE(text(model, 0, MigrationHistoryModel::StatusColumn), QStringLiteral("failed"));
    QCOMPARE(text(model, 0, MigrationHistoryModel::ErrorColumn),
             QStringLiteral("statement 3: Table 'shop.orders' doesn't exist (1146)"));
    QCOMPARE(text(model, 1, MigrationHistoryModel::ErrorColumn),
             QStringLiteral("Table 'shop.orders' doesn't exist (1146)"));
    for (int column = 0; column < MigrationHistoryModel::ColumnCount; ++column) {
        const QString tip = text(model, 0, column, Qt::ToolTipRole);
        QVERIFY2(tip.contains(QLatin1String("Statement 3 failed:")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("(1146)")), qPrintable(tip));
    }
    const QVariant tint =
        model.data(model.index(0, MigrationHistoryModel::VersionColumn), Qt::BackgroundRole);
    QVERIFY(tint.canConvert<QBrush>());
    const QColor colour = tint.value<QBrush>().color();
    const QColor base = QGuiApplication::palette().color(QPalette::Base);
    QVERIFY(colour != base);
    // Towards red, and still close to the palette's base (light or dark).
    QVERIFY(colour.red() >= colour.green());
    QVERIFY(qAbs(colour.lightness() - base.lightness()) < 64);
}

void tst_MigrationHistoryModel::serverTextStaysPlainInToolTips_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("markup") << QStringLiteral("<b>bold</b> & <img src=x>")
                            << QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x&gt;");
    QTest::newRow("quotes") << QStringLiteral("relation \"a\"\"b\" does not exist")
                            << QStringLiteral("relation &quot;a&quot;&quot;b&quot; does not exist");
    QTest::newRow("injection") << QStringLiteral("x'; DROP TABLE t; --")
                               << QStringLiteral("x'; DROP TABLE t; --");
    QTest::newRow("cyrillic") << QStringLiteral("таблица не существует")
                              << QStringLiteral("таблица не существует");
}

void tst_MigrationHistoryModel::serverTextStaysPlainInToolTips()
{
    QFETCH(QString, error);
    QFETCH(QString, escaped);
    AppliedMigration failed = row(QStringLiteral("20260101000002"), error, utc(12, 0, 0));
    failed.status = AppliedMigration::Status::Failed;
    failed.failedStatement = 1;
    failed.error = error;
    MigrationHistoryModel model;
    model.setHistory({failed});
    QCOMPARE(text(model, 0, MigrationHistoryModel::NameColumn), error);
    QCOMPARE(text(model, 0, MigrationHistoryModel::ErrorColumn),
             QStringLiteral("statement 1: ") + error);
    const QString tip = text(model, 0, MigrationHistoryModel::ErrorColumn, Qt::ToolTipRole);
    QVERIFY2(tip.contains(escaped), qPrintable(tip));
    QVERIFY2(!tip.contains(error) || error == escaped, qPrintable(tip));
}

void tst_MigrationHistoryModel::headersNameEveryColumn()
{
    MigrationHistoryModel model;
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers << model.headerData(column, Qt::Horizontal).toString();
    QCOMPARE(headers, (QStringList{QStringLiteral("Version"), QStringLiteral("Name"),
                                   QStringLiteral("Status"), QStringLiteral("Applied at"),
                                   QStringLiteral("Duration"), QStringLiteral("Applied by"),
                                   QStringLiteral("Error")}));
    QVERIFY(!model.headerData(MigrationHistoryModel::ErrorColumn, Qt::Horizontal, Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
}

QTEST_MAIN(tst_MigrationHistoryModel)
#include "tst_migrationhistorymodel.moc"
