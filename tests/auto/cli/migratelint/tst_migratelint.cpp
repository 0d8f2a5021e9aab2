// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end: `strata-cli migrate lint` run as a process on folders of migration files.
#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata::Test;
using namespace Qt::StringLiterals;

class tst_MigrateLint : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;

    QString folder(const QString &name, const QHash<QString, QByteArray> &files)
    {
        const QString path = m_tmp.filePath(name);
        QDir().mkpath(path);
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QFile file(QDir(path).filePath(it.key()));
            if (!file.open(QIODevice::WriteOnly))
                return QString();
            file.write(it.value());
        }
        return path;
    }

private Q_SLOTS:
    void exitCodeSaysWhetherAnErrorWasFound_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QByteArray>("up");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("rule");
        const QByteArray down = "\n-- migrate:down\nSELECT 1;\n";
        QTest::newRow("pg clean") << QString() << "CREATE TABLE t (id bigint PRIMARY KEY, name text);" + down << 0 << QString();
        QTest::newRow("pg warning only") << u"postgresql"_s << "CREATE TABLE t (a varchar(10));" + down << 0 << u"prefer-text-field"_s;
        QTest::newRow("pg error") << QString() << "ALTER TABLE t ALTER COLUMN c TYPE bigint;" + down << 4 << u"changing-column-type"_s;
        QTest::newRow("pg error ignored")
            << QString() << "SET LOCAL lock_timeout = '2s';\n-- strata-lint: ignore changing-column-type\nALTER TABLE t ALTER COLUMN c TYPE bigint;" + down
            << 0 << QString();
        QTest::newRow("mysql error") << u"mariadb"_s << "ALTER TABLE `x'; DROP TABLE t; --` MODIFY c BIGINT;" + down << 4
                                     << u"alter-table-without-algorithm-lock"_s;
        QTest::newRow("sqlite error") << u"sqlite"_s << "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a);" + down << 4
                                      << u"table-rebuild-required"_s;
        QTest::newRow("sqlite clean") << u"sqlite"_s << "ALTER TABLE таблица ADD COLUMN b TEXT;" + down << 0 << QString();
    }
    void exitCodeSaysWhetherAnErrorWasFound()
    {
        QFETCH(QString, engine);
        QFETCH(QByteArray, up);
        QFETCH(int, exitCode);
        QFETCH(QString, rule);
        const QString dir = folder(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'),
                                   {{u"20240101000000_one.sql"_s, "-- migrate:up\n" + up}});
        QStringList args{u"migrate"_s, u"lint"_s, u"--dir"_s, dir, u"--json"_s};
        if (!engine.isEmpty())
            args << u"--engine"_s << engine;
        const CliRun run = runCli(args);
        QVERIFY(run.finished);
        QCOMPARE(run.exitCode, exitCode);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, run.out.constData());
        QVERIFY(doc.isArray());
        QStringList rules;
        const QJsonArray array = doc.array();
        for (const QJsonValue &v : array)
            rules.append(v.toObject().value(u"rule"_s).toString());
        if (rule.isEmpty())
            QVERIFY2(array.isEmpty(), run.out.constData());
        else
            QVERIFY2(rules.contains(rule), run.out.constData());
    }

    void jsonHasExactlyTheContractsKeysInOrder()
    {
        const QString dir = folder(u"json"_s, {{u"20240101000000_a.sql"_s,
                                                "-- migrate:up\nSELECT 1;\nALTER TABLE t\n  ALTER c SET NOT NULL;\n"}});
        const CliRun run = runCli({u"migrate"_s, u"lint"_s, u"--dir"_s, dir, u"--json"_s});
        QCOMPARE(run.exitCode, 4);
        const QByteArray out = run.out;
        QVERIFY2(out.startsWith("[\n  {\"file\": "), out.constData());
        const QJsonArray array = QJsonDocument::fromJson(out).array();
        QVERIFY(!array.isEmpty());
        bool sawSetNotNull = false;
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.keys(), (QStringList{u"file"_s, u"line"_s, u"message"_s, u"rule"_s, u"severity"_s}));
            QCOMPARE(o.value(u"file"_s).toString(), QDir::cleanPath(dir + u"/20240101000000_a.sql"_s));
            QVERIFY(o.value(u"severity"_s) == u"error"_s || o.value(u"severity"_s) == u"warning"_s);
            if (o.value(u"rule"_s) == u"adding-not-nullable-field"_s) {
                sawSetNotNull = true;
                QCOMPARE(o.value(u"line"_s).toInt(), 3); // where the statement begins
                QCOMPARE(o.value(u"severity"_s).toString(), u"error"_s);
            }
        }
        QVERIFY(sawSetNotNull);
        // The key order of each object is the contract's.
        const int file = int(out.indexOf("\"file\"")), line = int(out.indexOf("\"line\"")),
                  rule = int(out.indexOf("\"rule\"")), severity = int(out.indexOf("\"severity\"")),
                  message = int(out.indexOf("\"message\""));
        QVERIFY(file < line && line < rule && rule < severity && severity < message);
    }

    void textLinesNameFileLineSeverityAndRule()
    {
        const QString dir = folder(u"text"_s, {{u"20240101000000_a.sql"_s, "-- migrate:up\nSET LOCAL lock_timeout = '2s';\nTRUNCATE t;\n"},
                                               {u"20240102000000_b.sql"_s, "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- migrate:down\nSELECT 1;\n"}});
        const CliRun run = runCli({u"migrate"_s, u"lint"_s, u"--dir"_s, dir});
        QCOMPARE(run.exitCode, 0); // warnings only
        const QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
        const QString a = QDir::cleanPath(dir + u"/20240101000000_a.sql"_s);
        const QString b = QDir::cleanPath(dir + u"/20240102000000_b.sql"_s);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(a + u":1: warning missing-down-section: "_s), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).startsWith(a + u":3: warning ban-truncate-table: "_s), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).startsWith(b + u":2: warning prefer-robust-stmts: "_s), qPrintable(lines.at(2)));
        QVERIFY(run.err.contains("0 error(s), 3 warning(s)"));
    }

    void malformedFilesAreErrorFindings()
    {
        const QString dir = folder(u"malformed"_s, {{u"20240101000000_a.sql"_s, "SELECT 1;\n-- migrate:up\nSELECT 2;\n"},
                                                    {u"20240102000000_b.sql"_s, "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n"}});
        const CliRun run = runCli({u"migrate"_s, u"lint"_s, u"--dir"_s, dir, u"--json"_s});
        QCOMPARE(run.exitCode, 4);
        const QJsonArray array = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(array.size(), 2);
        QCOMPARE(array.at(0)[u"rule"_s].toString(), u"malformed-migration"_s);
        QCOMPARE(array.at(0)[u"line"_s].toInt(), 1);
        QCOMPARE(array.at(1)[u"line"_s].toInt(), 3);
    }

    void oneFileIsLintedAlone()
    {
        const QString dir = folder(u"onefile"_s, {{u"20240101000000_a.sql"_s, "-- migrate:up\nDROP TABLE a;\n-- migrate:down\nSELECT 1;\n"},
                                                  {u"20240102000000_b.sql"_s, "-- migrate:up\nCREATE TABLE b (id bigint);\n-- migrate:down\nDROP TABLE b;\n"}});
        const CliRun run = runCli({u"migrate"_s, u"lint"_s, u"--file"_s, dir + u"/20240102000000_b.sql"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).array().size(), 0);
        QCOMPARE(run.out, QByteArray("[]\n"));
    }

    void serverVersionChangesTheVerdict()
    {
        const QString dir = folder(u"version"_s, {{u"20240101000000_a.sql"_s,
                                                   "-- migrate:up\nSET LOCAL lock_timeout = '2s';\nALTER TABLE t ADD COLUMN c bigint DEFAULT 0;\n-- migrate:down\nALTER TABLE t DROP COLUMN c;\n"}});
        QCOMPARE(runCli({u"migrate"_s, u"lint"_s, u"--dir"_s, dir, u"--server-version"_s, u"10.22"_s}).exitCode, 4);
        QCOMPARE(runCli({u"migrate"_s, u"lint"_s, u"--dir"_s, dir, u"--server-version"_s, u"11.1"_s}).exitCode, 0);
        QCOMPARE(runCli({u"migrate"_s, u"lint"_s, u"--dir"_s, dir}).exitCode, 0);
    }

    void badInvocationsAreUsageOrFailure_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("no source") << QStringList{u"migrate"_s, u"lint"_s} << 2 << QByteArray("either --dir or --file");
        QTest::newRow("both sources") << QStringList{u"migrate"_s, u"lint"_s, u"--dir"_s, u"."_s, u"--file"_s, u"x.sql"_s} << 2 << QByteArray("either --dir or --file");
        QTest::newRow("unknown engine") << QStringList{u"migrate"_s, u"lint"_s, u"--dir"_s, u"."_s, u"--engine"_s, u"oracle"_s} << 2 << QByteArray("unknown engine 'oracle'");
        QTest::newRow("unknown option") << QStringList{u"migrate"_s, u"lint"_s, u"--frobnicate"_s} << 2 << QByteArray("frobnicate");
        QTest::newRow("unknown migrate command") << QStringList{u"migrate"_s, u"fly"_s} << 2 << QByteArray("unknown migrate command 'fly'");
        QTest::newRow("missing folder") << QStringList{u"migrate"_s, u"lint"_s, u"--dir"_s, u"/nonexistent/strata-lint"_s} << 1 << QByteArray("does not exist");
        QTest::newRow("missing file") << QStringList{u"migrate"_s, u"lint"_s, u"--file"_s, u"/nonexistent/x.sql"_s} << 1 << QByteArray("does not exist");
    }
    void badInvocationsAreUsageOrFailure()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, error);
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(error), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_MigrateLint)
#include "tst_migratelint.moc"
