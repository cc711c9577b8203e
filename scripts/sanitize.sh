#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer and UndefinedBehaviorSanitizer
# (clang) and runs every test against it. The build, build-asan/, also holds the
# libFuzzer targets that scripts/fuzz.sh runs (see scripts/sanitizer-build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
./scripts/sanitizer-build.sh
# golden_outputs pins the bytes of the release (GCC) build's outputs; a clang build
# generates some site positions differently (compiler-dependent floating point in
# the generator's placement), so the hashes are compared in the release run only.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -E '^golden_outputs$'
