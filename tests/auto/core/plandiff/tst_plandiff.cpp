// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plandiff.h"
#include "pgexplain.h"
#include "plancorpus.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_PlanDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nodesAreMatched_data();
    void nodesAreMatched();
    void pairsTellBetterFromWorse_data();
    void pairsTellBetterFromWorse();
    void findingsThatAppearedOrWentAway();
    void summaryNamesTotalsAndTypeChanges_data();
    void summaryNamesTotalsAndTypeChanges();
    void corpusPlanComparedWithItselfIsUnchanged_data();
    void corpusPlanComparedWithItselfIsUnchanged();
    void tenThousandNodesCompareFast();
};

namespace {

// A plan from a compact description: "Type:relation/index=ms#rows(child, child)".
// ms and rows are actual figures (per loop, one loop); cost is 10 × the ms, or 1.
class Spec
{
public:
    explicit Spec(const QString &text) : m_text(text) {}
    Plan plan()
    {
        Plan plan;
        plan.engine = u"postgresql"_s;
        node(plan, -1);
        return plan;
    }

private:
    void node(Plan &plan, int parent)
    {
        QString head;
        while (m_pos < m_text.size() && !QStringLiteral("(),").contains(m_text.at(m_pos)))
            head += m_text.at(m_pos++);
        head = head.trimmed();
        PlanNode n;
        auto take = [&head](QChar mark) {
            const qsizetype at = head.lastIndexOf(mark);
            if (at < 0)
                return QString();
            const QString value = head.mid(at + 1);
            head.truncate(at);
            return value;
        };
        const QString rows = take(u'#');
        const QString ms = take(u'=');
        n.index = take(u'/');
        n.relation = take(u':');
        n.nodeType = head;
        n.totalCost = ms.isEmpty() ? 1.0 : ms.toDouble() * 10;
        n.startupCost = 0.0;
        n.estimatedRows = 100.0;
        if (!ms.isEmpty()) {
            n.actualTotalMs = ms.toDouble();
            n.actualStartupMs = 0.0;
            n.actualLoops = 1.0;
            n.actualRows = rows.isEmpty() ? 100.0 : rows.toDouble();
        }
        const int id = plan.addNode(n, parent);
        if (m_pos < m_text.size() && m_text.at(m_pos) == u'(') {
            ++m_pos;
            for (;;) {
                node(plan, id);
                if (m_pos >= m_text.size())
                    return;
                const QChar c = m_text.at(m_pos++);
                if (c == u')')
                    break;
            }
        }
    }

    QString m_text;
    qsizetype m_pos = 0;
};

PlanDocument doc(const QString &spec, QList<PlanFinding> findings = {})
{
    PlanDocument d = PlanDocument::analyze(Spec(spec).plan(), {});
    d.findings = std::move(findings);
    return d;
}

QString matches(const PlanDiff &diff, int beforeCount)
{
    QStringList out;
    for (int id = 0; id < beforeCount; ++id) {
        if (diff.afterOf(id) >= 0)
            out.append(u"%1>%2"_s.arg(id).arg(diff.afterOf(id)));
    }
    return out.join(u' ');
}

} // namespace

void tst_PlanDiff::nodesAreMatched_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QList<int>>("typeChanged"); // before ids
    QTest::newRow("identical") << u"Hash Join(Seq Scan:a, Hash(Seq Scan:b))"_s
                               << u"Hash Join(Seq Scan:a, Hash(Seq Scan:b))"_s
                               << u"0>0 1>1 2>2 3>3"_s << QList<int>{};
    QTest::newRow("seq scan became an index scan")
        << u"Limit(Seq Scan:orders)"_s << u"Limit(Index Scan:orders/orders_idx)"_s
        << u"0>0 1>1"_s << QList<int>{1};
    QTest::newRow("a sort appeared on top") << u"Seq Scan:orders"_s
                                            << u"Sort(Seq Scan:orders)"_s << u"0>1"_s
                                            << QList<int>{};
    QTest::newRow("a sort appeared in between") << u"Limit(Seq Scan:a)"_s
                                                << u"Limit(Sort(Seq Scan:a))"_s << u"0>0 1>2"_s
                                                << QList<int>{};
    QTest::newRow("a sort went away") << u"Limit(Sort(Seq Scan:a))"_s << u"Limit(Seq Scan:a)"_s
                                      << u"0>0 2>1"_s << QList<int>{};
    QTest::newRow("join sides swapped")
        << u"Hash Join(Seq Scan:a, Hash(Seq Scan:b))"_s
        << u"Hash Join(Seq Scan:b, Hash(Seq Scan:a))"_s << u"0>0 1>3 2>2 3>1"_s << QList<int>{};
    QTest::newRow("hash join became a nested loop")
        << u"Hash Join(Seq Scan:a, Hash(Seq Scan:b))"_s
        << u"Nested Loop(Seq Scan:a, Index Scan:b/b_pkey)"_s << u"0>0 1>1 3>2"_s
        << QList<int>{0, 3};
    QTest::newRow("different tables never match") << u"Seq Scan:a"_s << u"Seq Scan:b"_s
                                                   << QString() << QList<int>{};
    QTest::newRow("a scan was added to an append")
        << u"Append(Seq Scan:p1, Seq Scan:p3)"_s << u"Append(Seq Scan:p1, Seq Scan:p2, Seq Scan:p3)"_s
        << u"0>0 1>1 2>3"_s << QList<int>{};
    QTest::newRow("hostile names") << u"Limit(Seq Scan:a\"b <i>)"_s
                                   << u"Limit(Index Scan:a\"b <i>/таблица_idx)"_s << u"0>0 1>1"_s
                                   << QList<int>{1};
}

