// SPDX-License-Identifier: GPL-3.0-or-later
#include "othertoolspanel.h"

#include "othertoolsmodel.h"

#include "shell/panelshortcuts.h"

#include "connection/enginesession.h"
#include "plugins/idialect.h"

#include <QAction>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <memory>

namespace Strata {

OtherToolsPanel::OtherToolsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new OtherToolsModel(this))
    , m_heading(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_refresh(new QToolButton(this))
    , m_view(new QTreeView(this))
{
    m_heading->setTextFormat(Qt::PlainText);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);

    auto *refresh = new QAction(tr("&Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    refresh->setToolTip(tr("Read the other tools' history tables again (F5)"));
    connect(refresh, &QAction::triggered, this, &OtherToolsPanel::refresh);
    addAction(refresh);
    new PanelShortcuts(this, {refresh}); // F5 here, not the schema browser's
    m_refresh->setDefaultAction(refresh);
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(OtherToolsModel::DescriptionColumn, QHeaderView::Stretch);
    m_view->setToolTip(tr("Migrations applied by Sequelize, Knex, Prisma or Flyway, read from "
                          "their own history tables (read-only)"));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_heading, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);

    clear(tr("Choose a connection, then Connection ▸ Other Migration Tools…"));
}

OtherToolsPanel::~OtherToolsPanel() = default;

template<typename T, typename Done>
void OtherToolsPanel::whenFinished(quint64 generation, QFuture<T> future, Done done)
{
    auto *watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, done = std::move(done)]() {
                watcher->deleteLater();
                if (generation != m_generation)
                    return;
                // A session closed with the connection cancels what it had queued.
                if (watcher->isCanceled() || watcher->future().resultCount() == 0)
                    return finish(generation, {}, tr("The connection was closed."));
                done(watcher->result());
            });
    watcher->setFuture(future);
}

QString OtherToolsPanel::summary() const
{
    return m_summary->text();
}

void OtherToolsPanel::setSummary(const QString &text)
{
    m_summary->setText(text);
    m_summary->setVisible(!text.isEmpty());
}

void OtherToolsPanel::clear(const QString &message)
{
    ++m_generation;
    m_loading = false;
    m_session = nullptr;
    m_title.clear();
    m_heading->setText(tr("Other migration tools"));
    m_refresh->setEnabled(false);
    m_model->setHistories({});
    setSummary(message);
}

void OtherToolsPanel::refresh()
{
    if (m_session)
        load(m_session, m_title);
}

void OtherToolsPanel::load(EngineSession *session, const QString &title)
{
    const quint64 generation = ++m_generation;
    m_session = session;
    m_title = title;
    m_heading->setText(tr("Other migration tools on %1").arg(title));
    m_refresh->setEnabled(session != nullptr);
    m_model->setHistories({});
    if (!session) {
        m_loading = false;
        setSummary(tr("Not connected."));
        Q_EMIT loaded();
        return;
    }
    m_loading = true;
    setSummary(tr("Reading history tables…"));
    const QString schemaQuery = OtherToolHistory::defaultSchemaQuery(session->engine());
    if (schemaQuery.isEmpty()) {
        readSchema(generation, QStringLiteral("main"));
        return;
    }
    whenFinished(generation, session->query(schemaQuery),
                 [this, generation](const Result<QList<ResultSet>> &result) {
        if (!result)
            return finish(generation, {}, result.error().toString());
        if (result->isEmpty() || result->first().rowCount() == 0 || result->first().isNull(0, 0))
            return finish(generation, {}, tr("The connection has no default schema or database."));
        readSchema(generation, result->first().text(0, 0));
    });
}

void OtherToolsPanel::readSchema(quint64 generation, const QString &schema)
{
    if (!m_session)
        return finish(generation, {}, tr("The connection was closed."));
    CatalogRequest request;
    request.schemas = {schema};
    whenFinished(generation, m_session->loadCatalog(request),
                 [this, generation, schema](const Result<Catalog> &catalog) {
            if (!catalog)
                return finish(generation, {}, catalog.error().toString());
            readTables(generation, schema, catalog.value());
        });
}

void OtherToolsPanel::readTables(quint64 generation, const QString &schema, const Catalog &catalog)
{
    if (!m_session || !m_session->dialect())
        return finish(generation, {}, tr("The connection was closed."));
    const QList<OtherToolHistory::Plan> plans =
        OtherToolHistory::plan(catalog, schema, *m_session->dialect());
    if (plans.isEmpty()) {
        return finish(generation, {},
                      tr("No Sequelize, Knex, Prisma or Flyway history table in %1.").arg(schema));
    }
    // The session runs its queries in order: send them all, gather the answers here.
    struct Gathered
    {
        QList<OtherToolHistory> histories;
        QStringList errors;
        qsizetype pending = 0;
    };
    auto gathered = std::make_shared<Gathered>();
    for (const OtherToolHistory::Plan &plan : plans)
        gathered->histories << OtherToolHistory::fromRows(plan, nullptr);
    for (qsizetype i = 0; i < plans.size(); ++i) {
        const OtherToolHistory::Plan plan = plans.at(i);
        if (plan.sql.isEmpty())
            continue;
        ++gathered->pending;
        whenFinished(generation, m_session->query(plan.sql),
                     [this, generation, gathered, plan, i](const Result<QList<ResultSet>> &result) {
                if (result)
                    gathered->histories[i] =
                        OtherToolHistory::fromRows(plan, result->isEmpty() ? nullptr : &result->first());
                else
                    gathered->errors << tr("%1: %2").arg(plan.table, result.error().toString());
                if (--gathered->pending == 0)
                    finish(generation, gathered->histories, gathered->errors.join(u'\n'));
            });
    }
    if (gathered->pending == 0)
        finish(generation, gathered->histories, {});
}

void OtherToolsPanel::finish(quint64 generation, const QList<OtherToolHistory> &histories,
                             const QString &error)
{
    if (generation != m_generation || !m_loading)
        return;
    m_loading = false;
    m_model->setHistories(histories);
    m_view->expandAll();
    for (int c = 0; c < OtherToolsModel::ColumnCount; ++c) {
        if (c != OtherToolsModel::DescriptionColumn)
            m_view->resizeColumnToContents(c);
    }
    if (!error.isEmpty()) {
        setSummary(histories.isEmpty() ? error : tr("Some tables could not be read:\n%1").arg(error));
    } else if (!histories.isEmpty()) {
        QStringList tools;
        for (const OtherToolHistory &h : histories)
            tools << OtherToolsModel::toolTitle(h.tool);
        setSummary(tr("Found: %1. Read-only: Strata never writes these tables.").arg(tools.join(u", ")));
    }
    Q_EMIT loaded();
}

} // namespace Strata
