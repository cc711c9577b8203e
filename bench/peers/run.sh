#!/usr/bin/env bash
# Peer comparison at every size: usage  bench/peers/run.sh BUILD_DIR [ELEMENTS ...]
#
# For each size (default 10000 100000 1000000 elements; sites = elements / 5,
# zones = elements / 1000, seed 1) makes the bundle with bench/make_bundle.py (cached in
# BUILD_DIR/bench-data/ as bench/run.sh does), packs it with `ringfence pack`, then runs
# postgis.sh and geopandas.sh on it: answers compared, load and query times, ratios.
# Environment: PEER_RUNS (default 5; 3 from 1,000,000 elements), PEERS (default
# "postgis geopandas").
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [ELEMENTS ...]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
shift
HERE=$(cd "$(dirname "$0")" && pwd)
SIZES=("$@")
[[ ${#SIZES[@]} -eq 0 ]] && SIZES=(10000 100000 1000000)
PEERS=${PEERS:-postgis geopandas}
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for elements in "${SIZES[@]}"; do
  sites=$((elements / 5))
  zones=$((elements / 1000))
  bundle="$BUILD/bench-data/bundle-e${elements}-s${sites}-z${zones}-seed1"
  if [[ ! -f "$bundle/.complete" ]]; then
    mkdir -p "$BUILD/bench-data"
    rm -rf "$bundle.tmp.$$"
    python3 "$HERE/../make_bundle.py" --elements "$elements" --sites "$sites" --zones "$zones" \
      --seed 1 --out "$bundle.tmp.$$"
    touch "$bundle.tmp.$$/.complete"
    rm -rf "$bundle"
    mv "$bundle.tmp.$$" "$bundle"
  fi
  pack="$BUILD/bench-data/$(basename "$bundle").rfpack"
  "$BUILD/ringfence" pack "$bundle" --out "$pack"
  runs=${PEER_RUNS:-$([[ $elements -ge 1000000 ]] && echo 3 || echo 5)}
  for peer in $PEERS; do
    echo
    echo "== $peer, $elements elements, $sites sites, $zones zones, $runs runs"
    "$HERE/$peer.sh" "$BUILD" "$bundle" --runs "$runs" --pack "$pack"
  done
done
