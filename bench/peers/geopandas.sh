#!/usr/bin/env bash
# GeoPandas peer comparison: usage  bench/peers/geopandas.sh BUILD_DIR BUNDLE [--runs N] [--pack FILE]
#
# Installs GeoPandas from Debian (python3-geopandas) when missing, then runs
# geopandas_peer.py: load, the three questions, answers compared with ringfence's,
# timings. Nothing is started and nothing is left behind but a temporary directory
# of ringfence's answers.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 BUILD_DIR BUNDLE [--runs N] [--pack FILE]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
BUNDLE=$(cd "$2" && pwd)
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
# Debian's Python, which sees the Debian packages (not a pyenv or venv one).
PYTHON=${PYTHON:-/usr/bin/python3}
if ! dpkg -s python3-geopandas >/dev/null 2>&1; then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get install -y python3-geopandas
fi
echo "== GeoPandas $("$PYTHON" -c 'import geopandas; print(geopandas.__version__)'), Shapely $("$PYTHON" -c 'import shapely; print(shapely.__version__)')"
"$PYTHON" "$HERE/geopandas_peer.py" "$BUNDLE" --ringfence "$BUILD/ringfence" "$@"
