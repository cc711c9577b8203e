#!/usr/bin/env bash
# Policy edits in `ringfence serve`: usage  bench/serve_edits.sh BUILD_DIR BUNDLE [RUNS]
#
# Starts `ringfence serve BUNDLE --policy uk-2020 --policy us-kr-sensitive --at
# 2024-01-01` on 127.0.0.1 (any free port), then posts three kinds of edit RUNS times
# each (default 7), one at a time, and prints for each kind the median and range of
# the wall time of the request (curl's time_total) and of the server's CPU time for it
# (utime + stime from /proc/PID/stat, read before and after):
#   no-zones   a policy `edit-a`: exclude core/oss + share_cap of sites per operator
#              (the cap alternates 35 % / 30 %, so every post is a change)
#   zones      a policy `edit-b`: zone_exclusion 3 km of military zones (vendors
#              alternate Huawei / Huawei+ZTE); the first post measures the zones' sites
#   us-kr      the us-kr-sensitive preset itself with its zone radius alternating
#              5,000 / 5,001 m (zone rule and path rule both measured again)
# Then stops the server. Targets: under 100 ms wall for an edit without zone rules,
# under 300 ms with them, on an otherwise idle machine.
set -euo pipefail
if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 BUILD_DIR BUNDLE [RUNS]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
BUNDLE=$2
RUNS=${3:-7}
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BUILD/ringfence" serve "$BUNDLE" --policy uk-2020 --policy us-kr-sensitive --at 2024-01-01 \
  --port 0 >"$WORK/out" 2>"$WORK/err" &
PID=$!
for _ in $(seq 600); do
  grep -q "open http" "$WORK/out" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/err" >&2; exit 1; }
  sleep 0.5
done
PORT=$(sed -n 's|.*open http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/out")
[[ -n "$PORT" ]] || { echo "serve did not start" >&2; exit 1; }
head -1 "$WORK/out"
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

edit_a() {
  local cap=$1
  cat <<TOML
[policy]
id = "edit-a"
[[rule]]
id = "core"
kind = "exclude"
vendors = ["Huawei", "ZTE"]
where = { domain = ["core", "oss"] }
[[rule]]
id = "cap"
kind = "share_cap"
vendors = ["Huawei", "ZTE"]
per = ["operator"]
measure = "sites"
max_share = $cap
TOML
}
edit_b() {
  local vendors=$1
  cat <<TOML
[policy]
id = "edit-b"
[[rule]]
id = "near"
kind = "zone_exclusion"
vendors = [$vendors]
zones = { category = ["military"] }
radius_m = 3000
TOML
}
us_kr() {
  sed "s/radius_m = 5000/radius_m = $1/; s/from_radius_m = 5000/from_radius_m = $1/" \
    "$SRC/data/presets/us-kr-sensitive.toml"
}

# post FILE -> "wall_ms cpu_ms"
post() {
  local before after wall
  before=$(cpu_ticks)
  wall=$(curl -s -o "$WORK/answer" -w "%{http_code} %{time_total}" -H 'Content-Type: application/toml' \
    --data-binary @"$1" "http://127.0.0.1:$PORT/api/evaluate")
  after=$(cpu_ticks)
  [[ ${wall%% *} == 200 ]] || { echo "edit failed: $wall $(cat "$WORK/answer")" >&2; exit 1; }
  awk -v w="${wall#* }" -v c=$((after - before)) -v t="$TICKS" 'BEGIN { printf "%.0f %.0f\n", w * 1000, c * 1000 / t }'
}

summary() {  # name, then lines "wall cpu"
  local name=$1
  sort -n -k1 "$WORK/$name" | awk -v n="$name" '{ w[NR] = $1 } END { printf "%-9s wall ms: median %d (min %d, max %d)", n, w[int((NR + 1) / 2)], w[1], w[NR] }'
  sort -n -k2 "$WORK/$name" | awk '{ c[NR] = $2 } END { printf "; server cpu ms: median %d (min %d, max %d); %d runs\n", c[int((NR + 1) / 2)], c[1], c[NR], NR }'
}

for kind in no-zones zones us-kr; do
  : >"$WORK/$kind"
  for run in $(seq "$RUNS"); do
    case $kind in
      no-zones) edit_a "$([[ $((run % 2)) == 1 ]] && echo 0.35 || echo 0.30)" >"$WORK/p.toml" ;;
      zones) edit_b "$([[ $((run % 2)) == 1 ]] && echo '"Huawei"' || echo '"Huawei", "ZTE"')" >"$WORK/p.toml" ;;
      us-kr) us_kr "$([[ $((run % 2)) == 1 ]] && echo 5001 || echo 5000)" >"$WORK/p.toml" ;;
    esac
    if [[ $kind == zones && $run == 1 ]]; then
      echo "zones, first post (sites measured for the first time): $(post "$WORK/p.toml") (wall ms, cpu ms)"
      continue
    fi
    post "$WORK/p.toml" >>"$WORK/$kind"
  done
  summary "$kind"
done
