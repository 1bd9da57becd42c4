#!/usr/bin/env bash
# The demo on top of the dev suite (used by `make demo` and `make stop`).
#
#   scripts/demo.sh up       start the demo process (fake Slack, Mattermost, GitLab + chat viewer),
#                            (re)start the services pointed at the fakes, seed, replay the events
#   scripts/demo.sh down     stop the demo process (the services and Redis/PostgreSQL: make stop)
#   scripts/demo.sh status
#   scripts/demo.sh send [event]  one more GitLab event through the viewer (without one: the list)
#
# `up` needs the dev Redis/PostgreSQL running and migrated and a build (make demo does both first).
# The demo process: `node packages/demo/dist/main.js fakes`, pid in .local/demo/run/fakes.pid, log
# in .local/demo/log/fakes.log; the seeded webhook endpoint and its secret in .local/demo/state.json.
# Environment (the caller's values win): DEMO_VIEWER_PORT=3010, DEMO_SLACK_PORT=3011,
# DEMO_MATTERMOST_PORT=3012, DEMO_GITLAB_PORT=3013, DEMO_REPLAY_DELAY_MS=1500, and the services'
# own (GATEWAY_PORT, PUBLIC_URL, ADMIN_TOKEN… see scripts/services.sh).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASE=".local/demo"
RUN_DIR="$BASE/run"
LOG_DIR="$BASE/log"
PIDFILE="$RUN_DIR/fakes.pid"
LOG="$LOG_DIR/fakes.log"
MAIN="packages/demo/dist/main.js"
SERVICES=(gateway command-handler notifier incident)

# The same defaults as packages/demo/src/env.ts, exported so both sides agree.
export DEMO_VIEWER_PORT="${DEMO_VIEWER_PORT:-3010}"
export DEMO_SLACK_PORT="${DEMO_SLACK_PORT:-3011}"
export DEMO_MATTERMOST_PORT="${DEMO_MATTERMOST_PORT:-3012}"
export DEMO_GITLAB_PORT="${DEMO_GITLAB_PORT:-3013}"
export GATEWAY_PORT="${GATEWAY_PORT:-3000}"
export PUBLIC_URL="${PUBLIC_URL:-http://127.0.0.1:$GATEWAY_PORT}"
VIEWER_URL="http://127.0.0.1:$DEMO_VIEWER_PORT"

die() { echo "demo: error: $*" >&2; exit 1; }

pid_alive() { # alive, not a zombie
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  local st
  st="$(sed -e 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || true
  [ "$st" != Z ]
}

pid_running() { # pidfile, command-line fragment -> prints the pid when it is alive and still that program
  local pid cmd
  pid="$(cat "$1" 2>/dev/null || true)"
  pid_alive "$pid" || return 1
  if [ -r "/proc/$pid/cmdline" ]; then # guard against a recycled pid
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
    [[ "$cmd" == *"$2"* ]] || return 1
  fi
  echo "$pid"
}

port_busy() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

viewer_healthy() {
  node -e '
    const http = require("node:http");
    const req = http.get(process.argv[1] + "/healthz", { timeout: 1000 }, (res) => { res.resume(); process.exit(res.statusCode === 200 ? 0 : 1); });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => process.exit(1));
  ' "$VIEWER_URL" 2>/dev/null
}

start_fakes() {
  local pid
  if pid="$(pid_running "$PIDFILE" "$MAIN fakes")"; then
    echo "demo: fakes and viewer already running (pid $pid)"
    return 0
  fi
  rm -f "$PIDFILE"
  local port
  for port in "$DEMO_VIEWER_PORT" "$DEMO_SLACK_PORT" "$DEMO_MATTERMOST_PORT" "$DEMO_GITLAB_PORT"; do
    port_busy "$port" && die "port $port is already in use; stop what uses it or choose DEMO_*_PORT (see scripts/demo.sh)"
  done
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  printf '\n=== %s starting the demo fakes and viewer\n' "$(date -u +%FT%TZ)" >>"$LOG"
  nohup node "$MAIN" fakes </dev/null >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 20))
  until viewer_healthy; do
    if ! pid_running "$PIDFILE" "$MAIN fakes" >/dev/null; then
      tail -n 20 "$LOG" >&2 || true
      die "the demo process exited during start-up (log: $LOG)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "the viewer did not answer within 20 s (log: $LOG)"
    sleep 0.2
  done
  echo "demo: fake Slack, Mattermost and GitLab and the chat viewer started (pid $(cat "$PIDFILE"), log $LOG)"
}

# Services started without the demo's settings (by `make start`, or for other ports) are restarted
# with them: a running service keeps the environment it was started with.
start_services() {
  local demo_env svc pid line stale=0
  demo_env="$(node "$MAIN" env)"
  eval "$demo_env"
  for svc in "${SERVICES[@]}"; do
    pid="$(pid_running ".local/dev/run/$svc.pid" "services/$svc/dist/main.js")" || continue
    while IFS= read -r line; do
      line="${line#export }"
      line="${line//\'/}"
      tr '\0' '\n' <"/proc/$pid/environ" | grep -qxF -- "$line" || stale=1
    done <<<"$demo_env"
  done
  if [ "$stale" = 1 ]; then
    echo "demo: restarting the services with the demo's settings"
    scripts/services.sh stop
  fi
  scripts/services.sh start
}

seed() {
  if [ -z "${ADMIN_TOKEN:-}" ]; then
    ADMIN_TOKEN="$(sed -n 's/^ADMIN_TOKEN=//p' .local/dev/secrets.env 2>/dev/null | head -n1)"
    [ -n "$ADMIN_TOKEN" ] || die "no ADMIN_TOKEN and no .local/dev/secrets.env (scripts/services.sh start writes it)"
    export ADMIN_TOKEN
  fi
  eval "$(scripts/services.sh env)"
  node "$MAIN" seed
}

cmd_up() {
  [ -f "$MAIN" ] || die "$MAIN not found: run 'make build' first"
  start_fakes
  start_services
  echo "==> seeding the demo (admin API + operator CLI)"
  seed
  echo
  echo "==> open $VIEWER_URL/ : the GitLab events below arrive there within seconds"
  local rc=0
  node "$MAIN" replay || rc=$?
  cat <<EOF

  Chat viewer:   $VIEWER_URL/   (Slack and Mattermost side by side)
  More events:   the buttons on the page, or: scripts/demo.sh send pipeline-failed   (without an event it lists them)
  Commands:      type /gitlab demo/project issue show 1 in a channel's box; the first one asks you to
                 connect your GitLab account (the demo GitLab approves at once)
  Console:       $PUBLIC_URL/console   (signed in through the demo GitLab as alex, a maintainer of demo/project)
  Stop:          make stop   (or make demo-stop)
EOF
  return "$rc"
}

cmd_down() {
  local pid
  if ! pid="$(pid_running "$PIDFILE" "$MAIN fakes")"; then
    rm -f "$PIDFILE"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local tries=50
  while pid_alive "$pid" && [ "$tries" -gt 0 ]; do
    sleep 0.2
    tries=$((tries - 1))
  done
  if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PIDFILE"
  echo "demo: fakes and viewer stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(pid_running "$PIDFILE" "$MAIN fakes")"; then
    echo "demo: viewer $VIEWER_URL/ (pid $pid, log $LOG)"
  else
    echo "demo: not running"
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  send) shift; exec node "$MAIN" send "$@" ;;
  *) echo "usage: scripts/demo.sh {up|down|status|send [event]}" >&2; exit 2 ;;
esac
