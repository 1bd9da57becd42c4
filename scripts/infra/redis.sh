# shellcheck shell=bash
# Redis for scripts/infra.sh: sourced by it (never run directly); uses its helpers and the
# REDIS_* paths set by layout(). See infra.sh for the profiles and the .local/<profile> layout.

# ---------------------------------------------------------------- probes and binaries

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

find_redis_server() {
  REDIS_SERVER="$(command -v redis-server 2>/dev/null || true)"
  [ -n "$REDIS_SERVER" ] || { [ -x /usr/bin/redis-server ] && REDIS_SERVER=/usr/bin/redis-server; } || true
  [ -n "$REDIS_SERVER" ]
}

# ---------------------------------------------------------------- Redis

redis_up() {
  parse_redis_url "$REDIS_URL_P"
  local addr="$R_HOST:$R_PORT" pid
  if redis_reachable "$R_HOST" "$R_PORT" "$R_PASS"; then
    pid="$(cat "$REDIS_PIDFILE" 2>/dev/null || true)"
    adopt_running_server redis "$addr" "$pid" "$REDIS_MARK" "$REDIS_DIR" "$REDIS_URL_P" || true
    return 0
  fi
  rm -f "$RUN_DIR/redis.external"
  is_loopback "$R_HOST" || die "redis: nothing answers at $addr and it is not a loopback address, so it cannot be started here"

  if ! find_redis_server; then
    # shellcheck disable=SC2034 # read by apt_install() in infra.sh
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
