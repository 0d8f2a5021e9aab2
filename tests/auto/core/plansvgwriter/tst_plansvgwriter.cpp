// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plansvgwriter.h"

#include "pgjsonplanparser.h"
#include "pgplanrules.h"
#include "plancorpus.h"

#include <QElapsedTimer>
#include <QTest>
#include <QXmlStreamReader>

using namespace Strata;

class tst_PlanSvgWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpusPlansGiveValidSvgWithOneGroupPerNode_data();
    void corpusPlansGiveValidSvgWithOneGroupPerNode();
    void hostileNamesAreTextNotMarkup_data();
    void hostileNamesAreTextNotMarkup();
    void findingsBecomeBadgesWithTheirMessages();
    void sameDocumentGivesTheSameBytes();
    void onlyLabelsWiderThanTheLargestBoxAreElided();
    void tenThousandNodesAreWrittenQuickly();
    void emptyPlanGivesAnEmptyPicture();
};

namespace {

struct Parsed
{
    bool ok = false;
    QString error;
    int nodeGroups = 0;
    int badges = 0;
    int polylines = 0;
    QStringList texts;  // every <text> element's content
    QStringList titles; // every <title>
};

Parsed parseSvg(const QByteArray &svg)
{
    Parsed p;
    QXmlStreamReader xml(svg);
    QString element;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"g" && xml.attributes().value(QLatin1String("class")) == u"node")
                ++p.nodeGroups;
            else if (name == u"circle" && xml.attributes().value(QLatin1String("class")) == u"badge")
                ++p.badges;
            else if (name == u"polyline")
                ++p.polylines;
            else if (name == u"text")
                p.texts.append(xml.readElementText());
            else if (name == u"title")
                p.titles.append(xml.readElementText());
            else if (name == u"script")
                p.error = QStringLiteral("a <script> element");
        }
    }
    if (xml.hasError())
        p.error = xml.errorString();
    p.ok = p.error.isEmpty();
    return p;
}

PlanDocument hostile(const QString &name)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    PlanNode root;
    root.nodeType = QStringLiteral("Nested Loop");
    root.totalCost = 10;
    plan.addNode(root, -1);
    PlanNode scan;
    scan.nodeType = QStringLiteral("Seq Scan");
    scan.relation = name;
    scan.alias = name;
    scan.filter = name;
    scan.totalCost = 5;
    plan.addNode(scan, 0);
    PlanNode typed;
    typed.nodeType = name;
    plan.addNode(typed, 0);
    PlanDocument doc = PlanDocument::analyze(plan, {});
    doc.findings.append({1, QStringLiteral("x"), PlanFinding::Severity::Critical,
                         QStringLiteral("Scan of ") + name});
    return doc;
}

} // namespace

void tst_PlanSvgWriter::corpusPlansGiveValidSvgWithOneGroupPerNode_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = Test::explainCorpusFiles(QStringLiteral("postgresql-json"),
                                                       QStringLiteral(".json"));
    if (files.isEmpty())
        QSKIP("no EXPLAIN corpus");
    for (const QString &f : files)
        QTest::newRow(Test::corpusRowName(f).constData()) << f;
}

void tst_PlanSvgWriter::corpusPlansGiveValidSvgWithOneGroupPerNode()
{
    QFETCH(QString, path);
    const Result<Plan> plan = Postgres::Internal::PgJsonPlanParser::parse(Test::readCorpusFile(path));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const PlanDocument doc =
        PlanDocument::analyze(*plan, Postgres::Internal::PgPlanRules::rules());
    const Parsed svg = parseSvg(PlanSvgWriter::write(doc));
    QVERIFY2(svg.ok, qPrintable(svg.error));
    QCOMPARE(svg.nodeGroups, doc.plan.nodeCount());
    QCOMPARE(svg.polylines, doc.plan.nodeCount() - 1);
    int badged = 0;
    for (int i = 0; i < doc.plan.nodeCount(); ++i)
        badged += doc.findingsFor(i).isEmpty() ? 0 : 1;
    QCOMPARE(svg.badges, badged);
    const QString rootType = doc.plan.root().nodeType;
    QVERIFY(std::any_of(svg.texts.cbegin(), svg.texts.cend(),
                        [&rootType](const QString &t) { return t.startsWith(rootType); }));
}

