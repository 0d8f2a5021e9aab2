// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationstatus.h"

#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
// "version=up sql" per file.
QList<Migration> files(const QStringList &specs)
{
    QList<Migration> result;
    for (const QString &spec : specs) {
        Migration m;
        m.version = spec.section(u'=', 0, 0);
        m.name = u"m"_s + m.version;
        m.up.present = true;
        m.up.sql = spec.section(u'=', 1);
        m.checksum = Migration::checksumOf(m.up.sql);
        result.append(m);
    }
    return result;
}

// "version=up sql as applied" or "version!" for a failed row.
QList<AppliedMigration> history(const QStringList &specs)
{
    QList<AppliedMigration> result;
    for (const QString &spec : specs) {
        AppliedMigration row;
        if (spec.endsWith(u'!')) {
            row.version = spec.chopped(1);
            row.status = AppliedMigration::Status::Failed;
            row.failedStatement = 2;
            row.error = u"Duplicate column name 'a'"_s;
        } else {
            row.version = spec.section(u'=', 0, 0);
            row.checksum = Migration::checksumOf(spec.section(u'=', 1));
        }
        row.name = u"m"_s + row.version;
        result.append(row);
    }
    return result;
}

QString describe(const MigrationStatus &status)
{
    QStringList parts;
    for (const MigrationStatus::Entry &e : status.entries())
        parts << e.version + u'=' + MigrationStatus::stateName(e.state) + (e.outOfOrder ? u"*"_s : QString());
    return parts.join(u' ');
}
} // namespace

class tst_MigrationStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statesFollowFilesAndHistory_data()
    {
        QTest::addColumn<QStringList>("fileSpecs");
        QTest::addColumn<QStringList>("historySpecs");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("problems");

        QTest::newRow("fresh database") << QStringList{u"1=a"_s, u"2=b"_s} << QStringList{}
                                        << u"1=pending 2=pending"_s << 0;
        QTest::newRow("all applied") << QStringList{u"1=a"_s, u"2=b"_s}
                                     << QStringList{u"1=a"_s, u"2=b"_s}
                                     << u"1=applied 2=applied"_s << 0;
        QTest::newRow("one pending") << QStringList{u"1=a"_s, u"2=b"_s} << QStringList{u"1=a"_s}
                                     << u"1=applied 2=pending"_s << 0;
        QTest::newRow("changed") << QStringList{u"1=a"_s, u"2=b changed"_s}
                                 << QStringList{u"1=a"_s, u"2=b"_s}
                                 << u"1=applied 2=changed"_s << 1;
        QTest::newRow("missing") << QStringList{u"2=b"_s} << QStringList{u"1=a"_s, u"2=b"_s}
                                 << u"1=missing 2=applied"_s << 1;
        QTest::newRow("out of order") << QStringList{u"1=a"_s, u"2=b"_s, u"3=c"_s}
                                      << QStringList{u"1=a"_s, u"3=c"_s}
                                      << u"1=applied 2=pending* 3=applied"_s << 1;
        QTest::newRow("failed") << QStringList{u"1=a"_s, u"2=b"_s, u"3=c"_s}
                                << QStringList{u"1=a"_s, u"2!"_s}
                                << u"1=applied 2=failed 3=pending"_s << 1;
        QTest::newRow("numeric order") << QStringList{u"10=x"_s, u"9=y"_s} << QStringList{u"9=y"_s}
                                       << u"9=applied 10=pending"_s << 0;
        QTest::newRow("nothing at all") << QStringList{} << QStringList{} << QString() << 0;
    }
    void statesFollowFilesAndHistory()
    {
        QFETCH(QStringList, fileSpecs);
        QFETCH(QStringList, historySpecs);
        QFETCH(QString, expected);
        QFETCH(int, problems);
        const MigrationStatus status(files(fileSpecs), history(historySpecs));
        QCOMPARE(describe(status), expected);
        QCOMPARE(status.problems().size(), problems);
        QCOMPARE(status.pending().size() + status.applied().size(), status.entries().size());
    }

    void problemsSayWhatToDo()
    {
        const MigrationStatus status(files({u"1=a2"_s, u"3=c"_s}),
                                     history({u"1=a"_s, u"2=b"_s, u"4!"_s}));
        const QStringList said = status.problems();
        QCOMPARE(said.size(), 4);
        QVERIFY(said.at(0).startsWith(u"1_m1 was changed after it was applied"_s));
        QVERIFY(said.at(1).startsWith(u"2_m2 is applied but its file is missing"_s));
        QVERIFY(said.at(2).startsWith(u"3_m3 is pending but older than the newest applied migration 4"_s));
        QVERIFY(said.at(3).contains(u"failed at statement 2 (Duplicate column name 'a')"_s));
        QVERIFY(said.at(3).contains(u"repair"_s));
        QCOMPARE(status.newestApplied(), u"4"_s);
    }

    void statusNamesRoundTrip()
    {
        for (auto s : {AppliedMigration::Status::Applied, AppliedMigration::Status::Failed})
            QCOMPARE(AppliedMigration::statusFromName(AppliedMigration::statusName(s)), s);
        QVERIFY(!AppliedMigration::statusFromName(u"done"_s));
    }
};

QTEST_GUILESS_MAIN(tst_MigrationStatus)
#include "tst_migrationstatus.moc"
