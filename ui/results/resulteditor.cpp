// SPDX-License-Identifier: GPL-3.0-or-later
#include "resulteditor.h"

#include "resulteditmodel.h"
#include "resultgridmodel.h"
#include "resultview.h"
#include "savechangesdialog.h"

#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "edit/columnorigins.h"
#include "edit/editability.h"
#include "edit/editplanner.h"
#include "plugins/idialect.h"
#include "results/rowstore.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QSet>
#include <QTableView>
#include <QToolBar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Strata {

namespace {
QAction *makeAction(QWidget *owner, const QString &text, const QString &toolTip,
                    const QKeySequence &shortcut)
{
    auto *action = new QAction(text, owner);
    action->setShortcut(shortcut);
    // Only while the focus is in this result: several results may be open at once.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(u"%1 (%2)"_s.arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    owner->addAction(action);
    return action;
}
} // namespace

ResultEditor::ResultEditor(ResultView *view)
    : QObject(view)
    , m_view(view)
    , m_status(new QLabel(view))
{
    m_edit = makeAction(view, tr("Edit"), tr("Edit the rows of this result"),
                        QKeySequence(Qt::CTRL | Qt::Key_E));
    m_edit->setCheckable(true);
    m_edit->setEnabled(false);
    m_addRow = makeAction(view, tr("Add Row"), tr("Add a new row, inserted on Save"),
                          QKeySequence(Qt::ALT | Qt::Key_Insert));
    m_deleteRows = makeAction(view, tr("Delete Rows"),
                              tr("Mark the selected rows for deletion on Save (again: unmark)"),
                              QKeySequence(Qt::CTRL | Qt::Key_Delete));
    m_setNull = makeAction(view, tr("Set NULL"), tr("Set the selected cells to NULL"),
                           QKeySequence(Qt::CTRL | Qt::Key_0));
    m_revert = makeAction(view, tr("Revert"), tr("Drop all pending changes"),
                          QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Z));
    m_save = makeAction(
        view, tr("Save…"),
        tr("Review the statements for the pending changes and apply them in one transaction"),
        QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    m_editActions = {m_addRow, m_deleteRows, m_setNull, m_revert, m_save};
    m_status->setTextFormat(Qt::PlainText);
    m_status->setContentsMargins(8, 0, 8, 0);

    QToolBar *toolBar = view->toolBar();
    toolBar->addSeparator();
    toolBar->addAction(m_edit);
    for (QAction *action : std::as_const(m_editActions)) {
        toolBar->addAction(action);
        action->setVisible(false);
    }
    toolBar->addWidget(m_status);

    connect(m_edit, &QAction::toggled, this, &ResultEditor::toggleEditing);
    connect(m_addRow, &QAction::triggered, this, &ResultEditor::addRow);
    connect(m_deleteRows, &QAction::triggered, this, &ResultEditor::deleteRows);
    connect(m_setNull, &QAction::triggered, this, &ResultEditor::setNull);
    connect(m_revert, &QAction::triggered, this, &ResultEditor::revert);
    connect(m_save, &QAction::triggered, this, &ResultEditor::save);
    connect(&m_lookup, &QFutureWatcher<Result<QList<ResultSet>>>::finished, this,
            &ResultEditor::lookupFinished);
    connect(&m_apply, &QFutureWatcher<Result<ApplyOutcome>>::finished, this,
            &ResultEditor::applyFinished);

    m_confirm = [this](const QString &question) {
        QMessageBox box(QMessageBox::Question, tr("Pending Changes"), question,
                        QMessageBox::Discard | QMessageBox::Cancel, m_view);
        box.setTextFormat(Qt::PlainText);
        box.setDefaultButton(QMessageBox::Cancel);
        return box.exec() == QMessageBox::Discard;
    };

    m_edit->setToolTip(tr("Editing is possible once all rows are read"));
    if (RowStore *store = view->store()) {
        connect(store, &RowStore::finished, this, &ResultEditor::decideEditability);
        if (store->isFinished())
            decideEditability();
    }
    if (ConnectionManager *connections = view->connections()) {
        connect(connections, &ConnectionManager::catalogLoaded, this, [this](const QString &id) {
            // A reloaded catalog may know the table now (or no longer); decided again unless
            // editing has started.
            if (id != m_view->connectionId() || m_model || m_lookup.isRunning())
                return;
            m_decided = false;
            m_needsLookup = false;
            m_target.reset();
            m_reason.clear();
            decideEditability();
        });
    }
}