void tst_PlanSvgWriter::hostileNamesAreTextNotMarkup_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("markup") << QStringLiteral("<script>&\"'");
    QTest::newRow("sql") << QStringLiteral("x'; DROP TABLE t; --");
    QTest::newRow("quote") << QStringLiteral("a\"b");
    QTest::newRow("cyrillic") << QStringLiteral("таблица");
    QTest::newRow("cdata end") << QStringLiteral("]]><x/>");
}

void tst_PlanSvgWriter::hostileNamesAreTextNotMarkup()
{
    QFETCH(QString, name);
    const QByteArray bytes = PlanSvgWriter::write(hostile(name));
    QVERIFY(!bytes.contains("<script"));
    QVERIFY(!bytes.contains("<x/>"));
    const Parsed svg = parseSvg(bytes);
    QVERIFY2(svg.ok, qPrintable(svg.error));
    QCOMPARE(svg.nodeGroups, 3);
    QVERIFY2(svg.texts.contains(name), qPrintable(svg.texts.join(u'|')));
    QVERIFY(svg.texts.contains(QStringLiteral("on ") + name));
    bool inTitle = false;
    for (const QString &t : svg.titles)
        inTitle = inTitle || t.contains(QStringLiteral("critical: Scan of ") + name);
    QVERIFY(inTitle);
}

void tst_PlanSvgWriter::findingsBecomeBadgesWithTheirMessages()
{
    const Parsed svg = parseSvg(PlanSvgWriter::write(hostile(QStringLiteral("orders"))));
    QCOMPARE(svg.badges, 1);
}

void tst_PlanSvgWriter::onlyLabelsWiderThanTheLargestBoxAreElided()
{
    const QString fits = QStringLiteral("orders_with_a_longer_name");
    const QString tooLong = QStringLiteral("a_relation_name_far_too_long_for_any_box_in_the_graph_x");
    for (const QString &name : {fits, tooLong}) {
        const Parsed svg = parseSvg(PlanSvgWriter::write(hostile(name)));
        QCOMPARE(svg.texts.contains(QStringLiteral("on ") + name), name == fits);
        bool elided = false;
        for (const QString &t : svg.texts)
            elided = elided || t.endsWith(QChar(0x2026));
        QCOMPARE(elided, name == tooLong);
    }
}

void tst_PlanSvgWriter::sameDocumentGivesTheSameBytes()
{
    const PlanDocument doc = hostile(QStringLiteral("t"));
    QCOMPARE(PlanSvgWriter::write(doc), PlanSvgWriter::write(doc));
}

void tst_PlanSvgWriter::tenThousandNodesAreWrittenQuickly()
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    PlanNode append;
    append.nodeType = QStringLiteral("Append");
    plan.addNode(append, -1);
    for (int i = 0; i < 10000; ++i) {
        PlanNode scan;
        scan.nodeType = QStringLiteral("Seq Scan");
        scan.relation = QStringLiteral("events_p%1").arg(i);
        scan.estimatedRows = i;
        plan.addNode(scan, 0);
    }
    const PlanDocument doc = PlanDocument::analyze(plan, {});
    QElapsedTimer timer;
    timer.start();
    const QByteArray bytes = PlanSvgWriter::write(doc);
    const qint64 ms = timer.elapsed();
    QVERIFY2(ms < 5000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    QCOMPARE(parseSvg(bytes).nodeGroups, 10001);
}

void tst_PlanSvgWriter::emptyPlanGivesAnEmptyPicture()
{
    const Parsed svg = parseSvg(PlanSvgWriter::write(PlanDocument()));
    QVERIFY2(svg.ok, qPrintable(svg.error));
    QCOMPARE(svg.nodeGroups, 0);
}

QTEST_GUILESS_MAIN(tst_PlanSvgWriter)
#include "tst_plansvgwriter.moc"
