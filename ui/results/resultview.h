// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QString>
#include <QWidget>

class QTableView;
class QToolBar;

namespace Strata {

class ConnectionManager;
class ResultEditor;
class ResultGridModel;
class RowStore;

// One result set of a query tab: a toolbar over a grid of a streaming RowStore. Knows the
// statement and the connection that produced it, for the actions that need them.
class STRATA_UI_EXPORT ResultView : public QWidget
{
    Q_OBJECT
public:
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

private:
    ConnectionManager *m_connections;
    QString m_connectionId;
    QString m_statement;
    ResultGridModel *m_model;
    QToolBar *m_toolBar;
    QTableView *m_view;
    ResultEditor *m_editor = nullptr;
};

} // namespace Strata
