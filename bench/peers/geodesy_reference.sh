#!/usr/bin/env bash
# Prints the PostGIS geography reference distances of tests/unit/geodesy_reference_test.cpp
# (geodesy_reference.sql) from a temporary server on 127.0.0.1 (pg_temp.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/pg_temp.sh"
pg_sql -tAc 'SELECT postgis_full_version()' | cut -c1-120
pg_sql -f "$HERE/geodesy_reference.sql"