ResultEditor::~ResultEditor()
{
    m_lookup.disconnect(this);
    m_apply.disconnect(this);
    m_lookup.waitForFinished();
    m_apply.waitForFinished();
}

QString ResultEditor::statusText() const
{
    return m_status->text();
}

bool ResultEditor::isEditing() const
{
    return m_edit->isChecked();
}

bool ResultEditor::hasPendingChanges() const
{
    return m_model && m_model->hasPendingChanges();
}

QString ResultEditor::tableName() const
{
    return m_target ? m_target->table : QString();
}

void ResultEditor::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setToolTip(ResultEditModel::plainToolTip(text));
}

void ResultEditor::setReadOnly(const QString &reason)
{
    m_decided = true;
    m_reason = reason;
    m_target.reset();
    m_edit->setEnabled(false);
    m_edit->setToolTip(ResultEditModel::plainToolTip(tr("Read-only: %1").arg(reason)));
    Q_EMIT editabilityDecided();
}

void ResultEditor::setEditableTarget(const EditTarget &target)
{
    m_decided = true;
    m_needsLookup = false;
    m_reason.clear();
    m_target = target;
    m_edit->setEnabled(true);
    m_edit->setToolTip(ResultEditModel::plainToolTip(
        tr("Edit the rows of %1 (%2)")
            .arg(target.table, m_edit->shortcut().toString(QKeySequence::NativeText))));
    Q_EMIT editabilityDecided();
}

void ResultEditor::decideEditability()
{
    RowStore *store = m_view->store();
    ConnectionManager *connections = m_view->connections();
    if (m_decided || !store || !store->isFinished() || !connections)
        return;
    const QString id = m_view->connectionId();
    if (!connections->session(id) || !connections->dialect(id)) {
        setReadOnly(tr("the connection cannot generate SQL for edits"));
        return;
    }
    const Catalog *catalog = connections->catalog(id);
    if (!catalog) {
        m_edit->setToolTip(tr("Editing is possible once the catalog is loaded"));
        return; // catalogLoaded decides again
    }
    const ColumnList &columns = store->columns();
    if (ColumnOrigins::needsLookup(columns)) {
        // PostgreSQL: the obvious cases are known without asking the server.
        QSet<quint32> tables;
        for (const ColumnInfo &column : columns) {
            if (column.tableOid == 0 || column.tableColumn <= 0) {
                setReadOnly(
                    tr("the column %1 is computed, not read from a table").arg(column.name));
                return;
            }
            tables.insert(column.tableOid);
        }
        if (tables.size() > 1) {
            setReadOnly(tables.size() == 2 ? tr("the result joins two tables")
                                           : tr("the result joins %1 tables").arg(tables.size()));
            return;
        }
        // The names are looked up with one small query when editing starts.
        m_decided = true;
        m_needsLookup = true;
        m_edit->setEnabled(true);
        m_edit->setToolTip(tr("Edit the rows of this result (%1)")
                               .arg(m_edit->shortcut().toString(QKeySequence::NativeText)));
        Q_EMIT editabilityDecided();
        return;
    }
    const Result<EditTarget> target = Editability::check(columns, *catalog);
    if (target)
        setEditableTarget(target.value());
    else
        setReadOnly(target.error().message());
}

void ResultEditor::toggleEditing(bool on)
{
    if (on) {
        if (m_needsLookup) {
            ConnectionManager *connections = m_view->connections();
            EngineSession *session = connections->session(m_view->connectionId());
            const IDialect *dialect = connections->dialect(m_view->connectionId());
            const IDialect::Query lookup = dialect
                ? ColumnOrigins::lookup(*dialect, m_view->store()->columns())
                : IDialect::Query();
            if (!session || lookup.sql.isEmpty()) {
                const QSignalBlocker block(m_edit);
                m_edit->setChecked(false);
                setStatus(tr("The connection is closed."));
                return;
            }
            m_edit->setEnabled(false);
            setStatus(tr("Looking up the source table…"));
            m_lookup.setFuture(session->query(lookup.sql, lookup.parameters));
            return;
        }
        startEditing();
        return;
    }
    if (!confirmDiscard()) {
        const QSignalBlocker block(m_edit);
        m_edit->setChecked(true);
        return;
    }
    stopEditing();
}

