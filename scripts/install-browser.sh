#!/usr/bin/env bash
# Install the headless Chromium the HTML sheet's browser tests drive (Debian/Ubuntu, as root or
# with sudo): Debian's chromium-headless-shell. Nothing is installed when a Chromium is found
# (codegen/html/browser.py looks for chromium-headless-shell, chromium, chromium-browser on PATH,
# or $SYMPROP_CHROMIUM). Playwright drives it and never downloads a browser of its own.
set -euo pipefail
for name in chromium-headless-shell chromium chromium-browser; do
  if [ -n "${SYMPROP_CHROMIUM:-}" ] || command -v "$name" >/dev/null 2>&1; then
    exit 0
  fi
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing chromium-headless-shell for the browser tests (about 250 MiB with its libraries, once)" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null
if ! command -v chromium-headless-shell >/dev/null 2>&1; then
  echo "install-browser: error: chromium-headless-shell still missing after apt-get install;" \
       "install a Chromium and set SYMPROP_CHROMIUM to its path" >&2
  exit 1
fi
