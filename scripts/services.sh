#!/usr/bin/env bash
# Start / stop / show the four chatops services against the dev profile (used by `make start|stop`).
#
#   scripts/services.sh start    start each service not running; restart each running one whose
#                                settings changed; wait for GET /healthz = 200
#   scripts/services.sh restart  stop, then start
#   scripts/services.sh stop     SIGTERM each (20 s grace, then SIGKILL), remove pidfiles
#   scripts/services.sh status   per service: healthy / unhealthy / not running, and stale settings
#   scripts/services.sh logs [svc...]  follow the logs (all services by default), pretty-printed
#   scripts/services.sh env      `export …` lines for the operator CLI and the admin API's curl
#
# Each service: `node services/<svc>/dist/main.js`, pid in .local/dev/run/<svc>.pid, log in
# .local/dev/log/<svc>.log, the digests of the settings it started with in run/<svc>.settings.
# Settings, first found wins: the caller's environment, then .env at the repository root (see
# .env.example), then these defaults: REDIS_URL, DATABASE_URL (from scripts/infra.sh env dev),
# GATEWAY_PORT=3000, COMMAND_HANDLER_PORT=3001, NOTIFIER_PORT=3002, INCIDENT_PORT=3003,
# GATEWAY_OPS_PORT=3004 (the gateway's /healthz, /readyz and /metrics), HOST=127.0.0.1,
# PUBLIC_URL=http://127.0.0.1:$GATEWAY_PORT, LOG_LEVEL=info, ENCRYPTION_KEY (32 random bytes,
# base64) and ADMIN_TOKEN (32 random bytes, hex): generated once into .local/dev/secrets.env
# (mode 600) when not set.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASE=".local/dev"
RUN_DIR="$BASE/run"
LOG_DIR="$BASE/log"
SECRETS="$BASE/secrets.env"
SERVICES=(gateway command-handler notifier incident)
# shellcheck source=lib/dotenv.sh
. "$ROOT/scripts/lib/dotenv.sh"
START_TIMEOUT="${START_TIMEOUT:-20}"
STOP_TIMEOUT="${STOP_TIMEOUT:-20}" # longer than a service's 15 s drain, so jobs in flight finish

die() { echo "services: error: $*" >&2; exit 1; }

port_var() { # gateway -> GATEWAY_PORT
  local v="${1//-/_}"
  echo "${v^^}_PORT"
}

port_of() {
  local var; var="$(port_var "$1")"
  echo "${!var}"
}

pid_alive() { # alive, not a zombie
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  local st
  st="$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || true
  [ "$st" != Z ]
}

running_pid() { # prints the pid of a live instance of $1 started by us, else fails
  local svc="$1" pidfile="$RUN_DIR/$1.pid" pid cmd
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  pid_alive "$pid" || return 1
  if [ -r "/proc/$pid/cmdline" ]; then # guard against a recycled pid
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
    [[ "$cmd" == *"services/$svc/dist/main.js"* ]] || return 1
  fi
  echo "$pid"
}

port_busy() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

