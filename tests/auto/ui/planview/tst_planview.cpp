// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plandetailspanel.h"
#include "explain/planfindingsmodel.h"
#include "explain/planflameview.h"
#include "explain/plangraphpage.h"
#include "explain/plannodemodel.h"
#include "explain/plannodeselection.h"
#include "explain/planrawview.h"
#include "explain/planview.h"
#include "plantestsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QLabel>
#include <QScrollArea>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Strata;

namespace {
int pageIndex(const PlanView &view, const QString &title)
{
    for (int i = 0; i < view.pages()->count(); ++i) {
        if (view.pages()->tabText(i) == title)
            return i;
    }
    return -1;
}
} // namespace

class tst_PlanView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selectingInTheGridSelectsEverywhere();
    void flameClickSelectsTheNodeUnderTheMouse();
    void flameZoomsWithDoubleClickCtrlWheelAndEscape();
    void flameWidthsFollowInclusiveTime();
    void findingActivationSelectsItsNode();
    void findingsModelPassesTheTester();
    void detailsListEveryKeptProperty_data();
    void detailsListEveryKeptProperty();
    void detailsCopyAsPlainText();
    void hostileNamesStayPlainText_data();
    void hostileNamesStayPlainText();
    void headerNamesEngineTimesNodesAndWorstFinding();
    void planWithoutAnalyzeShowsCostsAndEstimateOnly();
    void rawPageShowsTheSourceOrTheTree();
    void insertedFirstPageBecomesCurrent();
    void tenThousandNodesOpenFast();
    void rendersInLightAndDark();
};

namespace {

PlanNode hostile(const QString &relation)
{
    PlanNode n = Test::syntheticNode(QStringLiteral("Seq Scan"), relation, 10.0, 10.0, 1.0);
    n.alias = relation;
    n.filter = QStringLiteral("(name = '<b>x</b>')");
    n.extra.append({QStringLiteral("Output"), QJsonArray{relation, QStringLiteral("<i>y</i>")}});
    return n;
}

std::shared_ptr<const PlanDocument> hostileDocument(const QString &relation)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.executionMs = 3.0;
    plan.addNode(Test::syntheticNode(QStringLiteral("Hash Join"), QString(), 10.0, 10.0, 3.0), -1);
    plan.addNode(hostile(relation), 0);
    PlanDocument document = PlanDocument::analyze(plan, {});
    document.findings.append({1, QStringLiteral("seq-scan"), PlanFinding::Severity::Critical,
                              QStringLiteral("Sequential scan on %1 <script>.").arg(relation)});
    return std::make_shared<const PlanDocument>(document);
}

QStringList detailKeys(const PlanDetailsPanel &panel)
{
    QStringList keys;
    QTreeWidget *tree = panel.tree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        for (int j = 0; j < tree->topLevelItem(i)->childCount(); ++j)
            keys.append(tree->topLevelItem(i)->child(j)->text(0));
    }
    return keys;
}

QString detailValue(const PlanDetailsPanel &panel, const QString &key)
{
    QTreeWidget *tree = panel.tree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        for (int j = 0; j < tree->topLevelItem(i)->childCount(); ++j) {
            if (tree->topLevelItem(i)->child(j)->text(0) == key)
                return tree->topLevelItem(i)->child(j)->text(1);
        }
    }
    return QString();
}

std::shared_ptr<const PlanDocument> requireCorpus(const char *name, QString *source = nullptr)
{
    return Test::corpusDocument(QString::fromLatin1(name), source);
}

} // namespace

