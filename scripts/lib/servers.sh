#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Throwaway PostgreSQL 15 and MariaDB 10.11 servers on loopback for the tests.
#
# Usage: scripts/lib/servers.sh COMMAND [OPTIONS]
#   start [--fixture]      start both servers (reuses running ones; idempotent)
#   stop [--if-fixture]    stop both servers (data is kept, so the next start is fast)
#   restart-pg             restart PostgreSQL in place (same port, same data)
#   restart-mysql          restart MariaDB in place (same port, same data)
#   status                 show whether the servers run; exit 0 only if both do
#   env                    print `export` lines for the test environment
#   reset                  stop both servers and delete their data (TLS files are kept)
#
# Environment:
#   STRATA_TEST_STATE       state directory      (default /tmp/strata-test-servers)
#   STRATA_TEST_PG_PORT     PostgreSQL TCP port  (default 54329)
#   STRATA_TEST_MYSQL_PORT  MariaDB TCP port     (default 33069)
#   STRATA_TEST_SERVER_WAIT seconds to wait for a server to come up or go down (default 60)
#
# `start --fixture` is what the ctest fixture runs: when it really starts a server it records
# that in STATE/started-by-fixture, and `stop --if-fixture` only stops servers recorded there,
# and only once no other ctest run that relies on them is still alive. A plain `start` adopts
# the servers (removes the record), so servers a developer starts by hand keep running.
set -euo pipefail

readonly PASSWORD='strata-test-pw'
readonly PG_BIN=${STRATA_PG_BIN:-/usr/lib/postgresql/15/bin}
readonly WAIT=${STRATA_TEST_SERVER_WAIT:-60}
readonly LOCK_WAIT=${STRATA_TEST_LOCK_WAIT:-280}

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
readonly SCRIPT_PATH

STATE=${STRATA_TEST_STATE:-/tmp/strata-test-servers}
STATE=$(realpath -m -- "$STATE")
readonly STATE
readonly TLS="$STATE/tls"
readonly PGDATA_DIR="$STATE/pg"
readonly PGSOCK="$STATE/pgsock"
readonly PGLOG="$STATE/pg.log"
readonly MYDATA="$STATE/mysql"
readonly MYSOCK="$STATE/mysql.sock"
readonly MYPID="$STATE/mysql.pid"
readonly MYLOG="$STATE/mysql.log"
readonly MYCNF="$STATE/my.cnf"
readonly MARKER="$STATE/started-by-fixture"
readonly LEASES="$STATE/leases"
readonly PORTS_FILE="$STATE/ports"

# Settings from the caller's environment must not redirect our admin connections.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGPASSFILE PGSERVICE \
      PGSERVICEFILE PGSSLMODE PGOPTIONS PGDATA PGCONNECT_TIMEOUT PGTARGETSESSIONATTRS \
      MYSQL_HOST MYSQL_PWD MYSQL_TCP_PORT MYSQL_UNIX_PORT

if [[ $(id -u) -eq 0 ]]; then
    IS_ROOT=1
    PG_USER=postgres
    MY_USER=mysql
else
    IS_ROOT=0
    PG_USER=$(id -un)
    MY_USER=$PG_USER
fi
readonly IS_ROOT PG_USER MY_USER

MARIADBD=$(command -v mariadbd || true)
[[ -n "$MARIADBD" ]] || MARIADBD=/usr/sbin/mariadbd
readonly MARIADBD

log() { printf 'servers: %s\n' "$*" >&2; }
die() { printf 'servers: error: %s\n' "$*" >&2; exit 1; }

# --- ports -------------------------------------------------------------------------------------

REC_PG_PORT=''
REC_MYSQL_PORT=''
if [[ -r "$PORTS_FILE" ]]; then
    while IFS='=' read -r key value; do
        case "$key" in
            pg) REC_PG_PORT=$value ;;
            mysql) REC_MYSQL_PORT=$value ;;
        esac
    done <"$PORTS_FILE"
fi

