// SPDX-License-Identifier: GPL-3.0-or-later
// Completion on a synthetic catalog (default 10,000 tables x 10 columns): the time to build the
// completion index, and keystroke -> list shown (QsciScintilla::isListActive()) in a real
// SqlEditor, for several contexts; medians, 95th percentiles and worst cases in ms.
//     QT_QPA_PLATFORM=offscreen build-release/bench/bench_completion [tables] [columns] [keystrokes]
//     xvfb-run -a build-release/bench/bench_completion ...      (a real X server: popup windows)
// With --screenshot FILE [--light] it instead shows a small shop schema in a dark (or light)
// editor with the list open and saves the screen region (needs xvfb-run: the list is a popup).

#include "editor/sqlcompleter.h"
#include "editor/sqleditor.h"

#include "pgdialect.h"
#include "sql/completionindex.h"
#include "sql/sqlcompletion.h"
#include "syntheticcatalog.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListWidget>
#include <QPainter>
#include <QScreen>
#include <QStyleFactory>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Strata;

namespace {

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    if (values.empty())
        return 0;
    const size_t at = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[at];
}

struct Scenario
{
    const char *name;
    QString text;    // the editor's text, '|' marks the cursor
    QChar key;       // the keystroke measured
};

void placeText(SqlEditor &editor, const QString &marked)
{
    const int cursor = int(marked.indexOf(QLatin1Char('|')));
    editor.setText(QString(marked).remove(cursor, 1));
    editor.SendScintilla(QsciScintillaBase::SCI_GOTOPOS, editor.positionFromOffset(cursor));
}

// Sends one key press/release and returns ms until the list is active, or -1.
double keystrokeToList(SqlEditor &editor, QChar key)
{
    QElapsedTimer timer;
    timer.start();
    QTest::keyClick(&editor, key.toLatin1());
    while (!editor.isListActive() && timer.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    return editor.isListActive() ? double(timer.nsecsElapsed()) / 1e6 : -1;
}

Table shopTable(const QString &name, const QStringList &columns)
{
    Table t;
    t.schema = QStringLiteral("public");
    t.name = name;
    for (const QString &c : columns) {
        Column column;
        column.name = c;
        t.columns.append(column);
    }
    return t;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Button, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Highlight, QColor(0x26, 0x4f, 0x78));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x90, 0x98));
    return p;
}

