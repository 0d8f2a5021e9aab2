// SPDX-License-Identifier: GPL-3.0-or-later
// PanelShortcuts: a panel's F5 wins over a window-wide F5 while the focus is in the panel
// (without it Qt finds the key ambiguous and runs neither); elsewhere the window's runs.
#include "shell/panelshortcuts.h"

#include <QAction>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>
#include <QWidget>

#include <memory>

using namespace Strata;

namespace {

struct Window
{
    std::unique_ptr<QWidget> top = std::make_unique<QWidget>();
    QWidget *panel = new QWidget(top.get());
    QLineEdit *inPanel = new QLineEdit(panel);
    QLineEdit *outside = new QLineEdit(top.get());
    QAction *windowRefresh = new QAction(top.get());
    QAction *panelRefresh = new QAction(panel);

    Window()
    {
        auto *panelLayout = new QVBoxLayout(panel);
        panelLayout->addWidget(inPanel);
        auto *layout = new QVBoxLayout(top.get());
        layout->addWidget(panel);
        layout->addWidget(outside);
        windowRefresh->setShortcut(QKeySequence::Refresh);
        top->addAction(windowRefresh);
        panelRefresh->setShortcut(QKeySequence::Refresh);
        panelRefresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        panel->addAction(panelRefresh);
        top->show();
    }
};

} // namespace

class tst_PanelShortcuts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutItTheKeyIsAmbiguous()
    {
        Window w;
        QVERIFY(QTest::qWaitForWindowActive(w.top.get()));
        QSignalSpy window(w.windowRefresh, &QAction::triggered);
        QSignalSpy panel(w.panelRefresh, &QAction::triggered);
        w.inPanel->setFocus();
        QTest::keyClick(w.inPanel, Qt::Key_F5);
        QCOMPARE(window.size() + panel.size(), 0);
    }

    void panelKeyWinsInsideThePanel_data()
    {
        QTest::addColumn<bool>("focusInPanel");
        QTest::addColumn<bool>("panelEnabled");
        QTest::addColumn<int>("panelRuns");
        QTest::addColumn<int>("windowRuns");
        QTest::newRow("in the panel") << true << true << 1 << 0;
        QTest::newRow("in the panel, panel action disabled") << true << false << 0 << 0;
        QTest::newRow("outside the panel") << false << true << 0 << 1;
    }

    void panelKeyWinsInsideThePanel()
    {
        QFETCH(bool, focusInPanel);
        QFETCH(bool, panelEnabled);
        QFETCH(int, panelRuns);
        QFETCH(int, windowRuns);
        Window w;
        new PanelShortcuts(w.panel, {w.panelRefresh});
        w.panelRefresh->setEnabled(panelEnabled);
        QVERIFY(QTest::qWaitForWindowActive(w.top.get()));
        QSignalSpy window(w.windowRefresh, &QAction::triggered);
        QSignalSpy panel(w.panelRefresh, &QAction::triggered);
        QLineEdit *target = focusInPanel ? w.inPanel : w.outside;
        target->setFocus();
        QTRY_VERIFY(target->hasFocus());
        QTest::keyClick(target, Qt::Key_F5);
        QCOMPARE(panel.size(), panelRuns);
        QCOMPARE(window.size(), windowRuns);
        // Other keys still reach the focused widget.
        QTest::keyClicks(target, QStringLiteral("ab"));
        QCOMPARE(target->text(), QStringLiteral("ab"));
    }
};

QTEST_MAIN(tst_PanelShortcuts)
#include "tst_panelshortcuts.moc"