healthy() { # port -> 0 when GET /healthz answers 200
  node -e '
    const http = require("node:http");
    const req = http.get({ host: "127.0.0.1", port: Number(process.argv[1]), path: "/healthz", timeout: 1000 }, (res) => {
      res.resume();
      process.exit(res.statusCode === 200 ? 0 : 1);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => process.exit(1));
  ' "$1" 2>/dev/null
}

show_log_tail() {
  echo "--- last lines of $LOG_DIR/$1.log:" >&2
  tail -n 30 "$LOG_DIR/$1.log" >&2 2>/dev/null || true
  echo "---" >&2
}

mask_url() { sed -E 's#(://[^:/@]*:)[^@]*@#\1***@#' <<<"$1"; }

load_env() {
  [ -z "${CHATOPS_ENV_LOADED:-}" ] || return 0
  CHATOPS_ENV_LOADED=1
  # Decided before .env is read, to say where ADMIN_TOKEN came from.
  local token_from_caller="${ADMIN_TOKEN:-}"
  load_dotenv
  # Dev infrastructure URLs (the caller's or .env's REDIS_URL / DATABASE_URL win inside infra.sh).
  eval "$("$ROOT/scripts/infra.sh" env dev)"
  export GATEWAY_PORT="${GATEWAY_PORT:-3000}"
  export COMMAND_HANDLER_PORT="${COMMAND_HANDLER_PORT:-3001}"
  export NOTIFIER_PORT="${NOTIFIER_PORT:-3002}"
  export INCIDENT_PORT="${INCIDENT_PORT:-3003}"
  export GATEWAY_OPS_PORT="${GATEWAY_OPS_PORT:-3004}"
  export HOST="${HOST:-127.0.0.1}"
  export PUBLIC_URL="${PUBLIC_URL:-http://127.0.0.1:$GATEWAY_PORT}"
  export LOG_LEVEL="${LOG_LEVEL:-info}"
  ADMIN_TOKEN_FROM="$SECRETS"
  if [ -n "$token_from_caller" ]; then ADMIN_TOKEN_FROM="your environment (ADMIN_TOKEN)"
  elif [ -n "${ADMIN_TOKEN:-}" ]; then ADMIN_TOKEN_FROM=".env"; fi
}

# Exports ENCRYPTION_KEY and ADMIN_TOKEN from the secrets file where the environment (or .env)
# leaves them unset; never creates the file.
read_secrets() {
  if [ -f "$SECRETS" ]; then
    if [ -z "${ENCRYPTION_KEY:-}" ]; then ENCRYPTION_KEY="$(sed -n 's/^ENCRYPTION_KEY=//p' "$SECRETS" | head -n1)"; fi
    if [ -z "${ADMIN_TOKEN:-}" ]; then ADMIN_TOKEN="$(sed -n 's/^ADMIN_TOKEN=//p' "$SECRETS" | head -n1)"; fi
  fi
  export ENCRYPTION_KEY="${ENCRYPTION_KEY:-}" ADMIN_TOKEN="${ADMIN_TOKEN:-}" REDIS_URL DATABASE_URL
}

# read_secrets, generating the secrets file first where it lacks one.
load_secrets() {
  if [ -z "${ENCRYPTION_KEY:-}" ] || [ -z "${ADMIN_TOKEN:-}" ]; then
    mkdir -p "$BASE"
    local file_key="" file_token=""
    if [ -f "$SECRETS" ]; then
      file_key="$(sed -n 's/^ENCRYPTION_KEY=//p' "$SECRETS" | head -n1)"
      file_token="$(sed -n 's/^ADMIN_TOKEN=//p' "$SECRETS" | head -n1)"
    fi
    local changed=0
    if [ -z "$file_key" ]; then file_key="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"; changed=1; fi
    if [ -z "$file_token" ]; then file_token="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"; changed=1; fi
    if [ "$changed" = 1 ]; then
      (umask 077 && printf 'ENCRYPTION_KEY=%s\nADMIN_TOKEN=%s\n' "$file_key" "$file_token" >"$SECRETS.tmp")
      mv -f "$SECRETS.tmp" "$SECRETS"
      echo "services: generated secrets saved to $SECRETS (mode 600; reused next time)"
    fi
    chmod 600 "$SECRETS"
    if [ -z "${ENCRYPTION_KEY:-}" ]; then export ENCRYPTION_KEY="$file_key"; fi
    if [ -z "${ADMIN_TOKEN:-}" ]; then export ADMIN_TOKEN="$file_token"; fi
  fi
  export ENCRYPTION_KEY ADMIN_TOKEN REDIS_URL DATABASE_URL
}

# ---------------------------------------------------------------- settings each service started with

# The digests of every setting of the named services, as the environment now gives them
# (`<svc> <VARIABLE> <digest>` lines; scripts/lib/settings-digest.js).
settings_now() { node "$ROOT/scripts/lib/settings-digest.js" "$@"; }

# The variables whose digest differs between a service's recorded settings and $2 (its lines
# from settings_now), space-separated; "unknown" when nothing was recorded for it.
settings_changed() {
  local svc="$1" now="$2" file="$RUN_DIR/$1.settings"
  [ -f "$file" ] || { echo unknown; return; }
  # A variable present on one side only counts too (an OTEL_* set or removed since).
  { cat "$file"; grep "^$svc " <<<"$now"; } | sort | uniq -u | awk '{print $2}' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

record_settings() { # svc, all lines: what the service was started with (digests only; mode 600)
  (umask 077 && grep "^$1 " <<<"$2" >"$RUN_DIR/$1.settings")
}

# ---------------------------------------------------------------- commands

stop_one() { # svc pid: SIGTERM, wait up to STOP_TIMEOUT, then SIGKILL
  local svc="$1" pid="$2" tries=$((STOP_TIMEOUT * 5))
  kill -TERM "$pid" 2>/dev/null || true
  while pid_alive "$pid" && [ "$tries" -gt 0 ]; do
    sleep 0.2
    tries=$((tries - 1))
  done
  if pid_alive "$pid"; then
    echo "services: $svc (pid $pid) did not exit within ${STOP_TIMEOUT}s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  else
    echo "services: $svc stopped (pid $pid)"
  fi
  rm -f "$RUN_DIR/$svc.pid" "$RUN_DIR/$svc.settings"
}

cmd_start() {
  load_env
  load_secrets
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  local svc pid port changed now
  for svc in "${SERVICES[@]}"; do
    [ -f "services/$svc/dist/main.js" ] || die "services/$svc/dist/main.js not found: run 'make build' first"
  done
  now="$(settings_now "${SERVICES[@]}")" || die "could not read the services' settings (scripts/lib/settings-digest.js)"
  for svc in "${SERVICES[@]}"; do
    port="$(port_of "$svc")"
    if pid="$(running_pid "$svc")"; then
      changed="$(settings_changed "$svc" "$now")"
      if [ -z "$changed" ]; then
        echo "services: $svc already running (pid $pid), settings unchanged"
        if [ -n "$(find services/*/dist packages/*/dist -name '*.js' -newer "$RUN_DIR/$svc.pid" -print -quit 2>/dev/null)" ]; then
          echo "services: note: the build is newer than $svc: 'make restart' runs the new code"
        fi
        continue
      fi
      if [ "$changed" = unknown ]; then
        echo "services: $svc is running (pid $pid) with settings not recorded: restarting it with the current ones"
      else
        echo "services: $svc is running (pid $pid) with other settings ($changed): restarting it"
      fi
      stop_one "$svc" "$pid"
    fi
    rm -f "$RUN_DIR/$svc.pid"
    if port_busy "$port"; then
      die "port $port (for $svc, $(port_var "$svc")) is already in use by another process; stop it or set $(port_var "$svc")"
    fi
    if [ "$svc" = gateway ] && port_busy "$GATEWAY_OPS_PORT"; then
      die "port $GATEWAY_OPS_PORT (for the gateway's ops server, GATEWAY_OPS_PORT) is already in use by another process; stop it or set GATEWAY_OPS_PORT"
    fi
    printf '\n=== %s starting %s on %s:%s\n' "$(date -u +%FT%TZ)" "$svc" "$HOST" "$port" >>"$LOG_DIR/$svc.log"
    nohup node "services/$svc/dist/main.js" </dev/null >>"$LOG_DIR/$svc.log" 2>&1 &
    echo $! >"$RUN_DIR/$svc.pid"
    record_settings "$svc" "$now"
  done

  # Wait for every service (new or already running) to answer /healthz.
  local deadline=$((SECONDS + START_TIMEOUT)) pending=("${SERVICES[@]}") next
  while [ "${#pending[@]}" -gt 0 ]; do
    next=()
    for svc in "${pending[@]}"; do
      if ! running_pid "$svc" >/dev/null; then
        show_log_tail "$svc"
        die "$svc exited during start-up (log: $LOG_DIR/$svc.log); other services are left running: 'make stop' stops them"
      fi
      healthy "$(port_of "$svc")" || next+=("$svc")
    done
    pending=("${next[@]+"${next[@]}"}")
    [ "${#pending[@]}" -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      for svc in "${pending[@]}"; do show_log_tail "$svc"; done
      die "not healthy within ${START_TIMEOUT}s: ${pending[*]} (GET http://127.0.0.1:<port>/healthz); 'make stop' stops everything"
    fi
    sleep 0.3
  done
  cmd_status
}

cmd_status() {
  load_env
  read_secrets
  local svc pid port state changed now="" shown_host="$HOST"
  [ "$shown_host" = 0.0.0.0 ] && shown_host=127.0.0.1
  if ls "$RUN_DIR"/*.pid >/dev/null 2>&1 && [ -f "services/gateway/dist/env.js" ]; then
    now="$(settings_now "${SERVICES[@]}" 2>/dev/null || true)"
  fi
  echo
  printf '%-16s %-12s %-8s %-24s %s\n' SERVICE STATE PID URL LOG
  for svc in "${SERVICES[@]}"; do
    port="$(port_of "$svc")"
    state="not running"
    if pid="$(running_pid "$svc")"; then
      if healthy "$port"; then state=healthy; else state=unhealthy; fi
    else
      pid=""
      port_busy "$port" && state="port taken"
    fi
    printf '%-16s %-12s %-8s %-24s %s\n' "$svc" "$state" "$pid" "http://$shown_host:$port" "$LOG_DIR/$svc.log"
    if [ -n "$pid" ] && [ -n "$now" ]; then
      changed="$(settings_changed "$svc" "$now")"
      [ -n "$changed" ] && [ "$changed" != unknown ] &&
        echo "                 ^ started with other settings ($changed): 'make restart' applies them"
    fi
    if [ "$state" = "port taken" ]; then
      echo "                 ^ another process answers on port $port ($(port_var "$svc")): not one 'make start' started"
    fi
  done
  printf '%-16s %-12s %-8s %-24s %s\n' 'gateway (ops)' '' '' "http://$shown_host:$GATEWAY_OPS_PORT" '/healthz /readyz /metrics'
  local r="not started by make" p="not started by make"
  [ -f "$RUN_DIR/redis.started" ] && r="started by make, data in $BASE/redis, log $LOG_DIR/redis.log"
  [ -f "$RUN_DIR/postgres.started" ] && p="started by make, data in $BASE/pg, log $LOG_DIR/postgres.log"
  printf '%-16s %-28s %s\n' redis "$(mask_url "$REDIS_URL")" "($r)"
  printf '%-16s %s\n                 %s\n' postgres "$(mask_url "$DATABASE_URL")" "($p)"
  echo "public URL:      $PUBLIC_URL"
  echo "ADMIN_TOKEN:     from ${ADMIN_TOKEN_FROM:-$SECRETS}"
  echo "logs:            make logs        stop with: make stop"
}

cmd_stop() {
  local svc pid stopped=0
  # SIGTERM all at once so they drain in parallel, then wait for each.
  local pids=() names=()
  for svc in "${SERVICES[@]}"; do
    if pid="$(running_pid "$svc")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$svc")
    fi
  done
  local i
  for i in "${!pids[@]}"; do
    stop_one "${names[$i]}" "${pids[$i]}"
    stopped=1
  done
  [ "$stopped" = 1 ] || echo "services: none running"
  for svc in "${SERVICES[@]}"; do rm -f "$RUN_DIR/$svc.pid" "$RUN_DIR/$svc.settings"; done
}

# Follows the services' logs (all by default), pretty-printed with pino-pretty when installed.
cmd_logs() {
  local svc files=() pretty="$ROOT/node_modules/.bin/pino-pretty"
  [ "$#" -gt 0 ] || set -- "${SERVICES[@]}"
  for svc in "$@"; do
    [[ " ${SERVICES[*]} " == *" $svc "* ]] || die "unknown service: $svc (one of: ${SERVICES[*]})"
    mkdir -p "$LOG_DIR"
    touch "$LOG_DIR/$svc.log"
    files+=("$LOG_DIR/$svc.log")
  done
  echo "services: following ${files[*]} (Ctrl-C to stop)" >&2
  if [ -x "$pretty" ]; then
    # -q: no "==> file <==" headers; each line names its service.
    tail -q -n "${LOG_LINES:-20}" -F "${files[@]}" |
      "$pretty" --translateTime 'SYS:HH:MM:ss.l' --ignore 'pid,hostname,service' --messageFormat '{service}: {msg}'
  else
    echo "services: pino-pretty is not installed ('make install'): raw JSON lines" >&2
    tail -n "${LOG_LINES:-20}" -F "${files[@]}"
  fi
}

# What the operator CLI and the admin API's curl examples (docs/administration.md) need to act on the local suite:
#   eval "$(scripts/services.sh env)"   (./chatops does this by itself)
cmd_env() {
  load_env >/dev/null
  [ -f "$SECRETS" ] || [ -n "${ENCRYPTION_KEY:-}" ] || die "no $SECRETS yet: run 'make start' first"
  read_secrets
  local name
  printf 'export DATABASE_URL=%q\n' "$DATABASE_URL"
  printf 'export REDIS_URL=%q\n' "$REDIS_URL"
  printf 'export ENCRYPTION_KEY=%q\n' "$ENCRYPTION_KEY"
  printf 'export ADMIN_TOKEN=%q\n' "$ADMIN_TOKEN"
  printf 'export PUBLIC_URL=%q\n' "$PUBLIC_URL"
  # Read by the CLI too, when set (the queue commands, integration:test, URL checks).
  for name in QUEUE_PREFIX SLACK_API_URL OUTBOUND_ALLOWED_HOSTS; do
    if [ -n "${!name:-}" ]; then printf 'export %s=%q\n' "$name" "${!name}"; fi
  done
}

case "${1:-}" in
  start) cmd_start ;;
  restart) cmd_stop && cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) shift && cmd_logs "$@" ;;
  env) cmd_env ;;
  *) echo "usage: scripts/services.sh {start|restart|stop|status|logs [service...]|env}" >&2; exit 2 ;;
esac
