// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/sqleditor.h"
#include "editor/sqlhighlighter.h"

#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <memory>

using namespace Qt::StringLiterals;
using Strata::SqlDialect;
using Strata::SqlEditor;
using Strata::SqlStatement;

Q_DECLARE_METATYPE(SqlDialect)

namespace {

// "<|>" marks where the cursor goes; it is removed from the text.
const QString CursorMark = u"<|>"_s;

void setTextWithCursor(SqlEditor *editor, QString script)
{
    const int cursor = int(script.indexOf(CursorMark));
    QVERIFY(cursor >= 0);
    script.remove(cursor, CursorMark.size());
    editor->setText(script);
    editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, editor->positionFromOffset(cursor));
}

const QString PgScript = u"SELECT 'héllo 😀';\n"
                         "CREATE FUNCTION f() RETURNS int AS $body$\n"
                         "BEGIN\n"
                         "  RETURN 1; -- not the end;\n"
                         "END;\n"
                         "$body$ LANGUAGE plpgsql;\n"
                         "SELECT f();\n"_s;
const QString PgFunction = u"CREATE FUNCTION f() RETURNS int AS $body$\n"
                           "BEGIN\n"
                           "  RETURN 1; -- not the end;\n"
                           "END;\n"
                           "$body$ LANGUAGE plpgsql"_s;

const QString MyScript = u"SELECT 'ü';\n"
                         "DELIMITER $$\n"
                         "CREATE PROCEDURE p()\n"
                         "BEGIN\n"
                         "  SELECT 1;\n"
                         "  SELECT 'x;y';\n"
                         "END$$\n"
                         "DELIMITER ;\n"
                         "CALL p();\n"_s;
const QString MyProcedure = u"CREATE PROCEDURE p()\n"
                            "BEGIN\n"
                            "  SELECT 1;\n"
                            "  SELECT 'x;y';\n"
                            "END"_s;

QString withCursor(const QString &script, const QString &before)
{
    QString copy = script;
    const int at = int(copy.indexOf(before));
    Q_ASSERT(at >= 0);
    copy.insert(at, CursorMark);
    return copy;
}

} // namespace

class tst_SqlEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void currentStatementFollowsCursor_data();
    void currentStatementFollowsCursor();
    void selectionWinsOverStatementUnderCursor();
    void allStatementsSplitsWithTheDialect();
    void highlightStatementMarksRangeBriefly();

    void markErrorLandsOnLineAndColumn_data();
    void markErrorLandsOnLineAndColumn();
    void errorMessageStaysPlainText();
    void clearErrorsRemovesMarksAndAnnotations();
    void lintMarksUnderlineTheLineAndFollowEdits();
    void lintMarksAndErrorMarksShareAnnotationsApart();
    void hoveringALintedLineShowsItsMessagesAsPlainText();
    void wrapAnnotationBreaksLongLinesOnly_data();
    void wrapAnnotationBreaksLongLinesOnly();
    void longAnnotationsWrapToTheWidthAndFollowIt();

    void toggleCommentAndBack_data();
    void toggleCommentAndBack();

    void findSelectsMatches_data();
    void findSelectsMatches();
    void replaceAllCountsAndIsOneUndoStep_data();
    void replaceAllCountsAndIsOneUndoStep();

    void keysEmitSignals_data();
    void keysEmitSignals();
    void ctrlSlashTogglesComment();
    void highlightingFollowsDialectAndKeywords_data();
    void highlightingFollowsDialectAndKeywords();
    void lineNumberMarginGrowsWithLineCount();

private:
    std::unique_ptr<SqlEditor> m_editor;
};

