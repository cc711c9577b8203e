#!/usr/bin/env bash
# Load test of `ringfence serve`: usage  bench/serve_load.sh BUILD_DIR BUNDLE [CLIENTS [SECONDS]]
#
# Starts `ringfence serve BUNDLE --policy uk-2020 --policy us-kr-sensitive --at
# 2024-01-01` on 127.0.0.1 (any free port, an access token from a temporary file),
# waits until it listens, runs BUILD_DIR/bench/ringfence_serve_load against it
# (CLIENTS clients, default 50, for SECONDS seconds, default 60, 2 % of requests policy
# edits), then stops the server with SIGTERM. Everything stops by itself: the server
# start is given SERVE_START_TIMEOUT seconds (default 300), the clients their time.
#
# Environment: EDIT_SHARE (default 0.02), MAX_RSS_GROWTH_MIB (fail when the server's
# resident memory grows by more after warm-up; default: report only), LOAD_JSON (write
# the figures there as JSON). Exit status: the load client's (0: no request failed).
set -euo pipefail

if [[ $# -lt 2 || $# -gt 4 ]]; then
  echo "usage: $0 BUILD_DIR BUNDLE [CLIENTS [SECONDS]]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
BUNDLE=$2
CLIENTS=${3:-50}
SECONDS_=${4:-60}
EDIT_SHARE=${EDIT_SHARE:-0.02}
START_TIMEOUT=${SERVE_START_TIMEOUT:-300}

CLI_BIN="$BUILD/ringfence"
LOAD_BIN="$BUILD/bench/ringfence_serve_load"
for bin in "$CLI_BIN" "$LOAD_BIN"; do
  if [[ ! -x "$bin" ]]; then
    echo "error: $bin not found (build $BUILD first, with RINGFENCE_BUILD_BENCH=ON)" >&2
    exit 2
  fi
done

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The token check is part of every request measured.
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/token"
echo >>"$WORK/token"

"$CLI_BIN" serve "$BUNDLE" --policy uk-2020 --policy us-kr-sensitive --at 2024-01-01 \
  --host 127.0.0.1 --port 0 --token-file "$WORK/token" >"$WORK/out" 2>"$WORK/err" &
SERVER_PID=$!

PORT=""
for ((i = 0; i < START_TIMEOUT * 10; ++i)); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "error: the server exited before listening:" >&2
    cat "$WORK/err" >&2
    exit 1
  fi
  PORT=$(sed -n 's|^open http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/out")
  [[ -n "$PORT" ]] && break
  sleep 0.1
done
if [[ -z "$PORT" ]]; then
  echo "error: the server did not listen within $START_TIMEOUT s" >&2
  exit 1
fi
head -n 1 "$WORK/out"

args=(--port "$PORT" --clients "$CLIENTS" --seconds "$SECONDS_" --edit-share "$EDIT_SHARE"
  --pid "$SERVER_PID" --token-file "$WORK/token")
[[ -n "${MAX_RSS_GROWTH_MIB:-}" ]] && args+=(--max-rss-growth-mib "$MAX_RSS_GROWTH_MIB")
[[ -n "${LOAD_JSON:-}" ]] && args+=(--json "$LOAD_JSON")
status=0
"$LOAD_BIN" "${args[@]}" || status=$?

kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || status=1
SERVER_PID=""
exit $status