# `start` uses the requested ports; everything else talks to the servers that are running,
# i.e. the ports recorded by the last start (explicit environment for `env`).
select_ports() {
    case "$1" in
        start)
            PG_PORT=${STRATA_TEST_PG_PORT:-54329}
            MYSQL_PORT=${STRATA_TEST_MYSQL_PORT:-33069} ;;
        env)
            PG_PORT=${STRATA_TEST_PG_PORT:-${REC_PG_PORT:-54329}}
            MYSQL_PORT=${STRATA_TEST_MYSQL_PORT:-${REC_MYSQL_PORT:-33069}} ;;
        *)
            PG_PORT=${REC_PG_PORT:-${STRATA_TEST_PG_PORT:-54329}}
            MYSQL_PORT=${REC_MYSQL_PORT:-${STRATA_TEST_MYSQL_PORT:-33069}} ;;
    esac
    [[ "$PG_PORT" =~ ^[0-9]+$ && "$MYSQL_PORT" =~ ^[0-9]+$ ]] || die "ports must be numbers"
}

write_ports() {
    printf 'pg=%s\nmysql=%s\n' "$PG_PORT" "$MYSQL_PORT" >"$PORTS_FILE.tmp"
    mv -f "$PORTS_FILE.tmp" "$PORTS_FILE"
}

have_ipv6_loopback() {
    [[ -r /proc/net/if_inet6 ]] && grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6
}

# --- helpers -----------------------------------------------------------------------------------

# Close every descriptor above stderr (our lock, pipes inherited from whoever started us), so a
# server we launch holds nothing open that a caller such as ctest might wait on.
close_extra_fds() {
    local fd
    for fd in /proc/self/fd/*; do
        fd=${fd##*/}
        if [[ "$fd" =~ ^[0-9]+$ ]] && ((fd > 2)); then
            eval "exec $fd>&-" 2>/dev/null || true
        fi
    done
}

# Run a command as the PostgreSQL server user (from / so cwd permissions don't matter).
as_pg() {
    (
        cd /
        close_extra_fds
        if [[ $IS_ROOT -eq 1 ]]; then
            exec runuser -u "$PG_USER" -- "$@"
        else
            exec "$@"
        fi
    )
}

own() { # own USER PATH...
    local user=$1
    shift
    if [[ $IS_ROOT -eq 1 ]]; then chown "$user:" "$@"; fi
}

pid_alive() { # pid_alive PID COMM -- a live (not zombie) process with that command name
    local pid=$1 comm stat
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ "${stat:0:1}" != Z ]] || return 1
    comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
    [[ "$comm" == "$2" ]]
}

show_log_tail() { # show_log_tail FILE TITLE
    if [[ -r "$1" ]]; then
        printf -- '----- last lines of %s -----\n' "$1" >&2
        tail -n 40 "$1" >&2 || true
        printf -- '-----\n' >&2
    fi
}

prepare_state_dir() {
    mkdir -p "$STATE"
    if [[ $IS_ROOT -eq 1 ]]; then
        # mariadbd (user mysql) creates its socket and pid file here; postgres must traverse it.
        chown "root:$(id -gn "$MY_USER")" "$STATE"
        chmod 0775 "$STATE"
    fi
    [[ -e "$STATE/lock" ]] || : >>"$STATE/lock"
    chmod 0666 "$STATE/lock" 2>/dev/null || true
}

take_lock() {
    exec 9<"$STATE/lock"
    if ! flock -w "$LOCK_WAIT" 9; then
        die "timed out after ${LOCK_WAIT}s waiting for $STATE/lock (another start/stop is running)"
    fi
}

check_traversable() {
    if [[ $IS_ROOT -eq 1 ]]; then
        local user
        for user in "$PG_USER" "$MY_USER"; do
            runuser -u "$user" -- test -x "$STATE" ||
                die "user '$user' cannot reach $STATE; choose a STRATA_TEST_STATE outside private directories"
        done
    fi
}

# --- TLS ---------------------------------------------------------------------------------------

