// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/findbar.h"
#include "editor/sqleditor.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QTest>
#include <QVBoxLayout>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_FindBar : public QObject
{
    Q_OBJECT

    struct Pane
    {
        QWidget window;
        SqlEditor *editor = new SqlEditor(&window);
        FindBar *bar = new FindBar(editor, &window);
        Pane()
        {
            auto *layout = new QVBoxLayout(&window);
            layout->addWidget(editor);
            layout->addWidget(bar);
            window.resize(800, 400);
            window.show();
        }
        // The selection as (line, index, lineTo, indexTo).
        QList<int> selection() const
        {
            int a = 0, b = 0, c = 0, d = 0;
            editor->getSelection(&a, &b, &c, &d);
            return {a, b, c, d};
        }
    };

private Q_SLOTS:
    void findActionOpensTheBarWithTheSelection()
    {
        Pane pane;
        pane.editor->setText(u"SELECT name FROM users"_s);
        pane.editor->setSelection(0, 7, 0, 11);
        QVERIFY(pane.bar->isHidden());
        pane.bar->findAction()->trigger();
        QVERIFY(pane.bar->isVisible());
        QCOMPARE(pane.bar->searchField()->text(), u"name"_s);
        QVERIFY(pane.bar->replaceField()->isHidden());
        pane.bar->replaceAction()->trigger();
        QVERIFY(pane.bar->replaceField()->isVisible());
        // Both are in the editor's context menu and reachable by their shortcuts.
        QVERIFY(pane.editor->actions().contains(pane.bar->findAction()));
        QCOMPARE(pane.bar->findAction()->shortcut(), QKeySequence(QKeySequence::Find));
        QCOMPARE(pane.bar->replaceAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    }

    void findMovesForwardAndBackwardAndWraps_data()
    {
        QTest::addColumn<bool>("matchCase");
        QTest::addColumn<bool>("wholeWord");
        QTest::addColumn<QString>("needle");
        QTest::addColumn<QList<int>>("columns");  // start columns of successive forward matches
        QTest::newRow("any case") << false << false << u"sel"_s << QList<int>{0, 10, 20, 0};
        QTest::newRow("match case") << true << false << u"SEL"_s << QList<int>{10, 10};
        QTest::newRow("whole word") << false << true << u"id"_s << QList<int>{30, 37, 30};
    }

    void findMovesForwardAndBackwardAndWraps()
    {
        QFETCH(bool, matchCase);
        QFETCH(bool, wholeWord);
        QFETCH(QString, needle);
        QFETCH(QList<int>, columns);
        Pane pane;
        //                      0         10        20        30     37
        pane.editor->setText(u"select a; SELECT b; select c; id idx id"_s);
        pane.editor->setCursorPosition(0, 0);
        pane.bar->open(false);
        pane.bar->searchField()->setText(needle);
        pane.bar->matchCase()->setChecked(matchCase);
        pane.bar->wholeWord()->setChecked(wholeWord);
        for (int column : columns) {
            QVERIFY(pane.bar->findNext());
            QCOMPARE(pane.selection().at(1), column);
            QCOMPARE(pane.editor->selectedText().compare(needle, Qt::CaseInsensitive), 0);
        }
        if (columns.size() > 2) {
            QVERIFY(pane.bar->findPrevious());
            QCOMPARE(pane.selection().at(1), columns.at(columns.size() - 2));
        }
        QVERIFY(pane.bar->status().isEmpty());
    }

    void missingTextSaysNoMatchAndKeepsTheText()
    {
        Pane pane;
        pane.editor->setText(u"SELECT 1"_s);
        pane.bar->open(false);
        pane.bar->searchField()->setText(u"<b>nothing</b>"_s);
        QVERIFY(!pane.bar->findNext());
        QCOMPARE(pane.bar->status(), u"No match"_s);
        QCOMPARE(pane.editor->text(), u"SELECT 1"_s);
    }

    void replaceChangesTheCurrentMatchAndSelectsTheNext()
    {
        Pane pane;
        pane.editor->setText(u"a x b x c x"_s);
        pane.editor->setCursorPosition(0, 0);
        pane.bar->open(true);
        pane.bar->searchField()->setText(u"x"_s);
        pane.bar->replaceField()->setText(u"таблица"_s);
        QVERIFY(pane.bar->replaceCurrent());
        QCOMPARE(pane.editor->text(), u"a таблица b x c x"_s);
        QCOMPARE(pane.editor->selectedText(), u"x"_s);
        QVERIFY(pane.bar->replaceCurrent());
        QCOMPARE(pane.editor->text(), u"a таблица b таблица c x"_s);
    }

    void replaceAllCountsAndIsOneUndoStep()
    {
        Pane pane;
        const QString text = u"SELECT id FROM t WHERE id = 1 OR idx = 2; -- id"_s;
        pane.editor->setText(text);
        pane.bar->open(true);
        pane.bar->searchField()->setText(u"id"_s);
        pane.bar->replaceField()->setText(u"\"user id\""_s);
        pane.bar->wholeWord()->setChecked(true);
        QCOMPARE(pane.bar->replaceAll(), 3);
        QCOMPARE(pane.bar->status(), u"3 replaced"_s);
        QCOMPARE(pane.editor->text(),
                 u"SELECT \"user id\" FROM t WHERE \"user id\" = 1 OR idx = 2; -- \"user id\""_s);
        pane.editor->undo();
        QCOMPARE(pane.editor->text(), text);
        pane.bar->searchField()->setText(u"nowhere"_s);
        QCOMPARE(pane.bar->replaceAll(), 0);
        QCOMPARE(pane.bar->status(), u"No match"_s);
    }

    void enterFindsAndEscapeCloses()
    {
        Pane pane;
        pane.editor->setText(u"one two one"_s);
        pane.editor->setCursorPosition(0, 0);
        pane.bar->open(false);
        pane.bar->searchField()->setText(u"one"_s);
        QTest::keyClick(pane.bar->searchField(), Qt::Key_Return);
        QCOMPARE(pane.selection().at(1), 0);
        QTest::keyClick(pane.bar->searchField(), Qt::Key_Return);
        QCOMPARE(pane.selection().at(1), 8);
        QTest::keyClick(pane.bar->searchField(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(pane.selection().at(1), 0);
        QTest::keyClick(pane.bar->searchField(), Qt::Key_Escape);
        QVERIFY(pane.bar->isHidden());
        QCOMPARE(pane.editor->text(), u"one two one"_s);
    }
};

QTEST_MAIN(tst_FindBar)
#include "tst_findbar.moc"
