// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/sqlcompleter.h"
#include "editor/sqleditor.h"

#include "pgdialect.h"
#include "sql/completionindex.h"
#include "syntheticcatalog.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

Table table(const QString &name, const QStringList &columns)
{
    Table t;
    t.schema = u"public"_s;
    t.name = name;
    for (const QString &c : columns) {
        Column column;
        column.name = c;
        column.type = u"integer"_s;
        t.columns.append(column);
    }
    return t;
}

Catalog shopCatalog()
{
    Catalog catalog;
    catalog.engine = u"postgresql"_s;
    Schema schema;
    schema.name = u"public"_s;
    schema.tables = {
        table(u"users"_s, {u"id"_s, u"name"_s, u"email"_s, u"CreatedAt"_s}),
        table(u"orders"_s, {u"id"_s, u"user_id"_s, u"total"_s, u"status"_s}),
        table(u"Order Items"_s, {u"id"_s, u"order_id"_s}),
        table(u"a\"b"_s, {u"x"_s}),
        table(u"active_users"_s, {u"id"_s}),
    };
    catalog.schemas = {schema};
    return catalog;
}

} // namespace

class tst_SqlCompleter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void typingAfterFromOpensTablesFromOneCharacter();
    void enterAcceptsAndReplacesThePrefix();
    void listStaysOpenWhileTypingAndClosesOnPunctuation();
    void tabAcceptsTheSelectedEntry();
    void aliasDotListsColumnsOfAliasDefinedLater();
    void quotedPrefixIsReplacedWithTheQuotedName();
    void hostileNameIsInsertedQuoted();
    void keywordsNeedTwoCharacters();
    void ctrlSpaceOpensTheListWithoutAPrefix();
    void escapeClosesTheListWithoutCancelling();
    void ctrlEnterRunsAndClosesTheList();
    void nothingOpensInsideAString();
    void withoutCatalogKeywordsAreOffered();
    void tenThousandTablesStillOpenTheList();
    void withoutAutoPopupOnlyCtrlSpaceOpensTheList();
    void contextMenuOffersCompletion();
    void longScriptCompletesTheStatementUnderTheCursor();
    void longScriptKnowsTheCursorIsInADollarQuote();

private:
    void typeAndWait(const QString &text, bool expectList = true);

    std::unique_ptr<SqlEditor> m_editor;
    Postgres::Internal::PgDialect m_dialect;
};

void tst_SqlCompleter::init()
{
    m_editor = std::make_unique<SqlEditor>();
    m_editor->resize(640, 360);
    m_editor->show();
    m_editor->activateWindow();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    m_editor->setFocus();
    m_editor->setKeywords(m_dialect.keywords());
    m_editor->completer()->setIndex(
        CompletionIndex::build(shopCatalog(), &m_dialect, SqlDialect::PostgreSQL));
    m_editor->completer()->setSearchPath({u"public"_s});
}

void tst_SqlCompleter::cleanup()
{
    m_editor.reset();
}

void tst_SqlCompleter::typeAndWait(const QString &text, bool expectList)
{
    QTest::keyClicks(m_editor.get(), text);
    if (expectList) {
        QTRY_VERIFY(m_editor->isListActive());
    } else {
        // The completion runs from a 0 ms timer: let it run, then check nothing opened.
        QTest::qWait(20);
        QVERIFY2(!m_editor->isListActive(),
                 qPrintable(m_editor->completer()->shownNames().join(u", "_s)));
    }
}

void tst_SqlCompleter::typingAfterFromOpensTablesFromOneCharacter()
{
    typeAndWait(u"SELECT * FROM o"_s);
    const QStringList shown = m_editor->completer()->shownNames();
    QCOMPARE(shown.value(0), u"orders"_s);
    QVERIFY(shown.contains(u"Order Items"_s));
    QVERIFY(!shown.contains(u"users"_s));
}

void tst_SqlCompleter::enterAcceptsAndReplacesThePrefix()
{
    typeAndWait(u"SELECT * FROM us"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Return);
    QVERIFY(!m_editor->isListActive());
    QCOMPARE(m_editor->text(), u"SELECT * FROM users"_s);
}

void tst_SqlCompleter::listStaysOpenWhileTypingAndClosesOnPunctuation()
{
    typeAndWait(u"SELECT * FROM o"_s);
    // The list never closes between a keystroke and its refreshed entries (no flicker).
    QTest::keyClick(m_editor.get(), Qt::Key_R);
    QVERIFY(m_editor->isListActive());
    QTest::keyClick(m_editor.get(), Qt::Key_D);
    QVERIFY(m_editor->isListActive());
    QTRY_COMPARE(m_editor->completer()->shownNames(),
                 (QStringList{u"orders"_s, u"Order Items"_s}));
    QTest::keyClick(m_editor.get(), Qt::Key_Space);
    QVERIFY(!m_editor->isListActive());
    QCOMPARE(m_editor->text(), u"SELECT * FROM ord "_s);

    typeAndWait(u"o"_s, false);  // an alias after a table: no keyword starts with one letter
    m_editor->setText(QString());
    typeAndWait(u"SELECT * FROM users WHERE na"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Equal);
    QVERIFY(!m_editor->isListActive());
    QCOMPARE(m_editor->text(), u"SELECT * FROM users WHERE na="_s);
}

