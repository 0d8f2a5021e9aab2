// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitesession.h"

#include "results/cellformat.h"
#include "results/resultset.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using Strata::CellKind;
using Strata::CollectingSink;
using Strata::ConnectionSettings;
using Strata::Error;
using Strata::ResultSet;
using Strata::Sqlite::Internal::SqliteSession;

namespace {

// Counts what streams through, and stops after a number of blocks when asked.
class CountingSink : public Strata::IRowSink
{
public:
    int stopAfterBlocks = -1;
    int blocks = 0;
    qint64 rowTotal = 0;
    QList<Strata::ResultSummary> summaries;

    void beginResult(const Strata::ColumnList &) override {}
    bool rows(Strata::RowBlock &&block) override
    {
        ++blocks;
        rowTotal += block.rowCount();
        return stopAfterBlocks < 0 || blocks < stopAfterBlocks;
    }
    void endResult(const Strata::ResultSummary &summary) override { summaries.append(summary); }
};

ConnectionSettings settingsFor(const QString &path, const QString &mode = u"rwc"_s)
{
    ConnectionSettings s;
    s.engine = u"sqlite"_s;
    s.database = path;
    s.options.insert(u"mode"_s, mode);
    return s;
}

} // namespace

class tst_SqliteSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteSession> m_session;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QList<ResultSet> run(const QString &sql, const QVariantList &params = {})
    {
        CollectingSink sink;
        const auto r = m_session->execute(sql, params, sink);
        if (!r)
            qWarning("%s", qPrintable(r.error().toString()));
        [&] { QVERIFY2(r.ok(), qPrintable(r.error().toString())); }();
        return sink.takeResults();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_session = std::make_unique<SqliteSession>();
        const QString file = path(QString::fromLatin1(QTest::currentTestFunction()) + u".db"_s);
        QFile::remove(file);
        const auto opened = m_session->open(settingsFor(file));
        QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    }
    void cleanup() { m_session.reset(); }

    void serverVersionNamesSqlite()
    {
        QCOMPARE(m_session->serverVersion(), u"SQLite 3.40.1"_s);
        QVERIFY(m_session->isOpen());
        m_session->close();
        QVERIFY(!m_session->isOpen());
    }

    void columnKindFollowsDeclaredType_data()
    {
        QTest::addColumn<QString>("declared");
        QTest::addColumn<QString>("value");
        QTest::addColumn<CellKind>("kind");
        QTest::newRow("INTEGER") << u"INTEGER"_s << u"42"_s << CellKind::Integer;
        QTest::newRow("BIGINT") << u"BIGINT"_s << u"9007199254740993"_s << CellKind::Integer;
        QTest::newRow("REAL") << u"REAL"_s << u"1.5"_s << CellKind::Float;
        QTest::newRow("DOUBLE PRECISION") << u"DOUBLE PRECISION"_s << u"2.25"_s << CellKind::Float;
        QTest::newRow("NUMERIC(10,2)") << u"NUMERIC(10,2)"_s << u"12.5"_s << CellKind::Numeric;
        QTest::newRow("DECIMAL") << u"DECIMAL"_s << u"3"_s << CellKind::Numeric;
        QTest::newRow("VARCHAR(20)") << u"VARCHAR(20)"_s << u"hello"_s << CellKind::Text;
        QTest::newRow("TEXT") << u"TEXT"_s << u"x"_s << CellKind::Text;
        QTest::newRow("DATE") << u"DATE"_s << u"2024-02-29"_s << CellKind::Date;
        QTest::newRow("TIMESTAMP") << u"TIMESTAMP"_s << u"2024-02-29 10:11:12"_s << CellKind::DateTime;
        QTest::newRow("DATETIME") << u"DATETIME"_s << u"2024-02-29 10:11:12"_s << CellKind::DateTime;
    }
    void columnKindFollowsDeclaredType()
    {
        QFETCH(QString, declared);
        QFETCH(QString, value);
        QFETCH(CellKind, kind);
        run(u"CREATE TABLE t (c %1)"_s.arg(declared));
        run(u"INSERT INTO t VALUES (?)"_s, {value});
        const auto results = run(u"SELECT c FROM t"_s);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].columns[0].kind, kind);
        QCOMPARE(results[0].columns[0].typeName, declared);
        QCOMPARE(results[0].columns[0].table, u"t"_s);
        QCOMPARE(results[0].text(0, 0), value);
    }

    void untypedExpressionTakesKindOfFirstRow_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<CellKind>("kind");
        QTest::addColumn<QString>("text");
        QTest::newRow("integer") << u"1 + 2"_s << CellKind::Integer << u"3"_s;
        QTest::newRow("float") << u"1.0 / 4"_s << CellKind::Float << u"0.25"_s;
        QTest::newRow("text") << u"'a' || 'b'"_s << CellKind::Text << u"ab"_s;
        QTest::newRow("blob") << u"x'00ff'"_s << CellKind::Binary << u"\\x00ff"_s;
    }
    void untypedExpressionTakesKindOfFirstRow()
    {
        QFETCH(QString, expression);
        QFETCH(CellKind, kind);
        QFETCH(QString, text);
        const auto results = run(u"SELECT "_s + expression);
        QCOMPARE(results[0].columns[0].kind, kind);
        QCOMPARE(results[0].text(0, 0), text);
    }

    void nullStaysDistinctFromEmptyString()
    {
        const auto results = run(u"SELECT NULL, '', x''"_s);
        QVERIFY(results[0].isNull(0, 0));
        QVERIFY(results[0].text(0, 0).isNull());
        QVERIFY(!results[0].isNull(0, 1));
        QCOMPARE(results[0].text(0, 1), QString(u""_s));
        QVERIFY(!results[0].text(0, 1).isNull());
        QVERIFY(!results[0].isNull(0, 2));
    }

    void blobIsBinaryShownAsHex()
    {
        run(u"CREATE TABLE b (data BLOB)"_s);
        const QByteArray bytes("\x00\x01\xfe\xff zero\x00inside", 16);
        run(u"INSERT INTO b VALUES (?)"_s, {bytes});
        const auto results = run(u"SELECT data, length(data) FROM b"_s);
        QCOMPARE(results[0].columns[0].kind, CellKind::Binary);
        QCOMPARE(results[0].raw(0, 0).toByteArray(), bytes);
        QCOMPARE(results[0].text(0, 0), u"\\x"_s + QString::fromLatin1(bytes.toHex()));
        QCOMPARE(results[0].text(0, 1), u"16"_s);
    }

    void numericColumnKeepsExactText()
    {
        run(u"CREATE TABLE n (v NUMERIC(30,10))"_s);
        // Not a representable number: SQLite keeps the text as it is, so must we.
        run(u"INSERT INTO n VALUES ('12345678901234567890.0123456789x'), ('0.10')"_s);
        const auto results = run(u"SELECT v FROM n ORDER BY rowid"_s);
        QCOMPARE(results[0].columns[0].kind, CellKind::Numeric);
        QCOMPARE(results[0].text(0, 0), u"12345678901234567890.0123456789x"_s);
        QCOMPARE(Strata::CellFormat::value(results[0].columns[0], results[0].raw(0, 0)).toString(),
                 u"12345678901234567890.0123456789x"_s);
    }

    void severalStatementsGiveSeveralResults()
    {
        const auto results = run(u"CREATE TABLE m (a INTEGER); INSERT INTO m VALUES (1), (2);\n"
                                 "-- a comment between statements\n"
                                 "SELECT a FROM m ORDER BY a; SELECT count(*) AS n FROM m; "_s);
        QCOMPARE(results.size(), 4);
        QVERIFY(!results[0].summary.hasRows);
        QCOMPARE(results[0].summary.rowsAffected, -1);
        QCOMPARE(results[1].summary.rowsAffected, 2);
        QCOMPARE(results[1].summary.commandTag, u"INSERT 2"_s);
        QVERIFY(results[2].summary.hasRows);
        QCOMPARE(results[2].rowCount(), 2);
        QCOMPARE(results[2].text(1, 0), u"2"_s);
        QCOMPARE(results[3].columns[0].name, u"n"_s);
        QCOMPARE(results[3].text(0, 0), u"2"_s);
    }

    void changesAreCountedPerStatement_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("changes");
        QTest::newRow("update some") << u"UPDATE c SET v = v + 1 WHERE v > 5"_s << qint64(4);
        QTest::newRow("update none") << u"UPDATE c SET v = 0 WHERE v > 100"_s << qint64(0);
        QTest::newRow("delete") << u"DELETE FROM c WHERE v <= 3"_s << qint64(3);
        QTest::newRow("with insert") << u"WITH s(x) AS (SELECT 20) INSERT INTO c SELECT x FROM s"_s
                                     << qint64(1);
        QTest::newRow("ddl") << u"CREATE INDEX ci ON c (v)"_s << qint64(-1);
        QTest::newRow("select") << u"SELECT 1"_s << qint64(-1);
    }
    void changesAreCountedPerStatement()
    {
        QFETCH(QString, sql);
        QFETCH(qint64, changes);
        run(u"CREATE TABLE c (v INTEGER); WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
            "FROM s WHERE x < 9) INSERT INTO c SELECT x FROM s"_s);
        const auto results = run(sql);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].summary.rowsAffected, changes);
    }

    void hostileParametersAreBoundNotSpliced_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::newRow("quote") << QVariant(u"it's"_s);
        QTest::newRow("injection") << QVariant(u"x'); DROP TABLE p; --"_s);
        QTest::newRow("double quote") << QVariant(u"a\"b"_s);
        QTest::newRow("question mark") << QVariant(u"?"_s);
        QTest::newRow("unicode") << QVariant(u"таблица 表 🙂"_s);
        QTest::newRow("nul inside") << QVariant(QString(u"a\0b"_s));
        QTest::newRow("null") << QVariant();
        QTest::newRow("integer") << QVariant(qint64(-9223372036854775807LL - 1));
        QTest::newRow("double") << QVariant(0.1);
    }
    void hostileParametersAreBoundNotSpliced()
    {
        QFETCH(QVariant, value);
        run(u"CREATE TABLE p (v)"_s);
        const auto inserted = run(u"INSERT INTO p VALUES (?)"_s, {value});
        QCOMPARE(inserted[0].summary.rowsAffected, 1);
        const auto results = run(u"SELECT v, (SELECT count(*) FROM p) FROM p WHERE v IS ?"_s, {value});
        QCOMPARE(results[0].rowCount(), 1);
        QCOMPARE(results[0].text(0, 1), u"1"_s);
        if (value.isNull())
            QVERIFY(results[0].isNull(0, 0));
        else if (value.typeId() == QMetaType::QString)
            QCOMPARE(results[0].text(0, 0), value.toString());
        else
            QCOMPARE(results[0].text(0, 0), value.toString());
    }

    void parameterCountMismatchIsRejected()
    {
        CollectingSink sink;
        auto tooFew = m_session->execute(u"SELECT ?, ?"_s, {1}, sink);
        QVERIFY(!tooFew);
        QCOMPARE(tooFew.error().code(), Error::Code::InvalidArgument);
        auto tooMany = m_session->execute(u"SELECT ?"_s, {1, 2}, sink);
        QVERIFY(!tooMany);
        QCOMPARE(tooMany.error().code(), Error::Code::InvalidArgument);
    }

    void largeResultStreamsInBlocks()
    {
        CountingSink sink;
        const auto r = m_session->execute(
            u"WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 2500) "
            "SELECT x, printf('%08d', x) FROM s"_s, {}, sink);
        QVERIFY(r.ok());
        QCOMPARE(sink.rowTotal, 2500);
        QCOMPARE(sink.blocks, 3);
        QCOMPARE(sink.summaries.size(), 1);
        QCOMPARE(sink.summaries[0].rowCount, 2500);
        QVERIFY(!sink.summaries[0].truncated);
    }

    void sinkReturningFalseStopsTheResult()
    {
        CountingSink sink;
        sink.stopAfterBlocks = 1;
        const auto r = m_session->execute(
            u"WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 5000) "
            "SELECT x FROM s; SELECT 1"_s, {}, sink);
        QVERIFY(r.ok());
        QCOMPARE(sink.summaries.size(), 2);
        QCOMPARE(sink.summaries[0].rowCount, 1000);
        QVERIFY(sink.summaries[0].truncated);
    }

    void cancelStopsEndlessQueryWithinOneSecond()
    {
        QElapsedTimer sinceCancel;
        QThread *canceller = QThread::create([&] {
            QThread::msleep(300);
            sinceCancel.start();
            m_session->cancel();
        });
        canceller->start();
        CollectingSink sink;
        const auto r = m_session->execute(
            u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"_s,
            {}, sink);
        const qint64 latency = sinceCancel.elapsed();
        canceller->wait();
        delete canceller;
        QVERIFY(!r);
        QCOMPARE(r.error().code(), Error::Code::Cancelled);
        qInfo("cancel latency: %lld ms", latency);
        QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
        // The session stays usable.
        QCOMPARE(run(u"SELECT 7"_s)[0].text(0, 0), u"7"_s);
    }

    void cancelWithNothingRunningIsHarmless()
    {
        m_session->cancel();
        QCOMPARE(run(u"SELECT 8"_s)[0].text(0, 0), u"8"_s);
    }

    void readOnlyModeRefusesWrites()
    {
        run(u"CREATE TABLE r (v INTEGER); INSERT INTO r VALUES (1)"_s);
        const QString file = path(u"readOnlyModeRefusesWrites.db"_s);
        m_session->close();
        QVERIFY(m_session->open(settingsFor(file, u"ro"_s)).ok());
        QCOMPARE(run(u"SELECT v FROM r"_s)[0].text(0, 0), u"1"_s);
        CollectingSink sink;
        const auto r = m_session->execute(u"INSERT INTO r VALUES (2)"_s, {}, sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), Error::Code::Query);
        QVERIFY2(r.error().message().contains(u"readonly"_s), qPrintable(r.error().message()));
    }

    void missingFileNeedsCreateMode_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("opens");
        QTest::newRow("rw") << u"rw"_s << false;
        QTest::newRow("ro") << u"ro"_s << false;
        QTest::newRow("rwc") << u"rwc"_s << true;
    }
    void missingFileNeedsCreateMode()
    {
        QFETCH(QString, mode);
        QFETCH(bool, opens);
        const QString file = path(u"missing-%1.db"_s.arg(mode));
        QFile::remove(file);
        SqliteSession session;
        const auto r = session.open(settingsFor(file, mode));
        QCOMPARE(r.ok(), opens);
        QCOMPARE(QFile::exists(file), opens);
        if (!opens) {
            QCOMPARE(r.error().code(), Error::Code::UnknownDatabase);
            QVERIFY(r.error().message().contains(file));
        }
    }

    void invalidOptionsAreRejected_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::newRow("mode") << u"mode"_s << u"rwx"_s;
        QTest::newRow("foreign_keys") << u"foreign_keys"_s << u"maybe"_s;
        QTest::newRow("busy_timeout") << u"busy_timeout"_s << u"-1"_s;
    }
    void invalidOptionsAreRejected()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        ConnectionSettings s = settingsFor(path(u"options.db"_s));
        s.options.insert(option, value);
        SqliteSession session;
        const auto r = session.open(s);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), Error::Code::InvalidArgument);
        QVERIFY(r.error().message().contains(option));
    }

    void fileThatIsNotADatabaseFailsToOpen()
    {
        const QString file = path(u"garbage.db"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        SqliteSession session;
        const auto r = session.open(settingsFor(file, u"rw"_s));
        QVERIFY(!r);
        QVERIFY2(r.error().detail().contains(u"not a database"_s), qPrintable(r.error().toString()));
        QVERIFY(!session.isOpen());
    }

    void foreignKeysOptionControlsEnforcement_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("enforced");
        QTest::newRow("default") << QString() << true;
        QTest::newRow("true") << u"true"_s << true;
        QTest::newRow("false") << u"false"_s << false;
    }
    void foreignKeysOptionControlsEnforcement()
    {
        QFETCH(QString, value);
        QFETCH(bool, enforced);
        ConnectionSettings s = settingsFor(path(u"fk-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag()))));
        if (!value.isNull())
            s.options.insert(u"foreign_keys"_s, value);
        m_session->close();
        QVERIFY(m_session->open(s).ok());
        run(u"CREATE TABLE IF NOT EXISTS pa (id INTEGER PRIMARY KEY);"
            "CREATE TABLE IF NOT EXISTS ch (pid INTEGER REFERENCES pa (id))"_s);
        CollectingSink sink;
        const auto r = m_session->execute(u"INSERT INTO ch VALUES (99)"_s, {}, sink);
        QCOMPARE(!r.ok(), enforced);
    }

    void errorCarriesPositionInWholeText()
    {
        CollectingSink sink;
        const QString sql = u"SELECT 1; SELECT 'ä', nowhere_column FROM (SELECT 1 AS a)"_s;
        const auto r = m_session->execute(sql, {}, sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), Error::Code::Query);
        QVERIFY(r.error().message().contains(u"nowhere_column"_s));
        // 1-based, in characters of the whole text ('ä' is two UTF-8 bytes, one character).
        QCOMPARE(r.error().position(), int(sql.indexOf(u"nowhere_column"_s)) + 1);
        QCOMPARE(sink.results().size(), 1); // the first statement ran
    }

    void executeOnClosedSessionFails()
    {
        m_session->close();
        CollectingSink sink;
        const auto r = m_session->execute(u"SELECT 1"_s, {}, sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code(), Error::Code::ConnectionLost);
    }
};

QTEST_GUILESS_MAIN(tst_SqliteSession)
#include "tst_sqlitesession.moc"
