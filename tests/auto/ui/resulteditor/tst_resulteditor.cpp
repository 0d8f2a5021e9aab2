// SPDX-License-Identifier: GPL-3.0-or-later
// Editing a real PostgreSQL table through a ResultView: edit, add, delete, Set NULL, save,
// a conflict, and the questions before pending changes are dropped.
#include "connection/connectionurl.h"
#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "plugins/idialect.h"
#include "plugins/pluginmanager.h"
#include "query/querytab.h"
#include "results/resulteditmodel.h"
#include "results/resulteditor.h"
#include "results/resultgridmodel.h"
#include "results/resultsetsink.h"
#include "results/resultview.h"
#include "results/savechangesdialog.h"
#include "testservers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QColor>
#include <QHeaderView>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolBar>

#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
const QString TableName = u"tst_resulteditor it\"ems x'; --"_s;
const QString NameColumn = u"na\"me <b>x</b>"_s;

template <typename T> T wait(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}
} // namespace

class tst_ResultEditor : public QObject
{
    Q_OBJECT

    std::unique_ptr<ConnectionManager> m_manager;
    QString m_id;
    std::shared_ptr<ResultSetSink> m_sink;
    std::unique_ptr<ResultView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    EngineSession *session() const { return m_manager->session(m_id); }
    QString q(const QString &name) const { return m_manager->dialect(m_id)->quoteIdentifier(name); }
    QString table() const
    {
        return m_manager->dialect(m_id)->qualifiedName(u"public"_s, TableName);
    }

    bool run(const QString &sql)
    {
        const Result<QList<ResultSet>> result = wait(session()->query(sql));
        if (!result)
            qWarning("%s: %s", qPrintable(sql), qPrintable(result.error().toString()));
        return result.ok();
    }

    QStringList serverRows()
    {
        const Result<QList<ResultSet>> result = wait(session()->query(
            u"SELECT id, %1, qty FROM %2 ORDER BY id"_s.arg(q(NameColumn), table())));
        if (!result)
            return {result.error().toString()};
        QStringList rows;
        const ResultSet &set = result->first();
        for (qint64 r = 0; r < set.rowCount(); ++r) {
            QStringList cells;
            for (int c = 0; c < 3; ++c)
                cells << (set.isNull(r, c) ? u"NULL"_s : set.text(r, c));
            rows << cells.join(u'|');
        }
        return rows;
    }

    // Runs sql into a ResultView, as a query tab does.
    ResultView *show(const QString &sql)
    {
        m_tester.reset();
        m_view.reset();
        m_sink = ResultSetSink::create();
        const Result<void> ran = wait(session()->execute(sql, {}, m_sink));
        if (!ran || m_sink->storeCount() != 1)
            return nullptr;
        RowStore *store = m_sink->store(0);
        if (!QTest::qWaitFor([store] { return store->isFinished(); }))
            return nullptr;
        m_view = std::make_unique<ResultView>(store, m_manager.get(), m_id, sql);
        m_view->resize(900, 360);
        m_view->show();
        return m_view.get();
    }