int screenshot(const QString &path, bool dark)
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (dark)
        QApplication::setPalette(darkPalette());
    Catalog catalog;
    catalog.engine = QStringLiteral("postgresql");
    Schema schema;
    schema.name = QStringLiteral("public");
    schema.tables = {
        shopTable(QStringLiteral("customers"),
                  {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("email"),
                   QStringLiteral("created_at")}),
        shopTable(QStringLiteral("orders"),
                  {QStringLiteral("id"), QStringLiteral("customer_id"), QStringLiteral("ordered_at"),
                   QStringLiteral("status"), QStringLiteral("total"), QStringLiteral("Ship To")}),
        shopTable(QStringLiteral("order_items"),
                  {QStringLiteral("order_id"), QStringLiteral("product_id"),
                   QStringLiteral("quantity"), QStringLiteral("unit_price")}),
    };
    catalog.schemas = {schema};
    Postgres::Internal::PgDialect dialect;

    SqlEditor editor;
    editor.setKeywords(dialect.keywords());
    editor.completer()->setIndex(CompletionIndex::build(catalog, &dialect, SqlDialect::PostgreSQL));
    editor.completer()->setSearchPath({QStringLiteral("public")});
    editor.setGeometry(40, 40, 720, 300);
    editor.show();
    editor.activateWindow();
    editor.setFocus();
    if (!QTest::qWaitForWindowExposed(&editor))
        return 1;
    placeText(editor, QStringLiteral(
        "-- Orders of the last week with their customer\n"
        "SELECT c.name, o.ordered_at, o|\n"
        "FROM orders o\n"
        "JOIN customers c ON c.id = o.customer_id\n"
        "WHERE o.ordered_at > now() - interval '7 days'\n"
        "ORDER BY o.total DESC;\n"));
    QTest::keyClicks(&editor, QStringLiteral("."));
    QTest::qWait(300);
    if (!editor.isListActive()) {
        std::fprintf(stderr, "the completion list did not open\n");
        return 1;
    }
    QTest::qWait(300);
    const QPixmap screen = QGuiApplication::primaryScreen()->grabWindow(0);
    QRect area = editor.frameGeometry();
    if (auto *list = editor.findChild<QListWidget *>(); list && list->isVisible())
        area = area.united(QRect(list->mapToGlobal(QPoint(0, 0)), list->size()));
    const QPixmap shot = screen.copy(area.adjusted(-8, -8, 8, 8));
    if (!shot.save(path)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    std::printf("saved %s (%dx%d)\n", qPrintable(path), shot.width(), shot.height());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (const qsizetype at = args.indexOf(QStringLiteral("--screenshot")); at >= 0)
        return screenshot(args.value(at + 1), !args.contains(QStringLiteral("--light")));

    const int tables = args.size() > 0 ? args.at(0).toInt() : 10000;
    const int columns = args.size() > 1 ? args.at(1).toInt() : 10;
    const int keystrokes = args.size() > 2 ? args.at(2).toInt() : 200;
    const Catalog catalog = Test::syntheticCatalog(tables, columns);
    Postgres::Internal::PgDialect dialect;

    std::vector<double> builds;
    std::shared_ptr<const CompletionIndex> index;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        index = CompletionIndex::build(catalog, &dialect, SqlDialect::PostgreSQL);
        builds.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("catalog: %d tables x %d columns (platform %s)\n", index->tableCount(), columns,
                qPrintable(QGuiApplication::platformName()));
    std::printf("index build: median %.1f ms, worst %.1f ms (5 builds)\n\n",
                percentile(builds, 0.5), percentile(builds, 1.0));

    SqlEditor editor;
    editor.setKeywords(dialect.keywords());
    editor.completer()->setIndex(index);
    editor.completer()->setSearchPath({QStringLiteral("public")});
    editor.resize(900, 600);
    editor.show();
    editor.activateWindow();
    editor.setFocus();
    if (!QTest::qWaitForWindowExposed(&editor))
        return 1;

    // A long script (about 300 KB) before the statement being typed.
    QString longScript;
    for (int i = 0; i < 5000; ++i)
        longScript += QStringLiteral("SELECT col_01, col_02 FROM table_%1 WHERE col_03 = 'x;y';\n")
                          .arg(i, 5, 10, QLatin1Char('0'));
    const Scenario scenarios[] = {
        {"FROM, 1 character (500 shown)", QStringLiteral("SELECT *\nFROM |"), u't'},
        {"FROM, prefix table_0123", QStringLiteral("SELECT *\nFROM table_012|"), u'3'},
        {"alias dot, alias after cursor",
         QStringLiteral("SELECT t|\nFROM table_04242 t"), u'.'},
        {"WHERE of two joined tables",
         QStringLiteral("SELECT *\nFROM table_00001 a\nJOIN table_00002 b ON a.col_01 = b.col_01\n"
                        "WHERE c|"),
         u'o'},
        {"keyword", QStringLiteral("SE|"), u'L'},
        {"alias dot after 5,000 statements", longScript + QStringLiteral("SELECT t|\nFROM table_04242 t"),
         u'.'},
    };
    // The engine alone (SqlCompletion::complete on the text after the keystroke), no widgets.
    std::printf("%-34s %9s %9s\n", "engine only (no widgets)", "median", "p95");
    for (const Scenario &scenario : scenarios) {
        const int cursor = int(scenario.text.indexOf(QLatin1Char('|')));
        const QString text = QString(scenario.text).replace(cursor, 1, scenario.key);
        std::vector<double> times;
        for (int i = 0; i < keystrokes; ++i) {
            QElapsedTimer timer;
            timer.start();
            const CompletionResult result = SqlCompletion::complete(
                text, cursor + 1, SqlDialect::PostgreSQL, *index, {QStringLiteral("public")});
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (result.candidates.isEmpty())
                std::printf("  (no candidates for %s)\n", scenario.name);
        }
        std::printf("%-34s %6.3f ms %6.3f ms\n", scenario.name, percentile(times, 0.5),
                    percentile(times, 0.95));
    }
    std::printf("\n%-34s %9s %9s %9s %6s\n", "keystroke -> list shown", "median", "p95",
                "worst", "n");
    std::vector<double> all;
    for (const Scenario &scenario : scenarios) {
        std::vector<double> times;
        int failures = 0;
        for (int i = 0; i < keystrokes; ++i) {
            editor.cancelList();
            placeText(editor, scenario.text);
            QCoreApplication::processEvents();
            const double ms = keystrokeToList(editor, scenario.key);
            if (ms < 0)
                ++failures;
            else
                times.push_back(ms);
        }
        all.insert(all.end(), times.begin(), times.end());
        std::printf("%-34s %7.2f ms %6.2f ms %6.2f ms %6d%s\n", scenario.name,
                    percentile(times, 0.5), percentile(times, 0.95), percentile(times, 1.0),
                    int(times.size()), failures ? " (some lists did not open)" : "");
    }
    std::printf("%-34s %7.2f ms %6.2f ms %6.2f ms %6d\n", "all", percentile(all, 0.5),
                percentile(all, 0.95), percentile(all, 1.0), int(all.size()));
    return percentile(all, 0.95) <= 50.0 ? 0 : 1;
}
