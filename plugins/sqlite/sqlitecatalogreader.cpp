// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitecatalogreader.h"

#include "sqliteddlparser.h"

#include "results/resultset.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Strata::Sqlite::Internal {

namespace {

const QString MainSchema = u"main"_s;

// User objects only: sqlite_schema, sqlite_sequence, sqlite_stat1 and the automatic indexes
// all start with "sqlite_", a prefix SQLite refuses for user objects.
constexpr auto UserObject = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"_L1;

QString objectsSql()
{
    return u"SELECT m.type, m.name, m.tbl_name, m.sql, "
           "(SELECT count(*) FROM main.sqlite_schema WHERE name = 'sqlite_stat1') "
           "FROM main.sqlite_schema AS m "
           "WHERE m.type IN ('table', 'view', 'index', 'trigger') AND "_s
           + UserObject + u" ORDER BY m.name"_s;
}

QString columnsSql()
{
    return u"SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden "
           "FROM main.sqlite_schema AS m, pragma_table_xinfo(m.name, 'main') AS c "
           "WHERE m.type IN ('table', 'view') AND "_s
           + UserObject + u" ORDER BY m.name, c.cid"_s;
}

QString indexesSql()
{
    return u"SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ix.seqno, ix.cid, ix.name "
           "FROM main.sqlite_schema AS m, pragma_index_list(m.name, 'main') AS il, "
           "pragma_index_xinfo(il.name, 'main') AS ix "
           "WHERE m.type = 'table' AND ix.key = 1 AND "_s
           + UserObject + u" ORDER BY m.name, il.name, ix.seqno"_s;
}

QString foreignKeysSql()
{
    return u"SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
           "FROM main.sqlite_schema AS m, pragma_foreign_key_list(m.name, 'main') AS f "
           "WHERE m.type = 'table' AND "_s
           + UserObject + u" ORDER BY m.name, f.id, f.seq"_s;
}

QStringList lowered(const QStringList &list)
{
    QStringList out;
    out.reserve(list.size());
    for (const QString &s : list)
        out.append(s.toLower());
    return out;
}

// The number of rows SQLite's ANALYZE recorded: the first integer of a sqlite_stat1 row.
qint64 statRows(const QString &stat)
{
    return stat.section(u' ', 0, 0).toLongLong();
}

} // namespace

Result<ResultSet> SqliteCatalogReader::query(ISession &session, const QString &sql)
{
    ++m_queryCount;
    CollectingSink sink;
    const Result<void> ran = session.execute(sql, {}, sink);
    if (!ran)
        return ran.error();
    if (sink.results().isEmpty())
        return Error(Error::Code::Generic, u"the catalog query returned no result"_s);
    return sink.results().constFirst();
}

