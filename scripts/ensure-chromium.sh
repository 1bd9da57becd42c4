#!/usr/bin/env bash
# Makes sure the browser tests (test/e2e/demo.e2e.test.ts, playwright-core) have a Chromium:
# $CHROMIUM_PATH, default /usr/bin/chromium, from Debian's `chromium` package, plus a colour emoji
# font so screenshots show emoji. As root with apt-get it installs what is missing (waiting for the
# dpkg lock instead of failing); otherwise it says what to install. It never downloads a browser
# from anywhere else, and never fails: without a Chromium the browser tests fail, saying why.
set -uo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
EMOJI_FONT=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -f "$EMOJI_FONT" ] || missing+=(fonts-noto-color-emoji)
if [ "${#missing[@]}" -eq 0 ]; then
  echo "chromium: $CHROMIUM"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: missing ${missing[*]}; the browser tests need $CHROMIUM (install: sudo apt-get install -y ${missing[*]})" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "chromium: apt-get install ${missing[*]}"
if apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "chromium: $CHROMIUM"
else
  echo "chromium: apt-get install ${missing[*]} failed; the browser tests will fail" >&2
fi
exit 0