void tst_SqlEditor::init()
{
    m_editor = std::make_unique<SqlEditor>();
    m_editor->resize(640, 320);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

void tst_SqlEditor::cleanup()
{
    m_editor.reset();
}

void tst_SqlEditor::currentStatementFollowsCursor_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("expected");

    const auto pg = SqlDialect::PostgreSQL;
    const auto my = SqlDialect::MySQL;
    QTest::newRow("pg first statement after non-ASCII")
        << pg << withCursor(PgScript, u"😀';"_s) << u"SELECT 'héllo 😀'"_s;
    QTest::newRow("pg inside dollar-quoted body")
        << pg << withCursor(PgScript, u"RETURN 1;"_s) << PgFunction;
    QTest::newRow("pg after the comment's semicolon")
        << pg << withCursor(PgScript, u"END;"_s) << PgFunction;
    QTest::newRow("pg last statement") << pg << withCursor(PgScript, u"f();"_s) << u"SELECT f()"_s;
    QTest::newRow("pg end of text belongs to the last statement")
        << pg << PgScript + CursorMark << u"SELECT f()"_s;
    QTest::newRow("mysql inside procedure body")
        << my << withCursor(MyScript, u"SELECT 1;"_s) << MyProcedure;
    QTest::newRow("mysql on the quoted semicolon")
        << my << withCursor(MyScript, u";y'"_s) << MyProcedure;
    QTest::newRow("mysql after delimiter reset")
        << my << withCursor(MyScript, u"CALL"_s) << u"CALL p()"_s;
    QTest::newRow("mysql first statement") << my << withCursor(MyScript, u"ü"_s) << u"SELECT 'ü'"_s;
}

void tst_SqlEditor::currentStatementFollowsCursor()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QString, script);
    QFETCH(QString, expected);

    m_editor->setDialect(dialect);
    setTextWithCursor(m_editor.get(), script);
    const SqlStatement statement = m_editor->currentStatement();
    QCOMPARE(statement.text, expected);
    QCOMPARE(m_editor->text().mid(statement.offset, statement.length), expected);
}

void tst_SqlEditor::selectionWinsOverStatementUnderCursor()
{
    m_editor->setText(u"SELECT 'é'; SELECT 2;\nSELECT 3;"_s);
    // Selects "  SELECT 2;\nSEL" from the space after the first semicolon.
    const QString text = m_editor->text();
    const int from = int(text.indexOf(u" SELECT 2"_s));
    const int to = int(text.indexOf(u"ECT 3"_s));
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, m_editor->positionFromOffset(from),
                            m_editor->positionFromOffset(to));
    const SqlStatement statement = m_editor->currentStatement();
    QCOMPARE(statement.text, u"SELECT 2;\nSEL"_s);
    QCOMPARE(statement.offset, from + 1);
    QCOMPARE(statement.length, int(statement.text.size()));
    QCOMPARE(statement.line, 1);
}

void tst_SqlEditor::allStatementsSplitsWithTheDialect()
{
    m_editor->setText(MyScript);
    m_editor->setDialect(SqlDialect::MySQL);
    QList<SqlStatement> statements = m_editor->allStatements();
    QCOMPARE(statements.size(), 3);
    QCOMPARE(statements.at(1).text, MyProcedure);

    m_editor->setText(PgScript);
    m_editor->setDialect(SqlDialect::PostgreSQL);
    statements = m_editor->allStatements();
    QCOMPARE(statements.size(), 3);
    QCOMPARE(statements.at(1).text, PgFunction);
}

void tst_SqlEditor::highlightStatementMarksRangeBriefly()
{
    m_editor->setText(PgScript);
    const SqlStatement function = m_editor->allStatements().at(1);
    m_editor->highlightStatement(function);
    const auto valueAt = [this](int offset) {
        return m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT,
                                       SqlEditor::StatementIndicator,
                                       m_editor->positionFromOffset(offset));
    };
    QVERIFY(valueAt(function.offset) != 0);
    QVERIFY(valueAt(function.offset + function.length - 1) != 0);
    QCOMPARE(valueAt(function.offset - 2), 0);
    QCOMPARE(valueAt(function.offset + function.length), 0);
    QTRY_COMPARE_WITH_TIMEOUT(valueAt(function.offset), 0, 3000);
}

void tst_SqlEditor::markErrorLandsOnLineAndColumn_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column"); // in characters (code points), as QScintilla counts

    QTest::newRow("ascii") << u"SELECT 1;\nSELECT bogus FROM t;"_s << 1 << 7;
    QTest::newRow("accents on the same line") << u"SELECT 'héllé', bogus;"_s << 0 << 16;
    QTest::newRow("emoji (surrogate pair) before")
        << u"SELECT '😀😀' AS x;\nSELECT 'ß', bogus;"_s << 1 << 12;
    QTest::newRow("cjk on previous lines")
        << u"-- 日本語のコメント\nSELECT '中文';\n  bogus"_s << 2 << 2;
}

