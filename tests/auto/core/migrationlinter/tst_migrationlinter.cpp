// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/lintsuppressions.h"
#include "migrations/migrationlinter.h"
#include "migrations/migrationreader.h"
#include "plugins/imigrations.h"
#include "plugins/serverversion.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

// An engine that reports one finding per section on its first line, so the tests can see
// what MigrationLinter hands the engine and what it does with the answer.
class EchoEngine : public IMigrations
{
public:
    mutable QList<LintSection> seen;
    mutable QString version;
    QList<LintFinding> lintSections(const QList<LintSection> &sections,
                                    const LintOptions &options) const override
    {
        seen = sections;
        version = options.serverVersion;
        QList<LintFinding> findings;
        for (const LintSection &s : sections)
            findings.append({s.file, s.firstLine, u"echo"_s, LintFinding::Severity::Error, u"echo."_s});
        return findings;
    }
    QStringList lintRuleIds() const override { return {u"echo"_s, u"ban-drop-table"_s}; }
    // The runner's side is not what MigrationLinter uses.
    RunnerSql migrationRunnerSql() const override { return {}; }
    Statement insertHistoryRow(const AppliedMigration &) const override { return {}; }
    Statement deleteHistoryRow(const QString &) const override { return {}; }
    Statement updateHistoryChecksum(const QString &, const QString &, const QByteArray &) const override
    {
        return {};
    }
};

Migration dbmate(const QString &fileName, const QString &text)
{
    const MigrationReader::Contents contents = MigrationReader::parseDbmate(fileName, text);
    return contents.migrations.value(0);
}

QStringList rulesAndLines(const QList<LintFinding> &findings)
{
    QStringList out;
    for (const LintFinding &f : findings)
        out.append(u"%1@%2"_s.arg(f.rule).arg(f.line));
    return out;
}

