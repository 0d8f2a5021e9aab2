// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "migrations/lintfinding.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Strata {

class IMigrations;
class LintFindingsModel;

// Lints a folder of migration files with an engine's rules (off the GUI thread) and lists the
// findings; activating one asks to open its file at its line.
class STRATA_UI_EXPORT MigrationLintPanel : public QWidget
{
    Q_OBJECT
public:
    // The engine's rules for an engine id ("postgresql", "mysql", "sqlite"); null when the
    // plugin is missing (generic rules only then).
    using RulesProvider = std::function<const IMigrations *(const QString &engineId)>;

    explicit MigrationLintPanel(RulesProvider rules, QWidget *parent = nullptr);
    ~MigrationLintPanel() override;

    void setFolder(const QString &folder);
    QString folder() const;
    void setEngine(const QString &engineId);
    QString engine() const;
    void setServerVersion(const QString &version);

    LintFindingsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summary() const;
    bool isLinting() const { return m_watcher.isRunning(); }

public Q_SLOTS:
    // Lints the folder again; a run in progress is dropped.
    void lint();
    // Asks for the folder with a file dialog, then lints it.
    void chooseFolder();

Q_SIGNALS:
    void linted();
    void findingActivated(const QString &file, int line);

private:
    void showResult();

    RulesProvider m_rules;
    QLineEdit *m_folder;
    QComboBox *m_engine;
    QLineEdit *m_version;
    QPushButton *m_lintButton;
    QTableView *m_view;
    QLabel *m_summary;
    LintFindingsModel *m_model;
    QFutureWatcher<QList<LintFinding>> m_watcher;
};

} // namespace Strata