void tst_SqlEditor::markErrorLandsOnLineAndColumn()
{
    QFETCH(QString, script);
    QFETCH(int, line);
    QFETCH(int, column);

    m_editor->setText(script);
    const int offset = int(script.indexOf(u"bogus"_s));
    const QString message = u"ERROR:  column \"bogus\" does not exist"_s;
    m_editor->markError(offset, message);

    const int position = m_editor->positionFromOffset(offset);
    QCOMPARE(m_editor->offsetFromPosition(position), offset);
    int gotLine = -1;
    int gotIndex = -1;
    m_editor->lineIndexFromPosition(position, &gotLine, &gotIndex);
    QCOMPARE(gotLine, line);
    QCOMPARE(gotIndex, column);
    // bytes() appends the terminating NUL.
    QCOMPARE(m_editor->bytes(position, position + 5).left(5), QByteArray("bogus"));

    const auto indicatorAt = [this](int pos) {
        return m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT,
                                       SqlEditor::ErrorIndicator, pos);
    };
    QVERIFY(indicatorAt(position) != 0);
    QVERIFY(indicatorAt(position + 4) != 0);
    if (position + 5 < m_editor->length())
        QCOMPARE(indicatorAt(position + 5), 0);
    if (position > 0)
        QCOMPARE(indicatorAt(position - 1), 0);
    QCOMPARE(m_editor->markersAtLine(line), 1u << SqlEditor::ErrorMarker);
    QCOMPARE(m_editor->marginType(0), QsciScintilla::NumberMargin);
    QCOMPARE(m_editor->marginMarkerMask(0), 0);
    QVERIFY(m_editor->marginMarkerMask(1) & (1 << SqlEditor::ErrorMarker));
    QCOMPARE(m_editor->annotation(line), message);
    QVERIFY(m_editor->hasErrors());
}

void tst_SqlEditor::errorMessageStaysPlainText()
{
    m_editor->setText(u"SELECT 1;\nSELECT <b>x</b>;\nSELECT 3;"_s);
    const QString hostile = u"syntax error at or near \"<b>x</b>\" & <script>alert(1)</script>"_s;
    m_editor->markError(int(m_editor->text().indexOf(u"<b>"_s)), hostile);
    m_editor->markError(int(m_editor->text().indexOf(u"x</b>"_s)), u"second error"_s);
    QCOMPARE(m_editor->annotation(1), hostile + u"\nsecond error"_s);
    QCOMPARE(m_editor->annotation(0), QString());
    QCOMPARE(m_editor->markersAtLine(0), 0u);
    // Re-attaching the lexer (new keywords) keeps the annotation.
    m_editor->setKeywords({u"select"_s, u"from"_s});
    QCOMPARE(m_editor->annotation(1), hostile + u"\nsecond error"_s);
}

void tst_SqlEditor::clearErrorsRemovesMarksAndAnnotations()
{
    m_editor->setText(u"SELECT 1;\nSELECT bogus;"_s);
    const int offset = int(m_editor->text().indexOf(u"bogus"_s));
    m_editor->markError(offset, u"no such column"_s);
    m_editor->clearErrors();
    QVERIFY(!m_editor->hasErrors());
    QCOMPARE(m_editor->annotation(1), QString());
    QCOMPARE(m_editor->markersAtLine(1), 0u);
    QCOMPARE(m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT,
                                     SqlEditor::ErrorIndicator,
                                     m_editor->positionFromOffset(offset)),
             0);
}

