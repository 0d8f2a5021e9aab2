// SPDX-License-Identifier: GPL-3.0-or-later
#include "copyactions.h"

#include "resultview.h"
#include "selectedcells.h"

#include "connection/enginesession.h"
#include "connections/connectionmanager.h"
#include "export/copyformat.h"
#include "plugins/idialect.h"
#include "results/rowstore.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>

namespace Strata {

CopyActions::CopyActions(ResultView *view)
    : QObject(view)
    , m_view(view)
    , m_menu(new QMenu(tr("Copy as"), view))
{
    struct Spec
    {
        Format format;
        QString text;
        QString tip;
    };
    const QList<Spec> specs = {
        {Format::Tsv, tr("TSV"), tr("Copy the selected cells, tab-separated")},
        {Format::TsvWithHeader, tr("TSV with header"),
         tr("Copy the selected cells, tab-separated, with the column names first")},
        {Format::Csv, tr("CSV"), tr("Copy the selected cells as CSV (RFC 4180) with a header")},
        {Format::Json, tr("JSON"), tr("Copy the selected rows as a JSON array of objects")},
        {Format::Insert, tr("INSERT statements"),
         tr("Copy the selected rows as INSERT statements for their source table")},
    };
    m_menu->setToolTipsVisible(true);
    m_menu->setToolTip(tr("Copy the selected cells in another format"));
    for (const Spec &spec : specs) {
        auto *action = new QAction(spec.text, this);
        action->setToolTip(spec.tip);
        const Format format = spec.format;
        connect(action, &QAction::triggered, this, [this, format] { copy(format); });
        m_actions << action;
        if (format == Format::Csv)
            m_menu->addSeparator();
        m_menu->addAction(action);
    }
    connect(m_menu, &QMenu::aboutToShow, this, &CopyActions::updateEnabled);

    m_copy = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copyWithHeader = new QAction(tr("Copy with header"), this);
    m_copyWithHeader->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    for (QAction *action : {m_copy, m_copyWithHeader}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            action == m_copy ? tr("Copy the selected cells, tab-separated")
                             : tr("Copy the selected cells with the column names first"),
            action->shortcut().toString(QKeySequence::NativeText)));
        view->view()->addAction(action);
    }
    connect(m_copy, &QAction::triggered, this, [this] { copy(Format::Tsv); });
    connect(m_copyWithHeader, &QAction::triggered, this, [this] { copy(Format::TsvWithHeader); });
}

CopyActions::~CopyActions() = default;

QAction *CopyActions::action(Format format) const
{
    return m_actions.value(int(format));
}

void CopyActions::updateEnabled()
{
    const bool haveDialect = m_view->connections()
                             && m_view->connections()->dialect(m_view->connectionId());
    action(Format::Insert)->setEnabled(haveDialect);
}

QString CopyActions::text(Format format) const
{
    const RowStore *store = m_view->store();
    if (!store)
        return {};
    const SelectedCells cells = SelectedCells::fromView(m_view->view(), store->columns());
    if (cells.isEmpty())
        return {};
    switch (format) {
    case Format::Tsv:
        return CopyFormat::tsv(cells.columns, cells.rows, false);
    case Format::TsvWithHeader:
        return CopyFormat::tsv(cells.columns, cells.rows, true);
    case Format::Csv:
        return CopyFormat::csv(cells.columns, cells.rows);
    case Format::Json:
        return CopyFormat::json(cells.columns, cells.rows);
    case Format::Insert: {
        ConnectionManager *connections = m_view->connections();
        const IDialect *dialect = connections ? connections->dialect(m_view->connectionId()) : nullptr;
        const EngineSession *session = connections ? connections->session(m_view->connectionId())
                                                   : nullptr;
        if (!dialect || !session)
            return {};
        return CopyFormat::insert(cells.columns, cells.rows, *dialect,
                                  CopyFormat::binaryLiteralFor(session->engine()),
                                  CopyFormat::defaultTableName());
    }
    }
    return {};
}

void CopyActions::copy(Format format)
{
    // Whole values of a large selection take a moment; say so instead of looking frozen.
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const QString content = text(format);
    QGuiApplication::restoreOverrideCursor();
    if (content.isNull() && format != Format::Tsv)
        return;
    QGuiApplication::clipboard()->setText(content);
}

} // namespace Strata
