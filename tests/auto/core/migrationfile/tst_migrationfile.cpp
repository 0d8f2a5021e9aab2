// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations/migrationfile.h"
#include "migrations/migrationreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_MigrationFile : public QObject
{
    Q_OBJECT
private:
    static QByteArray contents(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return file.readAll();
    }
    static void touch(const QString &path, const QByteArray &bytes = "x")
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

private Q_SLOTS:
    void namesAreCheckedForEveryFileSystem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("safe");
        QTest::addColumn<QString>("problemMentions");

        QTest::newRow("empty") << QString() << false << u"name"_s;
        QTest::newRow("too long") << QString(101, u'a') << false << u"101"_s;
        QTest::newRow("longest allowed") << QString(100, u'a') << true << QString();
        QTest::newRow("spaces") << u"add users"_s << false << u"a space"_s;
        QTest::newRow("parent folder") << u"../x"_s << false << u"'.'"_s;
        QTest::newRow("semicolon") << u"a;b"_s << false << u"';'"_s;
        QTest::newRow("hostile quote") << u"x'; DROP TABLE t; --"_s << false << u"'''"_s;
        QTest::newRow("cyrillic") << u"таблица"_s << false << u"'т'"_s;
        QTest::newRow("ok") << u"add_orders-2"_s << true << QString();
    }

    void namesAreCheckedForEveryFileSystem()
    {
        QFETCH(QString, name);
        QFETCH(bool, safe);
        QFETCH(QString, problemMentions);
        QCOMPARE(MigrationFile::isSafeName(name), safe);
        const QString problem = MigrationFile::nameProblem(name);
        QCOMPARE(problem.isEmpty(), safe);
        if (!safe) {
            QVERIFY2(problem.contains(problemMentions), qPrintable(problem));
            QVERIFY2(problem.endsWith(u'.'), qPrintable(problem));
        }
    }

    void writeRefusesAnUnsafeNameAndWritesNothing_data()
    {
        namesAreCheckedForEveryFileSystem_data();
    }

    void writeRefusesAnUnsafeNameAndWritesNothing()
    {
        QFETCH(QString, name);
        QFETCH(bool, safe);
        QTemporaryDir tmp;
        const QString dir = QDir(tmp.path()).filePath(u"migrations"_s);
        const Result<QString> written =
            MigrationFile::write(dir, name, MigrationFile::templateText());
        QCOMPARE(written.ok(), safe);
        if (safe) {
            QCOMPARE(QFileInfo(*written).dir().absolutePath(), QDir(dir).absolutePath());
            QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 1);
        } else {
            QCOMPARE(written.error().code(), Error::Code::InvalidArgument);
            QCOMPARE(written.error().message(), MigrationFile::nameProblem(name));
            // Nothing escaped into the parent folder either.
            QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot),
                     QStringList());
        }
    }

    void newVersionIsTheUtcSecondOrTheNextFreeOne()
    {
        QTemporaryDir tmp;
        const QDateTime now(QDate(2026, 11, 22), QTime(18, 30, 0), Qt::UTC);
        QCOMPARE(MigrationFile::newVersion(tmp.path(), now), u"20261122183000"_s);
        // A local time is converted to UTC first.
        QCOMPARE(MigrationFile::newVersion(tmp.path(), now.toOffsetFromUtc(3600)),
                 u"20261122183000"_s);

        touch(QDir(tmp.path()).filePath(u"20261122183000_a.sql"_s));
        touch(QDir(tmp.path()).filePath(u"20261122183001_b.up.sql"_s));
        QCOMPARE(MigrationFile::newVersion(tmp.path(), now), u"20261122183002"_s);
        // Seconds roll over into minutes, days and years.
        const QDateTime lastSecond(QDate(2026, 12, 31), QTime(23, 59, 59), Qt::UTC);
        touch(QDir(tmp.path()).filePath(u"20261231235959_c.sql"_s));
        QCOMPARE(MigrationFile::newVersion(tmp.path(), lastSecond), u"20270101000000"_s);
        // A missing folder has no versions yet.
        QCOMPARE(MigrationFile::newVersion(QDir(tmp.path()).filePath(u"none"_s), now),
                 u"20261122183000"_s);
    }

    void twoQuickWritesNeverCollide()
    {
        QTemporaryDir tmp;
        const Result<QString> first =
            MigrationFile::write(tmp.path(), u"one"_s, MigrationFile::templateText());
        const Result<QString> second =
            MigrationFile::write(tmp.path(), u"two"_s, MigrationFile::templateText());
        QVERIFY(first.ok());
        QVERIFY2(second.ok(), qPrintable(second.error().message()));
        const MigrationReader::Contents read = MigrationReader::readDirectory(tmp.path());
        QVERIFY(read.ok());
        QCOMPARE(read.migrations.size(), 2);
        QVERIFY(read.migrations.at(0).version != read.migrations.at(1).version);
    }

    void writeCreatesTheFolderAndTheExactText()
    {
        QTemporaryDir tmp;
        const QString dir = QDir(tmp.path()).filePath(u"a/b"_s);
        const QString text =
            u"-- migrate:up\nCREATE TABLE \"таблица\" (id int);\n-- migrate:down\nDROP TABLE \"таблица\";\n"_s;
        const Result<QString> written =
            MigrationFile::write(dir, u"20261122183000"_s, u"add_orders"_s, text);
        QVERIFY2(written.ok(), qPrintable(written.error().message()));
        QCOMPARE(*written, QDir(dir).filePath(u"20261122183000_add_orders.sql"_s));
        QCOMPARE(contents(*written), text.toUtf8());
        // The written file reads as a clean migration.
        const MigrationReader::Contents read = MigrationReader::readDirectory(dir);
        QVERIFY(read.ok());
        QCOMPARE(read.migrations.value(0).name, u"add_orders"_s);
    }

    void templateReadsCleanWithTheCursorLineInsideUp()
    {
        const QString text = MigrationFile::templateText();
        QCOMPARE(text, u"-- migrate:up\n\n\n-- migrate:down\n\n"_s);
        QCOMPARE(text.split(u'\n').value(MigrationFile::templateUpLine()), QString());
        QCOMPARE(text.split(u'\n').value(MigrationFile::templateUpLine() - 1), u"-- migrate:up"_s);
        const MigrationReader::Contents read = MigrationReader::parseDbmate(
            MigrationFile::fileName(u"20261122183000"_s, u"x"_s), text);
        QVERIFY(read.ok());
        QVERIFY(read.migrations.value(0).up.present);
        QVERIFY(read.migrations.value(0).down.present);
    }

    void writeRefusesAnExistingFileOrVersion_data()
    {
        QTest::addColumn<QString>("existing");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("same file") << u"20261122183000_add_orders.sql"_s << u"already exists"_s;
        QTest::newRow("same version, other name")
            << u"20261122183000_other.sql"_s << u"already used by"_s;
        QTest::newRow("golang-migrate pair")
            << u"20261122183000_other.up.sql"_s << u"already used by"_s;
    }

    void writeRefusesAnExistingFileOrVersion()
    {
        QFETCH(QString, existing);
        QFETCH(QString, mentions);
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(existing);
        touch(path, "-- migrate:up\nSELECT 1;\n");
        const Result<QString> written =
            MigrationFile::write(tmp.path(), u"20261122183000"_s, u"add_orders"_s, u"new text"_s);
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message().contains(mentions),
                 qPrintable(written.error().message()));
        QCOMPARE(contents(path), QByteArray("-- migrate:up\nSELECT 1;\n"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList{existing});
    }

    void writeRefusesABadVersion()
    {
        QTemporaryDir tmp;
        const Result<QString> written = MigrationFile::write(tmp.path(), u"2026"_s, u"x"_s, u"t"_s);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code(), Error::Code::InvalidArgument);
        QVERIFY(QDir(tmp.path()).entryList(QDir::Files).isEmpty());
    }

    void writeIntoAFolderThatCannotBeMadeFailsWithOneSentence()
    {
        // A file where a folder should be: refused even for root, unlike permissions.
        QTemporaryDir tmp;
        const QString blocker = QDir(tmp.path()).filePath(u"blocker"_s);
        touch(blocker);
        const Result<QString> written =
            MigrationFile::write(QDir(blocker).filePath(u"sub"_s), u"x"_s, u"t"_s);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code(), Error::Code::Io);
        QVERIFY2(written.error().message().startsWith(u"Cannot create the folder"_s),
                 qPrintable(written.error().message()));
        QVERIFY(!written.error().message().contains(u'\n'));
        QCOMPARE(contents(blocker), QByteArray("x"));
    }

    void rewriteReplacesTheWholeTextAndRefusesAMissingFile()
    {
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(u"20261122183000_x.sql"_s);
        touch(path, "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n");
        const QString text = u"-- migrate:up\nSELECT 3;\n"_s;
        const Result<void> saved = MigrationFile::rewrite(path, text);
        QVERIFY2(saved.ok(), qPrintable(saved.error().message()));
        QCOMPARE(contents(path), text.toUtf8());
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList{u"20261122183000_x.sql"_s});

        const QString gone = QDir(tmp.path()).filePath(u"20261122183001_gone.sql"_s);
        const Result<void> missing = MigrationFile::rewrite(gone, text);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message().contains(u"no longer exists"_s));
        QVERIFY(!QFileInfo::exists(gone));
    }
};

QTEST_GUILESS_MAIN(tst_MigrationFile)
#include "tst_migrationfile.moc"
