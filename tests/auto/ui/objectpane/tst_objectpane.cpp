// SPDX-License-Identifier: GPL-3.0-or-later
#include "objects/objectpane.h"
#include "hostiletable.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QTabWidget>
#include <QTest>

using namespace Strata;
using Facet = ObjectDetailsModel::Facet;

class tst_ObjectPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileTableIsShownAsPlainText()
    {
        ObjectPane pane;
        for (Facet f : {Facet::Columns, Facet::Keys, Facet::Indexes, Facet::ForeignKeys, Facet::Triggers})
            new QAbstractItemModelTester(pane.model(f), QAbstractItemModelTester::FailureReportingMode::QtTest, &pane);
        pane.resize(800, 500);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.showTable(Test::hostileTable(), nullptr);
        QCOMPARE(pane.title(), QStringLiteral("main.<b>bold</b>"));
        QCOMPARE(pane.titleLabel()->textFormat(), Qt::PlainText);
        // Every label stays plain: a rich-text label would show "bold" without the tags.
        for (QLabel *label : pane.findChildren<QLabel *>())
            QCOMPARE(label->textFormat(), Qt::PlainText);
        const QList<QLabel *> labels = pane.findChildren<QLabel *>();
        const bool commentShown = std::any_of(labels.cbegin(), labels.cend(), [](QLabel *l) {
            return l->text().contains(QStringLiteral("<marquee>comment</marquee>"));
        });
        QVERIFY(commentShown);
        QCOMPARE(pane.model(Facet::Columns)->rowCount(), 2);
        QCOMPARE(pane.model(Facet::Triggers)->index(0, 0).data().toString(), QStringLiteral("<script>t</script>"));
        QVERIFY(pane.ddl().startsWith(QStringLiteral("--")));
    }

    void viewsHideTableOnlyTabs()
    {
        ObjectPane pane;
        Table view = Test::hostileTable();
        view.kind = Table::Kind::View;
        view.indexes.clear();
        view.triggers.clear();
        pane.showTable(view, nullptr);
        QVERIFY(pane.tabs()->isTabVisible(ObjectPane::ColumnsTab));
        QVERIFY(!pane.tabs()->isTabVisible(ObjectPane::KeysTab));
        QVERIFY(!pane.tabs()->isTabVisible(ObjectPane::ForeignKeysTab));
        QVERIFY(pane.tabs()->isTabVisible(ObjectPane::DdlTab));
    }

    void definitionsShowOnlyTheDdlTab()
    {
        ObjectPane pane;
        pane.showDefinition(QStringLiteral("public.f(<x>)"), QStringLiteral("Function"),
                            QStringLiteral("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$"), nullptr);
        QCOMPARE(pane.tabs()->currentIndex(), int(ObjectPane::DdlTab));
        QVERIFY(!pane.tabs()->isTabVisible(ObjectPane::ColumnsTab));
        QCOMPARE(pane.title(), QStringLiteral("public.f(<x>)"));
        QVERIFY(pane.ddl().startsWith(QStringLiteral("CREATE FUNCTION")));
    }
};

QTEST_MAIN(tst_ObjectPane)
#include "tst_objectpane.moc"
