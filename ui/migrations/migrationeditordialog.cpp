// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrationeditordialog.h"

#include "editor/sqleditor.h"

#include "migrations/migrationfile.h"
#include "migrations/migrationlinter.h"
#include "migrations/migrationreader.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Strata {

namespace {

enum FindingColumn { LineColumn, RuleColumn, MessageColumn };
constexpr int FindingLineRole = Qt::UserRole;

const QRegularExpression &dbmateFileName()
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)_(.+)\\.sql$"));
    return pattern;
}

// Pure: runs on the thread pool. The text is one dbmate file, fileName gives its version.
QList<LintFinding> lintText(const IMigrations *rules, SqlDialect dialect,
                            const QString &serverVersion, const QString &fileName,
                            const QString &text)
{
    const MigrationReader::Contents contents = MigrationReader::parseDbmate(fileName, text);
    MigrationLinter linter(rules, dialect);
    linter.setServerVersion(serverVersion);
    QList<LintFinding> findings = linter.lint(contents.migrations);
    for (const MigrationReader::Problem &problem : contents.problems)
        findings.append(MigrationLinter::malformed(problem));
    LintFinding::sort(findings);
    return findings;
}

// A dot in the colour of the editor's margin marker for that severity.
QIcon severityIcon(bool error)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(error ? QColor(0xc6, 0x28, 0x28) : QColor(0xd9, 0x8c, 0x00));
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

QString plainToolTip(const QString &text)
{
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace

MigrationEditorDialog::MigrationEditorDialog(const QString &folder, SqlDialect dialect,
                                             const IMigrations *rules, const QString &serverVersion,
                                             QWidget *parent)
    : QDialog(parent)
    , m_folder(folder)
    , m_dialect(dialect)
    , m_rules(rules)
    , m_serverVersion(serverVersion)
    , m_version(MigrationFile::newVersion(folder))
    , m_warning(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_fileLabel(new QLabel(this))
    , m_editor(new SqlEditor(this))
    , m_findingsView(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_saveButton(m_buttons->button(QDialogButtonBox::Save))
    , m_lintTimer(new QTimer(this))
{
    resize(1000, 700);

    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->setAutoFillBackground(true);
    m_warning->setContentsMargins(8, 6, 8, 6);
    QPalette banner = m_warning->palette();
    banner.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    banner.setColor(QPalette::WindowText, QColor(0x66, 0x4d, 0x03));
    m_warning->setPalette(banner);
    m_warning->hide();

    m_name->setPlaceholderText(tr("e.g. add_orders"));
    m_name->setToolTip(
        tr("The migration's name: letters, digits, '_' and '-' (at most %1). The file is "
           "named <version>_<name>.sql.")
            .arg(MigrationFile::MaxNameLength));
    m_name->setMaxLength(MigrationFile::MaxNameLength + 20); // longer names are shown, then refused
    m_fileLabel->setTextFormat(Qt::PlainText);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = m_fileLabel->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_fileLabel->setFont(small);

    m_editor->setDialect(dialect);
    m_editor->setText(MigrationFile::templateText());
    m_editor->setModified(false);
    m_editor->setCursorPosition(MigrationFile::templateUpLine(), 0);
    m_editor->setToolTip(QString());

    m_findingsView->setColumnCount(3);
    m_findingsView->setHeaderLabels({tr("Line"), tr("Rule"), tr("Message")});
    m_findingsView->setRootIsDecorated(false);
    m_findingsView->setUniformRowHeights(true);
    m_findingsView->setAlternatingRowColors(true);
    m_findingsView->setWordWrap(false);
    m_findingsView->header()->setStretchLastSection(true);
    m_findingsView->header()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    m_findingsView->header()->setSectionResizeMode(RuleColumn, QHeaderView::ResizeToContents);
    m_findingsView->setToolTip(
        tr("Lint findings of the text above; double-click or Enter moves the cursor to "
           "the line"));

    m_summary->setTextFormat(Qt::PlainText);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_saveButton->setShortcut(QKeySequence::Save);
    m_saveButton->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setToolTip(tr("Close the editor (asks when there are unsaved "
                        "changes)"));

    auto *form = new QFormLayout;
    auto *nameColumn = new QVBoxLayout;
    nameColumn->setSpacing(2);
    nameColumn->addWidget(m_name);
    nameColumn->addWidget(m_fileLabel);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setTextFormat(Qt::PlainText);
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, nameColumn);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_findingsView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({480, 140});

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_warning);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);
    layout->addLayout(bottom);

    m_lintTimer->setSingleShot(true);
    m_lintTimer->setInterval(LintDelayMs);
    connect(m_lintTimer, &QTimer::timeout, this, &MigrationEditorDialog::lintNow);
    connect(m_editor, &QsciScintilla::textChanged, this, &MigrationEditorDialog::scheduleLint);
    connect(m_editor, &QsciScintilla::modificationChanged, this,
            &MigrationEditorDialog::updateTitle);
    connect(m_name, &QLineEdit::textChanged, this, &MigrationEditorDialog::updateName);
    connect(&m_watcher, &QFutureWatcher<LintRun>::finished, this, &MigrationEditorDialog::showLint);
    connect(m_findingsView, &QTreeWidget::itemActivated, this, &MigrationEditorDialog::showFinding);
    connect(m_saveButton, &QPushButton::clicked, this, &MigrationEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &MigrationEditorDialog::reject);

    m_closeAsker = [](MigrationEditorDialog *dialog) {
        QMessageBox box(QMessageBox::Question, tr("Unsaved Migration"),
                        tr("The migration has unsaved changes. Save them?"),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, dialog);
        box.setTextFormat(Qt::PlainText);
        box.setDefaultButton(QMessageBox::Save);
        switch (box.exec()) {
        case QMessageBox::Save:
            return CloseAnswer::Save;
        case QMessageBox::Discard:
            return CloseAnswer::Discard;
        default:
            return CloseAnswer::Cancel;
        }
    };

    updateName();
    updateTitle();
    m_name->setFocus();
    lintNow();
}

