#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, with AddressSanitizer and UBSan), replays the
# regression inputs of earlier crashes, then fuzzes each target for a bounded time
# starting from the shipped examples. Any crash fails the run and leaves its input
# in build-asan/crashes/ (add it to fuzz/regressions/<target>/ once fixed). The
# targets are built in scripts/sanitize.sh's build (scripts/sanitizer-build.sh), so
# after it there is nothing left to compile.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-60}}
build=build-asan
# Only the fuzz targets (and the library they link): the CLI and the web report are
# not fuzzed.
./scripts/sanitizer-build.sh csv_fuzzer geojson_fuzzer policy_fuzzer

corpus=$build/corpus
mkdir -p "$corpus"/{csv_fuzzer,geojson_fuzzer,policy_fuzzer} "$build/crashes"
cp examples/*/*.csv "$corpus/csv_fuzzer/"
cp examples/*/zones.geojson "$corpus/geojson_fuzzer/"
cp data/presets/*.toml "$corpus/policy_fuzzer/"
# The regression inputs seed the fuzzing too (they hold a small valid and invalid
# input of each format).
for target in csv_fuzzer geojson_fuzzer policy_fuzzer; do
  cp fuzz/regressions/$target/* "$corpus/$target/" 2>/dev/null || true
done

for target in csv_fuzzer geojson_fuzzer policy_fuzzer; do
  regressions=fuzz/regressions/$target
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "== $target: replaying $(ls "$regressions" | wc -l) regression inputs"
    "$build/fuzz/$target" "$regressions"/*
  fi
  echo "== $target: fuzzing for ${seconds}s"
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" \
    "$corpus/$target" 2>&1 | grep -E "^(Done|stat::number_of_executed_units|==|INFO: seed)" || true
  # libFuzzer writes an artifact only when it found a crash, leak or timeout.
  if ls "$build/crashes/$target-"* >/dev/null 2>&1; then
    echo "$target: crash found, inputs in $build/crashes/" >&2
    exit 1
  fi
done
echo "fuzzing: 0 crashes"
