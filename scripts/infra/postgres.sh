# shellcheck shell=bash
# PostgreSQL for scripts/infra.sh: sourced by it (never run directly); uses its helpers and the
# PG_* paths set by layout(). See infra.sh for the profiles and the .local/<profile> layout.

# ---------------------------------------------------------------- probes and binaries

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
      # Test databases live for seconds; an autovacuum worker (a superuser session) on one makes
      # the test role's DROP DATABASE … WITH (FORCE) fail.
      echo "autovacuum = off"
    fi
  } >"$conf"
  own_pg "$conf"
}

pg_up() {
  parse_pg_url "$DATABASE_URL_P"
  local addr="$P_HOST:$P_PORT" pid
  if pg_reachable "$P_HOST" "$P_PORT"; then
    pid="$(head -n1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)"
    adopt_running_server postgres "$addr" "$pid" "$PG_MARK" "$PG_DIR" "$P_HOST:$P_PORT" || check_existing_pg
    return 0
  fi
  rm -f "$RUN_DIR/postgres.external"
  is_loopback "$P_HOST" || die "postgres: nothing answers at $addr and it is not a loopback address, so it cannot be started here"

  if ! find_pg_bin; then
    # shellcheck disable=SC2034 # read by apt_install() in infra.sh
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
