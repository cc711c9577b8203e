#!/usr/bin/env bash
# Load benchmark: usage  bench/run.sh BUILD_DIR
#
# 1. Generates the national-scale bundle (1,000,000 elements, 200,000 sites,
#    1,000 zones, seed 1) into BUILD_DIR/bench-data/, unless it is already there.
# 2. Runs the Google Benchmark of ringfence::load_bundle on it (time, elements,
#    bytes per element of the loaded model, peak RSS).
# 3. Times the whole command `ringfence validate BUNDLE` with /usr/bin/time -v
#    (wall time and maximum resident set size).
#
# Environment: BENCH_ELEMENTS, BENCH_SITES, BENCH_ZONES, BENCH_SEED change the
# bundle; BENCH_REPETITIONS (default 5) the benchmark's repetitions.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)

ELEMENTS=${BENCH_ELEMENTS:-1000000}
SITES=${BENCH_SITES:-$((ELEMENTS / 5))}
ZONES=${BENCH_ZONES:-1000}
SEED=${BENCH_SEED:-1}
REPETITIONS=${BENCH_REPETITIONS:-5}

BENCH_BIN="$BUILD/bench/ringfence_bench_load"
CLI_BIN="$BUILD/ringfence"
for bin in "$BENCH_BIN" "$CLI_BIN"; do
  if [[ ! -x "$bin" ]]; then
    echo "error: $bin not found (build it: cmake --build $BUILD --target ringfence_benchmarks, with RINGFENCE_BUILD_BENCH=ON)" >&2
    exit 2
  fi
done
if [[ ! -x /usr/bin/time ]]; then
  echo "error: /usr/bin/time not found (apt-get install time)" >&2
  exit 2
fi

DATA="$BUILD/bench-data"
BUNDLE="$DATA/bundle-e${ELEMENTS}-s${SITES}-z${ZONES}-seed${SEED}"
if [[ ! -f "$BUNDLE/.complete" ]]; then
  echo "== generating $BUNDLE"
  mkdir -p "$DATA"
  TMP="$BUNDLE.tmp.$$"
  rm -rf "$TMP"
  python3 "$HERE/make_bundle.py" --elements "$ELEMENTS" --sites "$SITES" --zones "$ZONES" \
    --seed "$SEED" --out "$TMP"
  touch "$TMP/.complete"
  rm -rf "$BUNDLE"
  mv "$TMP" "$BUNDLE"
else
  echo "== using cached $BUNDLE"
fi
du -sh "$BUNDLE"/*

echo
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo
echo "== load benchmark: RINGFENCE_BENCH_BUNDLE=$BUNDLE $BENCH_BIN"
RINGFENCE_BENCH_BUNDLE="$BUNDLE" "$BENCH_BIN" \
  --benchmark_repetitions="$REPETITIONS" --benchmark_counters_tabular=true

echo
echo "== whole command: /usr/bin/time -v $CLI_BIN validate $BUNDLE"
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
/usr/bin/time -v -o "$LOG" "$CLI_BIN" validate "$BUNDLE" >/dev/null
grep -E 'Elapsed \(wall clock\)|User time|System time|Percent of CPU|Maximum resident set size' "$LOG"

echo
echo "== policy evaluation benchmark: RINGFENCE_BENCH_BUNDLE=$BUNDLE $BUILD/bench/ringfence_bench_check"
RINGFENCE_BENCH_BUNDLE="$BUNDLE" "$BUILD/bench/ringfence_bench_check" \
  --benchmark_repetitions="$REPETITIONS" --benchmark_report_aggregates_only=true \
  --benchmark_counters_tabular=true

echo
echo "== whole command: /usr/bin/time -v $CLI_BIN check $BUNDLE --policy uk-2020 --at 2024-01-01 --format json"
/usr/bin/time -v -o "$LOG" "$CLI_BIN" check "$BUNDLE" --policy uk-2020 --at 2024-01-01 \
  --format json --out "$DATA/check-uk-2020.json" || [ $? -le 1 ]
grep -E 'Elapsed \(wall clock\)|User time|System time|Percent of CPU|Maximum resident set size' "$LOG"
