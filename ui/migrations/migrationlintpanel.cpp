// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationlintpanel.h"

#include "lintfindingsmodel.h"

#include "migrations/migrationlinter.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Strata {

MigrationLintPanel::MigrationLintPanel(RulesProvider rules, QWidget *parent)
    : QWidget(parent)
    , m_rules(std::move(rules))
    , m_folder(new QLineEdit(this))
    , m_engine(new QComboBox(this))
    , m_version(new QLineEdit(this))
    , m_lintButton(new QPushButton(tr("&Lint"), this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_model(new LintFindingsModel(this))
{
    m_folder->setPlaceholderText(tr("Folder of migration files"));
    m_folder->setToolTip(tr("The folder of dbmate (<version>_<name>.sql) or golang-migrate "
                            "(.up.sql/.down.sql) files to check"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the migrations folder"));
    m_engine->addItem(tr("PostgreSQL"), QStringLiteral("postgresql"));
    m_engine->addItem(tr("MariaDB / MySQL"), QStringLiteral("mysql"));
    m_engine->addItem(tr("SQLite"), QStringLiteral("sqlite"));
    m_engine->setToolTip(tr("Whose rules to apply: the engine the migrations run on"));
    m_version->setPlaceholderText(tr("newest"));
    m_version->setToolTip(tr("The server version the migrations target, e.g. 10.22 or "
                             "10.11.6-MariaDB; some rules depend on it"));
    m_version->setMaximumWidth(140);
    m_lintButton->setToolTip(tr("Check every migration in the folder (Enter in the folder field)"));
    m_summary->setTextFormat(Qt::PlainText);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setToolTip(QString());
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *top = new QHBoxLayout;
    top->addWidget(m_folder, 1);
    top->addWidget(browse);
    top->addWidget(m_engine);
    top->addWidget(m_version);
    top->addWidget(m_lintButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    connect(browse, &QToolButton::clicked, this, &MigrationLintPanel::chooseFolder);
    connect(m_lintButton, &QPushButton::clicked, this, &MigrationLintPanel::lint);
    connect(m_folder, &QLineEdit::returnPressed, this, &MigrationLintPanel::lint);
    connect(m_version, &QLineEdit::returnPressed, this, &MigrationLintPanel::lint);
    connect(&m_watcher, &QFutureWatcher<QList<LintFinding>>::finished, this, &MigrationLintPanel::showResult);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        const LintFinding f = m_model->finding(index.row());
        Q_EMIT findingActivated(f.file, f.line);
    });
}

MigrationLintPanel::~MigrationLintPanel()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void MigrationLintPanel::setFolder(const QString &folder)
{
    m_folder->setText(folder);
}

QString MigrationLintPanel::folder() const
{
    return m_folder->text().trimmed();
}

void MigrationLintPanel::setEngine(const QString &engineId)
{
    const int index = m_engine->findData(engineId);
    if (index >= 0)
        m_engine->setCurrentIndex(index);
}

QString MigrationLintPanel::engine() const
{
    return m_engine->currentData().toString();
}

void MigrationLintPanel::setServerVersion(const QString &version)
{
    m_version->setText(version);
}

QString MigrationLintPanel::summary() const
{
    return m_summary->text();
}

void MigrationLintPanel::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Migrations Folder"), folder());
    if (dir.isEmpty())
        return;
    setFolder(dir);
    lint();
}

void MigrationLintPanel::lint()
{
    const QString dir = folder();
    if (dir.isEmpty()) {
        m_summary->setText(tr("Choose the folder of migration files first."));
        return;
    }
    if (!QFileInfo(dir).isDir()) {
        m_model->setFindings({});
        m_summary->setText(tr("The folder %1 does not exist.").arg(dir));
        return;
    }
    const QString engineId = engine();
    const IMigrations *rules = m_rules ? m_rules(engineId) : nullptr;
    const SqlDialect dialect = sqlDialectForEngine(engineId);
    const QString version = m_version->text().trimmed();
    m_summary->setText(tr("Linting %1…").arg(dir));
    m_lintButton->setEnabled(false);
    // Pure work on the thread pool; the panel waits for it in its destructor.
    m_watcher.setFuture(QtConcurrent::run([rules, dialect, version, dir] {
        MigrationLinter linter(rules, dialect);
        linter.setServerVersion(version);
        QList<LintFinding> findings = linter.lintDirectory(dir);
        for (LintFinding &f : findings)
            f.file = QDir(dir).filePath(f.file);
        return findings;
    }));
}

void MigrationLintPanel::showResult()
{
    m_lintButton->setEnabled(true);
    const QList<LintFinding> findings = m_watcher.result();
    m_model->setFindings(findings);
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setStretchLastSection(true);
    qsizetype errors = 0;
    for (const LintFinding &f : findings)
        errors += f.severity == LintFinding::Severity::Error ? 1 : 0;
    if (findings.isEmpty())
        m_summary->setText(tr("No findings in %1.").arg(folder()));
    else
        m_summary->setText(tr("%1 error(s), %2 warning(s); double-click a finding to open its file "
                              "at its line.")
                               .arg(errors)
                               .arg(findings.size() - errors));
    Q_EMIT linted();
}

} // namespace Strata