void tst_SqlCompleter::tabAcceptsTheSelectedEntry()
{
    typeAndWait(u"SELECT * FROM o"_s);
    QCOMPARE(m_editor->completer()->shownNames().value(1), u"Order Items"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Down);
    QTest::keyClick(m_editor.get(), Qt::Key_Tab);
    QCOMPARE(m_editor->text(), u"SELECT * FROM \"Order Items\""_s);
}

void tst_SqlCompleter::aliasDotListsColumnsOfAliasDefinedLater()
{
    m_editor->setText(u"SELECT  FROM users u"_s);
    m_editor->setCursorPosition(0, 7);
    typeAndWait(u"u."_s);
    QCOMPARE(m_editor->completer()->shownNames(),
             (QStringList{u"CreatedAt"_s, u"email"_s, u"id"_s, u"name"_s}));
    QTest::keyClick(m_editor.get(), Qt::Key_Return);
    QCOMPARE(m_editor->text(), u"SELECT u.\"CreatedAt\" FROM users u"_s);
}

void tst_SqlCompleter::quotedPrefixIsReplacedWithTheQuotedName()
{
    typeAndWait(u"SELECT * FROM \"Ord"_s);
    QCOMPARE(m_editor->completer()->shownNames().value(0), u"Order Items"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Return);
    QCOMPARE(m_editor->text(), u"SELECT * FROM \"Order Items\""_s);
}

void tst_SqlCompleter::hostileNameIsInsertedQuoted()
{
    typeAndWait(u"SELECT * FROM a"_s);
    QCOMPARE(m_editor->completer()->shownNames(), (QStringList{u"a\"b"_s, u"active_users"_s}));
    QTest::keyClick(m_editor.get(), Qt::Key_Return);
    QCOMPARE(m_editor->text(), u"SELECT * FROM \"a\"\"b\""_s);
}

void tst_SqlCompleter::keywordsNeedTwoCharacters()
{
    typeAndWait(u"S"_s, false);
    typeAndWait(u"E"_s);
    QCOMPARE(m_editor->completer()->shownNames().value(0), u"SELECT"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Return);
    QCOMPARE(m_editor->text(), u"SELECT"_s);
}

void tst_SqlCompleter::ctrlSpaceOpensTheListWithoutAPrefix()
{
    m_editor->setText(u"SELECT * FROM "_s);
    m_editor->setCursorPosition(0, 14);
    QTest::keyClick(m_editor.get(), Qt::Key_Space, Qt::ControlModifier);
    QVERIFY(m_editor->isListActive());
    const QStringList shown = m_editor->completer()->shownNames();
    QVERIFY(shown.contains(u"users"_s));
    QVERIFY(shown.contains(u"public"_s));
    // Ctrl+Space typed nothing.
    QCOMPARE(m_editor->text(), u"SELECT * FROM "_s);
}

void tst_SqlCompleter::escapeClosesTheListWithoutCancelling()
{
    QSignalSpy cancel(m_editor.get(), &SqlEditor::cancelRequested);
    typeAndWait(u"SELECT * FROM us"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Escape);
    QVERIFY(!m_editor->isListActive());
    QCOMPARE(cancel.count(), 0);
    QCOMPARE(m_editor->text(), u"SELECT * FROM us"_s);
    // With the list closed, Esc cancels the running statement again.
    QTest::keyClick(m_editor.get(), Qt::Key_Escape);
    QCOMPARE(cancel.count(), 1);
}

