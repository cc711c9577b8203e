#!/usr/bin/env bash
# The main job: on the shipped example, validate the bundle, show who built it and
# check it against the US-Korea and UK regimes; then `ringfence demo` generates a
# Korean network, checks it against both, and writes the HTML report to demo-out/.
set -euo pipefail
bin=${1:-build/ringfence}
example=examples/korea-small
out=demo-out
mkdir -p "$out"

# validate shows the bundle's warnings (e.g. an unknown vendor); the later commands read
# the same bundle, so their copies of those warnings are dropped (errors still show).
without_warnings() {
  local err status=0
  err=$(mktemp)
  "$@" 2>"$err" || status=$?
  grep -v '^warning: ' "$err" >&2 || true
  rm -f "$err"
  return "$status"
}

echo "== ringfence validate $example"
"$bin" validate "$example"
echo
echo "== ringfence exposure $example --by operator,domain"
without_warnings "$bin" exposure "$example" --by operator,domain
echo
for policy in us-kr-sensitive uk-2020; do
  echo "== ringfence check $example --policy $policy"
  # Exit status 1 means overdue findings: the expected answer here, not a failure.
  status=0
  without_warnings "$bin" check "$example" --policy "$policy" || status=$?
  [ "$status" -le 1 ] || exit "$status"
  without_warnings "$bin" check "$example" --policy "$policy" --format json --out "$out/check-$policy.json" || [ $? -le 1 ]
  without_warnings "$bin" check "$example" --policy "$policy" --format geojson --out "$out/check-$policy.geojson" || [ $? -le 1 ]
  echo
done
echo "== deadlines per operator under uk-2020"
without_warnings "$bin" check "$example" --policy uk-2020 --timeline || [ $? -le 1 ]
echo
echo "JSON and GeoJSON findings of the example are in $out/ (the GeoJSON opens in QGIS)."
echo
echo "== ringfence demo --out $out"
"$bin" demo --out "$out"
