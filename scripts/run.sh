#!/usr/bin/env bash
# One entry point for a fresh Debian machine: installs what is missing (make, the
# compiler and the libraries), then runs `make demo` or `make test`.
#   scripts/run.sh demo    build and run the main job
#   scripts/run.sh test    build and run every test
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-demo}
if ! command -v make >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq make >/dev/null
fi
exec make "$target"
