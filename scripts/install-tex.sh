#!/usr/bin/env bash
# Install the TeX toolchain the sheet tests compile with (Debian/Ubuntu, as root or with sudo).
set -euo pipefail
if command -v pdflatex >/dev/null && command -v pdftoppm >/dev/null && kpsewhich tikz.sty >/dev/null; then
  exit 0
fi
pkgs="texlive-latex-base texlive-pictures poppler-utils"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing TeX: $pkgs (about 225 MiB, once)" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