void tst_SqlEditor::lintMarksUnderlineTheLineAndFollowEdits()
{
    m_editor->setText(u"SELECT 1;\n  ALTER TABLE t ADD c int;\nSELECT 3;"_s);
    const QString hostile = u"rule-a: <b>bold</b> & \"x\""_s;
    m_editor->setLintMarks({{1, true, hostile},
                            {1, false, u"rule-b: a warning"_s},
                            {2, false, u"rule-c: w"_s},
                            {7, true, u"beyond the text"_s},
                            {-1, true, u"before it"_s}});
    const auto indicatorAt = [this](int indicator, int position) {
        return m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, indicator,
                                       position) != 0;
    };
    const int lineStart = int(m_editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, 1));
    const int lineEnd = int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETLINEENDPOSITION, 1));
    // Under the text, not under the indentation.
    QVERIFY(!indicatorAt(SqlEditor::LintErrorIndicator, lineStart));
    QVERIFY(indicatorAt(SqlEditor::LintErrorIndicator, lineStart + 2));
    QVERIFY(indicatorAt(SqlEditor::LintErrorIndicator, lineEnd - 1));
    QVERIFY(indicatorAt(SqlEditor::LintWarningIndicator, lineStart + 2));
    QVERIFY(!indicatorAt(SqlEditor::LintErrorIndicator, 0));
    QCOMPARE(m_editor->markersAtLine(1),
             (1u << SqlEditor::LintErrorMarker) | (1u << SqlEditor::LintWarningMarker));
    QCOMPARE(m_editor->markersAtLine(2), 1u << SqlEditor::LintWarningMarker);
    QCOMPARE(m_editor->markersAtLine(0), 0u);
    QCOMPARE(m_editor->annotation(1), hostile + u"\nrule-b: a warning"_s);
    QCOMPARE(m_editor->lintMessages(1), hostile + u"\nrule-b: a warning"_s);
    QCOMPARE(m_editor->lintMarks().size(), 3);

    // A line typed above moves the marks with their lines.
    m_editor->insertAt(u"-- new first line\n"_s, 0, 0);
    QCOMPARE(m_editor->lintMessages(1), QString());
    QCOMPARE(m_editor->lintMessages(2), hostile + u"\nrule-b: a warning"_s);
    QCOMPARE(m_editor->lintMessages(3), u"rule-c: w"_s);

    m_editor->clearLintMarks();
    QVERIFY(m_editor->lintMarks().isEmpty());
    for (int line = 0; line < m_editor->lines(); ++line) {
        QCOMPARE(m_editor->markersAtLine(line), 0u);
        QCOMPARE(m_editor->annotation(line), QString());
    }
    QVERIFY(!indicatorAt(
        SqlEditor::LintErrorIndicator,
        int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETLINEINDENTPOSITION, 2))));
    QCOMPARE(m_editor->marginMarkerMask(1) & (1 << SqlEditor::LintErrorMarker),
             1 << SqlEditor::LintErrorMarker);
}

void tst_SqlEditor::lintMarksAndErrorMarksShareAnnotationsApart()
{
    m_editor->setText(u"SELECT 1;\nSELECT bogus;"_s);
    m_editor->markError(int(m_editor->text().indexOf(u"bogus"_s)), u"no such column"_s);
    m_editor->setLintMarks({{1, false, u"rule: lint"_s}});
    QCOMPARE(m_editor->annotation(1), u"no such column\nrule: lint"_s);
    // Each kind clears only itself.
    m_editor->clearErrors();
    QCOMPARE(m_editor->annotation(1), u"rule: lint"_s);
    QCOMPARE(m_editor->markersAtLine(1), 1u << SqlEditor::LintWarningMarker);
    m_editor->markError(int(m_editor->text().indexOf(u"bogus"_s)), u"no such column"_s);
    m_editor->clearLintMarks();
    QCOMPARE(m_editor->annotation(1), u"no such column"_s);
    QCOMPARE(m_editor->markersAtLine(1), 1u << SqlEditor::ErrorMarker);
    QVERIFY(m_editor->hasErrors());
    // Re-attaching the lexer keeps both.
    m_editor->setLintMarks({{0, true, u"rule: first"_s}});
    m_editor->setKeywords({u"select"_s});
    QCOMPARE(m_editor->annotation(0), u"rule: first"_s);
    QCOMPARE(m_editor->annotation(1), u"no such column"_s);
}

void tst_SqlEditor::hoveringALintedLineShowsItsMessagesAsPlainText()
{
    m_editor->setText(u"SELECT 1;\nALTER TABLE t ADD c int;\nSELECT 3;"_s);
    m_editor->setLintMarks({{1, true, u"rule-a: <b>bold</b> & more"_s}});
    const auto hover = [this](int line) {
        const int position =
            int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETLINEENDPOSITION, line)) - 2;
        const QPoint at(
            int(m_editor->SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, position)),
            int(m_editor->SendScintilla(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0, position)) +
                3);
        QHelpEvent help(QEvent::ToolTip, at, m_editor->viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(m_editor->viewport(), &help);
    };
    hover(1);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(u"&lt;b&gt;bold&lt;/b&gt; &amp; more"_s),
             qPrintable(QToolTip::text()));
    hover(2);
    QTRY_VERIFY(!QToolTip::isVisible());
}