void ResultEditor::lookupFinished()
{
    const Result<QList<ResultSet>> result = m_lookup.result();
    m_edit->setEnabled(true);
    if (!result || result->isEmpty()) {
        const QSignalBlocker block(m_edit);
        m_edit->setChecked(false);
        setStatus(tr("Cannot look up the source table: %1")
                      .arg(result ? tr("no result") : result.error().toString()));
        return;
    }
    const Catalog *catalog = m_view->connections()->catalog(m_view->connectionId());
    const ColumnList columns = ColumnOrigins::resolved(m_view->store()->columns(), result->first());
    const Result<EditTarget> target =
        catalog
            ? Editability::check(columns, *catalog)
            : Result<EditTarget>(Error(Error::Code::NotSupported, tr("the catalog is not loaded")));
    setStatus({});
    if (!target) {
        {
            const QSignalBlocker block(m_edit);
            m_edit->setChecked(false);
        }
        setReadOnly(target.error().message());
        setStatus(tr("Read-only: %1").arg(target.error().message()));
        return;
    }
    setEditableTarget(target.value());
    startEditing();
}

void ResultEditor::startEditing()
{
    if (!m_model) {
        m_model = new ResultEditModel(m_view->model(), this);
        m_view->view()->setModel(m_model);
        connect(m_model, &ResultEditModel::pendingChanged, this, &ResultEditor::updateActions);
    }
    m_model->setEditable(true);
    m_view->view()->setEditTriggers(QAbstractItemView::DoubleClicked |
                                    QAbstractItemView::EditKeyPressed |
                                    QAbstractItemView::AnyKeyPressed);
    for (QAction *action : std::as_const(m_editActions))
        action->setVisible(true);
    setStatus(tr("Editing %1").arg(tableName()));
    updateActions();
    Q_EMIT editingChanged(true);
}

void ResultEditor::stopEditing()
{
    if (m_model) {
        m_model->revert();
        m_model->setEditable(false);
    }
    m_view->view()->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (QAction *action : std::as_const(m_editActions))
        action->setVisible(false);
    setStatus({});
    Q_EMIT editingChanged(false);
}

bool ResultEditor::confirmDiscard()
{
    if (!hasPendingChanges())
        return true;
    const int rows = m_model->pendingRowCount();
    return m_confirm(rows == 1
                         ? tr("1 row has changes that are not saved. Discard them?")
                         : tr("%1 rows have changes that are not saved. Discard them?").arg(rows));
}

void ResultEditor::updateActions()
{
    const bool editing = isEditing() && m_model;
    const bool saving = isSaving();
    const bool pending = hasPendingChanges();
    m_edit->setEnabled(!saving && (m_target.has_value() || m_needsLookup));
    m_addRow->setEnabled(editing && !saving);
    m_deleteRows->setEnabled(editing && !saving);
    m_setNull->setEnabled(editing && !saving);
    m_revert->setEnabled(editing && !saving && pending);
    m_save->setEnabled(editing && !saving && pending);
    if (editing && !saving && m_model) {
        const int rows = m_model->pendingRowCount();
        if (rows == 0)
            setStatus(tr("Editing %1").arg(tableName()));
        else
            setStatus(rows == 1 ? tr("1 row changed, not saved")
                                : tr("%1 rows changed, not saved").arg(rows));
    }
}

void ResultEditor::addRow()
{
    if (!m_model || !m_model->isEditable())
        return;
    const int row = m_model->addRow();
    QTableView *table = m_view->view();
    const QModelIndex first = m_model->index(row, 0);
    table->scrollTo(first);
    table->setCurrentIndex(first);
    table->setFocus();
}

