# shellcheck shell=bash
# PgBouncer for scripts/infra.sh: sourced by it (never run directly); uses its helpers. Only the
# test profile wants it, and only its binary: the one test that needs PgBouncer
# (packages/db/src/pgbouncer.int.test.ts) starts its own on a free port and stops it. Nothing here
# starts or stops a PgBouncer.

find_pgbouncer() { # Debian installs it in /usr/sbin, which a minimal PATH may lack
  PGBOUNCER="$(command -v pgbouncer 2>/dev/null || true)"
  [ -n "$PGBOUNCER" ] || { [ -x /usr/sbin/pgbouncer ] && PGBOUNCER=/usr/sbin/pgbouncer; } || true
  [ -n "$PGBOUNCER" ]
}

# Installs Debian's pgbouncer when missing (as root, like Redis and PostgreSQL). Never fails the
# infrastructure: without it only the PgBouncer test fails, and it says how to install it.
pgbouncer_up() {
  [ "$PROFILE" = test ] || return 0
  if ! find_pgbouncer; then
    if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
      echo "pgbouncer: missing; the PgBouncer test will fail (install: sudo apt-get install -y --no-install-recommends pgbouncer)" >&2
      return 0
    fi
    # shellcheck disable=SC2034 # read by apt_install() in infra.sh: no server URL can stand in for it
    PROFILE_ENV_HINT=""
    (apt_install pgbouncer) || { echo "pgbouncer: install failed; the PgBouncer test will fail" >&2; return 0; }
    find_pgbouncer || { echo "pgbouncer: still not found after installing pgbouncer" >&2; return 0; }
  fi
  say "pgbouncer: $PGBOUNCER ($("$PGBOUNCER" --version 2>/dev/null | head -n1), for the test that starts its own)"
}