ensure_tls() {
    if [[ -s "$TLS/ca.pem" && -s "$TLS/server.pem" && -s "$TLS/server-key.pem" \
          && -s "$TLS/mysql-server-key.pem" ]] \
        && openssl x509 -checkend 86400 -noout -in "$TLS/server.pem" >/dev/null 2>&1; then
        return 0
    fi
    log "generating test CA and server certificate in $TLS"
    mkdir -p "$TLS"
    chmod 0755 "$TLS"
    local tmp
    tmp=$(mktemp -d "$STATE/tls.XXXXXX")
    (
        set -e
        cd "$tmp"
        umask 077
        openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
            -keyout ca-key.pem -out ca.pem -subj '/CN=Strata Test CA' \
            -addext 'basicConstraints=critical,CA:TRUE' \
            -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -sha256 \
            -keyout server-key.pem -out server.csr -subj '/CN=localhost' 2>/dev/null
        printf '%s\n' 'basicConstraints=CA:FALSE' \
            'keyUsage=critical,digitalSignature,keyEncipherment' \
            'extendedKeyUsage=serverAuth' \
            'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1' >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem \
            -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 \
            -extfile server.ext -out server.pem 2>/dev/null
        cp server-key.pem mysql-server-key.pem
        chmod 0644 ca.pem server.pem
        chmod 0600 ca-key.pem server-key.pem mysql-server-key.pem
    ) || { rm -rf "$tmp"; die "could not generate TLS files with openssl"; }
    own "$PG_USER" "$tmp/server-key.pem"
    own "$MY_USER" "$tmp/mysql-server-key.pem"
    local f
    for f in ca-key.pem ca.pem server.pem server-key.pem mysql-server-key.pem; do
        mv -f "$tmp/$f" "$TLS/$f"
    done
    rm -rf "$tmp"
}

# --- PostgreSQL --------------------------------------------------------------------------------

pg_ready() {
    [[ -S "$PGSOCK/.s.PGSQL.$PG_PORT" ]] || return 1
    "$PG_BIN/pg_isready" -q -h "$PGSOCK" -p "$PG_PORT" -U postgres -d postgres -t 5 >/dev/null 2>&1
}

pg_pid() { # the live postmaster of our data dir, if any
    local pid=''
    [[ -r "$PGDATA_DIR/postmaster.pid" ]] && read -r pid <"$PGDATA_DIR/postmaster.pid" 2>/dev/null
    if pid_alive "$pid" postgres; then printf '%s\n' "$pid"; fi
}

pg_running() { # a postmaster exists for our data dir (ready or not)
    [[ -f "$STATE/pg.initialized" ]] || return 1
    if [[ -r "$PGDATA_DIR" ]]; then
        # Not `pg_ctl status`: it mistakes a killed, not yet reaped postmaster for a live one.
        [[ -n "$(pg_pid)" ]]
    else
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1
    fi
}

pg_write_config() {
    local listen="127.0.0.1"
    if have_ipv6_loopback; then listen="127.0.0.1,::1"; fi
    cat >"$PGDATA_DIR/strata.conf" <<EOF
# Generated by scripts/lib/servers.sh on every start; edits are lost.
listen_addresses = '$listen'
port = $PG_PORT
unix_socket_directories = '$PGSOCK'
unix_socket_permissions = 0777
max_connections = 200
max_locks_per_transaction = 256
max_prepared_transactions = 20
shared_preload_libraries = 'pg_stat_statements'
dynamic_shared_memory_type = mmap
fsync = off
full_page_writes = off
synchronous_commit = off
password_encryption = 'scram-sha-256'
ssl = on
ssl_cert_file = '$TLS/server.pem'
ssl_key_file = '$TLS/server-key.pem'
ssl_ca_file = '$TLS/ca.pem'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF
    cat >"$PGDATA_DIR/pg_hba.conf" <<'EOF'
# Generated by scripts/lib/servers.sh on every start; edits are lost.
# TYPE   DATABASE     USER  ADDRESS        METHOD
local    all          all                  trust
local    replication  all                  trust
hostssl  all          all   127.0.0.1/32   scram-sha-256
hostssl  all          all   ::1/128        scram-sha-256
host     all          all   127.0.0.1/32   scram-sha-256
host     all          all   ::1/128        scram-sha-256
host     replication  all   127.0.0.1/32   scram-sha-256
host     replication  all   ::1/128        scram-sha-256
EOF
    own "$PG_USER" "$PGDATA_DIR/strata.conf" "$PGDATA_DIR/pg_hba.conf"
    chmod 0600 "$PGDATA_DIR/strata.conf" "$PGDATA_DIR/pg_hba.conf"
}