void ResultEditor::deleteRows()
{
    if (!m_model || !m_model->isEditable())
        return;
    QTableView *table = m_view->view();
    QList<int> rows;
    const QModelIndexList selected = table->selectionModel()->selectedIndexes();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    if (rows.isEmpty() && table->currentIndex().isValid())
        rows.append(table->currentIndex().row());
    m_model->toggleDeleted(rows);
}

void ResultEditor::setNull()
{
    if (!m_model || !m_model->isEditable())
        return;
    QTableView *table = m_view->view();
    QModelIndexList indexes = table->selectionModel()->selectedIndexes();
    if (indexes.isEmpty() && table->currentIndex().isValid())
        indexes.append(table->currentIndex());
    m_model->setNull(indexes);
}

void ResultEditor::revert()
{
    if (m_model)
        m_model->revert();
}

Result<QList<EditStatement>> ResultEditor::plannedStatements()
{
    if (!m_model || !m_target)
        return Error(Error::Code::NotSupported, tr("The result is not being edited."));
    const IDialect *dialect = m_view->connections()->dialect(m_view->connectionId());
    EngineSession *session = m_view->connections()->session(m_view->connectionId());
    if (!dialect || !session)
        return Error(Error::Code::ConnectionLost, tr("The connection is closed."));
    m_model->clearRowErrors();
    const ChangeSet changes = m_model->changes();
    // Bad values are found here so their row can be marked.
    for (const RowChange &change : changes) {
        for (auto it = change.values.cbegin(); it != change.values.cend(); ++it) {
            const Result<QVariant> typed =
                EditPlanner::typedValue(m_target->columns.at(it.key()), it.value());
            if (!typed) {
                m_model->markRowError(change.row, typed.error().message());
                return Error(Error::Code::InvalidArgument,
                             tr("Row %1: %2").arg(change.row + 1).arg(typed.error().message()));
            }
        }
    }
    const EditPlanner planner(*m_target, *dialect, EditPlanner::syntaxFor(session->engine()));
    return planner.plan(changes);
}

void ResultEditor::save()
{
    if (isSaving())
        return;
    const Result<QList<EditStatement>> statements = plannedStatements();
    if (!statements) {
        setStatus(statements.error().message());
        return;
    }
    if (statements->isEmpty()) {
        setStatus(tr("Nothing to save"));
        return;
    }
    if (m_review)
        m_review(statements.value());
    else
        defaultReview(statements.value());
}

void ResultEditor::defaultReview(const QList<EditStatement> &statements)
{
    auto *dialog = new SaveChangesDialog(tableName(), statements, m_view);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { apply(dialog->statements()); });
    dialog->open();
}

void ResultEditor::apply(const QList<EditStatement> &statements)
{
    EngineSession *session = m_view->connections()->session(m_view->connectionId());
    if (!session || isSaving()) {
        setStatus(session ? tr("A save is already running") : tr("The connection is closed."));
        return;
    }
    m_applying = statements;
    m_apply.setFuture(session->applyInTransaction(
        statements, EditPlanner::openTransactionProbe(EditPlanner::syntaxFor(session->engine()))));
    updateActions();
    setStatus(tr("Saving…"));
}

void ResultEditor::applyFinished()
{
    const Result<ApplyOutcome> result = m_apply.result();
    m_applying.clear();
    if (!result) {
        updateActions();
        setStatus(tr("Nothing was saved: %1").arg(result.error().toString()));
        Q_EMIT saveFinished(false);
        return;
    }
    const ApplyOutcome &outcome = result.value();
    if (outcome.committed()) {
        m_model->commit(outcome);
        updateActions();
        setStatus(tr("Saved in one transaction"));
        Q_EMIT saveFinished(true);
        return;
    }
    const QString why = outcome.status == ApplyOutcome::Status::Conflict
                            ? tr("Conflict: %1").arg(outcome.message)
                            : outcome.message;
    if (outcome.failedRow >= 0)
        m_model->markRowError(outcome.failedRow, why);
    updateActions();
    setStatus(outcome.failedRow >= 0
                  ? tr("Nothing was saved. Row %1: %2").arg(outcome.failedRow + 1).arg(why)
                  : tr("Nothing was saved: %1").arg(why));
    Q_EMIT saveFinished(false);
}

} // namespace Strata
