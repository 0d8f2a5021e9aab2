// SPDX-License-Identifier: GPL-3.0-or-later
#include "historypanel.h"

#include "historymodel.h"

#include "history/queryhistory.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Strata {

HistoryPanel::HistoryPanel(QueryHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_model(new HistoryModel(this))
    , m_search(new QLineEdit(this))
    , m_currentOnly(new QCheckBox(tr("Current connection"), this))
    , m_view(new QTreeView(this))
    , m_preview(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_insert(new QAction(tr("Insert into query tab"), this))
    , m_copy(new QAction(tr("Copy statement"), this))
{
    m_search->setPlaceholderText(tr("Search statements…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Shows the statements that contain this text"));
    m_currentOnly->setToolTip(tr("Only statements run on the current connection"));
    m_status->setTextFormat(Qt::PlainText);

    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(HistoryModel::Time, 110);
    m_view->setColumnWidth(HistoryModel::Connection, 130);
    m_view->setColumnWidth(HistoryModel::Duration, 70);
    m_view->setColumnWidth(HistoryModel::Rows, 55);
    m_view->setColumnWidth(HistoryModel::Error, 130);

    m_insert->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_insert->setShortcutContext(Qt::WidgetShortcut);
    m_insert->setToolTip(tr("Insert the statement at the cursor of the current query tab "
                            "(Enter or double-click)"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    m_copy->setToolTip(tr("Copy the whole statement to the clipboard (Ctrl+C)"));
    m_view->addAction(m_insert);
    m_view->addAction(m_copy);
    connect(m_insert, &QAction::triggered, this, [this] {
        const QString sql = selectedSql();
        if (!sql.isEmpty())
            Q_EMIT insertRequested(sql);
    });
    connect(m_copy, &QAction::triggered, this, [this] {
        const QString sql = selectedSql();
        if (!sql.isEmpty())
            QGuiApplication::clipboard()->setText(sql);
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT insertRequested(index.siblingAtColumn(0).data(HistoryModel::FullSqlRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryPanel::updatePreview);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPanel::updatePreview);

    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setPlaceholderText(tr("The selected statement"));

    connect(m_search, &QLineEdit::textChanged, this, &HistoryPanel::refresh);
    connect(m_currentOnly, &QCheckBox::toggled, this, &HistoryPanel::refresh);

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(4, 4, 4, 0);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_currentOnly);
    // The dock is wide and low: the preview sits beside the list.
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
}

void HistoryPanel::setCurrentConnectionKey(const QString &key)
{
    if (key == m_currentKey)
        return;
    m_currentKey = key;
    if (m_currentOnly->isChecked())
        refresh();
}

void HistoryPanel::refresh()
{
    if (!m_history->isOpen()) {
        if (Result<void> opened = m_history->open(); !opened) {
            m_model->setEntries({});
            m_status->setText(opened.error().toString());
            return;
        }
    }
    if (m_currentOnly->isChecked() && m_currentKey.isEmpty()) {
        m_model->setEntries({});
        m_status->setText(tr("No connection is current."));
        return;
    }
    const QString key = m_currentOnly->isChecked() ? m_currentKey : QString();
    const Result<QList<HistoryEntry>> entries = m_history->search(key, m_search->text(), Limit);
    if (!entries) {
        m_model->setEntries({});
        m_status->setText(entries.error().toString());
        return;
    }
    m_model->setEntries(entries.value());
    const int count = int(entries.value().size());
    m_status->setText(count >= Limit ? tr("The newest %L1 statements").arg(count)
                      : count == 1   ? tr("1 statement")
                                     : tr("%L1 statements").arg(count));
}

QString HistoryPanel::selectedSql() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.siblingAtColumn(0).data(HistoryModel::FullSqlRole).toString()
                           : QString();
}

void HistoryPanel::updatePreview()
{
    m_preview->setPlainText(selectedSql());
}

} // namespace Strata
