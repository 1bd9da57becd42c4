#!/usr/bin/env bash
# Start / stop / show the four chatops services against the dev profile (used by `make start|stop`).
#
#   scripts/services.sh start    start each service not already running, wait for GET /healthz = 200
#   scripts/services.sh stop     SIGTERM each (10 s grace, then SIGKILL), remove pidfiles
#   scripts/services.sh status
#
# Each service: `node services/<svc>/dist/main.js`, pid in .local/dev/run/<svc>.pid, log in
# .local/dev/log/<svc>.log. Environment (the caller's values win): REDIS_URL, DATABASE_URL (from
# scripts/infra.sh env dev), GATEWAY_PORT=3000, COMMAND_HANDLER_PORT=3001, NOTIFIER_PORT=3002,
# INCIDENT_PORT=3003, GATEWAY_OPS_PORT=3004 (the gateway's /healthz, /readyz and /metrics),
# HOST=127.0.0.1, PUBLIC_URL=http://127.0.0.1:$GATEWAY_PORT, LOG_LEVEL=info,
# ENCRYPTION_KEY (32 random bytes, base64) and ADMIN_TOKEN (32 random bytes, hex): generated once
# into .local/dev/secrets.env (mode 600) when not set.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASE=".local/dev"
RUN_DIR="$BASE/run"
LOG_DIR="$BASE/log"
SECRETS="$BASE/secrets.env"
SERVICES=(gateway command-handler notifier incident)
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
  # Dev infrastructure URLs (the caller's REDIS_URL / DATABASE_URL win inside infra.sh).
  eval "$("$ROOT/scripts/infra.sh" env dev)"
  export GATEWAY_PORT="${GATEWAY_PORT:-3000}"
  export COMMAND_HANDLER_PORT="${COMMAND_HANDLER_PORT:-3001}"
  export NOTIFIER_PORT="${NOTIFIER_PORT:-3002}"
  export INCIDENT_PORT="${INCIDENT_PORT:-3003}"
  export GATEWAY_OPS_PORT="${GATEWAY_OPS_PORT:-3004}"
  export HOST="${HOST:-127.0.0.1}"
  export PUBLIC_URL="${PUBLIC_URL:-http://127.0.0.1:$GATEWAY_PORT}"
  export LOG_LEVEL="${LOG_LEVEL:-info}"
  # Decided once, before load_secrets exports ADMIN_TOKEN from the secrets file.
  if [ -z "${ADMIN_TOKEN_FROM:-}" ]; then
    ADMIN_TOKEN_FROM="$SECRETS"
    if [ -n "${ADMIN_TOKEN:-}" ]; then ADMIN_TOKEN_FROM="your environment (ADMIN_TOKEN)"; fi
  fi
}

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

cmd_start() {
  load_env
  load_secrets
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  local svc pid port started=()
  for svc in "${SERVICES[@]}"; do
    [ -f "services/$svc/dist/main.js" ] || die "services/$svc/dist/main.js not found: run 'make build' first"
  done
  for svc in "${SERVICES[@]}"; do
    port="$(port_of "$svc")"
    if pid="$(running_pid "$svc")"; then
      echo "services: $svc already running (pid $pid)"
      continue
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
    started+=("$svc")
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
  local svc pid port shown_host="$HOST"
  [ "$shown_host" = 0.0.0.0 ] && shown_host=127.0.0.1
  echo
  printf '%-16s %-28s %-8s %s\n' SERVICE URL PID LOG
  for svc in "${SERVICES[@]}"; do
    port="$(port_of "$svc")"
    pid="$(running_pid "$svc" || echo '-')"
    printf '%-16s %-28s %-8s %s\n' "$svc" "http://$shown_host:$port" "$pid" "$LOG_DIR/$svc.log"
  done
  printf '%-16s %-28s %s\n' 'gateway (ops)' "http://$shown_host:$GATEWAY_OPS_PORT" '/healthz /readyz /metrics'
  local r="not started by make" p="not started by make"
  [ -f "$RUN_DIR/redis.started" ] && r="started by make, data in $BASE/redis, log $LOG_DIR/redis.log"
  [ -f "$RUN_DIR/postgres.started" ] && p="started by make, data in $BASE/pg, log $LOG_DIR/postgres.log"
  printf '%-16s %-28s %s\n' redis "$(mask_url "$REDIS_URL")" "($r)"
  printf '%-16s %s\n                 %s\n' postgres "$(mask_url "$DATABASE_URL")" "($p)"
  echo "public URL:      $PUBLIC_URL"
  echo "ADMIN_TOKEN:     from ${ADMIN_TOKEN_FROM:-$SECRETS}"
  echo "stop with:       make stop"
}

cmd_stop() {
  local svc pid pids=() names=()
  for svc in "${SERVICES[@]}"; do
    if pid="$(running_pid "$svc")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$svc")
    fi
  done
  local tries=$((STOP_TIMEOUT * 5)) i alive
  while :; do
    alive=0
    for i in "${!pids[@]}"; do pid_alive "${pids[$i]}" && alive=1; done
    [ "$alive" = 0 ] && break
    tries=$((tries - 1))
    [ "$tries" -le 0 ] && break
    sleep 0.2
  done
  for i in "${!pids[@]}"; do
    if pid_alive "${pids[$i]}"; then
      echo "services: ${names[$i]} (pid ${pids[$i]}) did not exit within ${STOP_TIMEOUT}s; SIGKILL"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    else
      echo "services: ${names[$i]} stopped (pid ${pids[$i]})"
    fi
  done
  [ "${#pids[@]}" -gt 0 ] || echo "services: none running"
  for svc in "${SERVICES[@]}"; do rm -f "$RUN_DIR/$svc.pid"; done
}

# The variables the operator CLI needs to act on the local suite: eval "$(scripts/services.sh env)".
cmd_env() {
  load_env >/dev/null
  [ -f "$SECRETS" ] || die "no $SECRETS yet: run 'make start' first"
  local key
  key="$(sed -n 's/^ENCRYPTION_KEY=//p' "$SECRETS" | head -n1)"
  printf 'export DATABASE_URL=%q\nexport ENCRYPTION_KEY=%q\nexport PUBLIC_URL=%q\n' "$DATABASE_URL" "${ENCRYPTION_KEY:-$key}" "$PUBLIC_URL"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: scripts/services.sh {start|stop|status|env}" >&2; exit 2 ;;
esac
