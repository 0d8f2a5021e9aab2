// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "history/historypanel.h"
#include "shell/ifeature.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QDockWidget;

namespace Strata {

class QueryHistory;

// The "Query History" dock (View menu, Ctrl+H): every statement run, searchable, refreshed
// when a statement finishes; a statement goes back into the current query tab at its cursor.
class STRATA_UI_EXPORT HistoryFeature : public QObject, public IFeature
{
    Q_OBJECT
public:
    // The default history file (QueryHistory::defaultFilePath()), or another one for tests.
    explicit HistoryFeature(const QString &filePath = {});
    ~HistoryFeature() override;

    void install(MainWindow &window) override;

    HistoryPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    // Inserts at the cursor of the current query tab (a new tab when there is none).
    void insertIntoQueryTab(const QString &sql);

private:
    MainWindow *m_window = nullptr;
    std::unique_ptr<QueryHistory> m_history;
    QPointer<QDockWidget> m_dock;
    QPointer<HistoryPanel> m_panel;
    bool m_sized = false;
};

} // namespace Strata
