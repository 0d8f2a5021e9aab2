// SPDX-License-Identifier: GPL-3.0-or-later
#include "schematreemodel.h"

#include "shell/icons.h"

#include <QLocale>

namespace Strata {

using Folder = CatalogFilterIndex::Folder;

struct SchemaTreeModel::Node
{
    Node *parent = nullptr;
    Entry *entry = nullptr;
    NodeKind kind = NodeKind::Connection;
    int row = 0;
    int schema = -1;
    int folder = -1;
    int object = -1;          // position in Schema::tables, ::sequences or ::routines
    bool nameMatched = true;  // objects: false when only a column name matched the filter
    int group = -1;
    int detail = -1;          // position in the group's list (columns, indexes, ...)
    bool populated = false;
    std::vector<std::unique_ptr<Node>> children;
};

struct SchemaTreeModel::Entry
{
    QString id;
    QString title;
    QString status;
    bool hasCatalog = false;
    Catalog catalog;
    CatalogFilterIndex index;
    std::unique_ptr<Node> root;
};

namespace {

QString folderLabel(int folder)
{
    switch (folder) {
    case Folder::Tables:
        return SchemaTreeModel::tr("Tables");
    case Folder::Views:
        return SchemaTreeModel::tr("Views");
    case Folder::MaterializedViews:
        return SchemaTreeModel::tr("Materialized views");
    case Folder::Sequences:
        return SchemaTreeModel::tr("Sequences");
    case Folder::Routines:
        return SchemaTreeModel::tr("Routines");
    }
    return {};
}

QString groupLabel(int group)
{
    switch (SchemaTreeModel::Group(group)) {
    case SchemaTreeModel::Group::Columns:
        return SchemaTreeModel::tr("Columns");
    case SchemaTreeModel::Group::Indexes:
        return SchemaTreeModel::tr("Indexes");
    case SchemaTreeModel::Group::ForeignKeys:
        return SchemaTreeModel::tr("Foreign keys");
    case SchemaTreeModel::Group::Triggers:
        return SchemaTreeModel::tr("Triggers");
    }
    return {};
}

qsizetype groupSize(const Table &table, int group)
{
    switch (SchemaTreeModel::Group(group)) {
    case SchemaTreeModel::Group::Columns:
        return table.columns.size();
    case SchemaTreeModel::Group::Indexes:
        return table.indexes.size();
    case SchemaTreeModel::Group::ForeignKeys:
        return table.foreignKeys.size();
    case SchemaTreeModel::Group::Triggers:
        return table.triggers.size();
    }
    return 0;
}

QString withCount(const QString &label, qsizetype visible, qsizetype total, bool filtered)
{
    const QLocale locale;
    if (filtered && visible != total) {
        return SchemaTreeModel::tr("%1 (%2 of %3)")
            .arg(label, locale.toString(qlonglong(visible)), locale.toString(qlonglong(total)));
    }
    return SchemaTreeModel::tr("%1 (%2)").arg(label, locale.toString(qlonglong(total)));
}

// Tooltips are rich text when they look like HTML: escape server-supplied names.
QString plainToolTip(const QString &text)
{
    return QStringLiteral("<p style='white-space:pre'>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace

SchemaTreeModel::SchemaTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

SchemaTreeModel::~SchemaTreeModel() = default;

int SchemaTreeModel::entryRow(const QString &id) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i]->id == id)
            return int(i);
    }
    return -1;
}

QStringList SchemaTreeModel::connectionIds() const
{
    QStringList ids;
    for (const auto &entry : m_entries)
        ids << entry->id;
    return ids;
}

void SchemaTreeModel::setConnection(const QString &id, const QString &title)
{
    const int row = entryRow(id);
    if (row >= 0) {
        m_entries[size_t(row)]->title = title;
        const QModelIndex idx = createIndex(row, 0, m_entries[size_t(row)]->root.get());
        Q_EMIT dataChanged(idx, idx);
        return;
    }
    const int newRow = int(m_entries.size());
    beginInsertRows({}, newRow, newRow);
    auto entry = std::make_unique<Entry>();
    entry->id = id;
    entry->title = title;
    entry->root = std::make_unique<Node>();
    entry->root->entry = entry.get();
    entry->root->row = newRow;
    m_entries.push_back(std::move(entry));
    endInsertRows();
}

