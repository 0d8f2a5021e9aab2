// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationreader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_MigrationReader : public QObject
{
    Q_OBJECT
private:
    static void write(const QDir &dir, const QString &name, const QByteArray &bytes)
    {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

private Q_SLOTS:
    void dbmateSectionsAreRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("up");
        QTest::addColumn<int>("upLine");
        QTest::addColumn<bool>("upTransaction");
        QTest::addColumn<bool>("hasDown");
        QTest::addColumn<QString>("down");
        QTest::addColumn<bool>("downTransaction");

        QTest::newRow("both") << u"-- migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;\n"_s
                              << u"CREATE TABLE t (a int);"_s << 2 << true << true
                              << u"DROP TABLE t;\n"_s << true;
        QTest::newRow("comments before the first marker")
            << u"-- written by hand\n\n-- migrate:up\nSELECT 1;"_s << u"SELECT 1;"_s << 4 << true
            << false << QString() << true;
        QTest::newRow("down first") << u"-- migrate:down\nDROP TABLE t;\n-- migrate:up\nCREATE TABLE t ();"_s
                                    << u"CREATE TABLE t ();"_s << 4 << true << true
                                    << u"DROP TABLE t;"_s << true;
        QTest::newRow("no transaction")
            << u"-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n"
               "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY i;"_s
            << u"CREATE INDEX CONCURRENTLY i ON t (a);"_s << 2 << false << true
            << u"DROP INDEX CONCURRENTLY i;"_s << false;
        QTest::newRow("crlf") << u"-- migrate:up\r\nSELECT 1;\r\n-- migrate:down\r\nSELECT 2;\r\n"_s
                              << u"SELECT 1;"_s << 2 << true << true << u"SELECT 2;\n"_s << true;
        QTest::newRow("marker with spaces") << u"--   migrate:up  \nSELECT 1;"_s << u"SELECT 1;"_s
                                            << 2 << true << false << QString() << true;
        QTest::newRow("empty up") << u"-- migrate:up\n-- migrate:down\nSELECT 2;"_s << QString()
                                  << 2 << true << true << u"SELECT 2;"_s << true;
    }
    void dbmateSectionsAreRead()
    {
        QFETCH(QString, text);
        QFETCH(QString, up);
        QFETCH(int, upLine);
        QFETCH(bool, upTransaction);
        QFETCH(bool, hasDown);
        QFETCH(QString, down);
        QFETCH(bool, downTransaction);
        const MigrationReader::Contents contents =
            MigrationReader::parseDbmate(u"20260101120000_create_t.sql"_s, text);
        QVERIFY2(contents.ok(), qPrintable(contents.problems.value(0).toString()));
        QCOMPARE(contents.migrations.size(), 1);
        const Migration &m = contents.migrations.first();
        QCOMPARE(m.version, u"20260101120000"_s);
        QCOMPARE(m.name, u"create_t"_s);
        QCOMPARE(m.layout, Migration::Layout::Dbmate);
        QVERIFY(m.up.present);
        QCOMPARE(m.up.sql, up);
        QCOMPARE(m.up.firstLine, upLine);
        QCOMPARE(m.up.transaction, upTransaction);
        QCOMPARE(m.up.file, u"20260101120000_create_t.sql"_s);
        QCOMPARE(m.down.present, hasDown);
        QCOMPARE(m.down.sql, down);
        QCOMPARE(m.down.transaction, downTransaction);
        QCOMPARE(m.checksum, Migration::checksumOf(up));
        QCOMPARE(m.checksum.size(), 64);
    }

    void malformedFilesAreReportedWithTheirLine_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");

        const QString ok = u"20260101120000_x.sql"_s;
        QTest::newRow("no up") << ok << u"-- migrate:down\nDROP TABLE t;"_s << 1 << u"no \"-- migrate:up\""_s;
        QTest::newRow("empty file") << ok << QString() << 1 << u"no \"-- migrate:up\""_s;
        QTest::newRow("two ups") << ok << u"-- migrate:up\nSELECT 1;\n\n-- migrate:up\nSELECT 2;"_s << 4
                                 << u"second \"-- migrate:up\" section (the first begins on line 1)"_s;
        QTest::newRow("two downs") << ok << u"-- migrate:up\n-- migrate:down\n-- migrate:down\n"_s << 3
                                   << u"second \"-- migrate:down\""_s;
        QTest::newRow("sql before the marker") << ok << u"-- note\nDROP TABLE t;\n-- migrate:up\n"_s << 2
                                               << u"belongs to no section"_s;
        QTest::newRow("unknown option") << ok << u"-- migrate:up transaction:maybe\nSELECT 1;"_s << 1
                                        << u"unknown option \"transaction:maybe\""_s;
        QTest::newRow("month 13") << u"20261301120000_x.sql"_s << u"-- migrate:up\n"_s << 0
                                  << u"not a UTC timestamp"_s;
        QTest::newRow("short version") << u"2026_x.sql"_s << u"-- migrate:up\n"_s << 0
                                       << u"not a UTC timestamp"_s;
        QTest::newRow("no name") << u"20260101120000.sql"_s << u"-- migrate:up\n"_s << 0
                                 << u"not <version>_<name>.sql"_s;
        QTest::newRow("letters") << u"v1_x.sql"_s << u"-- migrate:up\n"_s << 0
                                 << u"not <version>_<name>.sql"_s;
        QTest::newRow("arabic digits") << u"٢٠٢٦0101120000_x.sql"_s << u"-- migrate:up\n"_s << 0
                                       << u"not <version>_<name>.sql"_s;
    }
    void malformedFilesAreReportedWithTheirLine()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, says);
        const MigrationReader::Contents contents = MigrationReader::parseDbmate(fileName, text);
        QVERIFY(contents.migrations.isEmpty());
        QCOMPARE(contents.problems.size(), 1);
        const MigrationReader::Problem &problem = contents.problems.first();
        QCOMPARE(problem.file, fileName);
        QCOMPARE(problem.line, line);
        QVERIFY2(problem.message.contains(says), qPrintable(problem.message));
        QVERIFY(problem.toString().startsWith(fileName + u':'));
    }

    void checksumIgnoresLineEndings()
    {
        QCOMPARE(Migration::checksumOf(u"SELECT 1;\r\nSELECT 2;"_s),
                 Migration::checksumOf(u"SELECT 1;\nSELECT 2;"_s));
        QVERIFY(Migration::checksumOf(u"SELECT 1;"_s) != Migration::checksumOf(u"SELECT 1; "_s));
        // SHA-256 of the empty string.
        QCOMPARE(Migration::checksumOf(QString()),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void versionsSortNumerically_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("less");
        QTest::newRow("9 < 10") << u"9"_s << u"10"_s << true;
        QTest::newRow("10 > 9") << u"10"_s << u"9"_s << false;
        QTest::newRow("leading zeros") << u"000002"_s << u"10"_s << true;
        QTest::newRow("equal") << u"20260101120000"_s << u"20260101120000"_s << false;
        QTest::newRow("timestamps") << u"20251231235959"_s << u"20260101000000"_s << true;
        QTest::newRow("sequence before timestamp") << u"000001"_s << u"20260101000000"_s << true;
    }
    void versionsSortNumerically()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, less);
        QCOMPARE(Migration::versionLess(a, b), less);
    }

    void folderMixesBothLayoutsInVersionOrder()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QDir dir(tmp.path());
        write(dir, u"20260102000000_second.sql"_s, "-- migrate:up\nSELECT 2;\n-- migrate:down\nSELECT -2;\n");
        write(dir, u"20260101000000_first.up.sql"_s, "SELECT 1;\r\n");
        write(dir, u"20260101000000_first.down.sql"_s, "SELECT -1;\n");
        write(dir, u"20260103000000_third.up.sql"_s, "SELECT 3;\n");
        write(dir, u"README.md"_s, "not a migration");
        write(dir, u"20260104000000_bom.sql"_s, "\xEF\xBB\xBF-- migrate:up\nSELECT 4;");
        const MigrationReader::Contents contents = MigrationReader::readDirectory(dir.path());
        QVERIFY2(contents.ok(), qPrintable(contents.problems.value(0).toString()));
        QCOMPARE(contents.migrations.size(), 4);
        const Migration &first = contents.migrations.at(0);
        QCOMPARE(first.version, u"20260101000000"_s);
        QCOMPARE(first.layout, Migration::Layout::GolangMigrate);
        QCOMPARE(first.up.sql, u"SELECT 1;\n"_s);
        QCOMPARE(first.up.file, u"20260101000000_first.up.sql"_s);
        QVERIFY(first.down.present);
        QCOMPARE(first.down.sql, u"SELECT -1;\n"_s);
        QCOMPARE(first.down.file, u"20260101000000_first.down.sql"_s);
        QCOMPARE(contents.migrations.at(1).name, u"second"_s);
        QCOMPARE(contents.migrations.at(1).down.sql, u"SELECT -2;\n"_s);
        QCOMPARE(contents.migrations.at(2).name, u"third"_s);
        QVERIFY(!contents.migrations.at(2).down.present);
        QCOMPARE(contents.migrations.at(3).up.sql, u"SELECT 4;"_s);
    }

    void folderProblemsNameEveryBadFile()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QDir dir(tmp.path());
        write(dir, u"20260101000000_a.sql"_s, "-- migrate:up\nSELECT 1;\n");
        write(dir, u"20260101000000_b.sql"_s, "-- migrate:up\nSELECT 1;\n"); // same version
        write(dir, u"20260102000000_c.down.sql"_s, "SELECT 1;\n");          // no up file
        write(dir, u"20260103000000_d.sql"_s, "SELECT 1;\n");               // no marker
        write(dir, u"20260104000000_e.sql"_s, "-- migrate:up\n\xC3\x28\n");  // bad UTF-8
        write(dir, u"notes.sql"_s, "SELECT 1;\n");
        const MigrationReader::Contents contents = MigrationReader::readDirectory(dir.path());
        QStringList said;
        for (const MigrationReader::Problem &p : contents.problems)
            said << p.toString();
        QCOMPARE(said.size(), 5);
        QVERIFY2(said.filter(u"20260101000000_b.sql: version 20260101000000 is also used by "
                             "20260101000000_a.sql"_s).size() == 1, qPrintable(said.join(u'\n')));
        QCOMPARE(said.filter(u"20260102000000_c.down.sql: is a down file without"_s).size(), 1);
        QCOMPARE(said.filter(u"20260103000000_d.sql:1:"_s).size(), 1);
        QCOMPARE(said.filter(u"20260104000000_e.sql: is not valid UTF-8"_s).size(), 1);
        QCOMPARE(said.filter(u"notes.sql: the file name is not"_s).size(), 1);
        QCOMPARE(contents.migrations.size(), 1); // a: the caller runs nothing anyway
    }

    void missingFolderIsOneProblem()
    {
        const MigrationReader::Contents contents =
            MigrationReader::readDirectory(u"/nonexistent/strata/migrations"_s);
        QCOMPARE(contents.problems.size(), 1);
        QVERIFY(contents.problems.first().message.contains(u"does not exist"_s));
    }

    void timestampVersions_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ok") << u"20261122153000"_s << true;
        QTest::newRow("leap day") << u"20240229000000"_s << true;
        QTest::newRow("not leap") << u"20250229000000"_s << false;
        QTest::newRow("hour 24") << u"20261122240000"_s << false;
        QTest::newRow("13 digits") << u"2026112215300"_s << false;
        QTest::newRow("15 digits") << u"202611221530000"_s << false;
    }
    void timestampVersions()
    {
        QFETCH(QString, version);
        QFETCH(bool, valid);
        QCOMPARE(MigrationReader::isTimestampVersion(version), valid);
    }
};

QTEST_GUILESS_MAIN(tst_MigrationReader)
#include "tst_migrationreader.moc"
