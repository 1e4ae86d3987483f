#!/usr/bin/env bash
# Install the TeX toolchain the sheets compile with (Debian/Ubuntu, as root or with sudo).
# What is needed is read from the templates: codegen/texdeps.py lists every class, \usepackage
# (lmodern, amsmath, tikz, ...), font and TikZ library that codegen/templates/*.jinja load, and
# the Debian package of each; nothing is installed when kpsewhich finds every one of them and
# pdflatex, pdftoppm, pdftotext and kpsewhich run.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"

rc=0
missing="$("$python" -m codegen.texdeps missing)" || rc=$?
[ "$rc" -eq 0 ] && exit 0
[ "$rc" -eq 1 ] || exit "$rc"     # texdeps said why (a template file without a Debian package)
pkgs="$("$python" -m codegen.texdeps apt-packages | tr '\n' ' ')"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "TeX is missing: $(echo $missing)" >&2
echo "installing TeX: $pkgs(about 235 MiB, once)" >&2
$sudo apt-get update -qq
# shellcheck disable=SC2086  # $pkgs is a list of words
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
if ! still="$("$python" -m codegen.texdeps missing)"; then
  echo "install-tex: error: still missing after installing $pkgs: $(echo $still);" \
       "fix the Debian package of each in codegen/texdeps.py (DEBIAN, TOOLS)" >&2
  exit 1
fi
