-- SPDX-License-Identifier: GPL-3.0-or-later
-- The 5-column table of the CSV benchmark in MariaDB (uses the built-in SEQUENCE engine).
-- @bench_rows must be set first (default 1,000,000 in tests/bench/cli_bench.sh).
DROP TABLE IF EXISTS bench_rows;
CREATE TABLE bench_rows (i integer, b bigint, t varchar(32), ts timestamp(0) NULL, n decimal(12,2));
SET @stmt = CONCAT('INSERT INTO bench_rows SELECT seq, seq * 1000003, MD5(seq), ',
                   'TIMESTAMP ''2024-01-01 00:00:00'' + INTERVAL seq SECOND, (seq MOD 100000) / 100.0 ',
                   'FROM seq_1_to_', @bench_rows);
PREPARE fill FROM @stmt;
EXECUTE fill;
DEALLOCATE PREPARE fill;