void tst_PlanDiff::nodesAreMatched()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    QFETCH(QList<int>, typeChanged);
    const PlanDocument a = doc(before);
    const PlanDocument b = doc(after);
    const PlanDiff diff = PlanDiff::compare(a, b);
    QCOMPARE(matches(diff, a.plan.nodeCount()), expected);
    QList<int> changed;
    for (int id = 0; id < a.plan.nodeCount(); ++id) {
        const PlanDiff::Pair *pair = diff.pairOfBefore(id);
        QVERIFY(pair);
        QCOMPARE(pair->after, diff.afterOf(id));
        if (pair->typeChanged)
            changed.append(id);
        if (pair->after >= 0) {
            QCOMPARE(diff.beforeOf(pair->after), id);
            QCOMPARE(diff.pairOfAfter(pair->after), pair);
        }
    }
    QCOMPARE(changed, typeChanged);
    // Every node is in exactly one pair.
    QCOMPARE(diff.pairs().size(), a.plan.nodeCount() + diff.onlyAfter().size());
    for (int id : diff.onlyAfter())
        QCOMPARE(diff.pairOfAfter(id)->before, -1);
}

void tst_PlanDiff::pairsTellBetterFromWorse_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QStringList>("figures");
    QTest::newRow("faster") << u"Seq Scan:a=10"_s << u"Seq Scan:a=2"_s
                            << int(PlanDiff::Verdict::Better)
                            << QStringList{u"inclusive time"_s, u"exclusive time"_s, u"cost"_s};
    QTest::newRow("slower") << u"Seq Scan:a=2"_s << u"Seq Scan:a=10"_s
                            << int(PlanDiff::Verdict::Worse)
                            << QStringList{u"inclusive time"_s, u"exclusive time"_s, u"cost"_s};
    QTest::newRow("within 10 %") << u"Seq Scan:a=10"_s << u"Seq Scan:a=10.5"_s
                                 << int(PlanDiff::Verdict::Same) << QStringList{};
    QTest::newRow("only rows moved") << u"Seq Scan:a=10#100"_s << u"Seq Scan:a=10#5000"_s
                                     << int(PlanDiff::Verdict::Changed)
                                     << QStringList{u"actual rows"_s};
    QTest::newRow("estimate only, cheaper") << u"Seq Scan:a"_s << u"Index Scan:a/i"_s
                                            << int(PlanDiff::Verdict::Changed) << QStringList{};
}

void tst_PlanDiff::pairsTellBetterFromWorse()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(int, verdict);
    QFETCH(QStringList, figures);
    const PlanDiff diff = PlanDiff::compare(doc(before), doc(after));
    const PlanDiff::Pair *pair = diff.pairOfBefore(0);
    QVERIFY(pair);
    QCOMPARE(int(pair->verdict), verdict);
    QStringList names;
    for (const PlanDiff::FigureChange &change : pair->changes)
        names.append(PlanDiff::figureName(change.figure));
    QCOMPARE(names, figures);
    for (const PlanDiff::FigureChange &change : pair->changes) {
        if (change.figure == PlanDiff::Figure::InclusiveMs)
            QCOMPARE(change.ratio(), change.after / change.before);
    }
}

