// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/sqleditor.h"
#include "migrations/migrationeditordialog.h"
#include "migrations/migrationfile.h"
#include "migrations/migrationreader.h"
#include "plugins/imigrations.h"
#include "plugins/pluginmanager.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Strata;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Strata::SqlDialect)

class tst_MigrationEditorDialog : public QObject
{
    Q_OBJECT
private:
    PluginManager m_plugins;

    const IMigrations *rules(SqlDialect dialect) const
    {
        switch (dialect) {
        case SqlDialect::PostgreSQL:
            return m_plugins.capability<IMigrations>(u"postgresql"_s);
        case SqlDialect::MySQL:
            return m_plugins.capability<IMigrations>(u"mysql"_s);
        case SqlDialect::SQLite:
            return m_plugins.capability<IMigrations>(u"sqlite"_s);
        default:
            return nullptr;
        }
    }

    static QByteArray contents(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static QStringList findingKeys(const MigrationEditorDialog &dialog)
    {
        QStringList keys;
        for (const LintFinding &f : dialog.findings())
            keys.append(u"%1:%2"_s.arg(f.rule).arg(f.line));
        return keys;
    }

    // Waits for the lint of the current text (the typing pause, then the run).
    static bool waitForLint(MigrationEditorDialog &dialog, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (dialog.isLinting() && timer.elapsed() < timeoutMs)
            QTest::qWait(10);
        return !dialog.isLinting();
    }

    static bool lineHasIndicator(SqlEditor *editor, int line, int indicator)
    {
        const long start =
            editor->SendScintilla(QsciScintillaBase::SCI_GETLINEINDENTPOSITION, line);
        return editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, indicator, start) !=
               0;
    }

    static bool lineHasMarker(SqlEditor *editor, int line, int marker)
    {
        return (editor->markersAtLine(line) & (1u << marker)) != 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_plugins.loadAll();
        QVERIFY2(rules(SqlDialect::PostgreSQL), "the PostgreSQL plugin's IMigrations");
        QVERIFY2(rules(SqlDialect::SQLite), "the SQLite plugin's IMigrations");
        QVERIFY2(rules(SqlDialect::MySQL), "the MariaDB plugin's IMigrations");
    }

