// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include <QSet>
#include <QWidget>

class QLineEdit;
class QTreeView;

namespace Strata {

class SchemaTreeModel;

// The schema tree with its filter box. Keeps folders expanded across filter changes and
// expands every matching folder while a filter is set.
class STRATA_UI_EXPORT SchemaBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaBrowser(QWidget *parent = nullptr);

    SchemaTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }

    void setFilter(const QString &text);
    // Expands the connection, its schemas and, with a single schema, its tables.
    void revealConnection(const QString &connectionId);
    // Selects (and scrolls to) an object; returns false when it is not in the tree.
    bool selectObject(const QString &connectionId, const QString &schema, const QString &name);

Q_SIGNALS:
    void currentChanged(const QModelIndex &index);

private:
    QString keyOf(const QModelIndex &index) const;
    void restoreExpansion();

    QLineEdit *m_filter;
    QTreeView *m_view;
    SchemaTreeModel *m_model;
    QSet<QString> m_expanded;
    bool m_restoring = false;
};

} // namespace Strata
