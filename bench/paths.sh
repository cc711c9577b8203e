#!/usr/bin/env bash
# Data-path and diff benchmark: usage  bench/paths.sh BUILD_DIR
#
# 1. Generates a 1,000,000-element Korean network with links
#    (`ringfence generate --country KR --sites 250000`, seed 1) into
#    BUILD_DIR/bench-data/paths-kr, and a later inventory of it (paths-kr-new, written
#    by bench/make_later_inventory.py): every
#    100th element changes vendor, every 150th software version, every 500th RAN
#    element is removed with its links, every 700th moves to the previous row's site,
#    and 1,000 elements are added.
# 2. Times the whole commands with /usr/bin/time (RUNS runs each, default 7, the first
#    not counted): paths, paths --measure population, blast-radius --vendor Huawei,
#    blast-radius --site, diff, diff --policy uk-2020.
# 3. Runs the Google Benchmark of the analyses alone (load excluded).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
RF="$BUILD/ringfence"
BENCH_BIN="$BUILD/bench/ringfence_bench_paths"
if [[ ! -x "$BENCH_BIN" ]]; then
  echo "error: $BENCH_BIN not found (build it: cmake --build $BUILD --target ringfence_benchmarks)" >&2
  exit 2
fi
RUNS=${RUNS:-7}
DATA="$BUILD/bench-data"
OLD="$DATA/paths-kr"
NEW="$DATA/paths-kr-new"
mkdir -p "$DATA"

if [[ ! -f "$OLD/elements.csv" ]]; then
  "$RF" generate --country KR --sites 250000 --seed 1 --out "$OLD" --force >/dev/null
fi
if [[ ! -f "$NEW/elements.csv" ]]; then
  python3 "$(dirname "$0")/make_later_inventory.py" "$OLD" "$NEW"
fi

time_runs() {
  local label=$1
  shift
  echo "== $label: $*"
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KiB peak' "$@" >/dev/null 2>/tmp/ringfence-paths-time.$$ || true
    tail -1 /tmp/ringfence-paths-time.$$ | sed "s/^/run $i: /"
  done
  rm -f /tmp/ringfence-paths-time.$$
}

time_runs validate "$RF" validate "$OLD"
time_runs paths "$RF" paths "$OLD"
time_runs "paths population" "$RF" paths "$OLD" --measure population --by operator,region
time_runs "blast-radius vendor" "$RF" blast-radius "$OLD" --vendor Huawei
time_runs "blast-radius site" "$RF" blast-radius "$OLD" --site "$(awk -F, 'NR == 2 { print $1 }' "$OLD/sites.csv")"
time_runs diff "$RF" diff "$OLD" "$NEW"
time_runs "diff uk-2020" "$RF" diff "$OLD" "$NEW" --policy uk-2020 --at 2024-01-01

if [[ -x "$BENCH_BIN" ]]; then
  RINGFENCE_BENCH_BUNDLE="$OLD" "$BENCH_BIN" --benchmark_repetitions="${BENCH_REPETITIONS:-5}" \
    --benchmark_report_aggregates_only=true
fi
