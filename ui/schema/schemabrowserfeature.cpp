// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemabrowserfeature.h"

#include "schemabrowser.h"
#include "schematreemodel.h"

#include "connections/connectionmanager.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QTreeView>

namespace Strata {

using NodeKind = SchemaTreeModel::NodeKind;

void SchemaBrowserFeature::install(MainWindow &window)
{
    m_window = &window;
    m_dock = new QDockWidget(tr("Schema"), &window);
    m_dock->setObjectName(QStringLiteral("SchemaBrowserDock"));
    m_browser = new SchemaBrowser(m_dock);
    m_dock->setWidget(m_browser);
    window.addDock(m_dock, Qt::LeftDockWidgetArea);

    ConnectionManager *connections = window.connections();
    SchemaTreeModel *model = m_browser->model();

    m_refresh = new QAction(tr("&Refresh catalog"), m_dock);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, this, [this, connections] {
        if (!m_window->currentConnection().isEmpty())
            connections->reloadCatalog(m_window->currentConnection());
    });
    auto *focusFilter = new QAction(tr("&Filter objects"), m_dock);
    // Ctrl+F belongs to the query editor's find bar.
    focusFilter->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
    connect(focusFilter, &QAction::triggered, this, [this] {
        m_dock->show();
        m_browser->filterEdit()->setFocus();
        m_browser->filterEdit()->selectAll();
    });
    window.menu(MainWindow::Menu::View)->addAction(m_refresh);
    window.menu(MainWindow::Menu::View)->addAction(focusFilter);
    m_browser->view()->addAction(m_refresh);

    connect(connections, &ConnectionManager::connectionAdded, model,
            [model, connections](const QString &id) {
                model->setConnection(id, connections->title(id));
                model->setStatus(id, tr("connecting…"));
            });
    connect(connections, &ConnectionManager::connectionStateChanged, model,
            [model, connections](const QString &id) {
                switch (connections->state(id)) {
                case ConnectionManager::State::Connecting:
                    model->setStatus(id, tr("connecting…"));
                    break;
                case ConnectionManager::State::LoadingCatalog:
                    if (!model->catalog(id))
                        model->setStatus(id, tr("loading catalog…"));
                    break;
                case ConnectionManager::State::Failed:
                    model->setStatus(id, tr("failed: %1").arg(connections->errorText(id)));
                    break;
                case ConnectionManager::State::Ready:
                    break;
                }
            });
    connect(connections, &ConnectionManager::catalogLoaded, model,
            [this, model, connections](const QString &id) {
                const bool first = !model->catalog(id);
                model->setCatalog(id, *connections->catalog(id));
                if (!first)
                    return;
                m_browser->revealConnection(id);
                // Nothing shown yet: show the first table, so the pane is never empty.
                if (m_browser->view()->currentIndex().isValid())
                    return;
                // Filling the Object tab must not take the workspace from a query tab the
                // user is already in (tabs opened from the command line or recovered).
                QWidget *shown = m_window->workspace()->currentWidget();
                for (const Schema &schema : connections->catalog(id)->schemas) {
                    if (!schema.tables.isEmpty()) {
                        m_browser->selectObject(id, schema.name, schema.tables.constFirst().name);
                        break;
                    }
                }
                m_window->workspace()->setCurrentWidget(shown);
            });
    connect(connections, &ConnectionManager::connectionClosed, model,
            [model](const QString &id) { model->removeConnection(id); });
    connect(m_browser, &SchemaBrowser::currentChanged, this,
            &SchemaBrowserFeature::onCurrentChanged);
}

void SchemaBrowserFeature::onCurrentChanged(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString connectionId = index.data(SchemaTreeModel::ConnectionIdRole).toString();
    SchemaTreeModel *model = m_browser->model();
    if (const Table *table = model->table(index)) {
        m_window->selectTable(connectionId, *table);
        return;
    }
    m_window->setCurrentConnection(connectionId);
    if (NodeKind(index.data(SchemaTreeModel::NodeKindRole).toInt()) != NodeKind::Object)
        return;
    const Catalog *catalog = model->catalog(connectionId);
    const Schema *schema
        = catalog ? catalog->schema(index.data(SchemaTreeModel::SchemaNameRole).toString())
                  : nullptr;
    if (!schema)
        return;
    const QString name = index.data(SchemaTreeModel::ObjectNameRole).toString();
    const QString qualified = QStringLiteral("%1.%2").arg(schema->name, name);
    for (const Sequence &s : schema->sequences) {
        if (s.name != name)
            continue;
        const QLocale locale;
        QString subtitle = tr("Sequence · %1 · start %2, increment %3")
                               .arg(s.dataType, locale.toString(s.start),
                                    locale.toString(s.increment));
        if (!s.ownedBy.isEmpty())
            subtitle += tr(" · owned by %1").arg(s.ownedBy);
        m_window->selectDefinition(connectionId, qualified, subtitle, QString());
        return;
    }
    for (const Routine &r : schema->routines) {
        if (r.name != name)
            continue;
        const QString subtitle = r.returnType.isEmpty()
                                     ? tr("Procedure · %1").arg(r.language)
                                     : tr("Function returning %1 · %2").arg(r.returnType, r.language);
        m_window->selectDefinition(connectionId, QStringLiteral("%1(%2)").arg(qualified, r.arguments),
                                   subtitle, r.definition);
        return;
    }
}

} // namespace Strata
