#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes a real 10,000-node PostgreSQL plan: EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of a query
# over a table with 10,000 hash partitions, a few rows each. That needs a raised
# max_locks_per_transaction, so it runs its own throwaway PostgreSQL 15 (never the shared test
# server): its own temp dir, a free loopback port, stopped and removed at the end, also on failure.
#
#   tests/bench/explain/make-partition-plan.sh [OUTPUT]   (default /tmp/strata-partition-plan.json)
#
# Environment: STRATA_PG_BIN (default /usr/lib/postgresql/15/bin), STRATA_PARTITIONS (10000),
# STRATA_BENCH_PG_PORT (first port tried, 54339). The plan is never written into the repository.
set -euo pipefail

readonly PG_BIN=${STRATA_PG_BIN:-/usr/lib/postgresql/15/bin}
readonly PARTITIONS=${STRATA_PARTITIONS:-10000}
readonly OUTPUT=$(realpath -m -- "${1:-/tmp/strata-partition-plan.json}")
readonly REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd -P)

die() { printf 'make-partition-plan: %s\n' "$*" >&2; exit 1; }
log() { printf 'make-partition-plan: %s\n' "$*" >&2; }

[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" ]] ||
    die "PostgreSQL 15 not found in $PG_BIN (set STRATA_PG_BIN)"
[[ "$PARTITIONS" =~ ^[1-9][0-9]*$ ]] || die "STRATA_PARTITIONS must be a positive number"
case "$OUTPUT/" in
"$REPO"/*) die "refusing to write the plan into the repository ($OUTPUT); give a path outside $REPO" ;;
esac
mkdir -p -- "$(dirname -- "$OUTPUT")"

# initdb refuses to run as root: the server runs as `postgres` then, like scripts/lib/servers.sh.
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run the server"
    as_pg() { (cd / && exec runuser -u postgres -- "$@"); }
else
    as_pg() { (cd / && exec "$@"); }
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${STRATA_BENCH_PG_PORT:-54339}
for _ in $(seq 1 50); do
    port_free "$PORT" && break
    PORT=$((PORT + 1))
done
port_free "$PORT" || die "no free loopback port from ${STRATA_BENCH_PG_PORT:-54339} on"

WORK=$(mktemp -d /tmp/strata-partition-pg.XXXXXX)
readonly WORK DATA="$WORK/data" SOCK="$WORK/sock" PGLOG="$WORK/server.log"
STARTED=0
PSQL_PID=
cleanup() {
    local status=$?
    set +e # clean up as much as possible, whatever fails
    if [[ -n "$PSQL_PID" ]]; then kill "$PSQL_PID" 2>/dev/null; fi
    if [[ $STARTED -eq 1 ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 60 -s stop >/dev/null 2>&1
    fi
    if [[ $status -ne 0 && -f "$PGLOG" ]]; then
        log "server log tail:"
        tail -n 20 "$PGLOG" >&2
    fi
    rm -rf -- "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$SOCK"
[[ $(id -u) -eq 0 ]] && chown -R postgres: "$WORK"

log "initdb in $WORK"
as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }

# The query locks every partition: the shared lock table holds
# max_locks_per_transaction × (max_connections + max_prepared_transactions) locks.
log "starting PostgreSQL on 127.0.0.1:$PORT"
as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$PGLOG" -w -t 120 -s start -o "-p $PORT -k $SOCK \
    -c listen_addresses=127.0.0.1 -c max_connections=10 -c max_locks_per_transaction=$((PARTITIONS / 2 + 1024)) \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB \
    -c autovacuum=off" </dev/null >/dev/null || die "PostgreSQL did not start"
STARTED=1

# In the background and waited for, so that a TERM or INT stops everything at once (bash runs
# traps only between foreground commands).
psql() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres "$@" <&0 &
    PSQL_PID=$!
    wait "$PSQL_PID"
}

log "creating table events with $PARTITIONS hash partitions"
psql -c "CREATE TABLE events (id bigint NOT NULL, kind int NOT NULL, amount float8 NOT NULL, created date NOT NULL)
         PARTITION BY HASH (id)"
# One statement per partition, each in its own transaction (\gexec), so no transaction needs
# more locks than the server has.
psql >/dev/null <<SQL
SELECT format('CREATE TABLE events_p%s PARTITION OF events FOR VALUES WITH (MODULUS %s, REMAINDER %s)',
              i, $PARTITIONS, i)
FROM generate_series(0, $PARTITIONS - 1) AS i \gexec
SQL
log "filling and analyzing it"
psql -c "INSERT INTO events SELECT g, g % 7, g * 0.25, date '2026-01-01' + (g % 365)
         FROM generate_series(1, $PARTITIONS * 4) AS g"
psql -c "ANALYZE events"

log "running EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)"
# Serial, so the node count is the same on every machine: Aggregate → Append → one Seq Scan
# per partition.
psql -A -t -o "$OUTPUT" -c "SET max_parallel_workers_per_gather = 0" \
    -c "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
        SELECT kind, count(*), sum(amount) FROM events WHERE amount > 100 GROUP BY kind"
nodes=$(grep -c '"Node Type"' "$OUTPUT" || true)
[[ "$nodes" -gt "$PARTITIONS" ]] || die "the plan has $nodes nodes, expected more than $PARTITIONS"
log "wrote a plan of $nodes nodes ($(du -h "$OUTPUT" | cut -f1))"
printf '%s\n' "$OUTPUT"