void tst_SqlEditor::wrapAnnotationBreaksLongLinesOnly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short stays") << u"rule: fix it"_s << 30 << u"rule: fix it"_s;
    // A server's caret line keeps its spaces when it fits.
    QTest::newRow("caret line kept") << u"LINE 1: SELECT x\n               ^"_s << 30
                                     << u"LINE 1: SELECT x\n               ^"_s;
    QTest::newRow("broken at spaces") << u"aaa bbb ccc ddd eee"_s << 8 << u"aaa bbb\nccc ddd\neee"_s;
    QTest::newRow("long word whole") << u"a verylongwordindeed b"_s << 6 << u"a\nverylongwordindeed\nb"_s;
    QTest::newRow("exactly the width") << u"abcd efgh"_s << 9 << u"abcd efgh"_s;
}

void tst_SqlEditor::wrapAnnotationBreaksLongLinesOnly()
{
    QFETCH(QString, text);
    QFETCH(int, columns);
    QFETCH(QString, expected);
    QCOMPARE(SqlEditor::wrapAnnotation(text, columns), expected);
}

void tst_SqlEditor::longAnnotationsWrapToTheWidthAndFollowIt()
{
    m_editor->setText(u"ALTER TABLE t ADD c int NOT NULL;"_s);
    QString message = u"adding-required-field:"_s;
    for (int i = 0; i < 40; ++i)
        message += u" word"_s + QString::number(i);
    m_editor->setLintMarks({{0, true, message}});
    const auto longestLine = [this] {
        qsizetype longest = 0;
        for (const QString &line : m_editor->annotation(0).split(u'\n'))
            longest = std::max(longest, line.size());
        return longest;
    };
    const QString narrow = m_editor->annotation(0);
    QVERIFY2(narrow.contains(u'\n'), qPrintable(narrow));
    QCOMPARE(QString(narrow).replace(u'\n', u' '), message);
    const qsizetype narrowWidth = longestLine();
    QVERIFY(narrowWidth < message.size());
    // The message itself is not changed: the tooltip and the list show it whole.
    QCOMPARE(m_editor->lintMessages(0), message);

    m_editor->resize(1400, 320);
    QTRY_VERIFY(longestLine() > narrowWidth);
}

void tst_SqlEditor::toggleCommentAndBack_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("lineFrom");
    QTest::addColumn<int>("lineTo"); // -1: no selection, the cursor is on lineFrom
    QTest::addColumn<QString>("toggled");
    QTest::addColumn<QString>("toggledTwice");

    const QString mixed = u"SELECT 1\n-- SELECT 2\n  SELECT 'é'\n"_s;
    QTest::newRow("mixed selection comments all")
        << mixed << 0 << 2 << u"-- SELECT 1\n-- -- SELECT 2\n--   SELECT 'é'\n"_s << mixed;
    QTest::newRow("all commented uncomments")
        << u"-- SELECT 1\n  --SELECT 2\nSELECT 3"_s << 0 << 1 << u"SELECT 1\n  SELECT 2\nSELECT 3"_s
        << u"-- SELECT 1\n--   SELECT 2\nSELECT 3"_s;
    const QString block = u"BEGIN\n    SELECT 1;\n      SELECT 2;\nEND"_s;
    QTest::newRow("indented block keeps indentation")
        << block << 1 << 2 << u"BEGIN\n    -- SELECT 1;\n    --   SELECT 2;\nEND"_s << block;
    QTest::newRow("blank lines are left alone")
        << u"SELECT 1\n\nSELECT 2"_s << 0 << 2 << u"-- SELECT 1\n\n-- SELECT 2"_s
        << u"SELECT 1\n\nSELECT 2"_s;
    QTest::newRow("cursor line only") << u"SELECT 1\nSELECT 2"_s << 1 << -1
                                      << u"SELECT 1\n-- SELECT 2"_s << u"SELECT 1\nSELECT 2"_s;
}

void tst_SqlEditor::toggleCommentAndBack()
{
    QFETCH(QString, script);
    QFETCH(int, lineFrom);
    QFETCH(int, lineTo);
    QFETCH(QString, toggled);
    QFETCH(QString, toggledTwice);

    m_editor->setText(script);
    if (lineTo < 0)
        m_editor->setCursorPosition(lineFrom, 2);
    else if (lineTo + 1 < m_editor->lines()) // ends at the next line's start: that line is out
        m_editor->setSelection(lineFrom, 1, lineTo + 1, 0);
    else
        m_editor->setSelection(lineFrom, 1, lineTo, 3);

    m_editor->toggleComment();
    QCOMPARE(m_editor->text(), toggled);
    // The whole lines stay selected, so toggling again works on the same lines.
    m_editor->toggleComment();
    QCOMPARE(m_editor->text(), toggledTwice);
    m_editor->undo();
    QCOMPARE(m_editor->text(), toggled);
    m_editor->undo();
    QCOMPARE(m_editor->text(), script);
}