    void typingANotNullColumnIsFlaggedOnItsLineWithinASecond()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL,
                                     rules(SqlDialect::PostgreSQL), u"16.2"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitForLint(dialog));
        SqlEditor *editor = dialog.editor();
        // The template puts the cursor on the empty line of the up section.
        int line = -1;
        int index = -1;
        editor->getCursorPosition(&line, &index);
        QCOMPARE(line, MigrationFile::templateUpLine());
        QCOMPARE(index, 0);

        editor->setFocus();
        QTest::keyClicks(editor, u"ALTER TABLE t ADD COLUMN c int NOT NULL;"_s);
        QElapsedTimer sinceTyping;
        sinceTyping.start();
        QCOMPARE(editor->text(1), u"ALTER TABLE t ADD COLUMN c int NOT NULL;\n"_s);
        QTRY_VERIFY_WITH_TIMEOUT(findingKeys(dialog).contains(u"adding-required-field:2"_s), 1000);
        QVERIFY2(sinceTyping.elapsed() < 1000, qPrintable(QString::number(sinceTyping.elapsed())));
        qInfo("findings %lld ms after the last keystroke", qint64(sinceTyping.elapsed()));
        QVERIFY(lineHasIndicator(editor, 1, SqlEditor::LintErrorIndicator));
        QVERIFY(lineHasMarker(editor, 1, SqlEditor::LintErrorMarker));
        QVERIFY(!lineHasIndicator(editor, 0, SqlEditor::LintErrorIndicator));
        QVERIFY(editor->lintMessages(1).startsWith(u"adding-required-field: "_s));
        QVERIFY(dialog.summary().contains(u"error"_s));
        const QList<QTreeWidgetItem *> rows =
            dialog.findingsView()->findItems(u"adding-required-field"_s, Qt::MatchExactly, 1);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first()->text(0), u"2"_s);

        // Fixing the text clears the finding, its squiggle and its marker.
        editor->setText(
            u"-- migrate:up\nALTER TABLE t ADD COLUMN c bigint;\n-- migrate:down\nALTER TABLE t DROP COLUMN c;\n"_s);
        editor->insertAt(u"SET lock_timeout = '2s';\n"_s, 1, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isLinting(), 1000);
        QVERIFY2(dialog.findings().isEmpty(), qPrintable(findingKeys(dialog).join(u' ')));
        for (int line = 0; line < editor->lines(); ++line) {
            QVERIFY(!lineHasIndicator(editor, line, SqlEditor::LintErrorIndicator));
            QVERIFY(!lineHasIndicator(editor, line, SqlEditor::LintWarningIndicator));
            QVERIFY(!lineHasMarker(editor, line, SqlEditor::LintErrorMarker));
            QVERIFY(editor->lintMessages(line).isEmpty());
        }
        QCOMPARE(dialog.summary(), u"No findings"_s);
    }

    void textIsLintedWithTheDialectsRules_data()
    {
        QTest::addColumn<SqlDialect>("dialect");
        QTest::addColumn<QString>("serverVersion");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("finding"); // rule:line
        QTest::addColumn<bool>("error");

        QTest::newRow("no up section")
            << SqlDialect::PostgreSQL << QString() << u"CREATE TABLE a (id bigint);\n"_s
            << u"malformed-migration:1"_s << true;
        QTest::newRow("two up sections")
            << SqlDialect::PostgreSQL << QString()
            << u"-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n-- migrate:down\nSELECT 3;\n"_s
            << u"malformed-migration:3"_s << true;
        QTest::newRow("missing down") << SqlDialect::PostgreSQL << QString()
                                      << u"-- migrate:up\nCREATE TABLE a (id bigint);\n"_s
                                      << u"missing-down-section:1"_s << false;
        QTest::newRow("empty down")
            << SqlDialect::MySQL << QString()
            << u"-- migrate:up\nCREATE TABLE a (id bigint);\n-- migrate:down\n\n"_s
            << u"empty-down-section:3"_s << false;
        QTest::newRow("constant default before PostgreSQL 11")
            << SqlDialect::PostgreSQL << u"10.22"_s
            << u"-- migrate:up\n\nALTER TABLE t ADD COLUMN c bigint DEFAULT 0;\n-- migrate:down\nALTER TABLE t DROP COLUMN c;\n"_s
            << u"adding-field-with-default:3"_s << true;
        QTest::newRow("sqlite drop column")
            << SqlDialect::SQLite << QString()
            << u"-- migrate:up\nALTER TABLE t DROP COLUMN c;\n-- migrate:down\nALTER TABLE t ADD COLUMN c int;\n"_s
            << u"ban-drop-column:2"_s << false;
        QTest::newRow("sqlite drop of an indexed column")
            << SqlDialect::SQLite << QString()
            << u"-- migrate:up\nCREATE TABLE t (id integer PRIMARY KEY, c int);\nCREATE INDEX t_c "
               u"ON t (c);\n"
               u"ALTER TABLE t DROP COLUMN c;\n-- migrate:down\nDROP TABLE t;\n"_s
            << u"table-rebuild-required:4"_s << true;
        QTest::newRow("sqlite alter column type")
            << SqlDialect::SQLite << QString()
            << u"-- migrate:up\nALTER TABLE t ALTER COLUMN c TYPE bigint;\n-- migrate:down\nSELECT 1;\n"_s
            << u"table-rebuild-required:2"_s << true;
    }

    void textIsLintedWithTheDialectsRules()
    {
        QFETCH(SqlDialect, dialect);
        QFETCH(QString, serverVersion);
        QFETCH(QString, text);
        QFETCH(QString, finding);
        QFETCH(bool, error);
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), dialect, rules(dialect), serverVersion);
        dialog.show();
        dialog.editor()->setText(text);
        QVERIFY(waitForLint(dialog));
        QVERIFY2(findingKeys(dialog).contains(finding), qPrintable(findingKeys(dialog).join(u' ')));
        const int line = finding.section(u':', 1).toInt() - 1;
        QVERIFY(lineHasIndicator(dialog.editor(), line,
                                 error ? SqlEditor::LintErrorIndicator
                                       : SqlEditor::LintWarningIndicator));
        QVERIFY(lineHasMarker(dialog.editor(), line,
                              error ? SqlEditor::LintErrorMarker : SqlEditor::LintWarningMarker));
        QVERIFY(dialog.editor()->lintMessages(line).contains(finding.section(u':', 0, 0)));
    }

    void aCleanMigrationHasNoFindings()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL,
                                     rules(SqlDialect::PostgreSQL), QString());
        dialog.editor()->setText(
            u"-- migrate:up\nCREATE TABLE orders (id bigint PRIMARY KEY, note text);\n"
            u"-- migrate:down\nDROP TABLE orders;\n"_s);
        QVERIFY(waitForLint(dialog));
        QVERIFY2(dialog.findings().isEmpty(), qPrintable(findingKeys(dialog).join(u' ')));
        QCOMPARE(dialog.summary(), u"No findings"_s);
        QCOMPARE(dialog.findingsView()->topLevelItemCount(), 0);
        QVERIFY(dialog.editor()->lintMarks().isEmpty());
    }

    void summaryCountsErrorsAndWarnings()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL,
                                     rules(SqlDialect::PostgreSQL), QString());
        dialog.editor()->setText(u"-- migrate:up\nALTER TABLE t ADD COLUMN a int NOT NULL;\n"
                                 u"ALTER TABLE t ADD COLUMN b int NOT NULL;\n"_s);
        QVERIFY(waitForLint(dialog));
        qsizetype errors = 0;
        for (const LintFinding &f : dialog.findings())
            errors += f.severity == LintFinding::Severity::Error ? 1 : 0;
        QCOMPARE(findingKeys(dialog).count(u"adding-required-field:2"_s) +
                     findingKeys(dialog).count(u"adding-required-field:3"_s),
                 2);
        QVERIFY(errors >= 2);
        QVERIFY(dialog.findings().size() > errors);
        QCOMPARE(dialog.summary(),
                 u"%1 errors, %2 warnings"_s.arg(errors).arg(dialog.findings().size() - errors));
        QCOMPARE(dialog.findingsView()->topLevelItemCount(), dialog.findings().size());
    }

    void findingMessagesStayPlainText()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::SQLite, rules(SqlDialect::SQLite),
                                     QString());
        dialog.editor()->setText(
            u"-- migrate:up\nALTER TABLE \"<b>таблица</b>\" ALTER COLUMN \"a\"\"b\" TYPE text;\n"
            u"-- migrate:down\nSELECT 1;\n"_s);
        QVERIFY(waitForLint(dialog));
        QVERIFY2(!dialog.findings().isEmpty(), "the SQLite ALTER COLUMN finding");
        QTreeWidgetItem *item = dialog.findingsView()->topLevelItem(0);
        QVERIFY(item);
        // The tooltip is escaped markup: "<" shows as "<", never as a tag.
        const QString tip = item->toolTip(2);
        QVERIFY(!tip.contains(u"<b>"_s));
        QCOMPARE(item->text(2), dialog.findings().first().message);
    }

    void activatingAFindingMovesTheCursorToItsLine()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL,
                                     rules(SqlDialect::PostgreSQL), QString());
        dialog.show();
        dialog.editor()->setText(
            u"-- migrate:up\nSELECT 1;\n\n    ALTER TABLE t ADD COLUMN c int NOT NULL;\n"
            u"-- migrate:down\nSELECT 1;\n"_s);
        QVERIFY(waitForLint(dialog));
        const QList<QTreeWidgetItem *> rows =
            dialog.findingsView()->findItems(u"adding-required-field"_s, Qt::MatchExactly, 1);
        QCOMPARE(rows.size(), 1);
        dialog.editor()->setCursorPosition(0, 0);
        Q_EMIT dialog.findingsView()->itemActivated(rows.first(), 0);
        int line = -1;
        int index = -1;
        dialog.editor()->getCursorPosition(&line, &index);
        QCOMPARE(line, 3);
        QCOMPARE(index, 4);
    }

    void anOlderLintResultNeverReplacesANewerOne()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL,
                                     rules(SqlDialect::PostgreSQL), QString());
        QVERIFY(waitForLint(dialog));
        // Two runs back to back: the first text's result must not show.
        dialog.editor()->setText(
            u"-- migrate:up\nALTER TABLE t ADD COLUMN c int NOT NULL;\n-- migrate:down\nSELECT 1;\n"_s);
        dialog.lintNow();
        dialog.editor()->setText(u"-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n"_s);
        dialog.lintNow();
        QVERIFY(waitForLint(dialog));
        QVERIFY2(dialog.findings().isEmpty(), qPrintable(findingKeys(dialog).join(u' ')));
        QVERIFY(dialog.editor()->lintMarks().isEmpty());
    }

    void nameIsValidatedAsYouType_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("saveEnabled");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("too long") << QString(101, u'n') << false;
        QTest::newRow("spaces") << u"add orders"_s << false;
        QTest::newRow("parent folder") << u"../x"_s << false;
        QTest::newRow("semicolon") << u"a;b"_s << false;
        QTest::newRow("cyrillic") << u"таблица"_s << false;
        QTest::newRow("ok") << u"add_orders"_s << true;
    }

    void nameIsValidatedAsYouType()
    {
        QFETCH(QString, name);
        QFETCH(bool, saveEnabled);
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL, nullptr, QString());
        dialog.show();
        // QTest types ASCII only; other text arrives as input methods deliver it, all at once.
        bool ascii = true;
        for (const QChar c : name)
            ascii = ascii && c.unicode() < 128;
        if (ascii)
            QTest::keyClicks(dialog.nameEdit(), name);
        else
            dialog.nameEdit()->insert(name);
        QCOMPARE(dialog.name(), name);
        QCOMPARE(dialog.saveButton()->isEnabled(), saveEnabled);
        QString labels;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            labels += label->text() + u'\n';
        if (saveEnabled) {
            QVERIFY(dialog.saveBlocker().isEmpty());
            QVERIFY2(labels.contains(u"%1_add_orders.sql in %2"_s.arg(
                         dialog.version(), QDir::toNativeSeparators(tmp.path()))),
                     qPrintable(labels));
            QVERIFY(!dialog.saveButton()->toolTip().isEmpty());
        } else {
            QCOMPARE(dialog.saveButton()->toolTip(), MigrationFile::nameProblem(name));
            QVERIFY2(labels.contains(MigrationFile::nameProblem(name)), qPrintable(labels));
            QVERIFY(!dialog.save());
            QVERIFY(QDir(tmp.path()).entryList(QDir::Files).isEmpty());
        }
    }

    void saveWritesTheExactTextAndSaysWhere()
    {
        QTemporaryDir tmp;
        const QString folder = QDir(tmp.path()).filePath(u"db/migrations"_s);
        MigrationEditorDialog dialog(folder, SqlDialect::PostgreSQL, nullptr, QString());
        dialog.show();
        dialog.setName(u"add_orders"_s);
        const QString text =
            u"-- migrate:up\nCREATE TABLE \"таблица\" (\"a\"\"b\" text);\n-- migrate:down\nDROP TABLE \"таблица\";\n"_s;
        dialog.editor()->setText(text);
        QVERIFY(dialog.isModified());
        QSignalSpy saved(&dialog, &MigrationEditorDialog::saved);
        QVERIFY(dialog.save());
        const QString expected =
            QDir(folder).filePath(MigrationFile::fileName(dialog.version(), u"add_orders"_s));
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().toString(), expected);
        QCOMPARE(dialog.path(), expected);
        QCOMPARE(contents(expected), text.toUtf8());
        QVERIFY(!dialog.isModified());
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(dialog.nameEdit()->isReadOnly());
        QVERIFY(dialog.isVisible());

        // Saving again rewrites the same file.
        dialog.editor()->append(u"-- more\n"_s);
        QVERIFY(dialog.save());
        QCOMPARE(saved.size(), 2);
        QCOMPARE(contents(expected), (text + u"-- more\n"_s).toUtf8());
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 1);
    }

    void ctrlSSaves()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL, nullptr, QString());
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        dialog.setName(u"by_key"_s);
        dialog.editor()->setFocus();
        QSignalSpy saved(&dialog, &MigrationEditorDialog::saved);
        QTest::keyClick(dialog.editor(), Qt::Key_S, Qt::ControlModifier);
        // A button's shortcut clicks it the way a mouse does, after a brief press.
        QTRY_COMPARE(saved.size(), 1);
        QVERIFY(QFile::exists(saved.first().first().toString()));
    }

    void saveOverAnExistingFileRefusesAndKeepsTheText()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL, nullptr, QString());
        dialog.show();
        dialog.setName(u"add_orders"_s);
        const QString existing =
            QDir(tmp.path()).filePath(MigrationFile::fileName(dialog.version(), u"add_orders"_s));
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("-- migrate:up\nSELECT 'theirs';\n");
        }
        const QString text = u"-- migrate:up\nSELECT 'mine';\n-- migrate:down\nSELECT 1;\n"_s;
        dialog.editor()->setText(text);
        QSignalSpy saved(&dialog, &MigrationEditorDialog::saved);
        QVERIFY(!dialog.save());
        QCOMPARE(saved.size(), 0);
        QVERIFY2(dialog.errorText().contains(u"already exists"_s), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.editor()->text(), text);
        QVERIFY(dialog.isModified());
        QCOMPARE(contents(existing), QByteArray("-- migrate:up\nSELECT 'theirs';\n"));
        QVERIFY(dialog.path().isEmpty());

        // Another name works, and the error goes away.
        dialog.setName(u"add_orders_2"_s);
        QVERIFY(dialog.save());
        QVERIFY(dialog.errorText().isEmpty());
    }

    void anotherFileTakingTheVersionMovesToTheNextFreeOne()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL, nullptr, QString());
        dialog.setName(u"mine"_s);
        const QString opened = dialog.version();
        {
            QFile file(QDir(tmp.path()).filePath(MigrationFile::fileName(opened, u"theirs"_s)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("-- migrate:up\nSELECT 1;\n");
        }
        QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));
        QVERIFY(dialog.version() > opened);
        QVERIFY(MigrationReader::readDirectory(tmp.path()).ok());
    }

    void saveIntoAFolderThatCannotBeMadeSaysSoAndKeepsTheText()
    {
        QTemporaryDir tmp;
        const QString blocker = QDir(tmp.path()).filePath(u"blocker"_s);
        {
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        MigrationEditorDialog dialog(QDir(blocker).filePath(u"migrations"_s),
                                     SqlDialect::PostgreSQL, nullptr, QString());
        dialog.setName(u"x"_s);
        dialog.editor()->setText(u"-- migrate:up\nSELECT 1;\n"_s);
        QVERIFY(!dialog.save());
        QVERIFY2(dialog.errorText().startsWith(u"Cannot create the folder"_s),
                 qPrintable(dialog.errorText()));
        QCOMPARE(dialog.editor()->text(), u"-- migrate:up\nSELECT 1;\n"_s);
        const auto labels = dialog.findChildren<QLabel *>();
        for (const QLabel *label : labels)
            QCOMPARE(label->textFormat(), Qt::PlainText);
    }

    void loadFileEditAndSaveRewritesIt()
    {
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(u"20240101000000_create_orders.sql"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("-- migrate:up\nCREATE TABLE orders (id bigint);\n-- migrate:down\nDROP "
                       "TABLE orders;\n");
        }
        MigrationEditorDialog dialog(QDir(tmp.path()).filePath(u"elsewhere"_s),
                                     SqlDialect::PostgreSQL, rules(SqlDialect::PostgreSQL),
                                     QString());
        dialog.show();
        QVERIFY(dialog.loadFile(path).ok());
        const QString banner =
            u"This migration is applied: saving changes its checksum; validate will report it. <b>x</b>"_s;
        dialog.setWarning(banner);
        QCOMPARE(dialog.warning(), banner);
        QCOMPARE(dialog.name(), u"create_orders"_s);
        QCOMPARE(dialog.version(), u"20240101000000"_s);
        QVERIFY(dialog.nameEdit()->isReadOnly());
        dialog.setName(u"renamed"_s);
        QCOMPARE(dialog.name(), u"create_orders"_s);
        QVERIFY(!dialog.isModified());
        QVERIFY(dialog.windowTitle().contains(u"20240101000000_create_orders.sql"_s));
        QVERIFY(waitForLint(dialog));
        dialog.grab().save(QDir(qEnvironmentVariable("STRATA_SCREENSHOT_DIR", u"/tmp"_s))
                               .filePath(u"strata-migration-editor-applied.png"_s));

        dialog.editor()->setText(
            u"-- migrate:up\nCREATE TABLE orders (id bigint, note text);\n-- migrate:down\nDROP TABLE orders;\n"_s);
        QVERIFY(dialog.isModified());
        QSignalSpy saved(&dialog, &MigrationEditorDialog::saved);
        QVERIFY(dialog.save());
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().toString(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(contents(path),
                 QByteArray("-- migrate:up\nCREATE TABLE orders (id bigint, note text);\n"
                            "-- migrate:down\nDROP TABLE orders;\n"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files),
                 QStringList{u"20240101000000_create_orders.sql"_s});
        QVERIFY(!QDir(QDir(tmp.path()).filePath(u"elsewhere"_s)).exists());
    }

    void loadFileRefusesWhatItCannotEdit_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<bool>("create");
        QTest::newRow("missing") << u"20240101000000_gone.sql"_s << false;
        QTest::newRow("golang-migrate") << u"20240101000000_pair.up.sql"_s << true;
        QTest::newRow("no version") << u"notes.sql"_s << true;
    }

    void loadFileRefusesWhatItCannotEdit()
    {
        QFETCH(QString, fileName);
        QFETCH(bool, create);
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(fileName);
        if (create) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("SELECT 1;\n");
        }
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL, nullptr, QString());
        const Result<void> loaded = dialog.loadFile(path);
        QVERIFY(!loaded.ok());
        QVERIFY(!loaded.error().message().isEmpty());
        QCOMPARE(dialog.editor()->text(), MigrationFile::templateText());
        QVERIFY(dialog.path().isEmpty());
        QVERIFY(!dialog.nameEdit()->isReadOnly());
    }

    void closingWithChangesAsks_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("staysOpen");
        QTest::addColumn<bool>("written");
        QTest::newRow("cancel") << int(MigrationEditorDialog::CloseAnswer::Cancel) << true << false;
        QTest::newRow("discard") << int(MigrationEditorDialog::CloseAnswer::Discard) << false
                                 << false;
        QTest::newRow("save") << int(MigrationEditorDialog::CloseAnswer::Save) << false << true;
    }

    void closingWithChangesAsks()
    {
        QFETCH(int, answer);
        QFETCH(bool, staysOpen);
        QFETCH(bool, written);
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL, nullptr, QString());
        int asked = 0;
        dialog.setCloseAsker([&asked, answer](MigrationEditorDialog *) {
            ++asked;
            return MigrationEditorDialog::CloseAnswer(answer);
        });
        dialog.setName(u"close_me"_s);
        dialog.show();
        dialog.editor()->setText(u"-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n"_s);
        QCOMPARE(dialog.close(), !staysOpen);
        QCOMPARE(asked, 1);
        QCOMPARE(dialog.isVisible(), staysOpen);
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files).size(), written ? 1 : 0);
        if (staysOpen)
            QCOMPARE(dialog.editor()->text(),
                     u"-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n"_s);
    }

    void closingAsksOnlyWithChangesAndABadNameBlocksTheSave()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(tmp.path(), SqlDialect::PostgreSQL, nullptr, QString());
        int asked = 0;
        dialog.setCloseAsker([&asked](MigrationEditorDialog *) {
            ++asked;
            return MigrationEditorDialog::CloseAnswer::Cancel;
        });
        dialog.show();
        // Untouched: closes without asking.
        QVERIFY(dialog.close());
        QCOMPARE(asked, 0);
        // Save asked for while the name is bad: the dialog stays, nothing is written.
        dialog.show();
        dialog.editor()->setText(u"-- migrate:up\nSELECT 1;\n"_s);
        dialog.setName(u"bad name"_s);
        dialog.setCloseAsker([&asked](MigrationEditorDialog *) {
            ++asked;
            return MigrationEditorDialog::CloseAnswer::Save;
        });
        QVERIFY(!dialog.close());
        QCOMPARE(asked, 1);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.errorText().isEmpty());
        QVERIFY(QDir(tmp.path()).entryList(QDir::Files).isEmpty());
    }

    void screenshotWithFindings()
    {
        QTemporaryDir tmp;
        MigrationEditorDialog dialog(u"/home/dev/shop/db/migrations"_s, SqlDialect::PostgreSQL,
                                     rules(SqlDialect::PostgreSQL), u"15.4"_s);
        dialog.resize(1000, 700);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString out = qEnvironmentVariable("STRATA_SCREENSHOT_DIR", u"/tmp"_s);
        QVERIFY(waitForLint(dialog));
        QVERIFY(dialog.grab().save(QDir(out).filePath(u"strata-migration-editor-new.png"_s)));
        dialog.setName(u"add_orders_status"_s);
        dialog.editor()->setText(u"-- migrate:up\n"
                                 u"SET lock_timeout = '2s';\n\n"
                                 u"ALTER TABLE orders ADD COLUMN status text NOT NULL;\n"
                                 u"CREATE INDEX orders_status_idx ON orders (status);\n"
                                 u"ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);\n\n"
                                 u"-- migrate:down\n"
                                 u"DROP INDEX orders_status_idx;\n"
                                 u"ALTER TABLE orders DROP COLUMN status;\n"_s);
        QVERIFY(waitForLint(dialog));
        QVERIFY(dialog.findings().size() >= 3);
        QVERIFY(dialog.grab().save(QDir(out).filePath(u"strata-migration-editor.png"_s)));
    }
};

QTEST_MAIN(tst_MigrationEditorDialog)
#include "tst_migrationeditordialog.moc"
