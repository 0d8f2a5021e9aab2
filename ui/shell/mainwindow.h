// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "catalog/catalog.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <vector>

class QLabel;
class QProgressBar;
class QTabWidget;

namespace Strata {

class ConnectionManager;
class IFeature;

// The workbench shell: menus, a central area, docks and a status bar with the current
// connection's server version and a busy indicator. Everything else is a feature.
class STRATA_UI_EXPORT MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Menu { File, Connection, View, Help };

    explicit MainWindow(ConnectionManager *connections, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The connections dock, schema browser, object pane and demo opener.
    void installDefaultFeatures();
    void addFeature(std::unique_ptr<IFeature> feature);
    template<typename T>
    T *feature() const
    {
        for (const auto &f : m_features) {
            if (auto *typed = dynamic_cast<T *>(f.get()))
                return typed;
        }
        return nullptr;
    }
    // Restores geometry and dock layout from QSettings (after the features are installed).
    void restoreLayout();

    ConnectionManager *connections() const { return m_connections; }
    QMenu *menu(Menu menu) const;
    // Adds the dock and its toggle action under View.
    void addDock(QDockWidget *dock, Qt::DockWidgetArea area);
    // The central tab widget (object pane, query tabs). Closing a closable tab deletes its page.
    int addWorkspaceTab(QWidget *page, const QString &title, bool closable);
    QTabWidget *workspace() const { return m_workspace; }
    // Asked before a closable workspace tab closes; returning false keeps it open.
    using CloseGuard = std::function<bool(QWidget *page)>;
    void addCloseGuard(CloseGuard guard) { m_closeGuards.push_back(std::move(guard)); }

    QString currentConnection() const { return m_currentConnection; }
    void setCurrentConnection(const QString &id);
    void selectTable(const QString &connectionId, const Table &table);
    void selectDefinition(const QString &connectionId, const QString &title,
                          const QString &subtitle, const QString &sql);

Q_SIGNALS:
    void currentConnectionChanged(const QString &connectionId);
    void tableSelected(const QString &connectionId, const Strata::Table &table);
    void definitionSelected(const QString &connectionId, const QString &title,
                            const QString &subtitle, const QString &sql);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void updateStatus();

    ConnectionManager *m_connections;
    std::vector<std::unique_ptr<IFeature>> m_features;
    QMenu *m_menus[4] = {};
    QLabel *m_connectionLabel;
    QLabel *m_busyLabel;
    QProgressBar *m_busy;
    QTabWidget *m_workspace;
    QString m_currentConnection;
    std::vector<CloseGuard> m_closeGuards;
};

} // namespace Strata
