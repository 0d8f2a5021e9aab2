// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/csvwriter.h"

#include <QTest>

#include <cstdio>

using namespace Strata;

namespace {

ColumnInfo column(const QString &name, CellKind kind = CellKind::Text)
{
    ColumnInfo info;
    info.name = name;
    info.kind = kind;
    return info;
}

} // namespace

class tst_CsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsAreQuotedOnlyWhenRfc4180RequiresIt_data();
    void fieldsAreQuotedOnlyWhenRfc4180RequiresIt();
    void nullIsEmptyAndEmptyStringIsQuoted();
    void headerNamesAreQuotedLikeFields();
    void resultsAreSeparatedByOneBlankLine();
    void statementsWithoutRowsReportToStatus();
    void rowsStopWhenTheOutputFails();
};

void tst_CsvWriter::fieldsAreQuotedOnlyWhenRfc4180RequiresIt_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");

    const int text = int(CellKind::Text);
    QTest::newRow("plain") << text << QByteArray("abc") << QByteArray("abc");
    QTest::newRow("comma") << text << QByteArray("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("quote") << text << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only a quote") << text << QByteArray("\"") << QByteArray("\"\"\"\"");
    QTest::newRow("newline") << text << QByteArray("a\nb") << QByteArray("\"a\nb\"");
    QTest::newRow("carriage return") << text << QByteArray("a\rb") << QByteArray("\"a\rb\"");
    QTest::newRow("spaces kept unquoted") << text << QByteArray(" a ") << QByteArray(" a ");
    QTest::newRow("unicode") << text << QByteArray("Zürich ✓ 日本") << QByteArray("Zürich ✓ 日本");
    QTest::newRow("numeric exact") << int(CellKind::Numeric)
                                   << QByteArray("12345678901234567890.123456789")
                                   << QByteArray("12345678901234567890.123456789");
    QTest::newRow("binary as hex") << int(CellKind::Binary) << QByteArray("\x00\x01\xff", 3)
                                   << QByteArray("\\x0001ff");
    QTest::newRow("pg hex binary kept") << int(CellKind::HexBinary) << QByteArray("\\xdeadbeef")
                                        << QByteArray("\\xdeadbeef");
    QTest::newRow("boolean") << int(CellKind::Boolean) << QByteArray("t") << QByteArray("true");
}

void tst_CsvWriter::fieldsAreQuotedOnlyWhenRfc4180RequiresIt()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);

    QByteArray bytes;
    {
        OutputBuffer out(&bytes, 16); // small, to cross the buffer boundary
        CsvWriter writer(out);
        writer.beginResult({column(QStringLiteral("v"), CellKind(kind)), column(QStringLiteral("n"))});
        RowBlock block(2);
        block.appendCell(raw);
        block.appendCell(QByteArrayView("1"));
        QVERIFY(writer.rows(std::move(block)));
        writer.endResult({});
        writer.finish();
    }
    QCOMPARE(bytes, QByteArray("v,n\n") + expected + ",1\n");
}

void tst_CsvWriter::nullIsEmptyAndEmptyStringIsQuoted()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    CsvWriter writer(out);
    writer.beginResult({column(QStringLiteral("a")), column(QStringLiteral("b")), column(QStringLiteral("c"))});
    RowBlock block(3);
    block.appendNull();
    block.appendCell(QByteArrayView(""));
    block.appendNull();
    QVERIFY(writer.rows(std::move(block)));
    writer.endResult({});
    writer.finish();
    QCOMPARE(bytes, QByteArray("a,b,c\n,\"\",\n"));
}

void tst_CsvWriter::headerNamesAreQuotedLikeFields()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    CsvWriter writer(out);
    writer.beginResult({column(QStringLiteral("a,b")), column(QStringLiteral("say \"x\""))});
    writer.endResult({});
    writer.finish();
    QCOMPARE(bytes, QByteArray("\"a,b\",\"say \"\"x\"\"\"\n"));
}

void tst_CsvWriter::resultsAreSeparatedByOneBlankLine()
{
    QByteArray bytes;
    QStringList statuses;
    OutputBuffer out(&bytes);
    CsvWriter writer(out);
    writer.setStatusHandler([&statuses](const QString &line) { statuses.append(line); });
    for (const char *value : {"1", "2"}) {
        writer.beginResult({column(QStringLiteral("x"), CellKind::Integer)});
        RowBlock block(1);
        block.appendCell(QByteArrayView(value));
        QVERIFY(writer.rows(std::move(block)));
        writer.endResult({});
    }
    writer.finish();
    QCOMPARE(bytes, QByteArray("x\n1\n\nx\n2\n"));
    QCOMPARE(writer.resultCount(), 2);
    QVERIFY(statuses.isEmpty());
}

void tst_CsvWriter::statementsWithoutRowsReportToStatus()
{
    QByteArray bytes;
    QStringList statuses;
    OutputBuffer out(&bytes);
    CsvWriter writer(out);
    writer.setStatusHandler([&statuses](const QString &line) { statuses.append(line); });
    ResultSummary update;
    update.commandTag = QStringLiteral("UPDATE 3");
    update.rowsAffected = 3;
    writer.endResult(update);
    ResultSummary insert;
    insert.rowsAffected = 2;
    writer.endResult(insert);
    writer.finish();
    QVERIFY(bytes.isEmpty());
    QCOMPARE(statuses, (QStringList{QStringLiteral("UPDATE 3"), QStringLiteral("OK, 2 rows affected")}));
}

void tst_CsvWriter::rowsStopWhenTheOutputFails()
{
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        QSKIP("/dev/full is not available");
    {
        OutputBuffer out(full, 64);
        CsvWriter writer(out);
        writer.beginResult({column(QStringLiteral("x"))});
        RowBlock block(1);
        for (int i = 0; i < 100; ++i)
            block.appendCell(QByteArrayView("0123456789"));
        QVERIFY(!writer.rows(std::move(block)));
        QVERIFY(writer.outputFailed());
        QVERIFY(!out.errorString().isEmpty());
    }
    fclose(full);
}

QTEST_GUILESS_MAIN(tst_CsvWriter)
#include "tst_csvwriter.moc"