pg_init() {
    [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL 15 not found in $PG_BIN (run scripts/lib/install-deps.sh)"
    log "initialising PostgreSQL data directory $PGDATA_DIR"
    rm -rf "$PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    chmod 0700 "$PGDATA_DIR"
    own "$PG_USER" "$PGDATA_DIR"
    if ! as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 --no-sync >"$STATE/pg-initdb.log" 2>&1; then
        show_log_tail "$STATE/pg-initdb.log"
        die "initdb failed"
    fi
    printf "\ninclude 'strata.conf'\n" >>"$PGDATA_DIR/postgresql.conf"
    : >"$STATE/pg.initialized"
}

pg_bootstrap() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGSOCK" -p "$PG_PORT" -U postgres -d postgres \
        >/dev/null <<EOF
SELECT 'CREATE ROLE strata' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strata') \\gexec
ALTER ROLE strata WITH LOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS PASSWORD '$PASSWORD';
SELECT 'CREATE DATABASE strata_test OWNER strata'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'strata_test') \\gexec
EOF
}

pg_start() {
    [[ -f "$STATE/pg.initialized" && -f "$PGDATA_DIR/PG_VERSION" ]] || pg_init
    mkdir -p "$PGSOCK"
    chmod 0777 "$PGSOCK"
    [[ -e "$PGLOG" ]] || : >"$PGLOG"
    own "$PG_USER" "$PGLOG"
    pg_write_config
    # After a crash (or a kill -9 whose zombie is not reaped yet) PostgreSQL would refuse to start
    # because of its own stale lock files; nothing else uses our data or socket directory.
    if [[ -r "$PGDATA_DIR" && -z "$(pg_pid)" ]]; then
        if [[ -f "$PGDATA_DIR/postmaster.pid" ]]; then
            log "removing stale $PGDATA_DIR/postmaster.pid"
        fi
        rm -f "$PGDATA_DIR/postmaster.pid" "$PGSOCK/.s.PGSQL.$PG_PORT" "$PGSOCK/.s.PGSQL.$PG_PORT.lock"
    fi
    log "starting PostgreSQL on port $PG_PORT"
    # fd 9 is the lock: the server must not inherit it. pg_ctl sends the server's output to -l.
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" -w -t "$WAIT" -s start \
            </dev/null >/dev/null 2>"$STATE/pg-ctl.err" 9<&-; then
        cat "$STATE/pg-ctl.err" >&2 || true
        show_log_tail "$PGLOG"
        die "PostgreSQL failed to start on port $PG_PORT (log: $PGLOG)"
    fi
    pg_wait_ready
    pg_bootstrap || { show_log_tail "$PGLOG"; die "could not create role/database in PostgreSQL"; }
}

pg_wait_ready() {
    local i
    for ((i = 0; i < WAIT * 5; i++)); do
        pg_ready && return 0
        sleep 0.2
    done
    show_log_tail "$PGLOG"
    die "PostgreSQL did not accept connections within ${WAIT}s (log: $PGLOG)"
}

pg_stop() {
    pg_running || return 0
    log "stopping PostgreSQL"
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t "$WAIT" -s stop 9<&-; then
        log "fast shutdown timed out; forcing an immediate shutdown"
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t "$WAIT" -s stop 9<&- ||
            die "could not stop PostgreSQL"
    fi
}

pg_restart() {
    if ! pg_running; then
        pg_start
        return
    fi
    pg_write_config
    log "restarting PostgreSQL"
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" -m fast -w -t "$WAIT" -s restart \
            </dev/null >/dev/null 2>"$STATE/pg-ctl.err" 9<&-; then
        cat "$STATE/pg-ctl.err" >&2 || true
        show_log_tail "$PGLOG"
        die "PostgreSQL failed to restart (log: $PGLOG)"
    fi
    pg_wait_ready
}

# --- MariaDB -----------------------------------------------------------------------------------

