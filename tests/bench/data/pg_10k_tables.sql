-- SPDX-License-Identifier: GPL-3.0-or-later
-- A wide catalog for the schema benchmarks: N tables (default 10,000) of 10 columns in schema
-- "bench", each with a primary key and a foreign key to the previous table, made by one DO block.
-- Choose N with the setting strata.bench_tables, e.g.
--     PGOPTIONS='-c strata.bench_tables=10' psql -d mydb -f pg_10k_tables.sql
-- Run it outside a transaction block: it commits every 500 tables so the lock table never fills.
-- Used by tests/bench/cli_bench.sh and the PostgreSQL catalog benchmark.
DO $$
DECLARE
    n integer := coalesce(nullif(current_setting('strata.bench_tables', true), ''), '10000')::integer;
    t text;
    prev text;
BEGIN
    EXECUTE 'DROP SCHEMA IF EXISTS bench CASCADE';
    EXECUTE 'CREATE SCHEMA bench';
    COMMIT;
    FOR i IN 1..n LOOP
        t := format('t%s', lpad(i::text, 5, '0'));
        EXECUTE format(
            'CREATE TABLE bench.%I ('
            '  id bigint PRIMARY KEY,'
            '  parent_id bigint,'
            '  name text NOT NULL,'
            '  amount numeric(12,2) DEFAULT 0,'
            '  created_at timestamptz NOT NULL DEFAULT now(),'
            '  active boolean DEFAULT true,'
            '  quantity integer,'
            '  code varchar(40),'
            '  due date,'
            '  attributes jsonb)', t);
        -- The first table refers to itself, every other one to its predecessor.
        prev := CASE WHEN i = 1 THEN t ELSE format('t%s', lpad((i - 1)::text, 5, '0')) END;
        EXECUTE format('ALTER TABLE bench.%I ADD CONSTRAINT %I FOREIGN KEY (parent_id) REFERENCES bench.%I (id)',
                       t, t || '_parent_fk', prev);
        IF i % 500 = 0 THEN
            COMMIT;
        END IF;
    END LOOP;
    COMMIT;
END
$$;
