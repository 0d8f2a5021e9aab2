// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog.h"

#include <tuple>

namespace Strata {

bool Column::operator==(const Column &o) const
{
    return std::tie(name, type, nullable, defaultValue, comment, autoIncrement, generated, collation)
           == std::tie(o.name, o.type, o.nullable, o.defaultValue, o.comment, o.autoIncrement,
                       o.generated, o.collation);
}

bool Index::operator==(const Index &o) const
{
    return std::tie(name, columns, unique, primary, method, predicate)
           == std::tie(o.name, o.columns, o.unique, o.primary, o.method, o.predicate);
}

bool ForeignKey::operator==(const ForeignKey &o) const
{
    return std::tie(name, columns, refSchema, refTable, refColumns, onDelete, onUpdate)
           == std::tie(o.name, o.columns, o.refSchema, o.refTable, o.refColumns, o.onDelete,
                       o.onUpdate);
}

bool UniqueConstraint::operator==(const UniqueConstraint &o) const
{
    return std::tie(name, columns) == std::tie(o.name, o.columns);
}

bool CheckConstraint::operator==(const CheckConstraint &o) const
{
    return std::tie(name, expression) == std::tie(o.name, o.expression);
}

bool Trigger::operator==(const Trigger &o) const
{
    return std::tie(name, timing, events, definition)
           == std::tie(o.name, o.timing, o.events, o.definition);
}

const Column *Table::column(const QString &columnName) const
{
    for (const Column &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

QString Table::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Table:
        return QStringLiteral("table");
    case Kind::View:
        return QStringLiteral("view");
    case Kind::MaterializedView:
        return QStringLiteral("materialized_view");
    }
    return {};
}

bool Table::operator==(const Table &o) const
{
    return std::tie(schema, name, kind, columns, primaryKeyName, primaryKey, uniqueConstraints,
                    checkConstraints, indexes, foreignKeys, triggers, comment, viewDefinition)
           == std::tie(o.schema, o.name, o.kind, o.columns, o.primaryKeyName, o.primaryKey,
                       o.uniqueConstraints, o.checkConstraints, o.indexes, o.foreignKeys,
                       o.triggers, o.comment, o.viewDefinition);
}

bool Sequence::operator==(const Sequence &o) const
{
    return std::tie(schema, name, dataType, start, increment, minValue, maxValue, cycle, ownedBy)
           == std::tie(o.schema, o.name, o.dataType, o.start, o.increment, o.minValue, o.maxValue,
                       o.cycle, o.ownedBy);
}

bool Routine::operator==(const Routine &o) const
{
    return std::tie(schema, name, kind, arguments, returnType, language, definition)
           == std::tie(o.schema, o.name, o.kind, o.arguments, o.returnType, o.language,
                       o.definition);
}

const Table *Schema::table(const QString &tableName) const
{
    for (const Table &t : tables) {
        if (t.name == tableName)
            return &t;
    }
    return nullptr;
}

bool Schema::operator==(const Schema &o) const
{
    return std::tie(name, tables, sequences, routines)
           == std::tie(o.name, o.tables, o.sequences, o.routines);
}

const Schema *Catalog::schema(const QString &name) const
{
    for (const Schema &s : schemas) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

const Table *Catalog::table(const QString &schemaName, const QString &tableName) const
{
    const Schema *s = schema(schemaName);
    return s ? s->table(tableName) : nullptr;
}

int Catalog::tableCount() const
{
    int count = 0;
    for (const Schema &s : schemas)
        count += int(s.tables.size());
    return count;
}

} // namespace Strata
