#!/usr/bin/env bash
# Installs the system programs scrdocs needs when they are missing:
# Graphviz (`dot`, `neato`: genograms), LibreOffice (`soffice`, with the
# `uno` bridge for Debian's Python: PDF output with up-to-date contents
# pages) and the fonts both draw with; the British English word list
# (wbritish), by which the anonymisation engine tells names from ordinary words
# ("Judith" is listed only with a capital) and from which the stress benchmark
# draws the given names that are also ordinary words, so a seed gives the same
# corpus anywhere;
# Chromium, the browser the review page's tests drive (never a downloaded one).
set -euo pipefail
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || missing+=(python3-uno)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi liberation || missing+=(fonts-liberation2)
[ -r /usr/share/dict/british-english ] || missing+=(wbritish)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# poppler's pdftotext: the leak check reads PDF page text with it, fifteen times faster than pypdf (which it falls back to).
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "scrdocs needs these system packages, which are not installed: ${missing[*]}" >&2
  echo "Ask your administrator to run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