    ResultEditor *startEditing(const QString &sql)
    {
        ResultView *view = show(sql);
        if (!view)
            return nullptr;
        ResultEditor *editor = view->editor();
        if (!QTest::qWaitFor([editor] { return editor->editAction()->isEnabled(); }))
            return nullptr;
        editor->editAction()->trigger();
        if (!QTest::qWaitFor([editor] { return editor->isEditing() && editor->editModel(); }))
            return nullptr;
        m_tester = std::make_unique<QAbstractItemModelTester>(
            editor->editModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        return editor;
    }

    QString selectAll() const
    {
        return u"SELECT id, %1, qty FROM %2 ORDER BY id"_s.arg(q(NameColumn), table());
    }

    // Types text into a cell through the view's own editor.
    static void typeInto(QTableView *table, const QModelIndex &index, const QString &text)
    {
        table->setCurrentIndex(index);
        table->edit(index);
        QLineEdit *line = nullptr;
        const QList<QLineEdit *> editors = table->viewport()->findChildren<QLineEdit *>();
        for (QLineEdit *candidate : editors) {
            if (candidate->isVisible())
                line = candidate; // editors closed before wait for their deleteLater
        }
        QVERIFY(line);
        line->selectAll();
        QTest::keyClicks(line, text);
        QPointer<QLineEdit> open(line);
        QTest::keyClick(line, Qt::Key_Return);
        // The delegate commits and closes the editor from the event loop.
        QTRY_VERIFY(!open || !open->isVisible());
    }

    // The docs picture: the grid in edit mode with the Save dialog over it.
    bool screenshot(SaveChangesDialog &dialog, const QString &path)
    {
        m_view->resize(1100, 400);
        for (int c = 0; c < 3; ++c)
            m_view->view()->setColumnWidth(c, c == 1 ? 300 : 120);
        m_view->view()->clearSelection();
        m_view->view()->setCurrentIndex({});
        dialog.resize(900, 400);
        dialog.show();
        QTest::qWait(50);
        const QPixmap grid = m_view->grab();
        const QPixmap box = dialog.grab();
        QPixmap canvas(1100, 660);
        canvas.fill(m_view->palette().color(QPalette::Window));
        QPainter painter(&canvas);
        painter.drawPixmap(0, 0, grid);
        painter.fillRect(QRect(186, 246, box.width() + 8, box.height() + 8), QColor(0, 0, 0, 60));
        painter.drawPixmap(180, 240, box);
        painter.setPen(QColor(0x86, 0x8e, 0x96));
        painter.drawRect(QRect(180, 240, box.width() - 1, box.height() - 1));
        painter.end();
        dialog.hide();
        return canvas.save(path);
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_PG();
        Result<ConnectionSettings> settings = ConnectionUrl::parse(Test::pgUrl());
        QVERIFY(settings);
        settings->password = Test::password();
        m_manager = std::make_unique<ConnectionManager>();
        m_manager->plugins()->setSearchPaths({QStringLiteral(STRATA_PLUGIN_DIR)});
        m_manager->plugins()->loadAll();
        m_id = m_manager->open(u"pg"_s, settings.value());
        QTRY_VERIFY_WITH_TIMEOUT(m_manager->state(m_id) == ConnectionManager::State::Ready ||
                                     m_manager->state(m_id) == ConnectionManager::State::Failed,
                                 30000);
        QVERIFY2(m_manager->state(m_id) == ConnectionManager::State::Ready,
                 qPrintable(m_manager->errorText(m_id)));
    }

    void init()
    {
        QVERIFY(run(u"DROP TABLE IF EXISTS %1"_s.arg(table())));
        QVERIFY(run(
            u"CREATE TABLE %1 (id serial PRIMARY KEY, %2 text, qty integer NOT NULL DEFAULT 7)"_s
                .arg(table(), q(NameColumn))));
        QVERIFY(run(u"INSERT INTO %1 (%2, qty) VALUES ('apple', 1), ('pear', 2), ('plum', 3)"_s.arg(
            table(), q(NameColumn))));
        // The editor finds the table in the connection's catalog.
        QSignalSpy loaded(m_manager.get(), &ConnectionManager::catalogLoaded);
        m_manager->reloadCatalog(m_id);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 30000);
    }

    void cleanup()
    {
        m_tester.reset();
        m_view.reset();
        m_sink.reset();
        if (m_manager && session())
            (void)run(u"DROP TABLE IF EXISTS %1"_s.arg(table()));
    }

    void cleanupTestCase() { m_manager.reset(); }

