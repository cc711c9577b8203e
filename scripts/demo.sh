#!/usr/bin/env bash
# The main job on the shipped example: validate the bundle, then show who built it.
set -euo pipefail
bin=${1:-build/ringfence}
example=examples/korea-small
echo "== ringfence validate $example"
"$bin" validate "$example"
echo
echo "== ringfence exposure $example --by operator,domain"
"$bin" exposure "$example" --by operator,domain
