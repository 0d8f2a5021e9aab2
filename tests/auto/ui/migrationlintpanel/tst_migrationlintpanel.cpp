// SPDX-License-Identifier: GPL-3.0-or-later
#include "connections/connectionmanager.h"
#include "editor/sqleditor.h"
#include "migrations/lintfindingsmodel.h"
#include "migrations/migrationlintfeature.h"
#include "migrations/migrationlintpanel.h"
#include "plugins/pluginmanager.h"
#include "postgresengine.h"
#include "query/queryfeature.h"
#include "query/querytab.h"
#include "shell/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

class tst_MigrationLintPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    Postgres::PostgresEngine m_pg;

    QString writeFolder()
    {
        const QDir dir(m_tmp.path());
        auto write = [&dir](const QString &name, const QByteArray &text) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::WriteOnly))
                file.write(text);
        };
        write(u"20240101000000_create.sql"_s,
              "-- migrate:up\nCREATE TABLE \"<b>a\"\"b</b>\" (id bigint PRIMARY KEY, note varchar(20));\n"
              "-- migrate:down\nDROP TABLE \"<b>a\"\"b</b>\";\n");
        write(u"20240102000000_alter.sql"_s,
              "-- migrate:up\nSET LOCAL lock_timeout = '2s';\nALTER TABLE таблица\n  ALTER COLUMN c TYPE bigint;\n");
        return m_tmp.path();
    }

private Q_SLOTS:
    void panelListsTheFindingsOfAFolder()
    {
        MigrationLintPanel panel([this](const QString &id) -> const IMigrations * {
            return id == u"postgresql"_s ? &m_pg : nullptr;
        });
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(900, 260);
        panel.setFolder(writeFolder());
        QSignalSpy linted(&panel, &MigrationLintPanel::linted);
        panel.lint();
        QVERIFY(linted.wait(10000));
        const QList<LintFinding> findings = panel.model()->findings();
        QStringList rules;
        for (const LintFinding &f : findings)
            rules.append(u"%1:%2"_s.arg(f.rule).arg(f.line));
        QCOMPARE(rules, (QStringList{u"prefer-text-field:2"_s, u"missing-down-section:1"_s,
                                     u"changing-column-type:3"_s}));
        QCOMPARE(panel.model()->index(2, LintFindingsModel::FileColumn).data().toString(),
                 u"20240102000000_alter.sql"_s);
        QCOMPARE(panel.model()->index(2, LintFindingsModel::SeverityColumn).data().toString(), u"error"_s);
        QVERIFY(panel.summary().startsWith(u"1 error(s), 2 warning(s)"_s));
        // Messages are never interpreted as HTML.
        const QString tip = panel.model()->index(0, LintFindingsModel::MessageColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(!tip.contains(u"<b>"_s));
        panel.grab().save(u"/tmp/strata-migrationlintpanel.png"_s);

        // Another engine's rules, the same folder: no PostgreSQL rule any more.
        panel.setEngine(u"sqlite"_s);
        panel.lint();
        QVERIFY(linted.wait(10000));
        for (const LintFinding &f : panel.model()->findings())
            QVERIFY2(f.rule != u"changing-column-type"_s && f.rule != u"prefer-text-field"_s, qPrintable(f.rule));

        QSignalSpy activated(&panel, &MigrationLintPanel::findingActivated);
        panel.view()->activated(panel.model()->index(0, 0));
        QCOMPARE(activated.size(), 1);
    }

    void missingFolderSaysSo()
    {
        MigrationLintPanel panel({});
        panel.setFolder(u"/nonexistent/strata-migrations"_s);
        panel.lint();
        QVERIFY(!panel.isLinting());
        QVERIFY(panel.summary().contains(u"does not exist"_s));
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    void fileMenuShortcutOpensTheDockAndAFindingOpensItsLine()
    {
        ConnectionManager manager;
        manager.plugins()->loadAll();
        MainWindow window(&manager);
        window.installDefaultFeatures();
        window.resize(1100, 700);
        auto *feature = window.feature<MigrationLintFeature>();
        QVERIFY(feature);
        QAction *action = feature->lintAction();
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
        QVERIFY(!action->toolTip().isEmpty());
        QVERIFY(window.menu(MainWindow::Menu::File)->actions().contains(action));
        feature->panel()->setFolder(writeFolder());
        QSignalSpy linted(feature->panel(), &MigrationLintPanel::linted);
        window.show();
        action->trigger();
        QVERIFY(feature->dock()->isVisible());
        QVERIFY(linted.wait(10000));
        QCOMPARE(feature->panel()->model()->rowCount(), 3);
        window.grab().save(u"/tmp/strata-migrationlint-window.png"_s);

        const LintFinding typeChange = feature->panel()->model()->finding(2);
        feature->openFinding(typeChange.file, typeChange.line);
        auto *tab = qobject_cast<QueryTab *>(window.workspace()->currentWidget());
        QVERIFY(tab);
        int line = -1;
        int index = -1;
        tab->editor()->getCursorPosition(&line, &index);
        QCOMPARE(line + 1, 3);
        QVERIFY(tab->editor()->text().contains(u"таблица"_s));
    }
};

QTEST_MAIN(tst_MigrationLintPanel)
#include "tst_migrationlintpanel.moc"