void tst_SqlEditor::findSelectsMatches_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("forward");
    QTest::addColumn<QList<int>>("offsets"); // successive match offsets, wrapping

    QTest::newRow("case insensitive forward")
        << u"select"_s << false << false << true << QList<int>{0, 14, 36, 0};
    QTest::newRow("case sensitive") << u"Select"_s << true << false << true << QList<int>{14, 14};
    QTest::newRow("whole word") << u"select"_s << false << true << true << QList<int>{0, 36, 0};
    QTest::newRow("non-ASCII needle")
        << u"émile"_s << true << false << true << QList<int>{7, 46, 7};
    QTest::newRow("backwards") << u"select"_s << false << true << false << QList<int>{36, 0, 36};
    QTest::newRow("no match") << u"nothing"_s << false << false << true << QList<int>{};
}

void tst_SqlEditor::findSelectsMatches()
{
    QFETCH(QString, needle);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, wholeWord);
    QFETCH(bool, forward);
    QFETCH(QList<int>, offsets);

    m_editor->setText(u"select émile, Select_x FROM t WHERE SELECT = 'émile';"_s);
    m_editor->setCursorPosition(0, forward ? 0 : 44);
    if (offsets.isEmpty()) {
        QVERIFY(!m_editor->find(needle, caseSensitive, wholeWord, forward));
        return;
    }
    for (int expected : std::as_const(offsets)) {
        QVERIFY(m_editor->find(needle, caseSensitive, wholeWord, forward));
        const int start = m_editor->offsetFromPosition(
            int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART)));
        QCOMPARE(start, expected);
        QCOMPARE(m_editor->selectedText().compare(needle, Qt::CaseInsensitive), 0);
    }
}

void tst_SqlEditor::replaceAllCountsAndIsOneUndoStep_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<QString>("replacement");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("result");

    QTest::newRow("case insensitive")
        << u"id"_s << u"ident"_s << false << false << 5
        << u"SELECT ident, ident_x, Üident FROM t WHERE ident = 'ident';"_s;
    QTest::newRow("whole word") << u"id"_s << u"ident"_s << false << true << 3
                                << u"SELECT ident, id_x, ÜID FROM t WHERE ident = 'ident';"_s;
    QTest::newRow("case sensitive") << u"ID"_s << u"x"_s << true << false << 1
                                    << u"SELECT id, id_x, Üx FROM t WHERE Id = 'id';"_s;
    QTest::newRow("replacement contains needle")
        << u"t"_s << u"tt"_s << true << true << 1
        << u"SELECT id, id_x, ÜID FROM tt WHERE Id = 'id';"_s;
    QTest::newRow("non-ASCII to ASCII") << u"Ü"_s << u"U"_s << true << false << 1
                                        << u"SELECT id, id_x, UID FROM t WHERE Id = 'id';"_s;
    QTest::newRow("no match") << u"zzz"_s << u"y"_s << false << false << 0
                              << u"SELECT id, id_x, ÜID FROM t WHERE Id = 'id';"_s;
}

void tst_SqlEditor::replaceAllCountsAndIsOneUndoStep()
{
    QFETCH(QString, needle);
    QFETCH(QString, replacement);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, wholeWord);
    QFETCH(int, count);
    QFETCH(QString, result);

    const QString original = u"SELECT id, id_x, ÜID FROM t WHERE Id = 'id';"_s;
    m_editor->setText(original);
    QCOMPARE(m_editor->replaceAll(needle, replacement, caseSensitive, wholeWord), count);
    QCOMPARE(m_editor->text(), result);
    if (count > 0) {
        m_editor->undo();
        QCOMPARE(m_editor->text(), original);
    }
}