void SchemaTreeModel::resetNodes(Entry &entry)
{
    Node *root = entry.root.get();
    const QModelIndex idx = createIndex(root->row, 0, root);
    if (!root->children.empty()) {
        beginRemoveRows(idx, 0, int(root->children.size()) - 1);
        root->children.clear();
        endRemoveRows();
    }
    // Build the new children off-model, then announce them, so views never see a count
    // they were not told about.
    Node staging;
    staging.entry = &entry;
    staging.kind = NodeKind::Connection;
    populate(&staging);
    if (!staging.children.empty()) {
        beginInsertRows(idx, 0, int(staging.children.size()) - 1);
        root->children = std::move(staging.children);
        for (auto &child : root->children)
            child->parent = root;
        endInsertRows();
    }
    root->populated = true;
    Q_EMIT dataChanged(idx, idx);
}

void SchemaTreeModel::setCatalog(const QString &id, const Catalog &catalog)
{
    if (entryRow(id) < 0)
        setConnection(id, catalog.database);
    Entry &entry = *m_entries[size_t(entryRow(id))];
    entry.catalog = catalog;
    entry.hasCatalog = true;
    entry.status.clear();
    entry.index.build(entry.catalog);
    entry.index.setFilter(m_filter);
    resetNodes(entry);
}

void SchemaTreeModel::setStatus(const QString &id, const QString &status)
{
    const int row = entryRow(id);
    if (row < 0)
        return;
    m_entries[size_t(row)]->status = status;
    const QModelIndex idx = createIndex(row, 0, m_entries[size_t(row)]->root.get());
    Q_EMIT dataChanged(idx, idx);
}

void SchemaTreeModel::removeConnection(const QString &id)
{
    const int row = entryRow(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.erase(m_entries.begin() + row);
    for (size_t i = size_t(row); i < m_entries.size(); ++i)
        m_entries[i]->root->row = int(i);
    endRemoveRows();
}

void SchemaTreeModel::setFilter(const QString &text)
{
    if (text.trimmed().toLower() == m_filter)
        return;
    beginResetModel();
    m_filter = text.trimmed().toLower();
    for (auto &entry : m_entries) {
        entry->index.setFilter(m_filter);
        entry->root->children.clear();
        entry->root->populated = false;
    }
    endResetModel();
}

QString SchemaTreeModel::filter() const
{
    return m_filter;
}

void SchemaTreeModel::addChild(Node *parent, int kind, int a, int b) const
{
    auto child = std::make_unique<Node>();
    child->parent = parent;
    child->entry = parent->entry;
    child->kind = NodeKind(kind);
    child->row = int(parent->children.size());
    child->schema = parent->schema;
    child->folder = parent->folder;
    child->object = parent->object;
    child->nameMatched = parent->nameMatched;
    child->group = parent->group;
    switch (NodeKind(kind)) {
    case NodeKind::Schema:
        child->schema = a;
        break;
    case NodeKind::Folder:
        child->folder = a;
        break;
    case NodeKind::Object:
        child->object = a;
        child->nameMatched = b != 0;
        break;
    case NodeKind::Group:
        child->group = a;
        break;
    case NodeKind::Detail:
        child->detail = a;
        break;
    case NodeKind::Connection:
        break;
    }
    parent->children.push_back(std::move(child));
}

void SchemaTreeModel::populate(Node *node) const
{
    if (node->populated)
        return;
    node->populated = true;
    const Entry &entry = *node->entry;
    if (!entry.hasCatalog)
        return;
    const bool filtered = !m_filter.isEmpty();
    switch (node->kind) {
    case NodeKind::Connection:
        for (int s = 0; s < entry.index.schemaCount(); ++s) {
            if (!filtered || entry.index.schema(s).visibleCount > 0)
                addChild(node, int(NodeKind::Schema), s);
        }
        break;
    case NodeKind::Schema: {
        const auto &schema = entry.index.schema(node->schema);
        for (int f = 0; f < Folder::FolderCount; ++f) {
            const auto &folder = schema.folders[size_t(f)];
            const bool show = filtered ? !folder.visible.empty()
                                       : (!folder.all.empty() || f == Folder::Tables);
            if (show)
                addChild(node, int(NodeKind::Folder), f);
        }
        break;
    }
    case NodeKind::Folder: {
        const auto &folder = entry.index.schema(node->schema).folders[size_t(node->folder)];
        node->children.reserve(folder.visible.size());
        for (size_t i = 0; i < folder.visible.size(); ++i)
            addChild(node, int(NodeKind::Object), folder.visible[i], folder.nameMatches[i]);
        break;
    }
    case NodeKind::Object: {
        if (node->folder >= Folder::Sequences)
            break;
        const Table &table = entry.catalog.schemas.at(node->schema).tables.at(node->object);
        addChild(node, int(NodeKind::Group), int(Group::Columns));
        if (!node->nameMatched)
            break;
        for (Group g : {Group::Indexes, Group::ForeignKeys, Group::Triggers}) {
            if (table.kind == Table::Kind::Table && groupSize(table, int(g)) > 0)
                addChild(node, int(NodeKind::Group), int(g));
        }
        break;
    }
    case NodeKind::Group: {
        const Table &table = entry.catalog.schemas.at(node->schema).tables.at(node->object);
        const qsizetype size = groupSize(table, node->group);
        for (qsizetype i = 0; i < size; ++i) {
            if (!node->nameMatched
                && !table.columns.at(i).name.toLower().contains(m_filter)) {
                continue;
            }
            addChild(node, int(NodeKind::Detail), int(i));
        }
        break;
    }
    case NodeKind::Detail:
        break;
    }
}

SchemaTreeModel::Node *SchemaTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid()) {
        if (size_t(row) >= m_entries.size())
            return {};
        return createIndex(row, 0, m_entries[size_t(row)]->root.get());
    }
    Node *node = nodeOf(parent);
    populate(node);
    if (size_t(row) >= node->children.size())
        return {};
    return createIndex(row, 0, node->children[size_t(row)].get());
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    Node *node = nodeOf(child);
    if (!node || !node->parent)
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.column() != 0)
        return 0;
    Node *node = nodeOf(parent);
    populate(node);
    return int(node->children.size());
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool SchemaTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_entries.empty();
    if (parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    // Answer for folders and objects without creating their (possibly many) children.
    if (!node->populated && node->entry->hasCatalog) {
        if (node->kind == NodeKind::Folder) {
            const auto &schema = node->entry->index.schema(node->schema);
            return !schema.folders[size_t(node->folder)].visible.empty();
        }
        if (node->kind == NodeKind::Object)
            return node->folder < Folder::Sequences;
    }
    return rowCount(parent) > 0;
}

