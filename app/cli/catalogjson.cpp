// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogjson.h"

#include "export/jsonwriter.h"
#include "export/outputbuffer.h"

#include <QJsonArray>

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

namespace {

void writeString(OutputBuffer &out, const QString &text)
{
    JsonWriter::writeString(out, text.toUtf8());
}

void writeStrings(OutputBuffer &out, const QStringList &list)
{
    out.put('[');
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out.write(", ", 2);
        writeString(out, list.at(i));
    }
    out.put(']');
}

void writeBool(OutputBuffer &out, bool value)
{
    if (value)
        out.write("true", 4);
    else
        out.write("false", 5);
}

void writeTable(OutputBuffer &out, const Table &table)
{
    out.write(QByteArrayView("{\"name\": "));
    writeString(out, table.name);
    out.write(QByteArrayView(", \"kind\": "));
    writeString(out, Table::kindName(table.kind));
    out.write(QByteArrayView(", \"columns\": ["));
    for (qsizetype i = 0; i < table.columns.size(); ++i) {
        const Column &column = table.columns.at(i);
        out.write(i > 0 ? QByteArrayView(", {\"name\": ") : QByteArrayView("{\"name\": "));
        writeString(out, column.name);
        out.write(QByteArrayView(", \"type\": "));
        writeString(out, column.type);
        out.write(QByteArrayView(", \"nullable\": "));
        writeBool(out, column.nullable);
        out.write(QByteArrayView(", \"default\": "));
        if (column.defaultValue)
            writeString(out, *column.defaultValue);
        else
            out.write("null", 4);
        out.put('}');
    }
    out.write(QByteArrayView("], \"primaryKey\": "));
    writeStrings(out, table.primaryKey);
    out.write(QByteArrayView(", \"indexes\": ["));
    for (qsizetype i = 0; i < table.indexes.size(); ++i) {
        const Index &index = table.indexes.at(i);
        out.write(i > 0 ? QByteArrayView(", {\"name\": ") : QByteArrayView("{\"name\": "));
        writeString(out, index.name);
        out.write(QByteArrayView(", \"columns\": "));
        writeStrings(out, index.columns);
        out.write(QByteArrayView(", \"unique\": "));
        writeBool(out, index.unique);
        out.put('}');
    }
    out.write(QByteArrayView("], \"foreignKeys\": ["));
    for (qsizetype i = 0; i < table.foreignKeys.size(); ++i) {
        const ForeignKey &key = table.foreignKeys.at(i);
        out.write(i > 0 ? QByteArrayView(", {\"name\": ") : QByteArrayView("{\"name\": "));
        writeString(out, key.name);
        out.write(QByteArrayView(", \"columns\": "));
        writeStrings(out, key.columns);
        out.write(QByteArrayView(", \"refSchema\": "));
        writeString(out, key.refSchema);
        out.write(QByteArrayView(", \"refTable\": "));
        writeString(out, key.refTable);
        out.write(QByteArrayView(", \"refColumns\": "));
        writeStrings(out, key.refColumns);
        out.put('}');
    }
    out.write(QByteArrayView("]}"));
}

} // namespace

void write(OutputBuffer &out, const Catalog &catalog)
{
    out.write(QByteArrayView("{\n  \"engine\": "));
    writeString(out, catalog.engine);
    out.write(QByteArrayView(",\n  \"serverVersion\": "));
    writeString(out, catalog.serverVersion);
    out.write(QByteArrayView(",\n  \"schemas\": ["));
    for (qsizetype s = 0; s < catalog.schemas.size(); ++s) {
        const Schema &schema = catalog.schemas.at(s);
        out.write(s > 0 ? QByteArrayView(",\n    {\"name\": ") : QByteArrayView("\n    {\"name\": "));
        writeString(out, schema.name);
        out.write(QByteArrayView(", \"tables\": ["));
        for (qsizetype t = 0; t < schema.tables.size(); ++t) {
            out.write(t > 0 ? QByteArrayView(",\n      ") : QByteArrayView("\n      "));
            writeTable(out, schema.tables.at(t));
        }
        out.write(schema.tables.isEmpty() ? QByteArrayView("]}") : QByteArrayView("\n    ]}"));
    }
    out.write(catalog.schemas.isEmpty() ? QByteArrayView("]\n}\n") : QByteArrayView("\n  ]\n}\n"));
}

QByteArray toBytes(const Catalog &catalog)
{
    QByteArray bytes;
    {
        OutputBuffer out(&bytes);
        write(out, catalog);
    }
    return bytes;
}

} // namespace Strata::Cli::CatalogJson
