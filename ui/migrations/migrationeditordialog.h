// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/lintfinding.h"
#include "sql/result.h"
#include "sql/statementsplitter.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QList>
#include <QString>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace Strata {

class IMigrations;
class SqlEditor;

// Writes a new migration file (or edits an existing one) with its `-- migrate:up` and
// `-- migrate:down` sections in a SqlEditor, and lints the text as you type (off the GUI
// thread, ~300 ms after the last edit): findings are listed under the editor and marked on
// their lines. Non-modal friendly: show() or open() it; saved() says where the file went.
class STRATA_UI_EXPORT MigrationEditorDialog : public QDialog
{
    Q_OBJECT
public:
    enum class CloseAnswer { Save, Discard, Cancel };
    // Asked when the dialog is closed with unsaved changes; the default asks with a message box.
    using CloseAsker = std::function<CloseAnswer(MigrationEditorDialog *dialog)>;

    static constexpr int LintDelayMs = 300;

    // folder: where a new migration is written; rules: the engine's lint rules (null: the
    // generic rules only); serverVersion: the target server's, empty for the newest.
    MigrationEditorDialog(const QString &folder, SqlDialect dialect, const IMigrations *rules,
                          const QString &serverVersion, QWidget *parent = nullptr);
    ~MigrationEditorDialog() override;

    // Opens an existing dbmate migration file: its name and version stay, Save rewrites it
    // atomically. The dialog is unchanged when the file cannot be read.
    Result<void> loadFile(const QString &path);
    // A plain-text banner above the editor (e.g. "This migration is applied: …"); empty hides it.
    void setWarning(const QString &text);
    QString warning() const;

    // Ignored once the dialog edits a file that exists (loadFile(), or after the first save).
    void setName(const QString &name);
    QString name() const;
    QString version() const { return m_version; }
    QString folder() const { return m_folder; }
    // The file being edited: empty until a new migration is saved.
    QString path() const { return m_path; }
    // Unsaved edits of the SQL.
    bool isModified() const;
    // Why Save is refused now (a bad name); empty when it is not.
    QString saveBlocker() const;
    // The last save error shown in the dialog; empty when the last save worked.
    QString errorText() const;
    // "2 errors, 1 warning" / "No findings" / "Checking…".
    QString summary() const;
    QList<LintFinding> findings() const { return m_findings; }
    bool isLinting() const;

    SqlEditor *editor() const { return m_editor; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *saveButton() const { return m_saveButton; }
    QTreeWidget *findingsView() const { return m_findingsView; }

    void setCloseAsker(CloseAsker asker) { m_closeAsker = std::move(asker); }

public Q_SLOTS:
    // Writes the file (a new one, or the loaded one again); on failure the dialog says why
    // and keeps the text. Returns whether the file was written.
    bool save();
    // Lints the text now instead of after the typing pause.
    void lintNow();
    // Closes, asking first when there are unsaved changes.
    void reject() override;

Q_SIGNALS:
    void saved(const QString &path);
    // The findings of the current text are shown.
    void linted();

private:
    struct LintRun
    {
        QString text;
        QList<LintFinding> findings;
    };

    void updateName();
    void updateTitle();
    void scheduleLint();
    void showLint();
    void showFinding(QTreeWidgetItem *item);
    void showError(const QString &message);
    QString lintFileName() const;

    QString m_folder;
    SqlDialect m_dialect;
    const IMigrations *m_rules;
    QString m_serverVersion;
    QString m_version;
    QString m_path;
    CloseAsker m_closeAsker;

    QLabel *m_warning;
    QLineEdit *m_name;
    QLabel *m_fileLabel;
    SqlEditor *m_editor;
    QTreeWidget *m_findingsView;
    QLabel *m_summary;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_saveButton;
    QTimer *m_lintTimer;
    QFutureWatcher<LintRun> m_watcher;
    bool m_lintAgain = false; // an edit arrived while a run was going
    bool m_linting = false;   // a run started and its result is not shown yet
    QList<LintFinding> m_findings;
};

} // namespace Strata
