// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/catalog.h"
#include "strata_core_global.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Strata {

// Compares two Catalog snapshots of the same database and names every structural difference
// as a sentence a developer understands ("table public.orders: column note added"). Pure; any
// thread.
//
// Not counted: the migration history table (strata_schema_migrations, in any schema, and the
// sequences it owns), row estimates and sizes, the catalog's bookkeeping (server version,
// database name, query count), the engine's full index text (Index::definition, which repeats
// the fields compared one by one), and the order in which the engine lists objects: objects
// are matched by name (unnamed SQLite constraints by their content), so only a real change
// shows. Column order is ignored unless Options::compareColumnOrder is set, because most
// engines can only add a column at the end: a down that re-adds a dropped column cannot put
// it back in place.
class STRATA_CORE_EXPORT CatalogDiff
{
public:
    struct Options
    {
        // Tables (and views) ignored in every schema, compared by exact name.
        QStringList ignoredTables{QStringLiteral("strata_schema_migrations")};
        bool compareColumnOrder = false;
    };

    struct Difference
    {
        enum class Change { Added, Removed, Changed };
        enum class Kind {
            Schema, Table, View, MaterializedView, Column, PrimaryKey, Index, ForeignKey,
            UniqueConstraint, CheckConstraint, Trigger, Sequence, Routine, TableProperty
        };
        Kind kind = Kind::Table;
        Change change = Change::Changed;
        // The qualified table (or sequence, routine, schema) the difference belongs to:
        // "public.orders"; just the name where the engine has no schema level in use.
        QString owner;
        QString object;   // the column, index, constraint or trigger name; empty for owner itself
        QString sentence; // the whole difference, plain text

        bool operator==(const Difference &o) const { return sentence == o.sentence; }
    };

    // Every difference from before to after, sorted by owner, then by sentence, so the same
    // two catalogs always give the same list.
    static QList<Difference> compare(const Catalog &before, const Catalog &after,
                                     const Options &options);
    static QList<Difference> compare(const Catalog &before, const Catalog &after);
    // Just the sentences of compare().
    static QStringList sentences(const Catalog &before, const Catalog &after,
                                 const Options &options);
    static QStringList sentences(const Catalog &before, const Catalog &after);
};

} // namespace Strata