void tst_SqlCompleter::ctrlEnterRunsAndClosesTheList()
{
    QSignalSpy run(m_editor.get(), &SqlEditor::runStatementRequested);
    typeAndWait(u"SELECT * FROM us"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(run.count(), 1);
    QVERIFY(!m_editor->isListActive());
    QCOMPARE(m_editor->text(), u"SELECT * FROM us"_s);
}

void tst_SqlCompleter::nothingOpensInsideAString()
{
    typeAndWait(u"SELECT 'FROM us"_s, false);
    typeAndWait(u"' -- FROM us"_s, false);
}

void tst_SqlCompleter::withoutCatalogKeywordsAreOffered()
{
    m_editor->completer()->setIndex(nullptr);
    typeAndWait(u"SELECT * FR"_s);
    QCOMPARE(m_editor->completer()->shownNames().value(0), u"FROM"_s);
}

void tst_SqlCompleter::tenThousandTablesStillOpenTheList()
{
    m_editor->completer()->setIndex(CompletionIndex::build(Test::syntheticCatalog(10000, 10),
                                                           &m_dialect, SqlDialect::PostgreSQL));
    typeAndWait(u"SELECT * FROM table_0999"_s);
    QCOMPARE(m_editor->completer()->shownNames().size(), 10);
    QCOMPARE(m_editor->completer()->shownNames().value(0), u"table_09990"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Return);
    typeAndWait(u" t WHERE t.col_0"_s);
    QCOMPARE(m_editor->completer()->shownNames().size(), 10);
}

void tst_SqlCompleter::withoutAutoPopupOnlyCtrlSpaceOpensTheList()
{
    SqlCompleter *completer = m_editor->completer();
    completer->autoPopupAction()->trigger();
    QVERIFY(!completer->autoPopup());
    typeAndWait(u"SELECT * FROM us"_s, false);
    QTest::keyClick(m_editor.get(), Qt::Key_Space, Qt::ControlModifier);
    QVERIFY(m_editor->isListActive());
    QCOMPARE(completer->shownNames(), QStringList{u"users"_s});
    completer->setAutoPopup(true);
    QVERIFY(completer->autoPopupAction()->isChecked());
}

void tst_SqlCompleter::contextMenuOffersCompletion()
{
    SqlCompleter *completer = m_editor->completer();
    QCOMPARE(completer->completeAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Space));
    QVERIFY(!completer->completeAction()->toolTip().isEmpty());
    QVERIFY(!completer->autoPopupAction()->toolTip().isEmpty());

    QContextMenuEvent event(QContextMenuEvent::Mouse, QPoint(10, 10),
                            m_editor->mapToGlobal(QPoint(10, 10)));
    QCoreApplication::sendEvent(m_editor->viewport(), &event);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
    QVERIFY(menu->actions().contains(completer->completeAction()));
    QVERIFY(menu->actions().contains(completer->autoPopupAction()));
    menu->close();

    m_editor->setText(u"SELECT * FROM "_s);
    m_editor->setCursorPosition(0, 14);
    // As on a desktop, the editor's window is active again once the menu is gone.
    m_editor->activateWindow();
    QTRY_COMPARE(QApplication::activeWindow(), m_editor.get());
    // (The offscreen platform activates the list's own window right after it opens, which
    // closes it again: check that it was shown, not that it stays.)
    QSignalSpy shown(completer, &SqlCompleter::listShown);
    completer->completeAction()->trigger();
    QTRY_COMPARE(shown.count(), 1);
    QVERIFY(completer->shownNames().contains(u"orders"_s));
}

namespace {

// About 60,000 characters: longer than SqlCompleter::LongText, so completion splits a window.
QString longScript(const QString &tag)
{
    QString script;
    for (int i = 0; i < 1200; ++i)
        script += u"SELECT id, name FROM users WHERE email = '%1;%2';\n"_s.arg(tag).arg(i);
    return script;
}

void placeCursor(SqlEditor *editor, int offset)
{
    editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, editor->positionFromOffset(offset));
}

} // namespace

void tst_SqlCompleter::longScriptCompletesTheStatementUnderTheCursor()
{
    const QString before = longScript(u"a"_s);
    const QString after = longScript(u"b"_s);
    QVERIFY(before.size() > SqlCompleter::LongText);
    const QString statement = u"SELECT o FROM orders o;\n"_s;
    m_editor->setText(before + statement + after);
    placeCursor(m_editor.get(), int(before.size()) + 8);
    typeAndWait(u"."_s);
    QCOMPARE(m_editor->completer()->shownNames(),
             (QStringList{u"id"_s, u"status"_s, u"total"_s, u"user_id"_s}));
    QTest::keyClick(m_editor.get(), Qt::Key_Escape);

    // Typing on: the cached split still gives the right statement.
    typeAndWait(u"to"_s);
    QCOMPARE(m_editor->completer()->shownNames(), QStringList{u"total"_s});
    QTest::keyClick(m_editor.get(), Qt::Key_Return);
    QVERIFY(m_editor->text().contains(u"SELECT o.total FROM orders o;\n"_s));

    // An edit far above the cursor, then a new statement near the end of the text.
    m_editor->SendScintilla(QsciScintillaBase::SCI_INSERTTEXT, 0UL, "SELECT 1;\n");
    const int end = int(m_editor->text().size());
    m_editor->setText(m_editor->text() + u"SELECT u FROM users u"_s);
    placeCursor(m_editor.get(), end + 8);
    typeAndWait(u"."_s);
    QCOMPARE(m_editor->completer()->shownNames(),
             (QStringList{u"CreatedAt"_s, u"email"_s, u"id"_s, u"name"_s}));
}

void tst_SqlCompleter::longScriptKnowsTheCursorIsInADollarQuote()
{
    // The body's ';' is no statement boundary: the cursor stays inside the dollar quote.
    const QString before = longScript(u"c"_s);
    m_editor->setText(before + u"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT * FROM  $$ LANGUAGE sql;\n"_s
                      + longScript(u"d"_s));
    QTest::keyClick(m_editor.get(), Qt::Key_Space, Qt::ControlModifier);  // fills the cache
    placeCursor(m_editor.get(), int(before.size()) + 63);
    typeAndWait(u"us"_s, false);
    QVERIFY(m_editor->completer()->lastResult().candidates.isEmpty());
}

QTEST_MAIN(tst_SqlCompleter)
#include "tst_sqlcompleter.moc"
