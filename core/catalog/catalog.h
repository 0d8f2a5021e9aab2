// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_core_global.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Strata {

// Engine-neutral catalog value types. Plain values: copied, compared, serialised.
// Sizes and row estimates are -1 where the engine does not know them.

struct STRATA_CORE_EXPORT Column
{
    QString name;
    QString type;                        // as the engine spells it: "character varying(40)", "int(11)"
    bool nullable = true;
    std::optional<QString> defaultValue; // the default expression; nullopt = no default
    QString comment;
    bool autoIncrement = false;          // serial/identity, AUTO_INCREMENT, INTEGER PRIMARY KEY
    QString generated;                   // generation expression of a generated column, else empty
    QString collation;                   // non-default collation, else empty

    bool operator==(const Column &o) const;
    bool operator!=(const Column &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT Index
{
    QString name;
    QStringList columns;   // column names, or expressions in their engine form
    bool unique = false;
    bool primary = false;  // the index behind the primary key
    QString method;        // btree, hash, gin, gist, BTREE, FULLTEXT, ...
    QString predicate;     // partial-index WHERE, else empty
    QString definition;    // the engine's own full definition when it has one (pg_get_indexdef)

    bool operator==(const Index &o) const;
    bool operator!=(const Index &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT ForeignKey
{
    QString name;
    QStringList columns;
    QString refSchema;
    QString refTable;
    QStringList refColumns;
    QString onDelete = QStringLiteral("NO ACTION"); // NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
    QString onUpdate = QStringLiteral("NO ACTION");

    bool operator==(const ForeignKey &o) const;
    bool operator!=(const ForeignKey &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT UniqueConstraint
{
    QString name;
    QStringList columns;
    bool operator==(const UniqueConstraint &o) const;
    bool operator!=(const UniqueConstraint &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT CheckConstraint
{
    QString name;
    QString expression;    // as the engine prints it back
    bool operator==(const CheckConstraint &o) const;
    bool operator!=(const CheckConstraint &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT Trigger
{
    QString name;
    QString timing;        // BEFORE, AFTER, INSTEAD OF
    QStringList events;    // INSERT, UPDATE, DELETE, TRUNCATE
    QString definition;    // full CREATE TRIGGER text where the engine gives it
    bool operator==(const Trigger &o) const;
    bool operator!=(const Trigger &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT Table
{
    enum class Kind { Table, View, MaterializedView };

    QString schema;
    QString name;
    Kind kind = Kind::Table;
    QList<Column> columns;
    QString primaryKeyName;
    QStringList primaryKey;
    QList<UniqueConstraint> uniqueConstraints;
    QList<CheckConstraint> checkConstraints;
    QList<Index> indexes;          // all indexes, including those behind PK/unique constraints
    QList<ForeignKey> foreignKeys;
    QList<Trigger> triggers;
    QString comment;
    QString viewDefinition;        // SELECT text for views and materialized views
    qint64 rowEstimate = -1;
    qint64 sizeBytes = -1;

    const Column *column(const QString &name) const;
    static QString kindName(Kind kind); // "table", "view", "materialized_view"

    // Structural equality: ignores rowEstimate and sizeBytes, which change with the data.
    bool operator==(const Table &o) const;
    bool operator!=(const Table &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT Sequence
{
    QString schema;
    QString name;
    QString dataType;
    qint64 start = 1;
    qint64 increment = 1;
    qint64 minValue = 0;
    qint64 maxValue = 0;
    bool cycle = false;
    QString ownedBy;               // "table.column" for serial/identity sequences, else empty
    bool operator==(const Sequence &o) const;
    bool operator!=(const Sequence &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT Routine
{
    enum class Kind { Function, Procedure, Aggregate };
    QString schema;
    QString name;
    Kind kind = Kind::Function;
    QString arguments;             // the argument list as the engine prints it
    QString returnType;            // empty for procedures
    QString language;
    QString definition;            // full CREATE text where the engine gives it
    bool operator==(const Routine &o) const;
    bool operator!=(const Routine &o) const { return !(*this == o); }
};

struct STRATA_CORE_EXPORT Schema
{
    QString name;
    QList<Table> tables;           // tables, views and materialized views, sorted by name
    QList<Sequence> sequences;
    QList<Routine> routines;

    const Table *table(const QString &name) const;
    bool operator==(const Schema &o) const;
    bool operator!=(const Schema &o) const { return !(*this == o); }
};

// What to read: by default the engine's user schemas (PostgreSQL: all but pg_catalog,
// information_schema, pg_toast*; MySQL: the connection's database; SQLite: main).
struct CatalogRequest
{
    bool allSchemas = false;       // MySQL: every database the user can see
    QStringList schemas;           // explicit list; empty = the default above
};

// A snapshot of a database's catalog, read in a fixed number of bulk queries.
struct STRATA_CORE_EXPORT Catalog
{
    QString engine;                // plugin id: postgresql, mysql, sqlite
    QString serverVersion;
    QString database;
    QList<Schema> schemas;
    // The schemas unqualified names resolve in, in order, as the session had them when the
    // catalog was read (PostgreSQL's current_schemas(false)); empty where the engine has one
    // default (MySQL's database, SQLite's main).
    QStringList searchPath;
    int queryCount = 0;            // statements sent to read this catalog

    const Schema *schema(const QString &name) const;
    const Table *table(const QString &schema, const QString &name) const;
    int tableCount() const;
};

} // namespace Strata
