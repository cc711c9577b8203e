#!/usr/bin/env bash
# Outputs that must not change by accident: the commands below, run on the Korean
# example and on a generated network, hashed and compared with expected.sha256.
#   tests/golden/golden.sh BIN SOURCE_DIR            compare (exit 1 on a difference)
#   tests/golden/golden.sh BIN SOURCE_DIR --update   record the current outputs
# Update only when a change of output is intended, and say so in the commit.
set -euo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
mode=${3:-compare}
expected="$src/tests/golden/expected.sha256"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

presets=()
for f in "$src"/data/presets/*.toml; do presets+=(--policy "$(basename "$f" .toml)"); done
at=(--at 2024-06-01)

out="$work/actual.sha256"
: >"$out"
# record NAME DIR COMMAND...: runs the command in DIR and hashes its standard output
# (the exit status is part of what is compared).
record() {
  local name=$1 dir=$2
  shift 2
  local status=0
  (cd "$dir" && "$bin" "$@") >"$work/stdout" 2>/dev/null || status=$?
  echo "$(sha256sum <"$work/stdout" | cut -d' ' -f1) exit=$status $name" >>"$out"
}

korea=examples/korea-small
for format in json csv text geojson; do
  record "check-korea-$format" "$src" check "$korea" "${presets[@]}" "${at[@]}" --format "$format"
done
record check-korea-timeline "$src" check "$korea" "${presets[@]}" "${at[@]}" --timeline --format json
for format in json csv text; do
  record "exposure-korea-$format" "$src" exposure "$korea" --by operator,domain --format "$format"
done
record exposure-korea-sites "$src" exposure "$korea" --by region --measure sites --format json
for format in json text; do
  record "validate-korea-$format" "$src" validate "$korea" --format "$format"
done
record presets-json "$src" presets --format json

"$bin" generate --country KR --sites 3000 --seed 11 --out "$work/gen" >/dev/null 2>&1
for f in "$work"/gen/*; do
  echo "$(sha256sum <"$f" | cut -d' ' -f1) file $(basename "$f")" >>"$out"
done
for format in json csv; do
  record "check-generated-$format" "$work" check gen "${presets[@]}" "${at[@]}" --format "$format"
done
record exposure-generated "$work" exposure gen --by operator,region --format json

if [ "$mode" = --update ]; then
  cp "$out" "$expected"
  echo "recorded $(wc -l <"$expected") outputs in $expected"
  exit 0
fi
if ! diff -u "$expected" "$out"; then
  echo "golden outputs differ (lines above: - expected, + now); if the change is intended," \
    "run tests/golden/golden.sh BIN SOURCE_DIR --update" >&2
  exit 1
fi
echo "golden: $(wc -l <"$out") outputs identical"