Result<Catalog> SqliteCatalogReader::read(ISession &session)
{
    m_queryCount = 0;
    const Result<ResultSet> objects = query(session, objectsSql());
    if (!objects)
        return objects.error();
    const Result<ResultSet> columns = query(session, columnsSql());
    if (!columns)
        return columns.error();
    const Result<ResultSet> indexes = query(session, indexesSql());
    if (!indexes)
        return indexes.error();
    const Result<ResultSet> foreignKeys = query(session, foreignKeysSql());
    if (!foreignKeys)
        return foreignKeys.error();

    QMap<QString, Table> tables; // by name: sorted output
    QHash<QString, SqliteDdlParser::TableDefinition> definitions;
    QHash<QString, QString> indexSql;
    QList<std::pair<QString, Trigger>> triggers;
    bool hasStat1 = false;
    for (qint64 r = 0; r < objects->rowCount(); ++r) {
        const QString type = objects->text(r, 0);
        const QString name = objects->text(r, 1);
        const QString sql = objects->text(r, 3);
        hasStat1 = objects->text(r, 4) != "0"_L1;
        if (type == "table"_L1 || type == "view"_L1) {
            Table table;
            table.schema = MainSchema;
            table.name = name;
            if (type == "view"_L1) {
                table.kind = Table::Kind::View;
                table.viewDefinition = SqliteDdlParser::parseViewSelect(sql);
            } else {
                definitions.insert(name, SqliteDdlParser::parseCreateTable(sql));
            }
            tables.insert(name, table);
        } else if (type == "index"_L1) {
            indexSql.insert(name, sql);
        } else if (type == "trigger"_L1) {
            const SqliteDdlParser::TriggerDefinition parsed = SqliteDdlParser::parseCreateTrigger(sql);
            triggers.append({objects->text(r, 2), Trigger{name, parsed.timing, parsed.events, sql}});
        }
    }

    // Columns and primary keys.
    QHash<QString, QList<std::pair<int, QString>>> pkParts;
    for (qint64 r = 0; r < columns->rowCount(); ++r) {
        auto it = tables.find(columns->text(r, 0));
        if (it == tables.end())
            continue;
        Column column;
        column.name = columns->text(r, 2);
        column.type = columns->text(r, 3);
        column.nullable = columns->text(r, 4) == "0"_L1;
        if (!columns->isNull(r, 5))
            column.defaultValue = columns->text(r, 5);
        const int pk = columns->text(r, 6).toInt();
        if (pk > 0)
            pkParts[it->name].append({pk, column.name});
        const auto defIt = definitions.constFind(it->name);
        if (defIt != definitions.constEnd()) {
            const SqliteDdlParser::ColumnExtras extras = defIt->columns.value(column.name.toLower());
            column.collation = extras.collation;
            if (columns->text(r, 7).toInt() >= 2)
                column.generated = extras.generated;
        }
        it->columns.append(column);
    }
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        Table &table = it.value();
        const SqliteDdlParser::TableDefinition def = definitions.value(table.name);
        QList<std::pair<int, QString>> parts = pkParts.value(table.name);
        std::sort(parts.begin(), parts.end());
        for (const auto &part : parts)
            table.primaryKey.append(part.second);
        if (table.kind == Table::Kind::Table && !table.primaryKey.isEmpty())
            table.primaryKeyName = def.primaryKeyName;
        if (table.primaryKey.size() == 1 && !def.withoutRowid) {
            for (Column &c : table.columns) {
                if (c.name == table.primaryKey.constFirst()
                    && c.type.compare("INTEGER"_L1, Qt::CaseInsensitive) == 0)
                    c.autoIncrement = true;
            }
        }
        for (const SqliteDdlParser::Check &check : def.checks)
            table.checkConstraints.append({check.name, check.expression});
    }

    // Indexes, and the unique constraints behind the indexes of origin 'u'.
    for (qint64 r = 0; r < indexes->rowCount();) {
        const QString tableName = indexes->text(r, 0);
        Index index;
        index.name = indexes->text(r, 1);
        index.unique = indexes->text(r, 2) == "1"_L1;
        const QString origin = indexes->text(r, 3);
        index.primary = origin == "pk"_L1;
        const SqliteDdlParser::IndexDefinition parsed =
            SqliteDdlParser::parseCreateIndex(indexSql.value(index.name));
        if (indexes->text(r, 4) == "1"_L1)
            index.predicate = parsed.predicate;
        index.definition = indexSql.value(index.name);
        for (; r < indexes->rowCount() && indexes->text(r, 0) == tableName
               && indexes->text(r, 1) == index.name;
             ++r) {
            const int seqno = indexes->text(r, 5).toInt();
            if (indexes->isNull(r, 7)) // an expression (cid -2)
                index.columns.append(parsed.terms.value(seqno));
            else
                index.columns.append(indexes->text(r, 7));
        }
        auto it = tables.find(tableName);
        if (it == tables.end())
            continue;
        if (origin == "u"_L1) {
            UniqueConstraint unique{{}, index.columns};
            for (const auto &named : definitions.value(tableName).uniques) {
                if (lowered(named.columns) == lowered(index.columns))
                    unique.name = named.name;
            }
            it->uniqueConstraints.append(unique);
        }
        it->indexes.append(index);
    }

    // Foreign keys: one row per column, grouped by id.
    for (qint64 r = 0; r < foreignKeys->rowCount();) {
        const QString tableName = foreignKeys->text(r, 0);
        const QString id = foreignKeys->text(r, 1);
        ForeignKey fk;
        fk.refSchema = MainSchema;
        fk.refTable = foreignKeys->text(r, 3);
        fk.onUpdate = foreignKeys->text(r, 6);
        fk.onDelete = foreignKeys->text(r, 7);
        bool missingRefColumns = false;
        for (; r < foreignKeys->rowCount() && foreignKeys->text(r, 0) == tableName
               && foreignKeys->text(r, 1) == id;
             ++r) {
            fk.columns.append(foreignKeys->text(r, 4));
            if (foreignKeys->isNull(r, 5))
                missingRefColumns = true;
            else
                fk.refColumns.append(foreignKeys->text(r, 5));
        }
        if (missingRefColumns) { // REFERENCES t without columns: t's primary key
            const Table *ref = nullptr;
            for (auto it = tables.cbegin(); it != tables.cend(); ++it) {
                if (it.key().compare(fk.refTable, Qt::CaseInsensitive) == 0)
                    ref = &it.value();
            }
            fk.refColumns = ref ? ref->primaryKey : QStringList();
        }
        auto it = tables.find(tableName);
        if (it == tables.end())
            continue;
        for (const auto &named : definitions.value(tableName).foreignKeys) {
            if (lowered(named.columns) == lowered(fk.columns)
                && named.refTable.compare(fk.refTable, Qt::CaseInsensitive) == 0)
                fk.name = named.name;
        }
        it->foreignKeys.prepend(fk); // SQLite numbers them from the last declared
    }

    for (const auto &[tableName, trigger] : triggers) {
        auto it = tables.find(tableName);
        if (it != tables.end())
            it->triggers.append(trigger);
    }

    if (hasStat1) {
        const Result<ResultSet> stats =
            query(session, u"SELECT tbl, stat FROM main.sqlite_stat1"_s);
        if (!stats)
            return stats.error();
        for (qint64 r = 0; r < stats->rowCount(); ++r) {
            auto it = tables.find(stats->text(r, 0));
            if (it != tables.end())
                it->rowEstimate = qMax(it->rowEstimate, statRows(stats->text(r, 1)));
        }
    }

    // dbstat exists only when SQLite was built with SQLITE_ENABLE_DBSTAT_VTAB; without it
    // sizes stay -1. A table's size counts its own b-tree and its indexes.
    const Result<ResultSet> sizes = query(
        session, u"SELECT name, sum(pgsize) FROM dbstat('main') GROUP BY name"_s);
    if (sizes) {
        QHash<QString, qint64> pages;
        for (qint64 r = 0; r < sizes->rowCount(); ++r)
            pages.insert(sizes->text(r, 0), sizes->text(r, 1).toLongLong());
        for (Table &table : tables) {
            if (table.kind != Table::Kind::Table)
                continue;
            qint64 total = pages.value(table.name);
            for (const Index &index : std::as_const(table.indexes))
                total += pages.value(index.name);
            table.sizeBytes = total;
        }
    }

    Catalog catalog;
    catalog.engine = u"sqlite"_s;
    catalog.serverVersion = session.serverVersion();
    Schema schema;
    schema.name = MainSchema;
    schema.tables = tables.values();
    catalog.schemas.append(schema);
    catalog.queryCount = m_queryCount;
    return catalog;
}

} // namespace Strata::Sqlite::Internal
