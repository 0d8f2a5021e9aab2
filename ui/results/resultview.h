// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <functional>

class QAction;
class QModelIndex;
class QTableView;
class QToolBar;
class QToolButton;

namespace Strata {

class ConnectionManager;
class CopyActions;
class FetchAllBar;
class ResultExporter;
class ResultEditor;
class ResultGridModel;
class RowStore;
class ValueViewer;

// One result set of a query tab: a toolbar over a grid of a streaming RowStore. Knows the
// statement and the connection that produced it, for the actions that need them.
class STRATA_UI_EXPORT ResultView : public QWidget
{
    Q_OBJECT
public:
    // Asks a yes/no question (plain text); true for yes. Replaceable so tests never block.
    using Asker = std::function<bool(const QString &title, const QString &text)>;
    // Asks for a file to write; the chosen path or empty. Replaceable for tests.
    using FileChooser = std::function<QString(const QString &suggestedPath)>;

    ResultView(RowStore *store, ConnectionManager *connections, const QString &connectionId,
               const QString &statement, QWidget *parent = nullptr);
    ~ResultView() override;

    ResultGridModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QToolBar *toolBar() const { return m_toolBar; }
    RowStore *store() const;
    ConnectionManager *connections() const { return m_connections; }
    QString connectionId() const { return m_connectionId; }
    QString statement() const { return m_statement; }
    // Editing of this result (Edit toggle, pending changes, Save).
    ResultEditor *editor() const { return m_editor; }

    CopyActions *copyActions() const { return m_copyActions; }
    QToolButton *copyAsButton() const { return m_copyAsButton; }
    QAction *viewValueAction() const { return m_viewValue; }
    QAction *exportAction() const { return m_export; }
    // Esc on the grid: stops a running Fetch all or export of this result.
    QAction *cancelWorkAction() const { return m_cancelWork; }
    FetchAllBar *fetchAllBar() const { return m_fetchAll; }
    ResultExporter *exporter() const { return m_exporter; }
    // The viewer opened last, while it is open.
    ValueViewer *valueViewer() const;

    void setAsker(Asker asker) { m_asker = std::move(asker); }
    void setFileChooser(FileChooser chooser) { m_fileChooser = std::move(chooser); }
    bool ask(const QString &title, const QString &text);
    QString chooseFile(const QString &suggestedPath);

    // Opens the whole-value viewer for a cell of view()->model() (the current cell when
    // invalid); null when there is no cell.
    ValueViewer *viewValue(const QModelIndex &index);

private:
    void showContextMenu(const QPoint &position);
    void updateCancelWork();

    ConnectionManager *m_connections;
    QString m_connectionId;
    QString m_statement;
    ResultGridModel *m_model;
    QToolBar *m_toolBar;
    QTableView *m_view;
    CopyActions *m_copyActions = nullptr;
    QToolButton *m_copyAsButton = nullptr;
    QAction *m_viewValue = nullptr;
    QAction *m_export = nullptr;
    QAction *m_cancelWork = nullptr;
    FetchAllBar *m_fetchAll = nullptr;
    ResultExporter *m_exporter = nullptr;
    QPointer<ValueViewer> m_valueViewer;
    Asker m_asker;
    FileChooser m_fileChooser;
    ResultEditor *m_editor = nullptr;
};

} // namespace Strata