void write(const QDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class tst_MigrationLinter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void genericRulesFlagDestructiveStatementsAndDownSections_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("dialect");
        QTest::addColumn<QStringList>("expected");

        const int pg = int(SqlDialect::PostgreSQL);
        const int my = int(SqlDialect::MySQL);
        const int lite = int(SqlDialect::SQLite);
        const QString down = u"\n-- migrate:down\nSELECT 1;\n"_s;
        QTest::newRow("clean") << u"-- migrate:up\nCREATE TABLE t (a int);"_s + down << pg << QStringList();
        QTest::newRow("no down") << u"-- migrate:up\nCREATE TABLE t (a int);"_s << pg
                                 << QStringList{u"missing-down-section@1"_s};
        QTest::newRow("empty down") << u"-- migrate:up\nSELECT 1;\n-- migrate:down\n-- nothing\n"_s << pg
                                    << QStringList{u"empty-down-section@3"_s};
        QTest::newRow("drop table") << u"-- migrate:up\nSELECT 1;\nDROP TABLE IF EXISTS \"a\"\"b\";"_s + down
                                    << pg << QStringList{u"ban-drop-table@3"_s};
        QTest::newRow("drop temporary table") << u"-- migrate:up\nDROP TEMPORARY TABLE x;"_s + down
                                              << my << QStringList();
        QTest::newRow("drop schema") << u"-- migrate:up\ndrop schema s cascade;"_s + down << pg
                                     << QStringList{u"ban-drop-schema@2"_s};
        QTest::newRow("drop database") << u"-- migrate:up\nDROP DATABASE d;"_s + down << my
                                       << QStringList{u"ban-drop-database@2"_s};
        QTest::newRow("truncate") << u"-- migrate:up\nTRUNCATE таблица;"_s + down << pg
                                  << QStringList{u"ban-truncate-table@2"_s};
        QTest::newRow("drop column") << u"-- migrate:up\nALTER TABLE t\n  ADD x int,\n  DROP COLUMN y;"_s + down
                                     << pg << QStringList{u"ban-drop-column@4"_s};
        QTest::newRow("mysql drop without COLUMN") << u"-- migrate:up\nALTER TABLE `x'; DROP TABLE t; --` DROP y;"_s + down
                                                   << my << QStringList{u"ban-drop-column@2"_s};
        QTest::newRow("drop default is no drop column")
            << u"-- migrate:up\nALTER TABLE t ALTER COLUMN c DROP DEFAULT, DROP CONSTRAINT k;"_s + down << pg
            << QStringList();
        QTest::newRow("sqlite drop column") << u"-- migrate:up\nALTER TABLE t DROP COLUMN c;"_s + down << lite
                                            << QStringList{u"ban-drop-column@2"_s};
        QTest::newRow("drop in a string") << u"-- migrate:up\nSELECT 'DROP TABLE t';"_s + down << pg
                                          << QStringList();
        QTest::newRow("strata-lint ignore")
            << u"-- migrate:up\n-- strata-lint: ignore ban-drop-table\nDROP TABLE t;\nDROP TABLE u;"_s + down << pg
            << QStringList{u"ban-drop-table@4"_s};
        QTest::newRow("ignore everything") << u"-- migrate:up\n-- strata-lint: ignore\nTRUNCATE t;"_s + down << pg
                                           << QStringList();
        QTest::newRow("ignore-file") << u"-- migrate:up\n-- strata-lint: ignore-file missing-down-section\nDROP TABLE t;"_s << pg
                                     << QStringList{u"ban-drop-table@3"_s};
        QTest::newRow("ignore-file is not ignore") << u"-- migrate:up\n-- strata-lint: ignore-file ban-truncate-table\nDROP TABLE t;"_s + down << pg
                                                   << QStringList{u"ban-drop-table@3"_s};
        QTest::newRow("ignore another rule") << u"-- migrate:up\n-- strata-lint: ignore ban-drop-column\nTRUNCATE t;"_s + down
                                             << pg << QStringList{u"ban-truncate-table@3"_s};
    }
    void genericRulesFlagDestructiveStatementsAndDownSections()
    {
        QFETCH(QString, text);
        QFETCH(int, dialect);
        QFETCH(QStringList, expected);
        const Migration migration = dbmate(u"20240101000000_x.sql"_s, text);
        QVERIFY(!migration.version.isEmpty());
        const MigrationLinter linter(nullptr, SqlDialect(dialect));
        const QList<LintFinding> findings = linter.lint({migration});
        QCOMPARE(rulesAndLines(findings), expected);
        for (const LintFinding &f : findings) {
            QCOMPARE(f.file, u"20240101000000_x.sql"_s);
            QVERIFY(f.message.endsWith(u'.'));
        }
    }

    void engineSeesUpSectionsInOrderAndItsRulesReplaceGenericOnes()
    {
        EchoEngine engine;
        MigrationLinter linter(&engine, SqlDialect::PostgreSQL);
        linter.setServerVersion(u"10.5"_s);
        const Migration a = dbmate(u"20240101000000_a.sql"_s,
                                   u"-- migrate:up transaction:false\nDROP TABLE t;\n-- migrate:down\nSELECT 1;"_s);
        const Migration b = dbmate(u"20240102000000_b.sql"_s,
                                   u"\n-- migrate:up\nTRUNCATE t;\n-- migrate:down\nSELECT 1;"_s);
        const QList<LintFinding> findings = linter.lint({a, b});
        QCOMPARE(engine.seen.size(), 2);
        QCOMPARE(engine.seen.at(0).transaction, false);
        QCOMPARE(engine.seen.at(1).firstLine, 3);
        QCOMPARE(engine.version, u"10.5"_s);
        // ban-drop-table is the engine's: the generic one is left out.
        QCOMPARE(rulesAndLines(findings),
                 (QStringList{u"echo@2"_s, u"ban-truncate-table@3"_s, u"echo@3"_s}));
        QVERIFY(LintFinding::hasErrors(findings));
    }

    void eugeneIgnoreCommentsMapToRuleIds()
    {
        QCOMPARE(LintSuppressions::rulesForEugeneHint(u"E4"_s), QStringList{u"statement-after-exclusive-lock"_s});
        QCOMPARE(LintSuppressions::rulesForEugeneHint(u"w12"_s), QStringList{u"combine-alter-table"_s});
        QVERIFY(LintSuppressions::rulesForEugeneHint(u"E99"_s).isEmpty());
        LintSuppressions suppressions;
        suppressions.addSection(u"f.sql"_s, 10, u"SELECT 1;\n-- eugene: ignore E5, E4\n-- why\nALTER TABLE t\n  ALTER c TYPE bigint;\nSELECT 2;"_s,
                                SqlDialect::PostgreSQL);
        auto finding = [](int line, const QString &rule) {
            return LintFinding{u"f.sql"_s, line, rule, LintFinding::Severity::Error, QString()};
        };
        QVERIFY(suppressions.isSuppressed(finding(14, u"changing-column-type"_s)));
        QVERIFY(suppressions.isSuppressed(finding(13, u"statement-after-exclusive-lock"_s)));
        QVERIFY(!suppressions.isSuppressed(finding(15, u"statement-after-exclusive-lock"_s)));
        QVERIFY(!suppressions.isSuppressed(finding(14, u"require-timeout-settings"_s)));
        QVERIFY(!suppressions.isSuppressed(finding(10, u"changing-column-type"_s)));
    }

    void folderLintReportsMalformedFilesAsErrors()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QDir dir(tmp.path());
        write(dir, u"20240101000000_ok.sql"_s, "-- migrate:up\nDROP TABLE t;\n-- migrate:down\nSELECT 1;\n");
        write(dir, u"20240102000000_bad.sql"_s, "SELECT 1;\n-- migrate:up\nSELECT 2;\n");
        write(dir, u"notaversion.sql"_s, "-- migrate:up\nSELECT 2;\n");
        const MigrationLinter linter(nullptr, SqlDialect::PostgreSQL);
        const QList<LintFinding> findings = linter.lintDirectory(tmp.path());
        QStringList seen;
        for (const LintFinding &f : findings)
            seen.append(u"%1:%2:%3"_s.arg(f.file).arg(f.line).arg(f.rule));
        QCOMPARE(seen, (QStringList{u"20240101000000_ok.sql:2:ban-drop-table"_s,
                                    u"20240102000000_bad.sql:1:malformed-migration"_s,
                                    u"notaversion.sql:1:malformed-migration"_s}));
        QCOMPARE(findings.at(1).severity, LintFinding::Severity::Error);
        QCOMPARE(findings.at(0).severity, LintFinding::Severity::Warning);

        // One file of the folder: only its findings.
        const QList<LintFinding> one = linter.lintFile(dir.filePath(u"20240102000000_bad.sql"_s));
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.at(0).rule, u"malformed-migration"_s);
        QCOMPARE(linter.lintFile(dir.filePath(u"missing.sql"_s)).value(0).rule, u"malformed-migration"_s);
    }

    void golangMigratePairsAreLinted()
    {
        QTemporaryDir tmp;
        const QDir dir(tmp.path());
        write(dir, u"1_a.up.sql"_s, "CREATE TABLE a (x int);\n");
        write(dir, u"1_a.down.sql"_s, "DROP TABLE a;\n");
        write(dir, u"2_b.up.sql"_s, "SELECT 1;\nTRUNCATE a;\n");
        const MigrationLinter linter(nullptr, SqlDialect::PostgreSQL);
        const QList<LintFinding> findings = linter.lintDirectory(tmp.path());
        QStringList seen;
        for (const LintFinding &f : findings)
            seen.append(f.toString().section(u':', 0, 2).trimmed());
        // The down file's DROP TABLE is what a down section is for: not flagged.
        QCOMPARE(seen, (QStringList{u"2_b.up.sql:1: warning missing-down-section"_s,
                                    u"2_b.up.sql:2: warning ban-truncate-table"_s}));
    }

    void serverVersionsAreRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("known");
        QTest::addColumn<int>("major");
        QTest::addColumn<int>("minor");
        QTest::addColumn<bool>("mariaDb");
        QTest::newRow("pg") << u"15.4"_s << true << 15 << 4 << false;
        QTest::newRow("pg 9.6") << u"9.6.24"_s << true << 9 << 6 << false;
        QTest::newRow("mariadb") << u"10.11.6-MariaDB-log"_s << true << 10 << 11 << true;
        QTest::newRow("empty") << QString() << false << 0 << 0 << false;
        QTest::newRow("junk") << u"newest"_s << false << 0 << 0 << false;
    }
    void serverVersionsAreRead()
    {
        QFETCH(QString, text);
        QFETCH(bool, known);
        QFETCH(int, major);
        QFETCH(int, minor);
        QFETCH(bool, mariaDb);
        const ServerVersion v = ServerVersion::parse(text);
        QCOMPARE(v.known, known);
        QCOMPARE(v.major, major);
        QCOMPARE(v.minor, minor);
        QCOMPARE(v.mariaDb, mariaDb);
        QCOMPARE(v.atLeast(11), !known || major >= 11);
    }
};

QTEST_GUILESS_MAIN(tst_MigrationLinter)
#include "tst_migrationlinter.moc"
