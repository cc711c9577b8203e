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
if [ ! -s "$csv" ]; then
  echo "writing $rows rows to $csv" >&2
  python3 "$here/make_cells.py" "$rows" "$csv"
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