MigrationEditorDialog::~MigrationEditorDialog()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

Result<void> MigrationEditorDialog::loadFile(const QString &path)
{
    const QFileInfo info(path);
    const QRegularExpressionMatch match = dbmateFileName().match(info.fileName());
    if (!match.hasMatch() || info.fileName().endsWith(QLatin1String(".up.sql")) ||
        info.fileName().endsWith(QLatin1String(".down.sql")))
        return Error(
            Error::Code::InvalidArgument,
            tr("%1 is not a dbmate migration file (<version>_<name>.sql with -- migrate:up "
               "and -- migrate:down sections).")
                .arg(info.fileName()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::Io, tr("Cannot read %1: %2.").arg(path, file.errorString()));
    const QString text = QString::fromUtf8(file.readAll());

    m_path = info.absoluteFilePath();
    m_folder = info.absolutePath();
    m_version = match.captured(1);
    {
        const QSignalBlocker blocker(m_name);
        m_name->setText(match.captured(2));
    }
    m_name->setReadOnly(true);
    m_name->setToolTip(
        tr("The name of a migration file that exists is kept: its version and name identify it"));
    m_editor->setText(text);
    m_editor->setModified(false);
    m_editor->setCursorPosition(0, 0);
    m_editor->setFocus();
    m_error->hide();
    m_error->clear();
    updateName();
    updateTitle();
    lintNow();
    return {};
}

void MigrationEditorDialog::setWarning(const QString &text)
{
    m_warning->setText(text);
    m_warning->setVisible(!text.isEmpty());
}

QString MigrationEditorDialog::warning() const
{
    return m_warning->text();
}

void MigrationEditorDialog::setName(const QString &name)
{
    // A file that exists keeps its name: Save rewrites that file.
    if (!m_path.isEmpty())
        return;
    m_name->setText(name);
}

QString MigrationEditorDialog::name() const
{
    return m_name->text();
}

bool MigrationEditorDialog::isModified() const
{
    return m_editor->isModified();
}

QString MigrationEditorDialog::saveBlocker() const
{
    return m_path.isEmpty() ? MigrationFile::nameProblem(name()) : QString();
}

QString MigrationEditorDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString MigrationEditorDialog::summary() const
{
    return m_summary->text();
}

bool MigrationEditorDialog::isLinting() const
{
    return m_linting || m_lintTimer->isActive();
}

void MigrationEditorDialog::updateName()
{
    const QString blocker = saveBlocker();
    QPalette pal = m_fileLabel->palette();
    if (blocker.isEmpty()) {
        const QString file = MigrationFile::fileName(m_version, name());
        m_fileLabel->setText(
            m_path.isEmpty()
                ? tr("%1 in %2").arg(file, QDir::toNativeSeparators(m_folder))
                : tr("Editing %1 in %2").arg(file, QDir::toNativeSeparators(m_folder)));
        pal.setColor(QPalette::WindowText,
                     palette().color(QPalette::Disabled, QPalette::WindowText));
        m_saveButton->setEnabled(true);
        m_saveButton->setToolTip(
            m_path.isEmpty()
                ? tr("Write the new migration file (%1)")
                      .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText))
                : tr("Write the changes to the file (%1)")
                      .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    } else {
        m_fileLabel->setText(blocker);
        // An empty name is where every migration starts: a hint, not an error.
        pal.setColor(QPalette::WindowText,
                     name().isEmpty() ? palette().color(QPalette::Disabled, QPalette::WindowText)
                                      : QColor(0xc6, 0x28, 0x28));
        m_saveButton->setEnabled(false);
        m_saveButton->setToolTip(blocker);
    }
    m_fileLabel->setPalette(pal);
    updateTitle();
}

void MigrationEditorDialog::updateTitle()
{
    const QString file =
        MigrationFile::fileName(m_version, name().isEmpty() ? tr("unnamed") : name());
    const QString title =
        m_path.isEmpty() ? tr("New Migration — %1").arg(file) : tr("Edit Migration — %1").arg(file);
    setWindowTitle(isModified() ? title + QLatin1String(" *") : title);
}

