#!/usr/bin/env bash
# Times `ringfence import cells` on a synthetic 10,000,000-row OpenCelliD-format export
# (bench/make_cells.py), plain and gzip, whole process (/usr/bin/time -v).
# Target: 10,000,000 rows in under 20 s.
#   usage: bench/import_cells.sh [BUILD_DIR] [ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
rows="${2:-10000000}"
work="${TMPDIR:-/tmp}/ringfence-cells-bench"
mkdir -p "$work"
csv="$work/cells-$rows.csv"
base="$work/base-1000000.csv"
if [ ! -s "$base" ]; then
  echo "writing 1,000,000 base rows to $base" >&2
  python3 "$here/make_cells.py" 1000000 "$base.part" && mv "$base.part" "$base"
fi
if [ ! -s "$csv" ]; then
  # Copies of the base rows, each with its own cell ids and moved 0.002 degrees
  # (about 220 m) north, so every copy adds new cells and new sites.
  echo "writing $rows rows to $csv" >&2
  copies=$(( (rows + 999999) / 1000000 ))
  for k in $(seq 0 $((copies - 1))); do
    awk -F, -v OFS=, -v k="$k" '{ $5 = sprintf("%.0f", $5 + k * 1000000000); $8 = sprintf("%.6f", $8 + k * 0.002); print }' "$base"
  done | head -n "$rows" > "$csv.part"
  mv "$csv.part" "$csv"
fi
[ -s "$csv.gz" ] || gzip -k -1 "$csv"
for input in "$csv" "$csv.gz"; do
  for run in 1 2 3; do
    rm -rf "$work/out"
    /usr/bin/time -v "$build/ringfence" import cells "$input" --country KR \
      --vendors "$here/../data/import/kr-vendors.toml" --out "$work/out" \
      2> "$work/time.txt" > "$work/summary.txt"
    wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    user=$(grep "User time" "$work/time.txt" | awk '{print $NF}')
    peak=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
    echo "$(basename "$input") run $run: wall $wall, user ${user}s, peak $((peak / 1024)) MiB"
  done
done
head -1 "$work/summary.txt"
rm -rf "$work/out"