my_admin() {
    mariadb-admin --no-defaults --protocol=socket --socket="$MYSOCK" -u root \
        --connect-timeout=5 "$@"
}

my_pid() {
    local pid=''
    [[ -r "$MYPID" ]] && read -r pid <"$MYPID" 2>/dev/null
    if pid_alive "$pid" mariadbd; then printf '%s\n' "$pid"; fi
}

mysql_ready() {
    [[ -S "$MYSOCK" ]] || return 1
    # `ping` succeeds whenever the server answers, even if access were denied.
    my_admin ping >/dev/null 2>&1
}

my_write_config() {
    local bind="127.0.0.1"
    if have_ipv6_loopback; then bind="127.0.0.1,::1"; fi
    local user_line=''
    if [[ $IS_ROOT -eq 1 ]]; then user_line="user=$MY_USER"; fi
    cat >"$MYCNF" <<EOF
# Generated by scripts/lib/servers.sh on every start; edits are lost.
[mariadbd]
$user_line
datadir=$MYDATA
socket=$MYSOCK
pid-file=$MYPID
log-error=$MYLOG
port=$MYSQL_PORT
bind-address=$bind
skip-name-resolve
skip-external-locking
ssl-ca=$TLS/ca.pem
ssl-cert=$TLS/server.pem
ssl-key=$TLS/mysql-server-key.pem
innodb_flush_log_at_trx_commit=0
innodb_doublewrite=0
sync_binlog=0
performance_schema=ON
max_connections=200
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
EOF
    chmod 0644 "$MYCNF"
}

my_init() {
    command -v mariadb-install-db >/dev/null 2>&1 ||
        die "mariadb-install-db not found (run scripts/lib/install-deps.sh)"
    log "initialising MariaDB data directory $MYDATA"
    rm -rf "$MYDATA"
    local -a user_opt=()
    if [[ $IS_ROOT -eq 1 ]]; then user_opt=(--user="$MY_USER"); fi
    if ! (cd / && mariadb-install-db --defaults-file="$MYCNF" "${user_opt[@]}" \
            --auth-root-authentication-method=normal --skip-test-db \
            --skip-name-resolve \
            >"$STATE/mysql-install.log" 2>&1 </dev/null 9<&-); then
        show_log_tail "$STATE/mysql-install.log"
        show_log_tail "$MYLOG"
        die "mariadb-install-db failed"
    fi
    : >"$STATE/mysql.initialized"
}

my_bootstrap() {
    local host sql=''
    for host in '%' 'localhost' '127.0.0.1' '::1'; do
        sql+="CREATE USER IF NOT EXISTS 'strata'@'$host' IDENTIFIED BY '$PASSWORD';"
        sql+="ALTER USER 'strata'@'$host' IDENTIFIED BY '$PASSWORD';"
        sql+="GRANT ALL PRIVILEGES ON *.* TO 'strata'@'$host' WITH GRANT OPTION;"
    done
    sql+="CREATE DATABASE IF NOT EXISTS strata_test;"
    # mariadb-install-db also creates password-less root accounts for TCP; admin is socket-only.
    sql+="DELETE FROM mysql.global_priv WHERE User = 'root' AND Host <> 'localhost';"
    sql+="FLUSH PRIVILEGES;"
    mariadb --no-defaults --protocol=socket --socket="$MYSOCK" -u root -e "$sql" </dev/null
}

my_start() {
    [[ -x "$MARIADBD" ]] || die "mariadbd not found (run scripts/lib/install-deps.sh)"
    my_write_config
    [[ -f "$STATE/mysql.initialized" && -d "$MYDATA/mysql" ]] || my_init
    [[ -e "$MYLOG" ]] || : >"$MYLOG"
    own "$MY_USER" "$MYLOG"
    rm -f "$MYPID"
    log "starting MariaDB on port $MYSQL_PORT"
    # Detached from our session and from the lock (fd 9); output goes to the log, never to the
    # caller's stdout (ctest would otherwise wait for the pipe to close).
    (
        cd /
        close_extra_fds
        exec setsid "$MARIADBD" --defaults-file="$MYCNF" </dev/null >>"$MYLOG" 2>&1
    ) &
    local launcher=$!
    disown "$launcher" 2>/dev/null || true
    local i
    for ((i = 0; i < WAIT * 5; i++)); do
        if mysql_ready; then
            my_bootstrap || { show_log_tail "$MYLOG"; die "could not create user/database in MariaDB"; }
            return 0
        fi
        if [[ -z "$(my_pid)" ]] && ! pid_alive "$launcher" mariadbd && ((i > 5)); then
            show_log_tail "$MYLOG"
            die "MariaDB exited during startup (log: $MYLOG)"
        fi
        sleep 0.2
    done
    show_log_tail "$MYLOG"
    die "MariaDB did not accept connections within ${WAIT}s (log: $MYLOG)"
}

