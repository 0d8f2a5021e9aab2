// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTreeView;

namespace Strata {

class HistoryModel;
class QueryHistory;

// The "Query History" dock's content: a search box, a "current connection only" filter, the
// entries newest first and a plain-text preview of the selected statement. Enter or a double
// click asks for the statement to be inserted into the current query tab.
class STRATA_UI_EXPORT HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int Limit = 500;

    // The history is not owned; it is opened on first use.
    explicit HistoryPanel(QueryHistory *history, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    QCheckBox *currentConnectionOnly() const { return m_currentOnly; }
    QPlainTextEdit *preview() const { return m_preview; }
    QAction *insertAction() const { return m_insert; }
    QAction *copyAction() const { return m_copy; }

    // The history's key of the current connection (its title); empty when none.
    void setCurrentConnectionKey(const QString &key);
    void refresh();

Q_SIGNALS:
    void insertRequested(const QString &sql);

private:
    QString selectedSql() const;
    void updatePreview();

    QueryHistory *m_history;
    HistoryModel *m_model;
    QLineEdit *m_search;
    QCheckBox *m_currentOnly;
    QTreeView *m_view;
    QPlainTextEdit *m_preview;
    QLabel *m_status;
    QAction *m_insert;
    QAction *m_copy;
    QString m_currentKey;
};

} // namespace Strata
