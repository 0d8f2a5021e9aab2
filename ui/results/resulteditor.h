// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "edit/applyoutcome.h"
#include "edit/editstatement.h"
#include "edit/edittarget.h"
#include "results/resultset.h"
#include "sql/result.h"

#include <QFutureWatcher>
#include <QObject>

#include <functional>
#include <optional>

class QAction;
class QLabel;

namespace Strata {

class ResultEditModel;
class ResultView;

// Editing of one ResultView: decides whether its result can be edited (one base table with its
// primary key shown), switches the grid to a ResultEditModel, and saves the pending changes
// through EditPlanner and EngineSession::applyInTransaction after the user has seen them.
class STRATA_UI_EXPORT ResultEditor : public QObject
{
    Q_OBJECT
public:
    // Asks a yes/no question (plain text); true means go ahead.
    using Confirmer = std::function<bool(const QString &question)>;
    // Shows the statements of a save; calls apply() when the user agrees. Unset: the
    // SaveChangesDialog, opened window-modal.
    using SaveReviewer = std::function<void(const QList<EditStatement> &statements)>;

    explicit ResultEditor(ResultView *view);
    ~ResultEditor() override;

    QAction *editAction() const { return m_edit; }
    QAction *addRowAction() const { return m_addRow; }
    QAction *deleteRowsAction() const { return m_deleteRows; }
    QAction *setNullAction() const { return m_setNull; }
    QAction *revertAction() const { return m_revert; }
    QAction *saveAction() const { return m_save; }
    ResultEditModel *editModel() const { return m_model; }
    QString statusText() const;
    bool isEditing() const;
    bool isSaving() const { return m_apply.isRunning(); }
    bool hasPendingChanges() const;
    // Why the result is read-only; empty when it can be edited or that is not known yet.
    QString readOnlyReason() const { return m_reason; }

    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    void setSaveReviewer(SaveReviewer reviewer) { m_review = std::move(reviewer); }

    // Asks before pending changes are thrown away (leaving edit mode, closing the tab);
    // true when there are none or the user agreed.
    bool confirmDiscard();
    // The statements Save would run, or the first bad value (its row is marked).
    Result<QList<EditStatement>> plannedStatements();
    void save();
    void apply(const QList<EditStatement> &statements);

Q_SIGNALS:
    void editabilityDecided();
    void editingChanged(bool editing);
    // A save finished: committed, or nothing was saved (the status says why).
    void saveFinished(bool committed);

private:
    void decideEditability();
    void setReadOnly(const QString &reason);
    void setEditableTarget(const EditTarget &target);
    void toggleEditing(bool on);
    void startEditing();
    void stopEditing();
    void lookupFinished();
    void applyFinished();
    void addRow();
    void deleteRows();
    void setNull();
    void revert();
    void setStatus(const QString &text);
    void updateActions();
    QString tableName() const;
    void defaultReview(const QList<EditStatement> &statements);

    ResultView *m_view;
    ResultEditModel *m_model = nullptr;
    QAction *m_edit;
    QAction *m_addRow;
    QAction *m_deleteRows;
    QAction *m_setNull;
    QAction *m_revert;
    QAction *m_save;
    QLabel *m_status;
    QList<QAction *> m_editActions;
    std::optional<EditTarget> m_target;
    QString m_reason;
    bool m_decided = false;
    bool m_needsLookup = false;
    Confirmer m_confirm;
    SaveReviewer m_review;
    QFutureWatcher<Result<QList<ResultSet>>> m_lookup;
    QFutureWatcher<Result<ApplyOutcome>> m_apply;
    QList<EditStatement> m_applying;
};

} // namespace Strata
