#!/usr/bin/env bash
# The clang build with AddressSanitizer and UndefinedBehaviorSanitizer that
# scripts/sanitize.sh (the tests) and scripts/fuzz.sh (the libFuzzer targets) share, so
# `make test` compiles the project with clang once: build-asan/, configured the same
# way by both scripts. Everything is also instrumented for libFuzzer's coverage
# (-fsanitize=fuzzer-no-link; only the fuzz targets link libFuzzer itself). Debug
# information is line tables only: enough for symbolized sanitizer stack traces, and
# much quicker to compile than full debug information.
#   scripts/sanitizer-build.sh [TARGET...]   configures build-asan/, builds the TARGETs
#                                             (default: everything)
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
  -DRINGFENCE_SANITIZE=ON -DRINGFENCE_FUZZ=ON -DRINGFENCE_BUILD_BENCH=OFF >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build" -j "$(nproc)" "${targets[@]}"
