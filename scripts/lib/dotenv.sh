# shellcheck shell=bash
# load_dotenv [FILE]: exports each variable of FILE (default: $CHATOPS_DOTENV, else .env at the
# repository root) that the environment leaves unset or empty, so the caller's own values win.
# KEY=value lines, `#` comments, quotes, `export KEY=value`; no ${...} expansion (node's
# util.parseEnv, as `node --env-file` reads it). A missing file is fine. Sourced by
# scripts/infra.sh (dev profile) and scripts/services.sh; docker compose reads the same .env.
load_dotenv() {
  local lib file lines
  lib="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
  file="${1:-${CHATOPS_DOTENV:-$lib/../../.env}}"
  [ -f "$file" ] || return 0
  lines="$(node "$lib/dotenv-exports.js" "$file")" || { echo "error: could not read $file" >&2; return 1; }
  eval "$lines"
}
