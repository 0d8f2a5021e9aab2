#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# strata-cli benchmarks (docs/BENCHMARKS.md), on the throwaway test servers. Never run in CI.
#
#   tests/bench/cli_bench.sh [BUILD_DIR]        (default: build-cli-release)
#
# 1. query --format csv of ROWS x 5 columns to /dev/null, against psql COPY, mariadb --quick -B
#    and sqlite3 -csv (hyperfine --warmup 1 --runs RUNS, medians), plus peak RSS at ROWS and
#    BIG_ROWS rows (GNU time).
# 2. schema --json on PostgreSQL databases of 10 and TABLES tables (tests/bench/data/pg_10k_tables.sql):
#    median wall time and the number of catalog queries (strata-cli --stats).
#
# Environment: ROWS (1000000), BIG_ROWS (3000000), TABLES (10000), RUNS (5), KEEP=1 keeps the
# scratch databases (strata_cli_bench_*) for another run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${1:-$ROOT/build-cli-release}
CLI="$BUILD/bin/strata-cli"
ROWS=${ROWS:-1000000}
BIG_ROWS=${BIG_ROWS:-3000000}
TABLES=${TABLES:-10000}
RUNS=${RUNS:-5}
DATA="$ROOT/tests/bench/data"
WORK=$(mktemp -d /tmp/strata-cli-bench.XXXXXX)
PG_DB=strata_cli_bench_rows
PG_CAT_SMALL=strata_cli_bench_cat10
PG_CAT_BIG=strata_cli_bench_cat${TABLES}
MY_DB=strata_cli_bench_rows

[[ -x "$CLI" ]] || { echo "cli_bench: $CLI not built (cmake --build $BUILD --target strata-cli)" >&2; exit 2; }
for tool in hyperfine psql mariadb sqlite3 jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "cli_bench: $tool is missing" >&2; exit 2; }
done

"$ROOT/scripts/lib/servers.sh" start >/dev/null
eval "$("$ROOT/scripts/lib/servers.sh" env)"
export STRATA_PLUGIN_PATH="$BUILD/lib/strata/plugins"
PG_PORT=$STRATA_TEST_PG_PORT
MY_PORT=$STRATA_TEST_MYSQL_PORT
pg_url() { echo "postgresql://strata@127.0.0.1:$PG_PORT/$1"; }
my_url() { echo "mysql://strata@127.0.0.1:$MY_PORT/$1"; }
# The throwaway servers' password, for every client of this script (never a real secret).
export STRATA_PASSWORD=$STRATA_TEST_PASSWORD PGPASSWORD=$STRATA_TEST_PASSWORD MYSQL_PWD=$STRATA_TEST_PASSWORD
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U strata)
MARIADB=(mariadb -h 127.0.0.1 -P "$MY_PORT" -u strata)

