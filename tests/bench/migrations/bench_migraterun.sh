#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# strata-cli migrate benchmarks (docs/BENCHMARKS.md, issue 5 benchmarks 1 and 2), on the shared
# PostgreSQL test server with databases of their own (bench_migrunner_*). Never run in CI.
#
#   tests/bench/migrations/bench_migraterun.sh [BUILD_DIR]      (default: build-release)
#
# 1. `migrate status` and `migrate validate` over 250, 500 and 1,000 applied migrations.
# 2. `migrate up` of 200 small migrations (CREATE TABLE + 2 INSERTs each) into an empty database
#    against `psql -f` of the same statements in one file (hyperfine --prepare recreates the
#    database before every run of both).
#
# Environment: RUNS (7), PGPORT (54329), STRATA_PASSWORD (strata-test-pw).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=${1:-$ROOT/build-release}
CLI="$BUILD/bin/strata-cli"
RUNS=${RUNS:-7}
PORT=${PGPORT:-54329}
export STRATA_PASSWORD=${STRATA_PASSWORD:-strata-test-pw}
export PGPASSWORD=$STRATA_PASSWORD
export STRATA_PLUGIN_PATH="$BUILD/lib/strata/plugins"
WORK=$(mktemp -d /tmp/strata-migrate-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PSQL=(psql -X -q -h 127.0.0.1 -p "$PORT" -U strata)
url() { echo "postgresql://strata@127.0.0.1:$PORT/$1"; }
recreate() { "${PSQL[@]}" -d strata_test -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"; }

# N dbmate files, versions 2025-01-01 00:00:00 UTC + i seconds.
write_migrations() {
    local dir=$1 count=$2
    mkdir -p "$dir"
    for i in $(seq 1 "$count"); do
        printf -- '-- migrate:up\nCREATE TABLE bench_%d (id integer PRIMARY KEY, note text);\nINSERT INTO bench_%d VALUES (1, '\''a'\'');\nINSERT INTO bench_%d VALUES (2, '\''b'\'');\n-- migrate:down\nDROP TABLE bench_%d;\n' \
            "$i" "$i" "$i" "$i" > "$dir/$(printf '20250101%02d%02d%02d' $((i / 3600)) $((i / 60 % 60)) $((i % 60)))_bench_$i.sql"
    done
}

echo "== 1. status and validate over N applied migrations"
for n in 250 500 1000; do
    db=bench_migrunner_status_$n
    write_migrations "$WORK/status$n" "$n"
    recreate "$db"
    "$CLI" migrate up --url "$(url "$db")" --dir "$WORK/status$n" 2>&1 | tail -1
    hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/status$n.json" \
        "$CLI migrate status --url $(url "$db") --dir $WORK/status$n --json" \
        "$CLI migrate validate --url $(url "$db") --dir $WORK/status$n"
done

echo "== 2. up of 200 migrations against psql -f of the same statements"
write_migrations "$WORK/up200" 200
for f in "$WORK"/up200/*.sql; do sed -n '/^-- migrate:up$/,/^-- migrate:down$/p' "$f" | grep -v '^-- migrate:'; done > "$WORK/all.sql"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/up200.json" \
    --prepare "${PSQL[*]} -d strata_test -c 'DROP DATABASE IF EXISTS bench_migrunner_up WITH (FORCE)' -c 'CREATE DATABASE bench_migrunner_up'" \
    "$CLI migrate up --url $(url bench_migrunner_up) --dir $WORK/up200" \
    "${PSQL[*]} -d bench_migrunner_up -f $WORK/all.sql"

echo "== medians (ms): command, median, min, max, user+sys of the mean"
for f in "$WORK"/status250.json "$WORK"/status500.json "$WORK"/status1000.json "$WORK"/up200.json; do
    python3 - "$f" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = r["times"]
    words = r["command"].split()
    name = " ".join(w for w in words if not w.startswith("/") and "://" not in w)
    print(f"{name:70s} {statistics.median(t)*1000:7.0f} {min(t)*1000:7.0f} {max(t)*1000:7.0f} {(r['user']+r['system'])*1000:7.0f}  ({sys.argv[1].rsplit('/',1)[1]})")
PY
done

for db in bench_migrunner_status_250 bench_migrunner_status_500 bench_migrunner_status_1000 bench_migrunner_up; do
    "${PSQL[@]}" -d strata_test -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
done
