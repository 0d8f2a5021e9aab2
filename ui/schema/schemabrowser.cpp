// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemabrowser.h"

#include "schematreemodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace Strata {

using NodeKind = SchemaTreeModel::NodeKind;

SchemaBrowser::SchemaBrowser(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_model(new SchemaTreeModel(this))
{
    m_filter->setPlaceholderText(tr("Filter tables, views and columns"));
    m_filter->setClearButtonEnabled(true);
    m_view->setModel(m_model);
    m_view->setHeaderHidden(true);
    // Uniform rows let the view lay out 100,000 rows without asking each one for its size.
    m_view->setUniformRowHeights(true);
    m_view->setAnimated(false);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &SchemaBrowser::setFilter);
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (!m_restoring && m_model->filter().isEmpty())
            m_expanded.insert(keyOf(index));
    });
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (!m_restoring && m_model->filter().isEmpty())
            m_expanded.remove(keyOf(index));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { Q_EMIT currentChanged(current); });
}

QString SchemaBrowser::keyOf(const QModelIndex &index) const
{
    QStringList parts;
    for (QModelIndex i = index; i.isValid(); i = i.parent()) {
        switch (NodeKind(i.data(SchemaTreeModel::NodeKindRole).toInt())) {
        case NodeKind::Connection:
            parts.prepend(i.data(SchemaTreeModel::ConnectionIdRole).toString());
            break;
        case NodeKind::Schema:
            parts.prepend(i.data(SchemaTreeModel::SchemaNameRole).toString());
            break;
        case NodeKind::Folder:
            parts.prepend(QString::number(i.data(SchemaTreeModel::FolderRole).toInt()));
            break;
        default:
            parts.prepend(i.data(SchemaTreeModel::ObjectNameRole).toString()
                          + QString::number(i.row()));
            break;
        }
    }
    return parts.join(QChar(0x1f));
}

void SchemaBrowser::setFilter(const QString &text)
{
    if (m_filter->text() != text) {
        m_filter->setText(text);  // re-enters through textChanged
        return;
    }
    m_model->setFilter(text);
    restoreExpansion();
}

void SchemaBrowser::restoreExpansion()
{
    m_restoring = true;
    const bool filtered = !m_model->filter().isEmpty();
    for (int c = 0; c < m_model->rowCount(); ++c) {
        const QModelIndex connection = m_model->index(c, 0);
        if (!filtered && !m_expanded.contains(keyOf(connection)))
            continue;
        m_view->expand(connection);
        for (int s = 0; s < m_model->rowCount(connection); ++s) {
            const QModelIndex schema = m_model->index(s, 0, connection);
            if (!filtered && !m_expanded.contains(keyOf(schema)))
                continue;
            m_view->expand(schema);
            for (int f = 0; f < m_model->rowCount(schema); ++f) {
                const QModelIndex folder = m_model->index(f, 0, schema);
                if (filtered || m_expanded.contains(keyOf(folder)))
                    m_view->expand(folder);
            }
        }
    }
    m_restoring = false;
}

void SchemaBrowser::revealConnection(const QString &connectionId)
{
    const QModelIndex connection = m_model->connectionIndex(connectionId);
    if (!connection.isValid())
        return;
    m_view->expand(connection);
    const int schemas = m_model->rowCount(connection);
    for (int s = 0; s < schemas; ++s) {
        const QModelIndex schema = m_model->index(s, 0, connection);
        m_view->expand(schema);
        if (schemas == 1 && m_model->rowCount(schema) > 0)
            m_view->expand(m_model->index(0, 0, schema));
    }
}

bool SchemaBrowser::selectObject(const QString &connectionId, const QString &schema,
                                 const QString &name)
{
    const QModelIndex object = m_model->objectIndex(connectionId, schema, name);
    if (!object.isValid())
        return false;
    for (QModelIndex parent = object.parent(); parent.isValid(); parent = parent.parent())
        m_view->expand(parent);
    m_view->setCurrentIndex(object);
    m_view->scrollTo(object);
    return true;
}

} // namespace Strata
