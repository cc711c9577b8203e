#!/usr/bin/env bash
# Installs the Debian packages ringfence builds with, only when one is missing.
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config libgeographiclib-dev libtomlplusplus-dev
  libcli11-dev libsimdjson-dev libfast-float-dev nlohmann-json3-dev libboost-dev libgtest-dev
  libbenchmark-dev libssl-dev python3 clang libclang-rt-14-dev libcpp-httplib-dev
  libgdal-dev gdal-bin zlib1g-dev libexpat1-dev mobile-broadband-provider-info coinor-libcbc-dev
  libbrotli-dev nettle-dev)
# The report's front end is built with node and npm, and tested in Chromium; a
# machine may already have them from elsewhere (e.g. a newer Node.js), so they are
# installed only when the command is missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
