-- SPDX-License-Identifier: GPL-3.0-or-later
-- The 5-column table of the CSV benchmark in SQLite (timestamps as ISO text, amounts as REAL
-- rounded to cents). Row count: replace 1000000 with sed, as tests/bench/cli_bench.sh does.
DROP TABLE IF EXISTS bench_rows;
CREATE TABLE bench_rows (i integer, b bigint, t text, ts text, n numeric(12,2));
WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 1000000)
INSERT INTO bench_rows
SELECT x, x * 1000003, lower(hex(randomblob(16))), datetime(1704067200 + x, 'unixepoch') || '+00:00',
       round((x % 100000) / 100.0, 2)
FROM g;