void tst_PlanView::selectingInTheGridSelectsEverywhere()
{
    const auto document = requireCorpus("pev2/03_aggregate_four_joins.json");
    if (!document)
        QSKIP("The EXPLAIN corpora are not there.");
    PlanView view;
    view.resize(1000, 600);
    view.setDocument(document);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int target = document->plan.nodeCount() - 1;
    const int row = view.nodeModel()->rowOf(target);
    view.grid()->setCurrentIndex(view.nodeModel()->index(row, 0));
    QCOMPARE(view.selection()->currentNode(), target);
    const QString title = view.detailsPanel()->findChild<QLabel *>()->text();
    QVERIFY2(title.startsWith(QStringLiteral("#%1 ").arg(target)), qPrintable(title));
    // And back: selecting elsewhere moves the grid's current row.
    view.selection()->setCurrentNode(1);
    QCOMPARE(view.nodeModel()->nodeIdAt(view.grid()->currentIndex().row()), 1);
    // Sorting keeps the selected node selected.
    view.grid()->sortByColumn(PlanNodeModel::ExclusiveColumn, Qt::DescendingOrder);
    QCOMPARE(view.nodeModel()->nodeIdAt(view.grid()->currentIndex().row()), 1);
}

void tst_PlanView::flameClickSelectsTheNodeUnderTheMouse()
{
    PlanView view;
    view.resize(1000, 600);
    view.setDocument(Test::documentOf(Test::widePlan(6)));
    view.pages()->setCurrentIndex(pageIndex(view, QStringLiteral("Flame")));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    PlanFlameView *flame = view.flameView();
    for (int id : {0, 3, 6}) {
        const QRect r = flame->nodeRect(id);
        QVERIFY2(!r.isEmpty(), qPrintable(QString::number(id)));
        QCOMPARE(flame->nodeAt(r.center()), id);
        QTest::mouseClick(flame, Qt::LeftButton, {}, r.center());
        QCOMPARE(view.selection()->currentNode(), id);
    }
    QCOMPARE(flame->nodeAt(QPoint(5, flame->height() - 2)), -1);
}

void tst_PlanView::flameZoomsWithDoubleClickCtrlWheelAndEscape()
{
    // Root → Sort → Hash Join → two scans: zooming into Sort leaves the root as a full-width
    // ancestor band and widens the scans.
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.executionMs = 10.0;
    plan.addNode(Test::syntheticNode(QStringLiteral("Limit"), QString(), 1.0, 1.0, 10.0), -1);
    plan.addNode(Test::syntheticNode(QStringLiteral("Sort"), QString(), 1.0, 1.0, 5.0), 0);
    plan.addNode(Test::syntheticNode(QStringLiteral("Hash Join"), QString(), 1.0, 1.0, 4.0), 1);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("a"), 1.0, 1.0, 1.0), 2);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("b"), 1.0, 1.0, 3.0), 2);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("c"), 1.0, 1.0, 5.0), 0);
    PlanFlameView flame(new PlanNodeSelection(this));
    flame.resize(1000, 200);
    flame.setDocument(Test::documentOf(plan));
    flame.show();
    QVERIFY(QTest::qWaitForWindowExposed(&flame));
    const int before = flame.nodeRect(3).width();
    QVERIFY(!flame.nodeRect(5).isEmpty());

    QTest::mouseDClick(&flame, Qt::LeftButton, {}, flame.nodeRect(1).center());
    QCOMPARE(flame.zoomNode(), 1);
    QVERIFY(flame.nodeRect(3).width() > before);
    QCOMPARE(flame.nodeRect(0).width(), flame.width()); // the ancestor band
    QVERIFY(flame.nodeRect(5).isEmpty());               // outside the zoomed subtree

    // Ctrl+wheel up over a scan goes one level deeper, towards it; down goes back up.
    const QPoint over = flame.nodeRect(4).center();
    QWheelEvent in(over, flame.mapToGlobal(over), {}, QPoint(0, 120), Qt::NoButton,
                   Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&flame, &in);
    QCOMPARE(flame.zoomNode(), 2);
    QWheelEvent out(over, flame.mapToGlobal(over), {}, QPoint(0, -120), Qt::NoButton,
                    Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&flame, &out);
    QCOMPARE(flame.zoomNode(), 1);

    QTest::keyClick(&flame, Qt::Key_Escape);
    QCOMPARE(flame.zoomNode(), 0);
    QCOMPARE(flame.nodeRect(3).width(), before);
}

