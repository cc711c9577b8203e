#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer and UndefinedBehaviorSanitizer
# (clang) and runs every test against it. The build, build-asan/, also holds the
# libFuzzer targets that scripts/fuzz.sh runs (see scripts/sanitizer-build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
./scripts/sanitizer-build.sh
# golden_outputs runs here too: the clang build's outputs must be the bytes the
# release (GCC) build's are.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
