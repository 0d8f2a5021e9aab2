// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultview.h"

#include "copyactions.h"
#include "fetchallbar.h"
#include "resulteditor.h"
#include "resultexporter.h"
#include "resultgridmodel.h"
#include "valueviewer.h"

#include "results/rowstore.h"

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Strata {

ResultView::ResultView(RowStore *store, ConnectionManager *connections,
                       const QString &connectionId, const QString &statement, QWidget *parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_connectionId(connectionId)
    , m_statement(statement)
    , m_model(new ResultGridModel(store, this))
    , m_toolBar(new QToolBar(this))
    , m_view(new QTableView(this))
{
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);

    m_copyActions = new CopyActions(this);
    m_copyAsButton = new QToolButton(m_toolBar);
    m_copyAsButton->setDefaultAction(m_copyActions->copyAction());
    m_copyAsButton->setMenu(m_copyActions->menu());
    m_copyAsButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_copyAsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addWidget(m_copyAsButton);

    m_viewValue = new QAction(tr("View value…"), this);
    m_viewValue->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_Return),
                               QKeySequence(Qt::SHIFT | Qt::Key_Enter)});
    m_viewValue->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_viewValue->setToolTip(tr("Show the whole value of the current cell (Shift+Enter or "
                               "double-click)"));
    m_view->addAction(m_viewValue);
    m_toolBar->addAction(m_viewValue);
    connect(m_viewValue, &QAction::triggered, this, [this] { viewValue({}); });
    connect(m_view, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &index) { viewValue(index); });

    m_export = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Export…"), this);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_export->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_export->setToolTip(tr("Export the whole result to a CSV or JSON file (%1)")
                             .arg(m_export->shortcut().toString(QKeySequence::NativeText)));
    addAction(m_export);
    m_toolBar->addAction(m_export);

    m_fetchAll = new FetchAllBar(this);
    m_exporter = new ResultExporter(this);
    connect(m_export, &QAction::triggered, m_exporter, &ResultExporter::exportResult);

    // Only enabled while this view works, so it never competes with the query tab's Esc.
    m_cancelWork = new QAction(tr("Cancel fetch or export"), this);
    m_cancelWork->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelWork->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelWork->setToolTip(tr("Stop fetching all rows or exporting (Esc)"));
    m_cancelWork->setEnabled(false);
    addAction(m_cancelWork);
    connect(m_cancelWork, &QAction::triggered, this, [this] {
        m_fetchAll->cancel();
        m_exporter->cancel();
    });
    connect(m_fetchAll, &FetchAllBar::fetchStarted, this, &ResultView::updateCancelWork);
    connect(m_fetchAll, &FetchAllBar::fetchFinished, this, &ResultView::updateCancelWork);
    connect(m_exporter, &ResultExporter::exportStarted, this, &ResultView::updateCancelWork);
    connect(m_exporter, &ResultExporter::exportFinished, this, &ResultView::updateCancelWork);

    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ResultView::showContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view);
    layout->addWidget(m_fetchAll);
    layout->addWidget(m_exporter);

    if (store) {
        connect(store, &RowStore::finished, m_fetchAll, &FetchAllBar::update);
        m_fetchAll->update();
    }

    m_editor = new ResultEditor(this);
}

ResultView::~ResultView()
{
    // The bars stop their work before the model and the grid go.
    delete m_exporter;
    m_exporter = nullptr;
    delete m_fetchAll;
    m_fetchAll = nullptr;
}

RowStore *ResultView::store() const
{
    return m_model->store();
}

ValueViewer *ResultView::valueViewer() const
{
    return m_valueViewer;
}

bool ResultView::ask(const QString &title, const QString &text)
{
    if (m_asker)
        return m_asker(title, text);
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, this);
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

QString ResultView::chooseFile(const QString &suggestedPath)
{
    if (m_fileChooser)
        return m_fileChooser(suggestedPath);
    QString filter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export result"), suggestedPath,
                                                tr("CSV (*.csv);;JSON (*.json)"), &filter);
    if (!path.isEmpty() && !path.contains(QLatin1Char('.'), Qt::CaseSensitive)) {
        path += filter.contains(QLatin1String("json")) ? QStringLiteral(".json")
                                                       : QStringLiteral(".csv");
    }
    return path;
}

ValueViewer *ResultView::viewValue(const QModelIndex &index)
{
    const QModelIndex cell = index.isValid() ? index : m_view->currentIndex();
    if (!cell.isValid() || !store())
        return nullptr;
    const QVariant raw = cell.data(ResultGridModel::RawValueRole);
    ColumnInfo column = store()->columns().value(cell.column());
    column.name = cell.model()->headerData(cell.column(), Qt::Horizontal).toString();
    if (const QVariant kind = cell.data(ResultGridModel::CellKindRole); kind.isValid())
        column.kind = CellKind(kind.toInt());
    auto *viewer = new ValueViewer(column, raw.toByteArray(), !raw.isValid(), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    if (m_fileChooser)
        viewer->setFileChooser(m_fileChooser);
    m_valueViewer = viewer;
    viewer->show();
    return viewer;
}

void ResultView::updateCancelWork()
{
    if (m_fetchAll && m_exporter)
        m_cancelWork->setEnabled(m_fetchAll->isFetching() || m_exporter->isRunning());
}

void ResultView::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addAction(m_copyActions->copyAction());
    menu.addAction(m_copyActions->copyWithHeaderAction());
    menu.addMenu(m_copyActions->menu());
    menu.addSeparator();
    menu.addAction(m_viewValue);
    menu.addAction(m_export);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace Strata