    void readOnlyResultSaysWhy_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("reason");
        QTest::newRow("expression")
            << u"SELECT id, qty * 2 AS twice FROM %1"_s
            << u"Read-only: the column twice is computed, not read from a table"_s;
        QTest::newRow("join")
            << u"SELECT a.id, b.relname FROM %1 a JOIN pg_catalog.pg_class b ON false"_s
            << u"Read-only: the result joins two tables"_s;
    }

    void readOnlyResultSaysWhy()
    {
        QFETCH(QString, sql);
        QFETCH(QString, reason);
        ResultView *view = show(sql.arg(table()));
        QVERIFY(view);
        QTRY_VERIFY(!view->editor()->readOnlyReason().isEmpty());
        QVERIFY(!view->editor()->editAction()->isEnabled());
        QCOMPARE(view->editor()->editAction()->toolTip(), reason);
    }

    void missingKeyIsFoundWhenEditingStarts()
    {
        ResultView *view = show(u"SELECT %1 FROM %2"_s.arg(q(NameColumn), table()));
        QVERIFY(view);
        ResultEditor *editor = view->editor();
        QTRY_VERIFY(editor->editAction()->isEnabled());
        editor->editAction()->trigger();
        QTRY_COMPARE(editor->readOnlyReason(), u"the primary key column id is not in the result"_s);
        QVERIFY(!editor->isEditing());
        QVERIFY(!editor->editAction()->isEnabled());
        QVERIFY(!editor->editModel());
    }

    void tableCreatedAfterTheCatalogWasReadIsEditableAfterAReload()
    {
        const QString fresh =
            m_manager->dialect(m_id)->qualifiedName(u"public"_s, u"tst_resulteditor fresh"_s);
        // A table left by an earlier, failed run must not be in the catalog init() loaded.
        QVERIFY(run(u"DROP TABLE IF EXISTS %1"_s.arg(fresh)));
        {
            QSignalSpy loaded(m_manager.get(), &ConnectionManager::catalogLoaded);
            m_manager->reloadCatalog(m_id);
            QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 30000);
        }
        QVERIFY(run(u"CREATE TABLE %1 (id int PRIMARY KEY, v text)"_s.arg(fresh)));
        ResultView *view = show(u"SELECT id, v FROM %1"_s.arg(fresh));
        QVERIFY(view);
        ResultEditor *editor = view->editor();
        QTRY_VERIFY(editor->editAction()->isEnabled());
        editor->editAction()->trigger();
        QTRY_COMPARE(
            editor->readOnlyReason(),
            u"the table tst_resulteditor fresh is not in the loaded catalog; reload the catalog"_s);
        QSignalSpy loaded(m_manager.get(), &ConnectionManager::catalogLoaded);
        m_manager->reloadCatalog(m_id);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 30000);
        QTRY_VERIFY(editor->editAction()->isEnabled());
        editor->editAction()->trigger();
        QTRY_VERIFY(editor->editModel());
        QVERIFY(editor->isEditing());
        QVERIFY(run(u"DROP TABLE %1"_s.arg(fresh)));
    }

    void editsAreSavedInOneTransaction()
    {
        ResultEditor *editor = startEditing(selectAll());
        QVERIFY(editor);
        ResultEditModel *model = editor->editModel();
        QTableView *table = m_view->view();
        QCOMPARE(table->model(), model);
        QVERIFY(!editor->saveAction()->isEnabled());

        // Row 1: a new name typed into the grid; row 2: NULL via Set NULL; row 3 deleted.
        typeInto(table, model->index(0, 1), u"apple <i>pie</i>"_s);
        QCOMPARE(model->rowState(0), ResultEditModel::RowState::Edited);
        QCOMPARE(model->data(model->index(0, 1)).toString(), u"apple <i>pie</i>"_s);
        QVERIFY(model->data(model->index(0, 1), Qt::BackgroundRole).isValid());
        table->setCurrentIndex(model->index(1, 1));
        editor->setNullAction()->trigger();
        QCOMPARE(model->data(model->index(1, 1)).toString(), u"NULL"_s);
        QVERIFY(model->value(1, 1).isNull());
        table->setCurrentIndex(model->index(2, 0));
        editor->deleteRowsAction()->trigger();
        QCOMPARE(model->rowState(2), ResultEditModel::RowState::Deleted);
        QVERIFY(model->data(model->index(2, 1), Qt::FontRole).value<QFont>().strikeOut());
        // A new row with only a name: id and qty come from their defaults.
        editor->addRowAction()->trigger();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->headerData(3, Qt::Vertical).toString(), u"*"_s);
        typeInto(table, model->index(3, 1), u"fig"_s);
        QCOMPARE(model->pendingRowCount(), 4);
        QVERIFY(editor->saveAction()->isEnabled());
        QCOMPARE(serverRows().size(), 3); // nothing is saved before Save

        QList<EditStatement> reviewed;
        editor->setSaveReviewer([&](const QList<EditStatement> &statements) {
            reviewed = statements;
            SaveChangesDialog dialog(TableName, statements);
            // Bound values are listed; the SQL itself carries only markers.
            const QString listing = dialog.text()->toPlainText();
            QVERIFY(listing.contains(u"--   1 = 'apple <i>pie</i>'"_s));
            QVERIFY(!statements.first().sql.contains(u"apple"_s));
            const QString shot = qEnvironmentVariable("STRATA_EDITING_SCREENSHOT");
            if (!shot.isEmpty())
                QVERIFY(screenshot(dialog, shot));
            editor->apply(statements);
        });
        QSignalSpy finished(editor, &ResultEditor::saveFinished);
        editor->saveAction()->trigger();
        QCOMPARE(reviewed.size(), 4);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(editor->statusText(), u"Saved in one transaction"_s);

        QCOMPARE(serverRows(),
                 (QStringList{u"1|apple <i>pie</i>|1"_s, u"2|NULL|2"_s, u"4|fig|7"_s}));
        // The grid shows what the server has, without pending marks.
        QVERIFY(!model->hasPendingChanges());
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->data(model->index(2, 0)).toString(), u"4"_s);
        QCOMPARE(model->data(model->index(2, 2)).toString(), u"7"_s);
        QCOMPARE(model->data(model->index(0, 1)).toString(), u"apple <i>pie</i>"_s);
        QVERIFY(!model->data(model->index(0, 1), Qt::BackgroundRole).isValid());
        QCOMPARE(model->headerData(2, Qt::Vertical).toString(), u"3"_s);

        // Saved rows can be edited again, from their saved values.
        typeInto(table, model->index(2, 2), u"8"_s);
        // This time through the real dialog: Save opens it, Apply runs the statements.
        editor->setSaveReviewer({});
        editor->saveAction()->trigger();
        SaveChangesDialog *dialog = m_view->findChild<SaveChangesDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->statements().size(), 1);
        QVERIFY(dialog->text()->toPlainText().contains(u"--   1 = 8"_s));
        QCOMPARE(finished.count(), 1); // nothing runs before Apply
        dialog->applyButton()->click();
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(serverRows().last(), u"4|fig|8"_s);
    }

    void conflictMarksTheRowAndKeepsChanges()
    {
        ResultEditor *editor = startEditing(selectAll());
        QVERIFY(editor);
        ResultEditModel *model = editor->editModel();
        typeInto(m_view->view(), model->index(0, 2), u"10"_s);
        typeInto(m_view->view(), model->index(1, 1), u"mine"_s);
        // Someone else changes row 2 after it was read.
        std::unique_ptr<EngineSession> other =
            std::make_unique<EngineSession>(session()->plugin(), session()->settings());
        QVERIFY(wait(other->open()));
        QVERIFY(wait(other->query(
            u"UPDATE %1 SET %2 = '<b>theirs</b>' WHERE id = 2"_s.arg(table(), q(NameColumn)))));

        editor->setSaveReviewer(
            [&](const QList<EditStatement> &statements) { editor->apply(statements); });
        QSignalSpy finished(editor, &ResultEditor::saveFinished);
        editor->saveAction()->trigger();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(serverRows(),
                 (QStringList{u"1|apple|1"_s, u"2|<b>theirs</b>|2"_s, u"3|plum|3"_s}));
        const QString why =
            u"Conflict: The row was changed or deleted by someone else since it was read."_s;
        QCOMPARE(model->rowError(1), why);
        QCOMPARE(editor->statusText(), u"Nothing was saved. Row 2: "_s + why);
        QCOMPARE(model->headerData(1, Qt::Vertical, Qt::BackgroundRole).value<QColor>(),
                 QColor(0xff, 0x8a, 0x8a));
        QCOMPARE(model->headerData(1, Qt::Vertical, Qt::ToolTipRole).toString(), why);
        QVERIFY(model->rowError(0).isEmpty());
        // Nothing is lost: both edits are still pending.
        QCOMPARE(model->pendingRowCount(), 2);
        QCOMPARE(model->data(model->index(1, 1)).toString(), u"mine"_s);

        // Leaving edit mode asks first; "no" keeps everything.
        QStringList asked;
        editor->setConfirmer([&](const QString &question) {
            asked << question;
            return false;
        });
        editor->editAction()->trigger();
        QCOMPARE(asked.size(), 1);
        QVERIFY(editor->isEditing());
        QCOMPARE(model->pendingRowCount(), 2);
        editor->setConfirmer([&](const QString &question) {
            asked << question;
            return true;
        });
        editor->editAction()->trigger();
        QVERIFY(!editor->isEditing());
        QCOMPARE(model->pendingRowCount(), 0);
        QCOMPARE(model->data(model->index(1, 1)).toString(), u"pear"_s);
        QVERIFY(!(model->flags(model->index(0, 0)) & Qt::ItemIsEditable));
    }

    void badValueIsRejectedOnSaveAndKept()
    {
        ResultEditor *editor = startEditing(selectAll());
        QVERIFY(editor);
        ResultEditModel *model = editor->editModel();
        typeInto(m_view->view(), model->index(2, 2), u"lots"_s);
        bool reviewed = false;
        editor->setSaveReviewer([&](const QList<EditStatement> &) { reviewed = true; });
        editor->saveAction()->trigger();
        QVERIFY(!reviewed);
        QCOMPARE(editor->statusText(),
                 u"Row 3: The value \"lots\" of column qty is not a whole number."_s);
        QVERIFY(!model->rowError(2).isEmpty());
        QCOMPARE(model->data(model->index(2, 2)).toString(), u"lots"_s);
    }

    void rerunningTheQueryTabAsksBeforeDroppingEdits()
    {
        QueryTab tab(m_manager.get(), m_id, 1);
        tab.resize(900, 600);
        tab.show();
        tab.editor()->setText(selectAll());
        QSignalSpy finished(&tab, &QueryTab::runFinished);
        tab.runStatement();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(tab.resultCount(), 1);
        ResultView *view = tab.resultView(0);
        ResultEditor *editor = view->editor();
        // The Edit toggle sits in the result's toolbar.
        QVERIFY(view->toolBar()->actions().contains(editor->editAction()));
        QTRY_VERIFY(editor->editAction()->isEnabled());
        editor->editAction()->trigger();
        QTRY_VERIFY(editor->editModel());
        QVERIFY(editor->editModel()->setData(editor->editModel()->index(0, 1), u"pending"_s));

        int asked = 0;
        editor->setConfirmer([&](const QString &) {
            ++asked;
            return false;
        });
        tab.runStatement();
        QCOMPARE(asked, 1);
        QCOMPARE(tab.resultView(0), view); // kept, with its pending edit
        QVERIFY(editor->hasPendingChanges());
        editor->setConfirmer([&](const QString &) {
            ++asked;
            return true;
        });
        tab.runStatement();
        QCOMPARE(asked, 2);
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(!tab.resultView(0)->editor()->hasPendingChanges());
    }
};

QTEST_MAIN(tst_ResultEditor)
#include "tst_resulteditor.moc"
