#!/usr/bin/env bash
# Prints the path of a pnpm 10 to use: `pnpm` from PATH if its major version is 10, else a
# project-local pnpm installed into .tools/ with npm (no global install). Progress goes to stderr.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
WANT_MAJOR=10
PIN="${PNPM_VERSION:-10.34.8}"
LOCAL="$ROOT/.tools/node_modules/.bin/pnpm"

major_of() { "$1" --version 2>/dev/null | sed -n 's/^\([0-9][0-9]*\)\..*/\1/p' | head -n1; }

if p="$(command -v pnpm 2>/dev/null)" && [ "$(major_of "$p" || true)" = "$WANT_MAJOR" ]; then
  echo "$p"
  exit 0
fi
if [ -x "$LOCAL" ] && [ "$(major_of "$LOCAL" || true)" = "$WANT_MAJOR" ]; then
  echo "$LOCAL"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "ensure-pnpm: npm not found (install Node.js 20 with npm)" >&2; exit 1; }
echo "ensure-pnpm: installing pnpm@$PIN into .tools/ (no pnpm $WANT_MAJOR on PATH)" >&2
mkdir -p "$ROOT/.tools"
npm install --prefix "$ROOT/.tools" --no-save --no-audit --no-fund --loglevel=error "pnpm@$PIN" >&2
if [ ! -x "$LOCAL" ] || [ "$(major_of "$LOCAL" || true)" != "$WANT_MAJOR" ]; then
  echo "ensure-pnpm: npm install of pnpm@$PIN did not produce a working $LOCAL" >&2
  exit 1
fi
echo "$LOCAL"