my_stop() {
    local pid
    pid=$(my_pid)
    if [[ -z "$pid" ]] && ! mysql_ready; then
        return 0
    fi
    log "stopping MariaDB"
    if ! my_admin shutdown >/dev/null 2>&1 && [[ -n "$pid" ]]; then
        kill -TERM "$pid" 2>/dev/null || true
    fi
    [[ -n "$pid" ]] || pid=$(my_pid)
    local i
    for ((i = 0; i < WAIT * 5; i++)); do
        if [[ -z "$pid" ]] || ! pid_alive "$pid" mariadbd; then
            rm -f "$MYSOCK"
            return 0
        fi
        sleep 0.2
    done
    log "MariaDB did not stop within ${WAIT}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    rm -f "$MYSOCK" "$MYPID"
}

my_restart() {
    my_stop
    my_start
}

# --- fixture bookkeeping -----------------------------------------------------------------------

lease_id() { printf '%s\n' "${STRATA_TEST_LEASE_PID:-$PPID}"; }

marker_add() {
    if ! grep -qx "$1" "$MARKER" 2>/dev/null; then printf '%s\n' "$1" >>"$MARKER"; fi
}

prune_leases() {
    local f pid
    [[ -d "$LEASES" ]] || return 0
    for f in "$LEASES"/*; do
        [[ -e "$f" ]] || continue
        pid=${f##*/}
        if [[ ! "$pid" =~ ^[0-9]+$ || ! -e "/proc/$pid" ]]; then rm -f "$f"; fi
    done
}

