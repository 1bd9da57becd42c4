#!/usr/bin/env bash
# Project-local Redis and PostgreSQL for a named profile (dev | test).
#
#   scripts/infra.sh up   <profile>   reuse a reachable server, or start one (installing it if root)
#   scripts/infra.sh down <profile>   stop only what `up` started for that profile
#   scripts/infra.sh env  <profile>   print `export REDIS_URL=… DATABASE_URL=…` for the profile
#   scripts/infra.sh status <profile>
#
# Profiles:
#   dev   REDIS_URL    (default redis://127.0.0.1:6379)
#         DATABASE_URL (default postgresql://chatops:chatops@127.0.0.1:5432/chatops)
#   test  TEST_REDIS_URL    (default redis://127.0.0.1:6391)
#         TEST_DATABASE_URL (default postgresql://chatops:chatops@127.0.0.1:5441/chatops)
#
# State lives in .local/<profile>/{redis,pg,log,run} at the repository root. A server this script
# started is recorded in run/<redis|postgres>.started; a server it found already running is never
# stopped by `down`. The test profile's PostgreSQL starts from a fresh data directory each time it
# is started (INFRA_KEEP_DATA=1 keeps it); its Redis keeps nothing on disk.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd -- "$SCRIPT_DIR/.." && pwd)"
PG_WANT_MAJOR="${PG_WANT_MAJOR:-15}" # what apt installs on Debian 12 (package `postgresql`)
WAIT_SECONDS="${INFRA_WAIT_SECONDS:-30}"

die() { echo "infra: error: $*" >&2; exit 1; }
say() { echo "$*"; }
rel() { local p="$1"; echo "${p#"$ROOT"/}"; }
is_root() { [ "$(id -u)" -eq 0 ]; }

usage() {
  echo "usage: scripts/infra.sh {up|down|env|status} {dev|test}" >&2
  exit 2
}

# ---------------------------------------------------------------- URLs and profile layout

profile_urls() { # sets REDIS_URL_P DATABASE_URL_P for $PROFILE
  case "$PROFILE" in
    dev)
      REDIS_URL_P="${REDIS_URL:-redis://127.0.0.1:6379}"
      DATABASE_URL_P="${DATABASE_URL:-postgresql://chatops:chatops@127.0.0.1:5432/chatops}"
      ;;
    test)
      REDIS_URL_P="${TEST_REDIS_URL:-redis://127.0.0.1:6391}"
      DATABASE_URL_P="${TEST_DATABASE_URL:-postgresql://chatops:chatops@127.0.0.1:5441/chatops}"
      ;;
    *) usage ;;
  esac
}

urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }

# redis://[user[:password]@]host[:port][/db]
parse_redis_url() {
  local url="$1" rest auth hostport
  [[ "$url" =~ ^rediss?:// ]] || die "REDIS_URL must start with redis:// (got: $url)"
  rest="${url#*://}"
  rest="${rest%%/*}"
  R_PASS=""
  if [[ "$rest" == *@* ]]; then
    auth="${rest%@*}"
    hostport="${rest##*@}"
    if [[ "$auth" == *:* ]]; then R_PASS="$(urldecode "${auth#*:}")"; fi
  else
    hostport="$rest"
  fi
  R_HOST="${hostport%%:*}"
  R_PORT=6379
  if [[ "$hostport" == *:* ]]; then R_PORT="${hostport##*:}"; fi
  [ -n "$R_HOST" ] || R_HOST=127.0.0.1
  [[ "$R_PORT" =~ ^[0-9]+$ ]] || die "bad port in REDIS_URL: $url"
}

# postgres[ql]://user[:password]@host[:port]/database[?params]
parse_pg_url() {
  local url="$1" rest auth hostport
  [[ "$url" =~ ^postgres(ql)?:// ]] || die "DATABASE_URL must start with postgresql:// (got: $url)"
  rest="${url#*://}"
  rest="${rest%%\?*}"
  P_DB="chatops"
  if [[ "$rest" == */* ]]; then P_DB="$(urldecode "${rest#*/}")"; rest="${rest%%/*}"; fi
  P_USER="postgres"
  P_PASS=""
  if [[ "$rest" == *@* ]]; then
    auth="${rest%@*}"
    hostport="${rest##*@}"
    P_USER="$(urldecode "${auth%%:*}")"
    if [[ "$auth" == *:* ]]; then P_PASS="$(urldecode "${auth#*:}")"; fi
  else
    hostport="$rest"
  fi
  P_HOST="${hostport%%:*}"
  P_PORT=5432
  if [[ "$hostport" == *:* ]]; then P_PORT="${hostport##*:}"; fi
  [ -n "$P_HOST" ] || P_HOST=127.0.0.1
  [[ "$P_PORT" =~ ^[0-9]+$ ]] || die "bad port in DATABASE_URL: $url"
  [ -n "$P_DB" ] || P_DB="$P_USER"
}

is_loopback() { [[ "$1" == 127.* || "$1" == localhost || "$1" == "::1" || "$1" == "[::1]" ]]; }

layout() {
  BASE="$ROOT/.local/$PROFILE"
  RUN_DIR="$BASE/run"
  LOG_DIR="$BASE/log"
  REDIS_DIR="$BASE/redis"
  PG_DIR="$BASE/pg"
  REDIS_PIDFILE="$RUN_DIR/redis.pid"
  REDIS_LOG="$LOG_DIR/redis.log"
  REDIS_MARK="$RUN_DIR/redis.started"
  PG_PIDFILE="$RUN_DIR/postgres.pid"
  PG_LOG="$LOG_DIR/postgres.log"
  PG_MARK="$RUN_DIR/postgres.started"
  PG_SOCK_DIR="$RUN_DIR/pg"
}

pg_socket_dir() { # unix socket paths are limited to 107 bytes; fall back to /tmp for deep clones
  local port="$1" d="$PG_SOCK_DIR"
  if [ $(( ${#d} + 16 )) -gt 100 ]; then d="/tmp/chatops-pg-$(id -u)-$PROFILE-$port"; fi
  echo "$d"
}

mark_get() { sed -n "s/^$2=//p" "$1" 2>/dev/null | head -n1; }
pid_alive() { # a zombie (exited, not yet reaped) counts as gone
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  local st
  st="$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || true
  [ "$st" != Z ]
}

# ---------------------------------------------------------------- probes

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

redis_reachable() { # host port [password]
  local host="$1" port="$2" pass="${3:-}" reply
  if command -v redis-cli >/dev/null 2>&1; then
    reply="$(env ${pass:+REDISCLI_AUTH="$pass"} timeout 3 redis-cli -h "$host" -p "$port" ping 2>/dev/null || true)"
    [[ "$reply" == PONG || "$reply" == *NOAUTH* || "$reply" == *WRONGPASS* ]] && return 0
    return 1
  fi
  reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/$host/$port && printf 'PING\r\n' >&3 && IFS= read -r -t 2 line <&3 && printf '%s' \"\$line\"" 2>/dev/null || true)"
  [[ "$reply" == +PONG* || "$reply" == -NOAUTH* || "$reply" == -WRONGPASS* ]]
}

# PostgreSQL client tools: prefer the server's own bin dir, then PATH.
pg_tool() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/$1" ]; then echo "$PG_BIN/$1"; return 0; fi
  local d
  for d in $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$d/$1" ]; then echo "$d/$1"; return 0; fi
  done
  command -v "$1" 2>/dev/null
}

pg_reachable() { # host port -> 0 accepting connections
  local host="$1" port="$2" isready
  if isready="$(pg_tool pg_isready)"; then
    timeout 5 "$isready" -q -h "$host" -p "$port" -t 3 >/dev/null 2>&1
  else
    tcp_open "$host" "$port"
  fi
}

# ---------------------------------------------------------------- binaries

find_pg_bin() { # newest installed major with initdb, pg_ctl and postgres
  local d
  PG_BIN=""
  for d in $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then PG_BIN="$d"; return 0; fi
  done
  if command -v pg_ctl >/dev/null 2>&1; then # e.g. a self-built or Homebrew-style install
    d="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then PG_BIN="$d"; return 0; fi
  fi
  return 1
}

find_redis_server() {
  REDIS_SERVER="$(command -v redis-server 2>/dev/null || true)"
  [ -n "$REDIS_SERVER" ] || { [ -x /usr/bin/redis-server ] && REDIS_SERVER=/usr/bin/redis-server; } || true
  [ -n "$REDIS_SERVER" ]
}

APT_UPDATED=0
apt_install() { # packages...
  local what="$*"
  if ! is_root; then
    die "missing: $what. Install it first, e.g.: sudo apt-get install -y --no-install-recommends $what
       (or point ${PROFILE_ENV_HINT} at a running server)"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing: $what, and apt-get is not available to install it"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    say "infra: apt-get update (installing: $what)"
    apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  say "infra: apt-get install -y --no-install-recommends $what"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || die "apt-get install $what failed"
}

# ---------------------------------------------------------------- root helpers for PostgreSQL

as_pg() { # run a command as the PostgreSQL server's OS user
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres_user() {
  is_root || return 0
  if ! id postgres >/dev/null 2>&1; then
    say "infra: creating system user postgres"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

ensure_traversable() { # make every ancestor of $1 searchable by the postgres user
  is_root || return 0
  local d="$1" path="" part TEST_BIN=/usr/bin/test
  [ -x "$TEST_BIN" ] || TEST_BIN=/bin/test # absolute: the caller's PATH may be unreadable to postgres
  IFS='/' read -r -a parts <<<"${d#/}"
  for part in "${parts[@]}"; do
    path="$path/$part"
    [ -d "$path" ] || break
    if ! runuser -u postgres -- "$TEST_BIN" -x "$path" 2>/dev/null; then
      say "infra: chmod o+x $path (so the postgres user can reach $(rel "$d"))"
      chmod o+x "$path"
    fi
  done
}

own_pg() { if is_root; then chown -R postgres:postgres "$@"; fi; }

# ---------------------------------------------------------------- Redis

redis_up() {
  parse_redis_url "$REDIS_URL_P"
  local addr="$R_HOST:$R_PORT" pid
  if redis_reachable "$R_HOST" "$R_PORT" "$R_PASS"; then
    pid="$(cat "$REDIS_PIDFILE" 2>/dev/null || true)"
    if [ -f "$REDIS_MARK" ] && pid_alive "$pid"; then
      say "redis: already running on $addr (started by infra.sh, pid $pid, $(rel "$REDIS_DIR"))"
    else
      rm -f "$REDIS_MARK"
      echo "url=$REDIS_URL_P" >"$RUN_DIR/redis.external"
      say "redis: using existing server at $addr (not started here; 'down' leaves it alone)"
    fi
    return 0
  fi
  rm -f "$RUN_DIR/redis.external"
  is_loopback "$R_HOST" || die "redis: nothing answers at $addr and it is not a loopback address, so it cannot be started here"

  if ! find_redis_server; then
    PROFILE_ENV_HINT="$([ "$PROFILE" = test ] && echo TEST_REDIS_URL || echo REDIS_URL)"
    apt_install redis-server
    find_redis_server || die "redis-server still not found after installing redis-server"
    # On a machine with an init system, apt may have started a system Redis on 6379.
    if redis_reachable "$R_HOST" "$R_PORT" "$R_PASS"; then
      echo "url=$REDIS_URL_P" >"$RUN_DIR/redis.external"
      say "redis: using existing server at $addr (started by the redis-server package)"
      return 0
    fi
  fi
  if tcp_open 127.0.0.1 "$R_PORT"; then
    die "redis: port $R_PORT is in use by something that does not answer PING; choose another port in the URL"
  fi

  mkdir -p "$REDIS_DIR"
  local args=(--daemonize yes --bind 127.0.0.1 --port "$R_PORT" --protected-mode yes --save ""
    --dir "$REDIS_DIR" --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_LOG")
  if [ "$PROFILE" = dev ]; then args+=(--appendonly yes); else args+=(--appendonly no); fi
  if [ -n "$R_PASS" ]; then args+=(--requirepass "$R_PASS"); fi
  rm -f "$REDIS_PIDFILE"
  "$REDIS_SERVER" "${args[@]}" </dev/null >>"$REDIS_LOG" 2>&1 9>&- || {
    tail -n 20 "$REDIS_LOG" >&2 || true
    die "redis: redis-server failed to start (log: $(rel "$REDIS_LOG"))"
  }
  local i
  for ((i = 0; i < WAIT_SECONDS * 10; i++)); do
    if redis_reachable 127.0.0.1 "$R_PORT" "$R_PASS"; then
      printf 'port=%s\npassword=%s\n' "$R_PORT" "$R_PASS" >"$REDIS_MARK"
      say "redis: started on 127.0.0.1:$R_PORT ($(rel "$REDIS_DIR"), pid $(cat "$REDIS_PIDFILE" 2>/dev/null || echo ?))"
      return 0
    fi
    sleep 0.1
  done
  echo "--- last lines of $(rel "$REDIS_LOG"):" >&2
  tail -n 20 "$REDIS_LOG" >&2 || true
  die "redis: did not answer PING on 127.0.0.1:$R_PORT within ${WAIT_SECONDS}s"
}

redis_down() {
  if [ ! -f "$REDIS_MARK" ]; then
    if [ -f "$RUN_DIR/redis.external" ]; then say "redis: leaving the existing server alone (not started here)"; fi
    rm -f "$RUN_DIR/redis.external"
    return 0
  fi
  local port pass pid i
  port="$(mark_get "$REDIS_MARK" port)"
  pass="$(mark_get "$REDIS_MARK" password)"
  pid="$(cat "$REDIS_PIDFILE" 2>/dev/null || true)"
  if ! pid_alive "$pid"; then
    say "redis: not running (profile $PROFILE)"
    rm -f "$REDIS_MARK" "$REDIS_PIDFILE"
    return 0
  fi
  local mode=nosave
  if [ "$PROFILE" = dev ]; then mode=""; fi # dev keeps its append-only file
  if command -v redis-cli >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    env ${pass:+REDISCLI_AUTH="$pass"} timeout 10 redis-cli -h 127.0.0.1 -p "$port" shutdown $mode >/dev/null 2>&1 || true
  fi
  for ((i = 0; i < 100; i++)); do pid_alive "$pid" || break; [ "$i" = 30 ] && kill -TERM "$pid" 2>/dev/null; sleep 0.1; done
  if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$REDIS_MARK" "$REDIS_PIDFILE"
  say "redis: stopped (127.0.0.1:$port)"
}

# ---------------------------------------------------------------- PostgreSQL

psql_admin() { # run SQL as the superuser over our own unix socket: port sockdir sql...
  local port="$1" sock="$2"; shift 2
  "$(pg_tool psql)" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres "$@"
}

sql_lit() { local s="${1//\'/\'\'}"; printf "'%s'" "$s"; }
sql_ident() { local s="${1//\"/\"\"}"; printf '"%s"' "$s"; }

provision_role_db() { # runner... : a command prefix that runs psql as a superuser
  local -a run=("$@")
  local role_exists db_exists
  role_exists="$("${run[@]}" -Atc "SELECT 1 FROM pg_roles WHERE rolname = $(sql_lit "$P_USER")")"
  if [ "$role_exists" != 1 ]; then
    "${run[@]}" -c "CREATE ROLE $(sql_ident "$P_USER") LOGIN CREATEDB PASSWORD $(sql_lit "$P_PASS")"
  else
    "${run[@]}" -c "ALTER ROLE $(sql_ident "$P_USER") LOGIN CREATEDB PASSWORD $(sql_lit "$P_PASS")"
  fi
  db_exists="$("${run[@]}" -Atc "SELECT 1 FROM pg_database WHERE datname = $(sql_lit "$P_DB")")"
  if [ "$db_exists" != 1 ]; then
    "${run[@]}" -c "CREATE DATABASE $(sql_ident "$P_DB") OWNER $(sql_ident "$P_USER")"
  fi
}

pg_login_ok() { # can the URL's credentials log in over TCP?
  local psql
  psql="$(pg_tool psql)" || return 0 # cannot check; assume fine
  PGPASSWORD="$P_PASS" PGCONNECT_TIMEOUT=5 timeout 10 "$psql" -X -q -h "$P_HOST" -p "$P_PORT" -U "$P_USER" -d "$P_DB" -Atc 'select 1' >/dev/null 2>&1
}

check_existing_pg() { # a server we did not start: make sure the URL can log in, or say how to fix it
  pg_login_ok && return 0
  if is_root && is_loopback "$P_HOST" && id postgres >/dev/null 2>&1 && [ -n "$(pg_tool psql || true)" ]; then
    # A system cluster (e.g. Debian's main cluster): the postgres OS user is its superuser via peer auth.
    local psql; psql="$(pg_tool psql)"
    if runuser -u postgres -- "$psql" -X -q -p "$P_PORT" -d postgres -Atc 'select 1' >/dev/null 2>&1; then
      say "postgres: creating role $P_USER and database $P_DB on the existing server"
      provision_role_db runuser -u postgres -- "$psql" -X -q -v ON_ERROR_STOP=1 -p "$P_PORT" -d postgres
      pg_login_ok && return 0
    fi
  fi
  echo "postgres: warning: the server at $P_HOST:$P_PORT is up but $P_USER cannot log in to database $P_DB." >&2
  echo "  Create them, e.g.: sudo -u postgres psql -p $P_PORT -c \"CREATE ROLE $P_USER LOGIN CREATEDB PASSWORD '…'\" && sudo -u postgres createdb -p $P_PORT -O $P_USER $P_DB" >&2
  echo "  or set DATABASE_URL to credentials that work." >&2
}

pg_write_conf() {
  local port="$1" sock="$2" conf="$PG_DIR/chatops.conf"
  {
    echo "# written by scripts/infra.sh on every start; edits are overwritten"
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '${sock//\'/\'\'}'"
    if [ "$PROFILE" = test ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >"$conf"
  own_pg "$conf"
}

pg_up() {
  parse_pg_url "$DATABASE_URL_P"
  local addr="$P_HOST:$P_PORT" pid
  if pg_reachable "$P_HOST" "$P_PORT"; then
    pid="$(head -n1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)"
    if [ -f "$PG_MARK" ] && pid_alive "$pid"; then
      say "postgres: already running on $addr (started by infra.sh, pid $pid, $(rel "$PG_DIR"))"
    else
      rm -f "$PG_MARK"
      echo "url=$P_HOST:$P_PORT" >"$RUN_DIR/postgres.external"
      say "postgres: using existing server at $addr (not started here; 'down' leaves it alone)"
      check_existing_pg
    fi
    return 0
  fi
  rm -f "$RUN_DIR/postgres.external"
  is_loopback "$P_HOST" || die "postgres: nothing answers at $addr and it is not a loopback address, so it cannot be started here"

  if ! find_pg_bin; then
    PROFILE_ENV_HINT="$([ "$PROFILE" = test ] && echo TEST_DATABASE_URL || echo DATABASE_URL)"
    apt_install postgresql
    find_pg_bin || die "PostgreSQL server binaries still not found under /usr/lib/postgresql/*/bin"
    # On a machine with an init system, apt may have started Debian's main cluster (port 5432).
    if pg_reachable "$P_HOST" "$P_PORT"; then
      echo "url=$P_HOST:$P_PORT" >"$RUN_DIR/postgres.external"
      say "postgres: using existing server at $addr (started by the postgresql package)"
      check_existing_pg
      return 0
    fi
  fi
  if tcp_open 127.0.0.1 "$P_PORT"; then
    die "postgres: port $P_PORT is in use by something that is not an accepting PostgreSQL; choose another port in the URL"
  fi
  ensure_postgres_user

  local major sock fresh=0
  major="$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
  sock="$(pg_socket_dir "$P_PORT")"

  if [ -f "$PG_DIR/PG_VERSION" ]; then
    local have; have="$(cat "$PG_DIR/PG_VERSION")"
    if [ "$PROFILE" = test ] && [ "${INFRA_KEEP_DATA:-0}" != 1 ]; then
      rm -rf "$PG_DIR"
    elif [ "$have" != "$major" ]; then
      die "postgres: $(rel "$PG_DIR") was made by PostgreSQL $have but $PG_BIN is $major; remove it (make clean) or install $have"
    fi
  elif [ -d "$PG_DIR" ]; then
    rm -rf "$PG_DIR" # a half-made directory from an interrupted initdb
  fi

  mkdir -p "$PG_DIR" "$sock" "$LOG_DIR"
  chmod 700 "$PG_DIR"
  touch "$PG_LOG"
  own_pg "$PG_DIR" "$sock" "$PG_LOG"
  ensure_traversable "$PG_DIR"
  ensure_traversable "$sock"

  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    fresh=1
    local -a initdb_args=(-D "$PG_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale)
    if [ "$PROFILE" = test ]; then initdb_args+=(--no-sync); fi
    if ! (cd / && as_pg "$PG_BIN/initdb" "${initdb_args[@]}") >"$LOG_DIR/initdb.log" 2>&1; then
      tail -n 20 "$LOG_DIR/initdb.log" >&2 || true
      die "postgres: initdb failed (log: $(rel "$LOG_DIR/initdb.log"))"
    fi
    echo "include_if_exists = 'chatops.conf'" >>"$PG_DIR/postgresql.conf"
  fi
  pg_write_conf "$P_PORT" "$sock"

  if ! (cd / && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_LOG" -w -t "$WAIT_SECONDS" start) </dev/null >>"$LOG_DIR/pg_ctl.log" 2>&1 9>&-; then
    echo "--- last lines of $(rel "$PG_LOG"):" >&2
    tail -n 20 "$PG_LOG" >&2 || true
    die "postgres: did not start on 127.0.0.1:$P_PORT within ${WAIT_SECONDS}s"
  fi
  local i
  for ((i = 0; i < WAIT_SECONDS * 10; i++)); do
    pg_reachable 127.0.0.1 "$P_PORT" && break
    sleep 0.1
  done
  pg_reachable 127.0.0.1 "$P_PORT" || {
    tail -n 20 "$PG_LOG" >&2 || true
    die "postgres: not accepting connections on 127.0.0.1:$P_PORT within ${WAIT_SECONDS}s"
  }
  printf 'port=%s\nsocket=%s\nbin=%s\n' "$P_PORT" "$sock" "$PG_BIN" >"$PG_MARK"
  head -n1 "$PG_DIR/postmaster.pid" >"$PG_PIDFILE" 2>/dev/null || true

  if ! provision_role_db psql_admin "$P_PORT" "$sock" >>"$LOG_DIR/pg_ctl.log" 2>&1; then
    tail -n 20 "$LOG_DIR/pg_ctl.log" >&2 || true
    die "postgres: could not create role $P_USER / database $P_DB"
  fi
  say "postgres: started on 127.0.0.1:$P_PORT ($(rel "$PG_DIR"), PostgreSQL $major$([ "$fresh" = 1 ] && echo ', new data directory'), pid $(cat "$PG_PIDFILE"))"
}

pg_down() {
  if [ ! -f "$PG_MARK" ]; then
    if [ -f "$RUN_DIR/postgres.external" ]; then say "postgres: leaving the existing server alone (not started here)"; fi
    rm -f "$RUN_DIR/postgres.external"
    return 0
  fi
  local port bin pid
  port="$(mark_get "$PG_MARK" port)"
  bin="$(mark_get "$PG_MARK" bin)"
  pid="$(head -n1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)"
  if ! pid_alive "$pid"; then
    say "postgres: not running (profile $PROFILE)"
    rm -f "$PG_MARK" "$PG_PIDFILE"
    return 0
  fi
  [ -x "$bin/pg_ctl" ] || { find_pg_bin || true; bin="$PG_BIN"; }
  if ! (cd / && as_pg "$bin/pg_ctl" -D "$PG_DIR" -m fast -w -t 30 stop) </dev/null >>"$LOG_DIR/pg_ctl.log" 2>&1; then
    echo "postgres: pg_ctl stop failed; sending SIGQUIT to $pid" >&2
    kill -QUIT "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PG_MARK" "$PG_PIDFILE"
  say "postgres: stopped (127.0.0.1:$port)"
}

# ---------------------------------------------------------------- commands

lock() { # serialise concurrent up/down for one profile
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/.lock"
    flock -w 120 9 || die "another scripts/infra.sh is still running for profile $PROFILE"
  fi
}

cmd_env() {
  printf 'export REDIS_URL=%q\n' "$REDIS_URL_P"
  printf 'export DATABASE_URL=%q\n' "$DATABASE_URL_P"
}

cmd_status() {
  parse_redis_url "$REDIS_URL_P"
  parse_pg_url "$DATABASE_URL_P"
  local r=down p=down
  redis_reachable "$R_HOST" "$R_PORT" "$R_PASS" && r=up
  pg_reachable "$P_HOST" "$P_PORT" && p=up
  say "redis:    $r at $R_HOST:$R_PORT$([ -f "$REDIS_MARK" ] && echo " (started by infra.sh, $(rel "$REDIS_DIR"))")"
  say "postgres: $p at $P_HOST:$P_PORT$([ -f "$PG_MARK" ] && echo " (started by infra.sh, $(rel "$PG_DIR"))")"
}

[ $# -eq 2 ] || usage
CMD="$1"
PROFILE="$2"
profile_urls
layout

case "$CMD" in
  env) cmd_env ;;
  up)
    mkdir -p "$RUN_DIR" "$LOG_DIR"
    lock
    redis_up
    pg_up
    ;;
  down)
    [ -d "$RUN_DIR" ] || exit 0
    lock
    redis_down
    pg_down
    ;;
  status) cmd_status ;;
  *) usage ;;
esac
