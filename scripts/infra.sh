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
#         from the environment, else from .env at the repository root
#   test  TEST_REDIS_URL    (default redis://127.0.0.1:6391)
#         TEST_DATABASE_URL (default postgresql://chatops:chatops@127.0.0.1:5441/chatops)
#
# State lives in .local/<profile>/{redis,pg,log,run} at the repository root. A server this script
# started is recorded in run/<redis|postgres>.started; a server it found already running is never
# stopped by `down`. The test profile's PostgreSQL starts from a fresh data directory each time it
# is started (INFRA_KEEP_DATA=1 keeps it); its Redis keeps nothing on disk.
#
# The test profile also makes sure PgBouncer's binary is there (installing it if root), for the
# one test that starts its own PgBouncer; no PgBouncer is started here.
#
# This file is the entry point and holds the shared helpers; the per-service code lives in
# scripts/infra/redis.sh, scripts/infra/postgres.sh and scripts/infra/pgbouncer.sh, which it sources.
set -euo pipefail
# runuser (util-linux) lives in /usr/sbin, which a non-login or minimal PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

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

# A server already answers at <addr>: ours when our mark is there and the process it names is
# alive, otherwise someone else's, recorded as such so that 'down' leaves it alone. Returns 1 for
# someone else's, which the caller may check further.
adopt_running_server() { # <name> <addr> <pid> <mark> <data dir> <url to record>
  local name="$1" addr="$2" pid="$3" mark="$4" dir="$5" url="$6"
  if [ -f "$mark" ] && pid_alive "$pid"; then
    say "$name: already running on $addr (started by infra.sh, pid $pid, $(rel "$dir"))"
    return 0
  fi
  rm -f "$mark"
  echo "url=$url" >"$RUN_DIR/$name.external"
  say "$name: using existing server at $addr (not started here; 'down' leaves it alone)"
  return 1
}

# ---------------------------------------------------------------- shared probes and installs

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

APT_UPDATED=0
# How long to wait for another apt/dpkg (an unattended upgrade, another install) to finish.
APT_LOCK_TIMEOUT="${APT_LOCK_TIMEOUT:-600}"

# apt-get with its output shown (indented), waiting while another apt or dpkg holds a lock:
# DPkg::Lock::Timeout covers dpkg's lock, and the loop the package lists' lock, which
# `apt-get update` takes without waiting.
apt_get() {
  local deadline=$((SECONDS + APT_LOCK_TIMEOUT)) log rc
  log="$(mktemp)"
  while :; do
    rc=0
    apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_TIMEOUT" -o Dpkg::Use-Pty=0 "$@" 2>&1 | tee "$log" | sed -u 's/^/    /' || rc=$?
    if [ "$rc" -ne 0 ] && grep -q 'Could not get lock' "$log" && [ "$SECONDS" -lt "$deadline" ]; then
      say "infra: another apt/dpkg is running; waiting for it ($((deadline - SECONDS))s left, APT_LOCK_TIMEOUT)"
      sleep 5
      continue
    fi
    rm -f "$log"
    return "$rc"
  done
}

apt_install() { # packages...
  local what="$*"
  if ! is_root; then
    die "missing: $what. Install it first, e.g.: sudo apt-get install -y --no-install-recommends $what${PROFILE_ENV_HINT:+
       (or point ${PROFILE_ENV_HINT} at a running server)}"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing: $what, and apt-get is not available to install it"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    say "infra: apt-get update (to install: $what)"
    apt_get update || die "apt-get update failed (output above)"
    APT_UPDATED=1
  fi
  say "infra: apt-get install -y --no-install-recommends $what"
  apt_get install -y --no-install-recommends "$@" || die "apt-get install $what failed (output above)"
}

# ---------------------------------------------------------------- services

# Resolved from this script's own directory, so infra.sh works from any cwd.
# shellcheck source-path=SCRIPTDIR source=infra/redis.sh
. "$SCRIPT_DIR/infra/redis.sh"
# shellcheck source-path=SCRIPTDIR source=infra/postgres.sh
. "$SCRIPT_DIR/infra/postgres.sh"
# shellcheck source-path=SCRIPTDIR source=infra/pgbouncer.sh
. "$SCRIPT_DIR/infra/pgbouncer.sh"

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
if [ "$PROFILE" = dev ]; then
  # shellcheck source-path=SCRIPTDIR source=lib/dotenv.sh
  . "$SCRIPT_DIR/lib/dotenv.sh"
  load_dotenv
fi
profile_urls
layout

case "$CMD" in
  env) cmd_env ;;
  up)
    mkdir -p "$RUN_DIR" "$LOG_DIR"
    lock
    redis_up
    pg_up
    pgbouncer_up
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