void tst_PlanView::flameWidthsFollowInclusiveTime()
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.executionMs = 8.0;
    plan.addNode(Test::syntheticNode(QStringLiteral("Hash Join"), QString(), 1.0, 1.0, 8.0), -1);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("a"), 1.0, 1.0, 2.0), 0);
    plan.addNode(Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("b"), 1.0, 1.0, 6.0), 0);
    PlanFlameView flame(new PlanNodeSelection(this));
    flame.resize(800, 100);
    flame.setDocument(Test::documentOf(plan));
    QVERIFY(flame.byTime());
    QCOMPARE(flame.nodeRect(0).width(), 800);
    QVERIFY(qAbs(flame.nodeRect(1).width() - 200) <= 1);
    QVERIFY(qAbs(flame.nodeRect(2).width() - 600) <= 1);
    QCOMPARE(flame.nodeRect(2).left(), flame.nodeRect(1).right() + 1);
}

void tst_PlanView::findingActivationSelectsItsNode()
{
    const auto document = hostileDocument(QStringLiteral("orders"));
    PlanView view;
    view.setDocument(document);
    view.selection()->setCurrentNode(0);
    QTreeView *list = view.findingsList();
    QCOMPARE(list->model()->rowCount(), 1);
    const QModelIndex first = list->model()->index(0, PlanFindingsModel::MessageColumn);
    Q_EMIT list->activated(first);
    QCOMPARE(view.selection()->currentNode(), 1);
    QVERIFY(!list->model()->index(0, PlanFindingsModel::SeverityColumn)
                 .data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(list->model()->index(0, PlanFindingsModel::NodeColumn).data().toString(),
             QStringLiteral("#1 Seq Scan on orders"));
}

void tst_PlanView::findingsModelPassesTheTester()
{
    PlanFindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(hostileDocument(QStringLiteral("t")));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.nodeIdAt(0), 1);
    QCOMPARE(model.nodeIdAt(1), -1);
    if (const auto document = requireCorpus("pev2/02_three_joins_missing_index.json")) {
        model.setDocument(document);
        QCOMPARE(model.rowCount(), document->findings.size());
    }
    model.setDocument(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void tst_PlanView::detailsListEveryKeptProperty_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files = Test::explainCorpusFiles(QStringLiteral("postgresql-json/pev2"),
                                                       QStringLiteral(".json"));
    if (files.isEmpty())
        QSKIP("The EXPLAIN corpora are not there.");
    for (const QString &file : files) {
        const QString name = QStringLiteral("pev2/") + QFileInfo(file).fileName();
        QTest::newRow(qPrintable(name)) << name;
    }
}

void tst_PlanView::detailsListEveryKeptProperty()
{
    QFETCH(QString, name);
    const auto document = Test::corpusDocument(name);
    QVERIFY(document);
    PlanNodeSelection selection;
    PlanDetailsPanel panel(&selection);
    panel.setDocument(document);
    const int step = std::max(1, document->plan.nodeCount() / 25);
    for (int id = 0; id < document->plan.nodeCount(); id += step) {
        selection.setCurrentNode(id);
        const QStringList keys = detailKeys(panel);
        const PlanNode &n = document->plan.node(id);
        for (const PlanNode::Property &p : n.extra)
            QVERIFY2(keys.contains(p.key), qPrintable(p.key));
        QCOMPARE(detailValue(panel, QStringLiteral("Type")), n.nodeType);
        if (!n.relation.isEmpty())
            QCOMPARE(detailValue(panel, QStringLiteral("Relation")), n.relation);
        for (const PlanFinding &f : document->findingsFor(id))
            QVERIFY(panel.copyText(true).contains(f.message));
    }
}

void tst_PlanView::detailsCopyAsPlainText()
{
    PlanNodeSelection selection;
    PlanDetailsPanel panel(&selection);
    panel.setDocument(hostileDocument(QStringLiteral("a\"b")));
    selection.setCurrentNode(1);
    QCOMPARE(PlanDetailsPanel::readableJson(QJsonArray{QStringLiteral("x"), 2, true}),
             QStringLiteral("x, 2, yes"));
    const QString all = panel.copyText(true);
    QVERIFY(all.contains(QStringLiteral("Relation\ta\"b")));
    QVERIFY(all.contains(QStringLiteral("Output\ta\"b, <i>y</i>")));
    QVERIFY(all.contains(QStringLiteral("Sequential scan on a\"b <script>.")));
    // Selected lines only.
    panel.tree()->clearSelection();
    QTreeWidgetItem *node = panel.tree()->topLevelItem(0);
    node->child(0)->setSelected(true);
    QCOMPARE(panel.copyText(false), QStringLiteral("Type\tSeq Scan"));
    const QList<QAction *> actions = panel.tree()->actions();
    QVERIFY(!actions.isEmpty());
    actions.first()->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Type\tSeq Scan"));
}

void tst_PlanView::hostileNamesStayPlainText_data()
{
    QTest::addColumn<QString>("relation");
    QTest::newRow("quote") << QStringLiteral("a\"b");
    QTest::newRow("injection") << QStringLiteral("x'; DROP TABLE t; --");
    QTest::newRow("html") << QStringLiteral("<b>bold</b>");
    QTest::newRow("spaces") << QStringLiteral("my table");
    QTest::newRow("cyrillic") << QStringLiteral("таблица");
}

void tst_PlanView::hostileNamesStayPlainText()
{
    QFETCH(QString, relation);
    PlanView view;
    view.setDocument(hostileDocument(relation));
    QCOMPARE(view.header()->textFormat(), Qt::PlainText);
    QVERIFY(view.header()->text().contains(relation));
    view.selection()->setCurrentNode(1);
    QCOMPARE(detailValue(*view.detailsPanel(), QStringLiteral("Relation")), relation);
    QCOMPARE(view.detailsPanel()->findChild<QLabel *>()->textFormat(), Qt::PlainText);
    QCOMPARE(view.nodeModel()->index(view.nodeModel()->rowOf(1), PlanNodeModel::RelationColumn)
                 .data().toString(), relation);
    // Tooltips guess rich text: what they carry is escaped.
    const QString tip = view.findingsModel()->index(0, PlanFindingsModel::MessageColumn)
                            .data(Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(relation.toHtmlEscaped()));
    QVERIFY(!tip.contains(QStringLiteral("<script>")));
    QVERIFY(view.rawView()->toPlainText().contains(relation));
}

void tst_PlanView::headerNamesEngineTimesNodesAndWorstFinding()
{
    const auto document = hostileDocument(QStringLiteral("orders"));
    PlanView view;
    view.setDocument(document);
    const QString header = view.headerText();
    QVERIFY2(header.startsWith(QStringLiteral("PostgreSQL")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("execution 3.000 ms")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("2 nodes")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Critical: Sequential scan on orders")),
             qPrintable(header));
    // The view opens on the worst finding's node.
    QCOMPARE(view.selection()->currentNode(), 1);
}

void tst_PlanView::planWithoutAnalyzeShowsCostsAndEstimateOnly()
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    PlanNode root = Test::syntheticNode(QStringLiteral("Hash Join"), QString(), 100.0,
                                        std::nullopt, std::nullopt);
    root.totalCost = 400.0;
    plan.addNode(root, -1);
    PlanNode a = Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("a"), 100.0,
                                     std::nullopt, std::nullopt);
    a.totalCost = 300.0;
    plan.addNode(a, 0);
    PlanNode b = Test::syntheticNode(QStringLiteral("Seq Scan"), QStringLiteral("b"), 10.0,
                                     std::nullopt, std::nullopt);
    b.totalCost = 100.0;
    plan.addNode(b, 0);
    PlanView view;
    view.resize(800, 400);
    view.setDocument(Test::documentOf(plan));
    QVERIFY(view.headerText().contains(QStringLiteral("estimate only")));
    QVERIFY(!view.flameView()->byTime());
    QVERIFY(view.flameView()->nodeRect(1).width() > 2 * view.flameView()->nodeRect(2).width());
    QCOMPARE(view.nodeModel()->index(0, PlanNodeModel::InclusiveColumn).data().toString(),
             QStringLiteral("—"));
}

