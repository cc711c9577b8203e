#!/usr/bin/env bash
# Installs the build into a temporary prefix, puts the source and build trees out of
# reach (an empty tmpfs over each, in a private mount namespace), and runs demo,
# generate, report, a GeoPackage round trip and a server from the installed copy: it
# must need nothing but its prefix.
#   tests/install/install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d /tmp/ringfence-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
bin="$prefix/bin/ringfence"
for f in bin/ringfence lib/ringfence/ringfence_gdal.so lib/ringfence/ringfence_http.so share/ringfence/report-template.html share/ringfence/profiles/kr.toml \
  share/ringfence/places/KR.csv share/ringfence/zones/kr.geojson share/ringfence/presets/uk-2020.toml; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f" >&2; exit 1; }
done
# No path of the build machine's source tree is compiled into the binary.
if grep -qF "$src/data" "$bin"; then
  echo "the installed binary names the source tree ($src/data)" >&2
  exit 1
fi
if ! unshare -m --propagation private true 2>/dev/null; then
  echo "cannot hide the source tree here (unshare -m needs root); skipped" >&2
  exit 77
fi
hide="mount -t tmpfs none '$src'"
case "$build/" in "$src"/*) ;; *) hide="$hide && mount -t tmpfs none '$build'" ;; esac
unshare -m --propagation private bash -euo pipefail -c "
  $hide
  test ! -e '$src/data/profiles'
  cd '$work'
  env -u RINGFENCE_DATA_DIR -u RINGFENCE_WEB_DIR '$bin' demo --out demo --sites 400 --at 2024-06-01 >demo.txt
  grep -q 'report:' demo.txt
  test -s demo/report.html
  env -u RINGFENCE_DATA_DIR '$bin' generate --country GB --sites 300 --seed 2 --out gb >/dev/null 2>&1
  test -s gb/elements.csv
  env -u RINGFENCE_DATA_DIR -u RINGFENCE_WEB_DIR '$bin' report gb --policy uk-2020 --at 2024-06-01 --out gb.html >/dev/null
  test -s gb.html
  '$bin' export gb --to gb.gpkg >/dev/null
  '$bin' validate gb.gpkg >/dev/null
  '$bin' serve gb --policy uk-2020 --port 0 >serve.txt 2>serve.err &
  server=\$!
  for i in \$(seq 100); do grep -q 'open http://' serve.txt && break; sleep 0.1; done
  grep -q 'open http://127.0.0.1:' serve.txt || { cat serve.err >&2; kill \$server; exit 1; }
  kill -TERM \$server
  wait \$server
  grep -q '^stopped' serve.txt
"
echo "installed copy ran demo, generate, report, export and serve with the sources out of reach"