QString MigrationEditorDialog::lintFileName() const
{
    // Findings name no file here, but the reader needs a well-formed one for the version.
    const QString shown = name();
    return MigrationFile::fileName(
        m_version, MigrationFile::isSafeName(shown) ? shown : QStringLiteral("migration"));
}

void MigrationEditorDialog::scheduleLint()
{
    m_summary->setText(tr("Checking…"));
    m_lintTimer->start();
}

void MigrationEditorDialog::lintNow()
{
    m_lintTimer->stop();
    if (m_watcher.isRunning()) {
        // One run at a time: the newest text is linted when this one ends.
        m_lintAgain = true;
        return;
    }
    m_lintAgain = false;
    m_linting = true;
    m_summary->setText(tr("Checking…"));
    const QString text = m_editor->text();
    const IMigrations *rules = m_rules;
    const SqlDialect dialect = m_dialect;
    const QString serverVersion = m_serverVersion;
    const QString fileName = lintFileName();
    m_watcher.setFuture(QtConcurrent::run([rules, dialect, serverVersion, fileName, text] {
        return LintRun{text, lintText(rules, dialect, serverVersion, fileName, text)};
    }));
}

void MigrationEditorDialog::showLint()
{
    const LintRun run = m_watcher.result();
    m_linting = false;
    if (m_lintAgain) {
        lintNow();
        return;
    }
    // An edit since the run started: its own lint is pending, this result is stale.
    if (run.text != m_editor->text() || m_lintTimer->isActive())
        return;
    m_findings = run.findings;

    QList<SqlEditor::LintMark> marks;
    m_findingsView->clear();
    qsizetype errors = 0;
    for (const LintFinding &f : std::as_const(m_findings)) {
        const bool error = f.severity == LintFinding::Severity::Error;
        errors += error ? 1 : 0;
        marks.append({f.line - 1, error, f.rule + QLatin1String(": ") + f.message});
        auto *item = new QTreeWidgetItem(m_findingsView);
        item->setIcon(LineColumn, severityIcon(error));
        item->setText(LineColumn, QString::number(f.line));
        item->setData(LineColumn, FindingLineRole, f.line);
        item->setTextAlignment(LineColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(RuleColumn, f.rule);
        item->setText(MessageColumn, f.message);
        const QString tip =
            LintFinding::severityName(f.severity) + u' ' + f.rule + QLatin1String(": ") + f.message;
        for (int column = LineColumn; column <= MessageColumn; ++column)
            item->setToolTip(column, plainToolTip(tip));
    }
    m_editor->setLintMarks(marks);

    const qsizetype warnings = m_findings.size() - errors;
    if (m_findings.isEmpty()) {
        m_summary->setText(tr("No findings"));
    } else {
        QStringList parts;
        if (errors > 0)
            parts.append(errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
        if (warnings > 0)
            parts.append(warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
        m_summary->setText(parts.join(QLatin1String(", ")));
    }
    Q_EMIT linted();
}

void MigrationEditorDialog::showFinding(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const int line = item->data(LineColumn, FindingLineRole).toInt() - 1;
    if (line < 0)
        return;
    const int indent =
        int(m_editor->SendScintilla(QsciScintillaBase::SCI_GETLINEINDENTATION, line));
    m_editor->setCursorPosition(line, std::min(indent, int(m_editor->text(line).size())));
    m_editor->ensureLineVisible(line);
    m_editor->setFocus();
}

void MigrationEditorDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool MigrationEditorDialog::save()
{
    const QString blocker = saveBlocker();
    if (!blocker.isEmpty()) {
        showError(blocker);
        return false;
    }
    const QString text = m_editor->text();
    if (m_path.isEmpty()) {
        // Another migration took this version since the dialog opened: take the next free one.
        const QString exact = QDir(m_folder).filePath(MigrationFile::fileName(m_version, name()));
        if (!QFileInfo::exists(exact) &&
            !MigrationFile::fileWithVersion(m_folder, m_version).isEmpty())
            m_version = MigrationFile::newVersion(m_folder);
        const Result<QString> written = MigrationFile::write(m_folder, m_version, name(), text);
        if (!written) {
            showError(written.error().message());
            return false;
        }
        m_path = *written;
        m_name->setReadOnly(true);
    } else {
        const Result<void> rewritten = MigrationFile::rewrite(m_path, text);
        if (!rewritten) {
            showError(rewritten.error().message());
            return false;
        }
    }
    showError(QString());
    m_editor->setModified(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
    updateName();
    Q_EMIT saved(m_path);
    return true;
}

void MigrationEditorDialog::reject()
{
    if (isModified() && m_closeAsker) {
        switch (m_closeAsker(this)) {
        case CloseAnswer::Cancel:
            return;
        case CloseAnswer::Save:
            if (!save())
                return;
            break;
        case CloseAnswer::Discard:
            break;
        }
    }
    QDialog::reject();
}

} // namespace Strata
