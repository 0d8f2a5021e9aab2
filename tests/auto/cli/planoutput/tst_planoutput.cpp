// SPDX-License-Identifier: GPL-3.0-or-later
#include "planoutput.h"

#include "explain/planjsonwriter.h"
#include "explain/plansvgwriter.h"
#include "explain/plantextwriter.h"
#include "export/outputbuffer.h"

#include <QTest>

using namespace Strata;
using namespace Strata::Cli;

class tst_PlanOutput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textIsTheDefaultThenJson();
    void eachFormatWritesItsWritersOutput_data();
    void eachFormatWritesItsWritersOutput();
    void unknownFormatsHaveNoWriter_data();
    void unknownFormatsHaveNoWriter();
};

namespace {

PlanDocument document()
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.sourceFormat = QStringLiteral("json");
    PlanNode scan;
    scan.nodeType = QStringLiteral("Seq Scan");
    scan.relation = QStringLiteral("orders");
    scan.estimatedRows = 10;
    plan.addNode(scan, -1);
    return PlanDocument::analyze(plan, {});
}

} // namespace

void tst_PlanOutput::textIsTheDefaultThenJson()
{
    QCOMPARE(PlanOutput::formats(), (QStringList{QStringLiteral("text"), QStringLiteral("json"),
                                                 QStringLiteral("svg")}));
    QCOMPARE(PlanOutput::defaultFormat(), QStringLiteral("text"));
    QCOMPARE(PlanOutput::unknownFormatMessage(QStringLiteral("csv")),
             QStringLiteral("unknown --format 'csv' (expected text, json or svg)"));
}

void tst_PlanOutput::eachFormatWritesItsWritersOutput_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("text") << QStringLiteral("text") << PlanTextWriter::toText(document()).toUtf8();
    QTest::newRow("json") << QStringLiteral("json") << PlanJsonWriter::toJson(document());
    QTest::newRow("svg") << QStringLiteral("svg") << PlanSvgWriter::write(document());
}

void tst_PlanOutput::eachFormatWritesItsWritersOutput()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, expected);
    const PlanOutput::Writer write = PlanOutput::writerFor(format);
    QVERIFY(write);
    QByteArray bytes;
    {
        OutputBuffer out(&bytes);
        write(out, document());
    }
    QCOMPARE(bytes, expected);
    QVERIFY(bytes.endsWith('\n'));
}

void tst_PlanOutput::unknownFormatsHaveNoWriter_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("png") << QStringLiteral("png");
    QTest::newRow("empty") << QString();
    QTest::newRow("upper case") << QStringLiteral("JSON");
    QTest::newRow("csv") << QStringLiteral("csv");
}

void tst_PlanOutput::unknownFormatsHaveNoWriter()
{
    QFETCH(QString, format);
    QVERIFY(!PlanOutput::writerFor(format));
}

QTEST_GUILESS_MAIN(tst_PlanOutput)
#include "tst_planoutput.moc"