leases_left() {
    [[ -d "$LEASES" ]] || return 1
    local f
    for f in "$LEASES"/*; do
        [[ -e "$f" ]] && return 0
    done
    return 1
}

# --- commands ----------------------------------------------------------------------------------

cmd_start() {
    local fixture=0
    case "${1:-}" in
        '') ;;
        --fixture) fixture=1 ;;
        *) die "unknown option for start: $1" ;;
    esac
    select_ports start
    prepare_state_dir
    take_lock

    # Fast path: both already up on the requested ports.
    if pg_ready && mysql_ready; then
        if [[ $fixture -eq 1 ]]; then
            mkdir -p "$LEASES"
            : >"$LEASES/$(lease_id)"
        else
            rm -f "$MARKER"
        fi
        log "PostgreSQL :$PG_PORT and MariaDB :$MYSQL_PORT already running (state $STATE)"
        return 0
    fi

    check_traversable
    # The servers may run on other ports than the ones now requested.
    if [[ -n "$REC_PG_PORT" && "$REC_PG_PORT" != "$PG_PORT" ]]; then pg_stop; fi
    if [[ -n "$REC_MYSQL_PORT" && "$REC_MYSQL_PORT" != "$MYSQL_PORT" ]]; then my_stop; fi
    write_ports
    ensure_tls

    if [[ $fixture -eq 1 ]]; then
        mkdir -p "$LEASES"
        : >"$LEASES/$(lease_id)"
    else
        rm -f "$MARKER"
    fi

    if ! pg_ready; then
        if [[ $fixture -eq 1 ]]; then marker_add pg; fi
        # A postmaster that exists but doesn't answer (e.g. stuck) is restarted.
        if pg_running; then pg_restart; else pg_start; fi
    fi
    if ! mysql_ready; then
        if [[ $fixture -eq 1 ]]; then marker_add mysql; fi
        my_stop
        my_start
    fi
    log "PostgreSQL :$PG_PORT and MariaDB :$MYSQL_PORT are ready (state $STATE)"
}

cmd_stop() {
    local if_fixture=0
    case "${1:-}" in
        '') ;;
        --if-fixture) if_fixture=1 ;;
        *) die "unknown option for stop: $1" ;;
    esac
    select_ports stop
    [[ -d "$STATE" && -e "$STATE/lock" ]] || return 0
    take_lock

    if [[ $if_fixture -eq 1 ]]; then
        if [[ ! -f "$MARKER" ]]; then
            log "servers were not started by the test fixture; leaving them running"
            return 0
        fi
        rm -f "$LEASES/$(lease_id)"
        prune_leases
        if leases_left; then
            log "servers still in use by another test run; leaving them running"
            return 0
        fi
        local which=()
        mapfile -t which <"$MARKER"
        local w
        for w in "${which[@]}"; do
            case "$w" in
                pg) pg_stop ;;
                mysql) my_stop ;;
            esac
        done
    else
        pg_stop
        my_stop
    fi
    rm -f "$MARKER"
    rm -rf "$LEASES"
}

cmd_restart() {
    select_ports restart
    prepare_state_dir
    take_lock
    ensure_tls
    case "$1" in
        pg) pg_restart ;;
        mysql) my_restart ;;
    esac
    log "$1 restarted"
}

cmd_status() {
    select_ports status
    local rc=0
    if pg_ready; then
        printf 'postgresql: running on 127.0.0.1:%s (socket dir %s)\n' "$PG_PORT" "$PGSOCK"
    else
        printf 'postgresql: not running\n'
        rc=3
    fi
    if mysql_ready; then
        printf 'mariadb:    running on 127.0.0.1:%s (socket %s)\n' "$MYSQL_PORT" "$MYSOCK"
    else
        printf 'mariadb:    not running\n'
        rc=3
    fi
    printf 'state:      %s\n' "$STATE"
    if [[ -f "$MARKER" ]]; then
        printf 'started by: test fixture (%s); stopped when the last ctest run ends\n' \
            "$(paste -sd, "$MARKER")"
    fi
    return $rc
}

cmd_env() {
    select_ports env
    local -a vars=(
        STRATA_TEST_PG_URL "postgresql://strata@127.0.0.1:$PG_PORT/strata_test"
        STRATA_TEST_MYSQL_URL "mysql://strata@127.0.0.1:$MYSQL_PORT/strata_test"
        STRATA_TEST_PASSWORD "$PASSWORD"
        STRATA_TEST_STATE "$STATE"
        STRATA_TEST_TLS_CA "$TLS/ca.pem"
        STRATA_TEST_SERVERS "$SCRIPT_PATH"
        STRATA_TEST_PG_SOCKET_DIR "$PGSOCK"
        STRATA_TEST_MYSQL_SOCKET "$MYSOCK"
        STRATA_TEST_PG_PORT "$PG_PORT"
        STRATA_TEST_MYSQL_PORT "$MYSQL_PORT"
    )
    local i
    for ((i = 0; i < ${#vars[@]}; i += 2)); do
        printf 'export %s=%q\n' "${vars[i]}" "${vars[i + 1]}"
    done
}

cmd_reset() {
    cmd_stop
    [[ -d "$STATE" ]] || return 0
    take_lock
    log "deleting server data in $STATE"
    rm -rf "$PGDATA_DIR" "$MYDATA" "$PGSOCK" "$STATE/pg.initialized" "$STATE/mysql.initialized" \
        "$PGLOG" "$MYLOG" "$PORTS_FILE" "$MYCNF"
}

usage() {
    sed -n '4,24p' "$SCRIPT_PATH" | sed 's/^# \{0,1\}//'
}

main() {
    local cmd=${1:-}
    [[ $# -gt 0 ]] && shift
    case "$cmd" in
        start) cmd_start "$@" ;;
        stop) cmd_stop "$@" ;;
        restart-pg) cmd_restart pg ;;
        restart-mysql) cmd_restart mysql ;;
        status) cmd_status ;;
        env) cmd_env ;;
        reset) cmd_reset ;;
        -h | --help | help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
