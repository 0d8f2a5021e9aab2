// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "catalog/catalog.h"
#include "schema/catalogfilterindex.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Strata {

// The lazy schema tree: connection → schemas → Tables / Views / Materialized views /
// Sequences / Routines → objects → Columns / Indexes / Foreign keys / Triggers. Nodes are
// created only when a view asks for them; the filter rebuilds the visible object lists
// from a CatalogFilterIndex.
class STRATA_UI_EXPORT SchemaTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class NodeKind { Connection, Schema, Folder, Object, Group, Detail };
    enum class Group { Columns, Indexes, ForeignKeys, Triggers };
    enum Role {
        NodeKindRole = Qt::UserRole + 1, // int(NodeKind)
        ConnectionIdRole,
        SchemaNameRole,
        ObjectNameRole,                  // table, view, sequence or routine name
        FolderRole,                      // int(CatalogFilterIndex::Folder) for folders and objects
    };

    explicit SchemaTreeModel(QObject *parent = nullptr);
    ~SchemaTreeModel() override;

    // Adds the connection, or replaces its catalog; status is shown while there is none
    // ("connecting…", an error).
    void setConnection(const QString &id, const QString &title);
    void setCatalog(const QString &id, const Catalog &catalog);
    void setStatus(const QString &id, const QString &status);
    void removeConnection(const QString &id);
    QStringList connectionIds() const;

    void setFilter(const QString &text);
    QString filter() const;

    // The table or view behind an Object node (or any node below one), else null.
    const Table *table(const QModelIndex &index) const;
    const Catalog *catalog(const QString &connectionId) const;
    QModelIndex connectionIndex(const QString &id) const;
    QModelIndex objectIndex(const QString &connectionId, const QString &schema,
                            const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node;
    struct Entry;

    Node *nodeOf(const QModelIndex &index) const;
    void populate(Node *node) const;
    void addChild(Node *parent, int kind, int a = -1, int b = -1) const;
    int entryRow(const QString &id) const;
    QString text(const Node *node) const;
    QVariant icon(const Node *node) const;
    QString toolTip(const Node *node) const;
    void resetNodes(Entry &entry);

    std::vector<std::unique_ptr<Entry>> m_entries;
    QString m_filter;
};

} // namespace Strata