cleanup() {
    if [[ "${KEEP:-0}" != 1 ]]; then
        for db in "$PG_DB" "$PG_CAT_SMALL" "$PG_CAT_BIG"; do
            "${PSQL[@]}" -d strata_test -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
        done
        "${MARIADB[@]}" -e "DROP DATABASE IF EXISTS $MY_DB" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

retry() { local n; for n in 1 2 3; do "$@" && return 0; sleep 5; done; return 1; }
pg_db_exists() { [[ $("${PSQL[@]}" -d strata_test -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'") == 1 ]]; }
pg_count() { "${PSQL[@]}" -d "$1" -tAc "$2" 2>/dev/null || echo 0; }

setup_rows() { # $1 = rows
    local rows=$1
    if ! pg_db_exists "$PG_DB"; then "${PSQL[@]}" -d strata_test -c "CREATE DATABASE $PG_DB" >/dev/null; fi
    if [[ $(pg_count "$PG_DB" "SELECT count(*) FROM bench_rows") != "$rows" ]]; then
        echo "cli_bench: PostgreSQL bench_rows with $rows rows" >&2
        # Other test suites restart the shared server now and then: try again.
        retry env PGOPTIONS="-c strata.bench_rows=$rows" "${PSQL[@]}" -d "$PG_DB" -f "$DATA/rows_postgresql.sql" >/dev/null
    fi
    "${MARIADB[@]}" -e "CREATE DATABASE IF NOT EXISTS $MY_DB"
    if [[ $("${MARIADB[@]}" -N -B "$MY_DB" -e "SELECT count(*) FROM bench_rows" 2>/dev/null || echo 0) != "$rows" ]]; then
        echo "cli_bench: MariaDB bench_rows with $rows rows" >&2
        { echo "SET @bench_rows = $rows;"; cat "$DATA/rows_mysql.sql"; } | "${MARIADB[@]}" "$MY_DB"
    fi
    SQLITE_DB="$WORK/rows_$rows.db"
    sed "s/1000000/$rows/" "$DATA/rows_sqlite.sql" | sqlite3 "$SQLITE_DB"
}

# Median wall time in ms of a hyperfine JSON export, one command.
median_ms() { jq -r ".results[$2].median * 1000 | floor" "$1"; }
# Peak RSS in MB of one run (GNU time), output to /dev/null.
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'; }

SQL="SELECT i, b, t, ts, n FROM bench_rows"
setup_rows "$ROWS"

hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/pg.json" \
    -n "strata-cli postgresql" "$CLI query --url $(pg_url $PG_DB) --format csv --sql '$SQL'" \
    -n "psql COPY" "${PSQL[*]} -d $PG_DB -c 'COPY ($SQL) TO STDOUT WITH CSV HEADER'" \
    --output null >&2
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/my.json" \
    -n "strata-cli mariadb" "$CLI query --url $(my_url $MY_DB) --format csv --sql '$SQL'" \
    -n "mariadb --quick -B" "${MARIADB[*]} --quick -B $MY_DB -e '$SQL'" \
    --output null >&2
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/lite.json" \
    -n "strata-cli sqlite" "$CLI query --url sqlite://$SQLITE_DB --format csv --sql '$SQL'" \
    -n "sqlite3 -csv" "sqlite3 -csv -header $SQLITE_DB '$SQL'" \
    --output null >&2

rss_pg=$(peak_mb "$CLI" query --url "$(pg_url $PG_DB)" --format csv --sql "$SQL")
rss_my=$(peak_mb "$CLI" query --url "$(my_url $MY_DB)" --format csv --sql "$SQL")
rss_lite=$(peak_mb "$CLI" query --url "sqlite://$SQLITE_DB" --format csv --sql "$SQL")

setup_rows "$BIG_ROWS"
big_pg=$(peak_mb "$CLI" query --url "$(pg_url $PG_DB)" --format csv --sql "$SQL")
big_my=$(peak_mb "$CLI" query --url "$(my_url $MY_DB)" --format csv --sql "$SQL")
big_lite=$(peak_mb "$CLI" query --url "sqlite://$SQLITE_DB" --format csv --sql "$SQL")

# --- 2. catalog ---------------------------------------------------------------------------------
setup_catalog() { # $1 = database, $2 = tables
    if ! pg_db_exists "$1"; then "${PSQL[@]}" -d strata_test -c "CREATE DATABASE $1" >/dev/null; fi
    if [[ $(pg_count "$1" "SELECT count(*) FROM pg_tables WHERE schemaname = 'bench'") != "$2" ]]; then
        echo "cli_bench: PostgreSQL catalog of $2 tables" >&2
        retry env PGOPTIONS="-c strata.bench_tables=$2" "${PSQL[@]}" -d "$1" -f "$DATA/pg_10k_tables.sql" >/dev/null
        "${PSQL[@]}" -d "$1" -c "VACUUM ANALYZE" >/dev/null
    fi
}
setup_catalog "$PG_CAT_SMALL" 10
setup_catalog "$PG_CAT_BIG" "$TABLES"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/cat.json" \
    -n "schema 10 tables" "$CLI schema --json --url $(pg_url $PG_CAT_SMALL)" \
    -n "schema $TABLES tables" "$CLI schema --json --url $(pg_url $PG_CAT_BIG)" \
    --output null >&2
queries_small=$("$CLI" schema --json --stats --url "$(pg_url $PG_CAT_SMALL)" 2>&1 >/dev/null | sed -n 's/.*queries=\([0-9]*\).*/\1/p')
queries_big=$("$CLI" schema --json --stats --url "$(pg_url $PG_CAT_BIG)" 2>&1 >/dev/null | sed -n 's/.*queries=\([0-9]*\).*/\1/p')
rss_cat=$(peak_mb "$CLI" schema --json --url "$(pg_url $PG_CAT_BIG)")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pg_cli=$(median_ms "$WORK/pg.json" 0); pg_ref=$(median_ms "$WORK/pg.json" 1)
my_cli=$(median_ms "$WORK/my.json" 0); my_ref=$(median_ms "$WORK/my.json" 1)
lite_cli=$(median_ms "$WORK/lite.json" 0); lite_ref=$(median_ms "$WORK/lite.json" 1)
cat_small=$(median_ms "$WORK/cat.json" 0); cat_big=$(median_ms "$WORK/cat.json" 1)

echo
echo "## 1. query --format csv, $ROWS rows x 5 columns to /dev/null (median of $RUNS runs)"
echo
echo "| engine | strata-cli ms | reference | reference ms | ratio (target <= 1.5) | peak RSS $ROWS rows | peak RSS $BIG_ROWS rows |"
echo "|---|---|---|---|---|---|---|"
echo "| PostgreSQL | $pg_cli | psql COPY ... CSV | $pg_ref | $(ratio "$pg_cli" "$pg_ref") | $rss_pg MB | $big_pg MB |"
echo "| MariaDB | $my_cli | mariadb --quick -B | $my_ref | $(ratio "$my_cli" "$my_ref") | $rss_my MB | $big_my MB |"
echo "| SQLite | $lite_cli | sqlite3 -csv | $lite_ref | $(ratio "$lite_cli" "$lite_ref") | $rss_lite MB | $big_lite MB |"
echo
echo "## 2. schema --json on PostgreSQL (median of $RUNS runs; target <= 1000 ms at $TABLES tables)"
echo
echo "| tables | ms | catalog queries |"
echo "|---|---|---|"
echo "| 10 | $cat_small | $queries_small |"
echo "| $TABLES | $cat_big | $queries_big |"
echo
echo "peak RSS of schema --json at $TABLES tables: $rss_cat MB"
