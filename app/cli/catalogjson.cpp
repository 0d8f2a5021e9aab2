// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Strata::Cli::CatalogJson {

namespace {

QJsonObject columnToJson(const Column &column)
{
    return QJsonObject{
        {QStringLiteral("name"), column.name},
        {QStringLiteral("type"), column.type},
        {QStringLiteral("nullable"), column.nullable},
        {QStringLiteral("default"),
         column.defaultValue ? QJsonValue(*column.defaultValue) : QJsonValue(QJsonValue::Null)},
    };
}

QJsonObject indexToJson(const Index &index)
{
    return QJsonObject{
        {QStringLiteral("name"), index.name},
        {QStringLiteral("columns"), QJsonArray::fromStringList(index.columns)},
        {QStringLiteral("unique"), index.unique},
    };
}

QJsonObject foreignKeyToJson(const ForeignKey &key)
{
    return QJsonObject{
        {QStringLiteral("name"), key.name},
        {QStringLiteral("columns"), QJsonArray::fromStringList(key.columns)},
        {QStringLiteral("refSchema"), key.refSchema},
        {QStringLiteral("refTable"), key.refTable},
        {QStringLiteral("refColumns"), QJsonArray::fromStringList(key.refColumns)},
    };
}

} // namespace

QJsonObject tableToJson(const Table &table)
{
    QJsonArray columns;
    for (const Column &column : table.columns)
        columns.append(columnToJson(column));
    QJsonArray indexes;
    for (const Index &index : table.indexes)
        indexes.append(indexToJson(index));
    QJsonArray foreignKeys;
    for (const ForeignKey &key : table.foreignKeys)
        foreignKeys.append(foreignKeyToJson(key));
    return QJsonObject{
        {QStringLiteral("name"), table.name},
        {QStringLiteral("kind"), Table::kindName(table.kind)},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("primaryKey"), QJsonArray::fromStringList(table.primaryKey)},
        {QStringLiteral("indexes"), indexes},
        {QStringLiteral("foreignKeys"), foreignKeys},
    };
}

QJsonObject toJson(const Catalog &catalog)
{
    QJsonArray schemas;
    for (const Schema &schema : catalog.schemas) {
        QJsonArray tables;
        for (const Table &table : schema.tables)
            tables.append(tableToJson(table));
        schemas.append(QJsonObject{
            {QStringLiteral("name"), schema.name},
            {QStringLiteral("tables"), tables},
        });
    }
    return QJsonObject{
        {QStringLiteral("engine"), catalog.engine},
        {QStringLiteral("serverVersion"), catalog.serverVersion},
        {QStringLiteral("schemas"), schemas},
    };
}

QByteArray toBytes(const Catalog &catalog, bool indented)
{
    QByteArray bytes = QJsonDocument(toJson(catalog))
                           .toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact);
    if (!bytes.endsWith('\n'))
        bytes.append('\n');
    return bytes;
}

} // namespace Strata::Cli::CatalogJson
