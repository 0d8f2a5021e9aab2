// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/sqleditor.h"
#include "editor/sqlhighlighter.h"

#include <QApplication>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Highlight, QColor(0x26, 0x4f, 0x78));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    return p;
}

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        v /= 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool isDarkColor(const QColor &c)
{
    return c.lightness() < 128;
}

} // namespace

class tst_SqlHighlighter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void followsTheWidgetPalette_data();
    void followsTheWidgetPalette();
    void switchesLiveWhenTheApplicationPaletteChanges();
    void themeColoursAreReadableOnTheirPaper_data();
    void themeColoursAreReadableOnTheirPaper();

private:
    std::unique_ptr<SqlEditor> m_editor;
    QPalette m_appPalette;
};

void tst_SqlHighlighter::init()
{
    m_appPalette = QApplication::palette();
    m_editor = std::make_unique<SqlEditor>();
    m_editor->setText(u"SELECT 'x', 42 FROM t -- note\n"_s);
}

void tst_SqlHighlighter::cleanup()
{
    m_editor.reset();
    QApplication::setPalette(m_appPalette);
}

void tst_SqlHighlighter::followsTheWidgetPalette_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("dark") << true;
    QTest::newRow("light") << false;
}

void tst_SqlHighlighter::followsTheWidgetPalette()
{
    QFETCH(bool, dark);
    // Start from the opposite theme so the change is observed.
    m_editor->setPalette(dark ? lightPalette() : darkPalette());
    QCOMPARE(m_editor->highlighter()->isDarkTheme(), !dark);
    m_editor->setPalette(dark ? darkPalette() : lightPalette());

    QCOMPARE(m_editor->highlighter()->isDarkTheme(), dark);
    QsciLexer *lexer = m_editor->lexer();
    QVERIFY(lexer);
    QCOMPARE(isDarkColor(lexer->defaultPaper()), dark);
    QCOMPARE(isDarkColor(lexer->defaultColor()), !dark);
    QCOMPARE(isDarkColor(lexer->paper(QsciLexerSQL::Keyword)), dark);
    QCOMPARE(isDarkColor(lexer->color(QsciLexerSQL::Identifier)), !dark);
    // Scintilla itself draws with them.
    const auto back = QColor::fromRgb(QRgb(m_editor->SendScintilla(
        QsciScintillaBase::SCI_STYLEGETBACK, QsciScintillaBase::STYLE_DEFAULT)));
    // Scintilla stores BGR.
    const QColor paper(back.blue(), back.green(), back.red());
    QCOMPARE(isDarkColor(paper), dark);
    QCOMPARE(isDarkColor(m_editor->highlighter()->listPalette().color(QPalette::Base)), dark);
}

void tst_SqlHighlighter::switchesLiveWhenTheApplicationPaletteChanges()
{
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    QApplication::setPalette(lightPalette());
    QTRY_VERIFY(!m_editor->highlighter()->isDarkTheme());
    QVERIFY(!isDarkColor(m_editor->lexer()->defaultPaper()));

    QApplication::setPalette(darkPalette());
    QTRY_VERIFY(m_editor->highlighter()->isDarkTheme());
    QVERIFY(isDarkColor(m_editor->lexer()->defaultPaper()));
    QVERIFY(!isDarkColor(m_editor->lexer()->defaultColor()));

    QApplication::setPalette(lightPalette());
    QTRY_VERIFY(!m_editor->highlighter()->isDarkTheme());
    QVERIFY(isDarkColor(m_editor->lexer()->defaultColor()));
}

void tst_SqlHighlighter::themeColoursAreReadableOnTheirPaper_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("dark") << true;
    QTest::newRow("light") << false;
}

void tst_SqlHighlighter::themeColoursAreReadableOnTheirPaper()
{
    QFETCH(bool, dark);
    const SqlHighlighter::Theme t = SqlHighlighter::theme(dark);
    const struct
    {
        const char *name;
        QColor ink;
        QColor paper;
    } pairs[] = {
        {"text", t.text, t.paper},           {"keyword", t.keyword, t.paper},
        {"string", t.string, t.paper},       {"quoted", t.quoted, t.paper},
        {"number", t.number, t.paper},       {"comment", t.comment, t.paper},
        {"text on caret line", t.text, t.caretLine},
        {"text on selection", t.text, t.selection},
        {"line numbers", t.marginText, t.margin},
        {"brace match", t.braceMatchText, t.braceMatch},
        {"bad brace", t.braceBadText, t.braceBad},
    };
    for (const auto &pair : pairs) {
        const double ratio = contrast(pair.ink, pair.paper);
        QVERIFY2(ratio >= 4.5, qPrintable(u"%1: %2:1"_s.arg(QLatin1String(pair.name)).arg(ratio)));
    }
}

QTEST_MAIN(tst_SqlHighlighter)
#include "tst_sqlhighlighter.moc"
