// SPDX-License-Identifier: GPL-3.0-or-later
#include "tablewriter.h"

#include <QTest>

using namespace Strata;
using namespace Strata::Cli;

namespace {

ColumnInfo column(const QString &name, CellKind kind = CellKind::Text)
{
    ColumnInfo info;
    info.name = name;
    info.kind = kind;
    return info;
}

} // namespace

class tst_TableWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsAreAlignedAndNumbersRightAligned();
    void controlCharactersAreEscaped();
    void rowsBeyondTheLimitAreCountedNotKept();
    void statementsWithoutRowsPrintTheirSummary();
};

void tst_TableWriter::columnsAreAlignedAndNumbersRightAligned()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    TableWriter writer(out);
    writer.beginResult({column(QStringLiteral("id"), CellKind::Integer), column(QStringLiteral("name"))});
    RowBlock block(2);
    block.appendCell(QByteArrayView("1"));
    block.appendCell(QByteArrayView("Zürich"));
    block.appendCell(QByteArrayView("100"));
    block.appendNull();
    QVERIFY(writer.rows(std::move(block)));
    writer.endResult({});
    writer.finish();
    QCOMPARE(QString::fromUtf8(bytes), QStringLiteral(" id  |  name\n"
                                                      "-----+--------\n"
                                                      "   1 | Zürich\n"
                                                      " 100 | NULL\n"
                                                      "(2 rows)\n"));
}

void tst_TableWriter::controlCharactersAreEscaped()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    TableWriter writer(out);
    writer.beginResult({column(QStringLiteral("t"))});
    RowBlock block(1);
    block.appendCell(QByteArrayView("a\nb\tc"));
    QVERIFY(writer.rows(std::move(block)));
    writer.endResult({});
    writer.finish();
    QVERIFY2(bytes.contains(" a\\nb\\tc\n"), bytes.constData());
    QVERIFY(bytes.endsWith("(1 row)\n"));
}

void tst_TableWriter::rowsBeyondTheLimitAreCountedNotKept()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    TableWriter writer(out, 3);
    writer.beginResult({column(QStringLiteral("n"), CellKind::Integer)});
    for (int b = 0; b < 2; ++b) {
        RowBlock block(1);
        for (int i = 0; i < 5; ++i)
            block.appendCell(QByteArray::number(b * 5 + i));
        QVERIFY(writer.rows(std::move(block)));
    }
    writer.endResult({});
    writer.finish();
    const QList<QByteArray> lines = bytes.trimmed().split('\n');
    QCOMPARE(lines.size(), 2 + 3 + 1);
    QCOMPARE(lines.last(), QByteArray("(10 rows; first 3 shown)"));
    QCOMPARE(lines.at(4), QByteArray(" 2"));
}

void tst_TableWriter::statementsWithoutRowsPrintTheirSummary()
{
    QByteArray bytes;
    OutputBuffer out(&bytes);
    TableWriter writer(out);
    ResultSummary summary;
    summary.commandTag = QStringLiteral("DELETE 4");
    writer.endResult(summary);
    writer.beginResult({column(QStringLiteral("x"))});
    writer.endResult({});
    writer.finish();
    QCOMPARE(bytes, QByteArray("DELETE 4\n\n x\n---\n(0 rows)\n"));
}

QTEST_GUILESS_MAIN(tst_TableWriter)
#include "tst_tablewriter.moc"
