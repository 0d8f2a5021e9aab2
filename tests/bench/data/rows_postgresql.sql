-- SPDX-License-Identifier: GPL-3.0-or-later
-- The 5-column result of the CSV benchmark in PostgreSQL: integer, bigint, md5 text,
-- timestamptz, numeric(12,2). Row count from strata.bench_rows (default 1,000,000).
DROP TABLE IF EXISTS bench_rows;
CREATE TABLE bench_rows (i integer, b bigint, t text, ts timestamptz, n numeric(12,2));
INSERT INTO bench_rows
SELECT g, g::bigint * 1000003, md5(g::text), timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',
       (g % 100000) / 100.0
FROM generate_series(1, coalesce(nullif(current_setting('strata.bench_rows', true), ''), '1000000')::integer) AS g;
ANALYZE bench_rows;
