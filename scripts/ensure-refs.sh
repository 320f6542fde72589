#!/usr/bin/env bash
# Makes sure the tools `npm test` needs beyond npm are present: Chromium (for
# the end-to-end tests), GNU binutils for AArch64 and Unicorn (the references
# of the differential suites). As root with apt it installs what is missing;
# elsewhere it names exactly what to install and fails.
set -uo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || [ -n "${PLAYWRIGHT_BUNDLED:-}" ] || missing+=(chromium)
command -v aarch64-linux-gnu-as >/dev/null 2>&1 || missing+=(binutils-aarch64-linux-gnu)
/usr/bin/python3 -c 'import unicorn' >/dev/null 2>&1 || missing+=(python3-unicorn)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "hvlab: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null && exit 0
  echo "hvlab: apt-get could not install ${missing[*]}" >&2
  exit 1
fi

echo "hvlab: npm test needs these Debian packages: ${missing[*]}" >&2
echo "       install them with: sudo apt-get install -y ${missing[*]}" >&2
echo "       (or set CHROMIUM_PATH to another Chromium; the differential suites need the other two)" >&2
exit 1
