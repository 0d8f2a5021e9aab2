// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectdetailsmodel.h"

#include <QGuiApplication>
#include <QPalette>

namespace Strata {

namespace {
QString joined(const QStringList &list)
{
    return list.join(QStringLiteral(", "));
}
} // namespace

ObjectDetailsModel::ObjectDetailsModel(Facet facet, QObject *parent)
    : QAbstractTableModel(parent)
    , m_facet(facet)
{
    switch (facet) {
    case Facet::Columns:
        m_headers = {tr("Name"), tr("Type"), tr("Nullable"), tr("Default"), tr("Comment")};
        break;
    case Facet::Keys:
        m_headers = {tr("Name"), tr("Kind"), tr("Definition")};
        break;
    case Facet::Indexes:
        m_headers = {tr("Name"), tr("Columns"), tr("Unique"), tr("Method"), tr("Predicate")};
        break;
    case Facet::ForeignKeys:
        m_headers = {tr("Name"), tr("Columns"), tr("References"), tr("On delete"), tr("On update")};
        break;
    case Facet::Triggers:
        m_headers = {tr("Name"), tr("Timing"), tr("Events"), tr("Definition")};
        break;
    }
}

QList<QStringList> ObjectDetailsModel::rowsFor(const Table &table) const
{
    QList<QStringList> rows;
    const QString yes = tr("yes");
    const QString no = tr("no");
    switch (m_facet) {
    case Facet::Columns:
        for (const Column &c : table.columns) {
            QString type = c.type;
            if (c.autoIncrement)
                type += tr(" (auto increment)");
            QString defaultText = c.defaultValue.value_or(QString());
            if (!c.generated.isEmpty())
                defaultText = tr("generated: %1").arg(c.generated);
            rows.append({c.name, type, c.nullable ? yes : no, defaultText, c.comment});
        }
        break;
    case Facet::Keys:
        if (!table.primaryKey.isEmpty()) {
            rows.append({table.primaryKeyName, tr("primary key"),
                         QStringLiteral("(%1)").arg(joined(table.primaryKey))});
        }
        for (const UniqueConstraint &u : table.uniqueConstraints)
            rows.append({u.name, tr("unique"), QStringLiteral("(%1)").arg(joined(u.columns))});
        for (const CheckConstraint &c : table.checkConstraints)
            rows.append({c.name, tr("check"), c.expression});
        break;
    case Facet::Indexes:
        for (const Index &i : table.indexes) {
            QString unique = i.primary ? tr("primary") : (i.unique ? yes : no);
            rows.append({i.name, joined(i.columns), unique, i.method, i.predicate});
        }
        break;
    case Facet::ForeignKeys:
        for (const ForeignKey &fk : table.foreignKeys) {
            const QString target = fk.refSchema.isEmpty()
                                       ? fk.refTable
                                       : QStringLiteral("%1.%2").arg(fk.refSchema, fk.refTable);
            rows.append({fk.name, joined(fk.columns),
                         QStringLiteral("%1(%2)").arg(target, joined(fk.refColumns)), fk.onDelete,
                         fk.onUpdate});
        }
        break;
    case Facet::Triggers:
        for (const Trigger &t : table.triggers) {
            QString definition = t.definition.simplified();
            rows.append({t.name, t.timing, t.events.join(QStringLiteral(" OR ")), definition});
        }
        break;
    }
    return rows;
}

void ObjectDetailsModel::setTable(const Table &table)
{
    beginResetModel();
    m_rows = rowsFor(table);
    m_nullDefault.clear();
    if (m_facet == Facet::Columns) {
        for (const Column &c : table.columns)
            m_nullDefault.append(!c.defaultValue.has_value() && c.generated.isEmpty());
    }
    endResetModel();
}

void ObjectDetailsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_nullDefault.clear();
    endResetModel();
}

int ObjectDetailsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObjectDetailsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant ObjectDetailsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_headers.size())
        return {};
    const QString &cell = m_rows.at(index.row()).at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return cell;
    case Qt::ToolTipRole:
        // Tooltips are rich text when they look like HTML: keep server text plain.
        if (cell.isEmpty())
            return {};
        return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(cell.toHtmlEscaped());
    case Qt::ForegroundRole:
        if (m_facet == Facet::Columns && index.column() == 3 && m_nullDefault.value(index.row()))
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    default:
        return {};
    }
}

QVariant ObjectDetailsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return m_headers.value(section);
    return section + 1;
}

} // namespace Strata