void tst_SqlEditor::keysEmitSignals_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<int>("runStatement");
    QTest::addColumn<int>("runScript");
    QTest::addColumn<int>("cancel");

    const int ctrl = int(Qt::ControlModifier);
    const int ctrlShift = int(Qt::ControlModifier | Qt::ShiftModifier);
    QTest::newRow("ctrl+return") << int(Qt::Key_Return) << ctrl << 1 << 0 << 0;
    QTest::newRow("ctrl+enter (keypad)")
        << int(Qt::Key_Enter) << int(Qt::ControlModifier | Qt::KeypadModifier) << 1 << 0 << 0;
    QTest::newRow("ctrl+shift+return") << int(Qt::Key_Return) << ctrlShift << 0 << 1 << 0;
    QTest::newRow("escape") << int(Qt::Key_Escape) << 0 << 0 << 0 << 1;
    QTest::newRow("plain return") << int(Qt::Key_Return) << 0 << 0 << 0 << 0;
}

void tst_SqlEditor::keysEmitSignals()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(int, runStatement);
    QFETCH(int, runScript);
    QFETCH(int, cancel);

    m_editor->setText(u"SELECT 1;"_s);
    QSignalSpy statementSpy(m_editor.get(), &SqlEditor::runStatementRequested);
    QSignalSpy scriptSpy(m_editor.get(), &SqlEditor::runScriptRequested);
    QSignalSpy cancelSpy(m_editor.get(), &SqlEditor::cancelRequested);
    QTest::keyClick(m_editor.get(), Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    QCOMPARE(statementSpy.size(), runStatement);
    QCOMPARE(scriptSpy.size(), runScript);
    QCOMPARE(cancelSpy.size(), cancel);
    // Only a plain Return edits the text.
    const bool edited = runStatement + runScript + cancel == 0;
    QCOMPARE(m_editor->text() != u"SELECT 1;"_s, edited);
}

void tst_SqlEditor::ctrlSlashTogglesComment()
{
    m_editor->setText(u"SELECT 1\nSELECT 2"_s);
    m_editor->setSelection(0, 0, 1, 3);
    QTest::keyClick(m_editor.get(), Qt::Key_Slash, Qt::ControlModifier);
    QCOMPARE(m_editor->text(), u"-- SELECT 1\n-- SELECT 2"_s);
    QTest::keyClick(m_editor.get(), Qt::Key_Slash, Qt::ControlModifier);
    QCOMPARE(m_editor->text(), u"SELECT 1\nSELECT 2"_s);
}

void tst_SqlEditor::highlightingFollowsDialectAndKeywords_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QStringList>("keywords");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("word");
    QTest::addColumn<int>("style");

    const QStringList none;
    QTest::newRow("mysql hash comment") << SqlDialect::MySQL << none << u"# hi\nSELECT 1"_s
                                        << u"hi"_s << int(QsciLexerSQL::CommentLineHash);
    QTest::newRow("postgres has no hash comment")
        << SqlDialect::PostgreSQL << none << u"# hi\nSELECT 1"_s << u"hi"_s
        << int(QsciLexerSQL::Identifier);
    QTest::newRow("dialect keyword")
        << SqlDialect::PostgreSQL << QStringList{u"SELECT"_s, u"FROBNICATE"_s} << u"FROBNICATE x"_s
        << u"FROBNICATE"_s << int(QsciLexerSQL::Keyword);
    QTest::newRow("not a dialect keyword")
        << SqlDialect::PostgreSQL << QStringList{u"SELECT"_s} << u"SELECT frobnicate"_s
        << u"frobnicate"_s << int(QsciLexerSQL::Identifier);
}

void tst_SqlEditor::highlightingFollowsDialectAndKeywords()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(QStringList, keywords);
    QFETCH(QString, script);
    QFETCH(QString, word);
    QFETCH(int, style);

    m_editor->setDialect(dialect);
    m_editor->setKeywords(keywords);
    m_editor->setText(script);
    m_editor->recolor();
    const int position = m_editor->positionFromOffset(int(script.indexOf(word)));
    QCOMPARE(int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT, position)), style);
}

void tst_SqlEditor::lineNumberMarginGrowsWithLineCount()
{
    m_editor->setText(u"SELECT 1;"_s);
    const int small = m_editor->marginWidth(0);
    QVERIFY(small > 0);
    QString many;
    for (int i = 0; i < 12000; ++i)
        many += u"SELECT 1;\n"_s;
    m_editor->setText(many);
    const int large = m_editor->marginWidth(0);
    QVERIFY2(large > small, qPrintable(u"%1 <= %2"_s.arg(large).arg(small)));
    m_editor->setText(u"SELECT 1;"_s);
    QCOMPARE(m_editor->marginWidth(0), small);
}

QTEST_MAIN(tst_SqlEditor)
#include "tst_sqleditor.moc"
