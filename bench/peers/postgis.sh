#!/usr/bin/env bash
# PostGIS peer comparison: usage  bench/peers/postgis.sh BUILD_DIR BUNDLE [--runs N] [--pack FILE]
#
# Starts a temporary PostGIS server on 127.0.0.1 (pg_temp.sh: installed from Debian
# when missing, stopped and removed at the end whatever happens) and runs postgis.py:
# load, the three questions, answers compared with ringfence's, timings.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 BUILD_DIR BUNDLE [--runs N] [--pack FILE] [--load-once]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
BUNDLE=$(cd "$2" && pwd)
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
# Debian's Python, which sees the Debian packages (not a pyenv or venv one).
PYTHON=${PYTHON:-/usr/bin/python3}
source "$HERE/pg_temp.sh"

echo "== PostGIS $(pg_sql -tAc 'SELECT postgis_lib_version()') on PostgreSQL 15, 127.0.0.1:$PORT"
"$PYTHON" "$HERE/postgis.py" "$BUNDLE" --ringfence "$BUILD/ringfence" --port "$PORT" "$@"
