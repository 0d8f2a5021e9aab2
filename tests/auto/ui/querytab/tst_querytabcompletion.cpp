// SPDX-License-Identifier: GPL-3.0-or-later
#include "guitestsupport.h"

// QueryTab's completion wiring, end to end on the demo SQLite database: the tab prepares the
// connection's catalog for its editor, and again when the catalog is reloaded. (A separate
// executable from tst_querytab so the two can grow without touching each other.)
#include "connections/connectionmanager.h"
#include "editor/sqlcompleter.h"
#include "editor/sqleditor.h"
#include "plugins/pluginmanager.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Strata;

class tst_QueryTabCompletion : public QObject
{
    Q_OBJECT

    std::unique_ptr<ConnectionManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    QString m_id;

    QueryTab *newTab()
    {
        QueryFeature *feature = m_window->feature<QueryFeature>();
        feature->newTabAction()->trigger();
        return feature->tabs().isEmpty() ? nullptr : feature->tabs().constLast();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_manager = Test::freshGuiManager(QStringLiteral("strata-test-querytabcompletion"));
        if (!m_manager->plugins()->pluginObject(QStringLiteral("sqlite")))
            QSKIP("the sqlite plugin is not built");
        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->installDefaultFeatures();
        m_id = Test::showWithDemo(*m_window, *m_manager);
        QVERIFY(!m_id.isEmpty());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_manager.reset();
    }

    void editorCompletesFromTheConnectionsCatalog()
    {
        QueryTab *tab = newTab();
        QVERIFY(tab);
        SqlCompleter *completer = tab->editor()->completer();
        QTRY_VERIFY(completer->index());
        QCOMPARE(completer->index()->tableCount(), m_manager->catalog(m_id)->tableCount());
        QCOMPARE(completer->searchPath(), QStringList{QStringLiteral("main")});

        tab->editor()->setFocus();
        QTest::keyClicks(tab->editor(), QStringLiteral("SELECT c. FROM customers c"));
        // Back to just after "c." and ask for the columns.
        tab->editor()->setCursorPosition(0, 9);
        QVERIFY(completer->complete(false));
        QVERIFY(completer->shownNames().contains(QStringLiteral("email")));
        QTest::keyClick(tab->editor(), Qt::Key_Escape);

        tab->editor()->setText(QString());
        QTest::keyClicks(tab->editor(), QStringLiteral("SELECT * FROM order_t"));
        QTRY_VERIFY(tab->editor()->isListActive());
        QCOMPARE(completer->shownNames().value(0), QStringLiteral("order_totals"));
        QTest::keyClick(tab->editor(), Qt::Key_Return);
        QCOMPARE(tab->editor()->text(), QStringLiteral("SELECT * FROM order_totals"));
    }

    void reloadingTheCatalogRebuildsTheIndex()
    {
        QueryTab *tab = newTab();
        QVERIFY(tab);
        SqlCompleter *completer = tab->editor()->completer();
        QTRY_VERIFY(completer->index());
        const auto before = completer->index();
        QSignalSpy loaded(m_manager.get(), &ConnectionManager::catalogLoaded);
        m_manager->reloadCatalog(m_id);
        QVERIFY(loaded.wait(30000));
        QTRY_VERIFY(completer->index() != before);
        QCOMPARE(completer->index()->tableCount(), m_manager->catalog(m_id)->tableCount());
    }
};

QTEST_MAIN(tst_QueryTabCompletion)
#include "tst_querytabcompletion.moc"