void tst_PlanView::rawPageShowsTheSourceOrTheTree()
{
    QString source;
    const auto document = requireCorpus("pev2/02_three_joins_missing_index.json", &source);
    if (!document)
        QSKIP("The EXPLAIN corpora are not there.");
    PlanView view;
    view.setDocument(document, source, QStringLiteral("plan.json"));
    QCOMPARE(view.rawView()->toPlainText(), source);
    QVERIFY(view.rawView()->isReadOnly());
    QCOMPARE(view.title(), QStringLiteral("plan.json"));
    view.setDocument(document);
    const QString tree = view.rawView()->toPlainText();
    QVERIFY2(tree.startsWith(QStringLiteral("Sort")) || tree.contains(QStringLiteral("\nSort")),
             qPrintable(tree.left(200)));
    QVERIFY(tree.contains(QStringLiteral("    -> ")));
    QVERIFY(tree.contains(QStringLiteral("Execution Time:")));
}

void tst_PlanView::insertedFirstPageBecomesCurrent()
{
    PlanView view;
    // The graph is built in, first and current.
    QCOMPARE(view.pages()->widget(0), static_cast<QWidget *>(view.graphPage()));
    QCOMPARE(view.pages()->currentWidget(), static_cast<QWidget *>(view.graphPage()));
    QCOMPARE(view.pages()->count(), 5);
    QCOMPARE(view.pages()->tabText(1), QStringLiteral("Grid"));
    auto *other = new QWidget;
    view.insertPage(0, other, QStringLiteral("Other"));
    QCOMPARE(view.pages()->widget(0), other);
    QCOMPARE(view.pages()->currentWidget(), other);
    QCOMPARE(view.pages()->count(), 6);
}

