// SPDX-License-Identifier: GPL-3.0-or-later
#include "objects/objectdetailsmodel.h"
#include "hostiletable.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Strata;
using Facet = ObjectDetailsModel::Facet;

class tst_ObjectDetailsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void facetsListTheTablesParts_data()
    {
        QTest::addColumn<int>("facet");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QStringList>("firstRow");
        QTest::newRow("columns") << int(Facet::Columns) << 2 << 5
                                 << QStringList{QStringLiteral("<img src=x>"), QStringLiteral("integer"),
                                                QStringLiteral("no"), QString(), QString()};
        QTest::newRow("keys: primary, then check") << int(Facet::Keys) << 2 << 3
                                 << QStringList{QStringLiteral("<u>pk</u>"), QStringLiteral("primary key"),
                                                QStringLiteral("(<img src=x>)")};
        QTest::newRow("indexes") << int(Facet::Indexes) << 1 << 5
                                 << QStringList{QStringLiteral("<h1>idx</h1>"), QStringLiteral("note"),
                                                QStringLiteral("no"), QStringLiteral("btree"), QString()};
        QTest::newRow("foreign keys") << int(Facet::ForeignKeys) << 1 << 5
                                      << QStringList{QStringLiteral("<em>fk</em>"), QStringLiteral("note"),
                                                     QStringLiteral("<table>(<td>)"),
                                                     QStringLiteral("NO ACTION"), QStringLiteral("NO ACTION")};
        QTest::newRow("triggers") << int(Facet::Triggers) << 1 << 4
                                  << QStringList{QStringLiteral("<script>t</script>"), QStringLiteral("AFTER"),
                                                 QStringLiteral("INSERT"), QString()};
    }
    void facetsListTheTablesParts()
    {
        QFETCH(int, facet);
        QFETCH(int, rows);
        QFETCH(int, columns);
        QFETCH(QStringList, firstRow);
        ObjectDetailsModel model{Facet(facet)};
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(Test::hostileTable());
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.columnCount(), columns);
        QStringList row;
        for (int c = 0; c < columns; ++c)
            row << model.index(0, c).data().toString();
        QCOMPARE(row, firstRow);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void columnDefaultsAndCommentsAreShown()
    {
        ObjectDetailsModel model(Facet::Columns);
        model.setTable(Test::hostileTable());
        QCOMPARE(model.index(1, 3).data().toString(), QStringLiteral("'<i>x</i>'"));
        QCOMPARE(model.index(1, 4).data().toString(), QStringLiteral("<a href='http://example.com'>link</a>"));
        QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("Default"));
    }

    void toolTipsEscapeServerText()
    {
        ObjectDetailsModel model(Facet::Columns);
        model.setTable(Test::hostileTable());
        const QString tip = model.index(0, 0).data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("&lt;img src=x&gt;")));
        QVERIFY(!tip.contains(QStringLiteral("<img")));
    }
};

QTEST_MAIN(tst_ObjectDetailsModel)
#include "tst_objectdetailsmodel.moc"