void tst_PlanDiff::findingsThatAppearedOrWentAway()
{
    const PlanFinding scan{1, u"seq-scan"_s, PlanFinding::Severity::Warning, u"scan"_s};
    const PlanFinding spill{1, u"sort-spill"_s, PlanFinding::Severity::Critical, u"spill"_s};
    const PlanFinding kept{0, u"misestimate"_s, PlanFinding::Severity::Info, u"off"_s};
    const PlanDocument a = doc(u"Limit(Seq Scan:orders)"_s, {scan, kept});
    PlanFinding spillAfter = spill;
    PlanFinding keptAfter = kept;
    const PlanDocument b = doc(u"Limit(Index Scan:orders/i)"_s, {spillAfter, keptAfter});
    const PlanDiff diff = PlanDiff::compare(a, b);
    QCOMPARE(diff.findingChanges().size(), 2);
    QCOMPARE(diff.findingChanges().at(0).finding.kind, u"seq-scan"_s);
    QVERIFY(!diff.findingChanges().at(0).appeared);
    QCOMPARE(diff.findingChanges().at(1).finding.kind, u"sort-spill"_s);
    QVERIFY(diff.findingChanges().at(1).appeared);
    QVERIFY(diff.summary().contains(u"1 finding went away"_s));
    QVERIFY(diff.summary().contains(u"1 new finding"_s));
}

void tst_PlanDiff::summaryNamesTotalsAndTypeChanges_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("summary");
    QTest::newRow("faster with an index")
        << u"Limit=18.2(Seq Scan:orders=18)"_s << u"Limit=2.1(Index Scan:orders/orders_idx=2)"_s
        << u"Execution 18.2 ms → 2.1 ms (8.7× faster); Seq Scan on orders → Index Scan using "
           "orders_idx on orders"_s;
    QTest::newRow("slower") << u"Seq Scan:t=1"_s << u"Seq Scan:t=30"_s
                            << u"Execution 1.0 ms → 30.0 ms (30× slower)"_s;
    QTest::newRow("the same") << u"Seq Scan:t=1"_s << u"Seq Scan:t=1.02"_s
                              << u"Execution 1.0 ms → 1.0 ms (about the same)"_s;
    QTest::newRow("estimates only") << u"Sort(Seq Scan:t)"_s << u"Seq Scan:t"_s
                                    << u"Cost 1 → 1 (about the same); 1 node only in the first plan"_s;
}

void tst_PlanDiff::summaryNamesTotalsAndTypeChanges()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, summary);
    const PlanDiff diff = PlanDiff::compare(doc(before), doc(after));
    QCOMPARE(diff.summary(), summary);
}

void tst_PlanDiff::corpusPlanComparedWithItselfIsUnchanged_data()
{
    if (!Test::addCorpusRows(Test::explainCorpusFiles(u"postgresql-json"_s, u".json"_s)))
        QSKIP("The EXPLAIN corpora are not there.");
}

void tst_PlanDiff::corpusPlanComparedWithItselfIsUnchanged()
{
    QFETCH(QString, path);
    const Postgres::Internal::PgExplain explain;
    Result<Plan> plan = explain.parsePlan(Test::readCorpusFile(path));
    QVERIFY(plan.ok());
    const PlanDocument d = PlanDocument::analyze(plan.value(), explain.planRules());
    const PlanDiff diff = PlanDiff::compare(d, d);
    for (int id = 0; id < d.plan.nodeCount(); ++id) {
        QCOMPARE(diff.afterOf(id), id);
        QCOMPARE(int(diff.pairOfBefore(id)->verdict), int(PlanDiff::Verdict::Same));
    }
    QVERIFY(diff.findingChanges().isEmpty());
    QVERIFY(diff.onlyAfter().isEmpty());
    QVERIFY2(diff.summary().contains(u"about the same"_s), qPrintable(diff.summary()));
}

void tst_PlanDiff::tenThousandNodesCompareFast()
{
    QString before = u"Append("_s;
    QString after = u"Gather(Append("_s;
    for (int i = 0; i < 10000; ++i) {
        before += u"Seq Scan:part_%1=0.01,"_s.arg(i);
        after += (i % 2 ? u"Seq Scan:part_%1=0.01,"_s : u"Index Scan:part_%1/part_%1_idx=0.005,"_s).arg(i);
    }
    before.chop(1);
    after.chop(1);
    before += u")"_s;
    after += u"))"_s;
    const PlanDocument a = doc(before);
    const PlanDocument b = doc(after);
    QElapsedTimer timer;
    timer.start();
    const PlanDiff diff = PlanDiff::compare(a, b);
    const qint64 ms = timer.elapsed();
    QCOMPARE(diff.afterOf(0), 1);
    QCOMPARE(diff.afterOf(10000), 10001);
    QCOMPARE(diff.onlyAfter(), QList<int>{0});
    QVERIFY2(ms < 2000, qPrintable(u"%1 ms"_s.arg(ms)));
    qInfo("two plans of 10,001 nodes compared in %lld ms", ms);
}

QTEST_MAIN(tst_PlanDiff)
#include "tst_plandiff.moc"