void tst_PlanView::tenThousandNodesOpenFast()
{
    const auto document = Test::documentOf(Test::widePlan(10000));
    PlanView view;
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer timer;
    timer.start();
    view.setDocument(document);
    view.pages()->setCurrentIndex(pageIndex(view, QStringLiteral("Flame")));
    view.grab();
    view.selection()->setCurrentNode(9000);
    view.grab();
    const qint64 ms = timer.elapsed();
    QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    qInfo("10,001 nodes: shown, flame painted, a node selected in %lld ms", ms);
}

void tst_PlanView::rendersInLightAndDark()
{
    QString source;
    const QString name = qEnvironmentVariable("STRATA_SCREENSHOT_PLAN",
                                              QStringLiteral("pev2/03_aggregate_four_joins.json"));
    const auto document = Test::corpusDocument(name, &source);
    if (!document)
        QSKIP("The EXPLAIN corpora are not there.");
    const QString out = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    for (const bool dark : {false, true}) {
        QPalette palette = QApplication::style()->standardPalette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
            palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
            palette.setColor(QPalette::Button, QColor(0x33, 0x33, 0x33));
            palette.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        }
        QApplication::setPalette(palette);
        PlanView view;
        view.resize(1280, 640);
        view.setDocument(document, source);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (int page = 0; page < view.pages()->count(); ++page) {
            view.pages()->setCurrentIndex(page);
            const QImage image = view.grab().toImage();
            QVERIFY(!image.isNull());
            if (!out.isEmpty())
                image.save(QStringLiteral("%1/plan-%2-%3.png")
                               .arg(out, dark ? QStringLiteral("dark") : QStringLiteral("light"))
                               .arg(page));
        }
        // The flame's selected node is outlined in the highlight colour.
        view.pages()->setCurrentIndex(pageIndex(view, QStringLiteral("Flame")));
        const QRect r = view.flameView()->nodeRect(view.selection()->currentNode());
        QVERIFY(!r.isEmpty());
        const QImage flame = view.flameView()->grab().toImage();
        QCOMPARE(flame.pixelColor(r.left() + 1, r.center().y()).rgb(),
                 view.palette().highlight().color().rgb());
    }
    QApplication::setPalette(QApplication::style()->standardPalette());
}

QTEST_MAIN(tst_PlanView)
#include "tst_planview.moc"
