// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgcatalogqueries.h"

namespace Strata::Postgres::Internal::PgCatalogQueries {

namespace {
// The schemas to read: the explicit list in $1, or every schema but the system ones.
QString schemaFilter(const QString &alias)
{
    return QStringLiteral(
               "(CASE WHEN $1::text[] IS NULL THEN %1.nspname <> 'pg_catalog' "
               "AND %1.nspname <> 'information_schema' AND %1.nspname NOT LIKE 'pg\\_toast%%' "
               "AND %1.nspname NOT LIKE 'pg\\_temp\\_%%' "
               "ELSE %1.nspname = ANY ($1::text[]) END)")
        .arg(alias)
        .replace(QStringLiteral("%%"), QStringLiteral("%"));
}

const char RelationKinds[] = "('r', 'p', 'v', 'm', 'f')";
} // namespace

QString schemas()
{
    return QStringLiteral("SELECT n.oid, n.nspname, current_database(), "
                          "pg_catalog.array_position(pg_catalog.current_schemas(false), n.nspname) "
                          "FROM pg_catalog.pg_namespace n WHERE %1 ORDER BY n.nspname")
        .arg(schemaFilter(QStringLiteral("n")));
}

// Sizes are relpages (table, TOAST and indexes, as of the last VACUUM/ANALYZE) times the block
// size: pg_total_relation_size() stats every file of every relation and took 7.7 s for
// 10,000 tables here, against well under a second for the whole catalog this way.
QString relations()
{
    return QStringLiteral(
               "SELECT c.oid, c.relnamespace, c.relname, c.relkind, d.description, "
               "CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END, "
               "c.reltuples::bigint, "
               "CASE WHEN c.relkind IN ('r', 'p', 'm') THEN (c.relpages + COALESCE(tc.relpages, 0) "
               "+ COALESCE((SELECT sum(ic.relpages) FROM pg_catalog.pg_index i "
               "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid), 0))::bigint "
               "* current_setting('block_size')::bigint END "
               "FROM pg_catalog.pg_class c "
               "LEFT JOIN pg_catalog.pg_class tc ON tc.oid = c.reltoastrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid "
               "AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0 "
               "WHERE c.relkind IN %2 AND %1")
        .arg(schemaFilter(QStringLiteral("n")), QLatin1String(RelationKinds));
}

// A default never refers to a column, so it is deparsed without a relation (relid 0): with the
// relation, pg_get_expr opens every table, which cost 0.3 s per 10,000 tables. Generated
// columns do refer to columns and keep the relation.
QString columns(int serverVersion)
{
    const QString generated = serverVersion >= 120000 ? QStringLiteral("a.attgenerated")
                                                      : QStringLiteral("''");
    return QStringLiteral(
               "SELECT a.attrelid, a.attnum, a.attname, "
               "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
               "CASE WHEN %2 = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0) "
               "ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END, "
               "d.description, a.attidentity, %2, "
               "CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation "
               "THEN co.collname END "
               "FROM pg_catalog.pg_attribute a "
               "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
               "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
               "LEFT JOIN pg_catalog.pg_description d ON d.objoid = a.attrelid "
               "AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum "
               "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
               "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN %3 AND %1 "
               "ORDER BY a.attrelid, a.attnum")
        .arg(schemaFilter(QStringLiteral("n")), generated, QLatin1String(RelationKinds));
}

QString constraints()
{
    // Key columns come as attnums, joined to the columns client-side. The referenced columns
    // of a foreign key come by name only when they live in a schema that is not read (a
    // subquery per foreign key cost 0.1 s per 10,000 of them).
    return QStringLiteral(
               "SELECT co.conrelid, co.conname, co.contype, "
               "pg_catalog.array_to_string(co.conkey, ','), "
               "rn.nspname, rc.relname, "
               "CASE WHEN co.contype = 'f' AND NOT %2 THEN (SELECT pg_catalog.json_agg(ra.attname ORDER BY k.i) "
               "FROM pg_catalog.unnest(co.confkey) WITH ORDINALITY AS k(attnum, i) "
               "JOIN pg_catalog.pg_attribute ra ON ra.attrelid = co.confrelid AND ra.attnum = k.attnum) END, "
               "co.confdeltype, co.confupdtype, "
               "CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_expr(co.conbin, co.conrelid) END, "
               "co.confrelid, pg_catalog.array_to_string(co.confkey, ',') "
               "FROM pg_catalog.pg_constraint co "
               "JOIN pg_catalog.pg_class c ON c.oid = co.conrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid "
               "LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace "
               "WHERE co.contype IN ('p', 'u', 'c', 'f') AND %1 "
               "ORDER BY co.conrelid, co.conname")
        .arg(schemaFilter(QStringLiteral("n")), schemaFilter(QStringLiteral("rn")));
}

QString indexes(int serverVersion)
{
    // Expression keys (attnum 0) are printed by the server; plain keys are joined client-side.
    // The server's full definition is asked for only where the columns, method and predicate
    // do not say everything (expressions, INCLUDE, DESC/NULLS order, non-default operator
    // classes, storage options): pg_get_indexdef for every index cost 0.4 s per 20,000 indexes.
    const QString nullsNotDistinct = serverVersion >= 150000 ? QStringLiteral("i.indnullsnotdistinct")
                                                             : QStringLiteral("false");
    return QStringLiteral(
               "SELECT i.indrelid, ic.relname, i.indisunique, i.indisprimary, am.amname, "
               "pg_catalog.pg_get_expr(i.indpred, i.indrelid), "
               "CASE WHEN i.indexprs IS NOT NULL OR i.indpred IS NOT NULL OR i.indnatts <> i.indnkeyatts "
               "OR %2 OR ic.reloptions IS NOT NULL "
               "OR NOT (i.indoption::int2[] <@ ARRAY[0]::int2[]) "
               "OR NOT (i.indclass::oid[] <@ (SELECT pg_catalog.array_agg(o.oid) "
               "FROM pg_catalog.pg_opclass o WHERE o.opcdefault)) "
               "THEN pg_catalog.pg_get_indexdef(i.indexrelid) END, "
               "pg_catalog.array_to_string((i.indkey::int2[])[0:i.indnkeyatts - 1], ','), "
               "CASE WHEN 0 = ANY (i.indkey) THEN (SELECT pg_catalog.json_agg("
               "pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ORDER BY k) "
               "FROM pg_catalog.generate_series(1, i.indnkeyatts) AS k) END "
               "FROM pg_catalog.pg_index i "
               "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
               "JOIN pg_catalog.pg_class c ON c.oid = i.indrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
               "WHERE %1 "
               "ORDER BY i.indrelid, ic.relname")
        .arg(schemaFilter(QStringLiteral("n")), nullsNotDistinct);
}

QString sequences()
{
    return QStringLiteral(
               "SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, "
               "s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, oc.relname, oa.attname "
               "FROM pg_catalog.pg_sequence s "
               "JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "LEFT JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_class'::regclass "
               "AND dep.objid = s.seqrelid AND dep.refclassid = 'pg_catalog.pg_class'::regclass "
               "AND dep.refobjsubid > 0 AND dep.deptype IN ('a', 'i') "
               "LEFT JOIN pg_catalog.pg_class oc ON oc.oid = dep.refobjid "
               "LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = dep.refobjid "
               "AND oa.attnum = dep.refobjsubid "
               "WHERE %1 ORDER BY n.nspname, c.relname")
        .arg(schemaFilter(QStringLiteral("n")));
}

QString routines(int serverVersion)
{
    const QString kind = serverVersion >= 110000
                             ? QStringLiteral("p.prokind")
                             : QStringLiteral("CASE WHEN p.proisagg THEN 'a' ELSE 'f' END");
    // Functions that belong to an extension are the extension's business, not the schema's.
    return QStringLiteral(
               "SELECT n.nspname, p.proname, %2, "
               "pg_catalog.pg_get_function_arguments(p.oid), "
               "CASE WHEN %2 = 'p' THEN NULL ELSE pg_catalog.pg_get_function_result(p.oid) END, "
               "l.lanname, "
               "CASE WHEN %2 IN ('f', 'p', 'w') THEN pg_catalog.pg_get_functiondef(p.oid) END "
               "FROM pg_catalog.pg_proc p "
               "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
               "JOIN pg_catalog.pg_language l ON l.oid = p.prolang "
               "WHERE %1 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e "
               "WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND e.objid = p.oid "
               "AND e.deptype = 'e') "
               "ORDER BY n.nspname, p.proname, 4")
        .arg(schemaFilter(QStringLiteral("n")), kind);
}

QString triggers()
{
    return QStringLiteral(
               "SELECT t.tgrelid, t.tgname, t.tgtype, pg_catalog.pg_get_triggerdef(t.oid) "
               "FROM pg_catalog.pg_trigger t "
               "JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "WHERE NOT t.tgisinternal AND %1 "
               "ORDER BY t.tgrelid, t.tgname")
        .arg(schemaFilter(QStringLiteral("n")));
}

} // namespace Strata::Postgres::Internal::PgCatalogQueries