Qt::ItemFlags SchemaTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

const Table *SchemaTreeModel::table(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    while (node && node->kind != NodeKind::Object)
        node = node->parent;
    if (!node || node->folder >= Folder::Sequences)
        return nullptr;
    return &node->entry->catalog.schemas.at(node->schema).tables.at(node->object);
}

const Catalog *SchemaTreeModel::catalog(const QString &connectionId) const
{
    const int row = entryRow(connectionId);
    if (row < 0 || !m_entries[size_t(row)]->hasCatalog)
        return nullptr;
    return &m_entries[size_t(row)]->catalog;
}

QModelIndex SchemaTreeModel::connectionIndex(const QString &id) const
{
    const int row = entryRow(id);
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex SchemaTreeModel::objectIndex(const QString &connectionId, const QString &schema,
                                         const QString &name) const
{
    const QModelIndex connection = connectionIndex(connectionId);
    if (!connection.isValid())
        return {};
    for (int s = 0; s < rowCount(connection); ++s) {
        const QModelIndex schemaIndex = index(s, 0, connection);
        if (schemaIndex.data(SchemaNameRole).toString() != schema)
            continue;
        for (int f = 0; f < rowCount(schemaIndex); ++f) {
            const QModelIndex folder = index(f, 0, schemaIndex);
            for (int o = 0; o < rowCount(folder); ++o) {
                const QModelIndex object = index(o, 0, folder);
                if (object.data(ObjectNameRole).toString() == name)
                    return object;
            }
        }
    }
    return {};
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return {};
    const Entry &entry = *node->entry;
    switch (role) {
    case Qt::DisplayRole:
        return text(node);
    case Qt::DecorationRole:
        return icon(node);
    case Qt::ToolTipRole:
        return plainToolTip(toolTip(node));
    case NodeKindRole:
        return int(node->kind);
    case ConnectionIdRole:
        return entry.id;
    case SchemaNameRole:
        return node->schema >= 0 ? entry.catalog.schemas.at(node->schema).name : QVariant();
    case ObjectNameRole: {
        if (node->object < 0)
            return {};
        const Schema &schema = entry.catalog.schemas.at(node->schema);
        if (node->folder == Folder::Sequences)
            return schema.sequences.at(node->object).name;
        if (node->folder == Folder::Routines)
            return schema.routines.at(node->object).name;
        return schema.tables.at(node->object).name;
    }
    case FolderRole:
        return node->folder >= 0 ? QVariant(node->folder) : QVariant();
    default:
        return {};
    }
}

QString SchemaTreeModel::text(const Node *node) const
{
    const Entry &entry = *node->entry;
    const bool filtered = !m_filter.isEmpty();
    switch (node->kind) {
    case NodeKind::Connection:
        return entry.status.isEmpty() ? entry.title : tr("%1 — %2").arg(entry.title, entry.status);
    case NodeKind::Schema:
        return entry.catalog.schemas.at(node->schema).name;
    case NodeKind::Folder: {
        const auto &folder = entry.index.schema(node->schema).folders[size_t(node->folder)];
        return withCount(folderLabel(node->folder), qsizetype(folder.visible.size()),
                         qsizetype(folder.all.size()), filtered);
    }
    case NodeKind::Object: {
        const Schema &schema = entry.catalog.schemas.at(node->schema);
        if (node->folder == Folder::Sequences)
            return schema.sequences.at(node->object).name;
        if (node->folder == Folder::Routines) {
            const Routine &routine = schema.routines.at(node->object);
            return QStringLiteral("%1(%2)").arg(routine.name, routine.arguments);
        }
        return schema.tables.at(node->object).name;
    }
    case NodeKind::Group: {
        const Table &table = entry.catalog.schemas.at(node->schema).tables.at(node->object);
        const qsizetype total = groupSize(table, node->group);
        populate(const_cast<Node *>(node));
        return withCount(groupLabel(node->group), qsizetype(node->children.size()), total,
                         filtered);
    }
    case NodeKind::Detail: {
        const Table &table = entry.catalog.schemas.at(node->schema).tables.at(node->object);
        switch (Group(node->group)) {
        case Group::Columns: {
            const Column &column = table.columns.at(node->detail);
            return QStringLiteral("%1 (%2)").arg(column.name, column.type);
        }
        case Group::Indexes: {
            const Index &idx = table.indexes.at(node->detail);
            return QStringLiteral("%1 (%2)").arg(idx.name, idx.columns.join(QStringLiteral(", ")));
        }
        case Group::ForeignKeys: {
            const ForeignKey &fk = table.foreignKeys.at(node->detail);
            return QStringLiteral("%1 → %2(%3)")
                .arg(fk.name, fk.refTable, fk.refColumns.join(QStringLiteral(", ")));
        }
        case Group::Triggers: {
            const Trigger &trigger = table.triggers.at(node->detail);
            return QStringLiteral("%1 (%2 %3)")
                .arg(trigger.name, trigger.timing, trigger.events.join(QStringLiteral(" OR ")));
        }
        }
        break;
    }
    }
    return {};
}

QString SchemaTreeModel::toolTip(const Node *node) const
{
    const Entry &entry = *node->entry;
    if (node->kind == NodeKind::Connection) {
        if (!entry.hasCatalog)
            return text(node);
        return tr("%1\n%2 %3\n%4 objects")
            .arg(entry.title, entry.catalog.engine, entry.catalog.serverVersion,
                 QLocale().toString(entry.index.objectCount()));
    }
    if (node->kind == NodeKind::Object && node->folder < Folder::Sequences) {
        const Table &table = entry.catalog.schemas.at(node->schema).tables.at(node->object);
        QString tip = QStringLiteral("%1.%2").arg(table.schema, table.name);
        if (table.rowEstimate >= 0)
            tip += tr("\n≈ %1 rows").arg(QLocale().toString(table.rowEstimate));
        if (!table.comment.isEmpty())
            tip += QLatin1Char('\n') + table.comment;
        return tip;
    }
    return text(node);
}

QVariant SchemaTreeModel::icon(const Node *node) const
{
    const Entry &entry = *node->entry;
    switch (node->kind) {
    case NodeKind::Connection:
        return Icons::icon(Icons::Database);
    case NodeKind::Schema:
        return Icons::icon(Icons::Schema);
    case NodeKind::Folder:
    case NodeKind::Group:
        return Icons::icon(Icons::Folder);
    case NodeKind::Object:
        switch (node->folder) {
        case Folder::Tables:
            return Icons::icon(Icons::Table);
        case Folder::Views:
        case Folder::MaterializedViews:
            return Icons::icon(Icons::View);
        case Folder::Sequences:
            return Icons::icon(Icons::Sequence);
        default:
            return Icons::icon(Icons::Routine);
        }
    case NodeKind::Detail:
        switch (Group(node->group)) {
        case Group::Columns: {
            const Table &table = entry.catalog.schemas.at(node->schema).tables.at(node->object);
            return table.primaryKey.contains(table.columns.at(node->detail).name)
                       ? Icons::icon(Icons::Key)
                       : Icons::icon(Icons::Column);
        }
        case Group::Indexes:
            return Icons::icon(Icons::Index);
        case Group::ForeignKeys:
            return Icons::icon(Icons::ForeignKey);
        case Group::Triggers:
            return Icons::icon(Icons::Trigger);
        }
    }
    return {};
}

} // namespace Strata
