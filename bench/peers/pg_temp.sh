# Sourced by the PostGIS scripts: installs PostgreSQL 15 + PostGIS 3 (and psycopg2)
# from Debian when missing, starts a server on 127.0.0.1 (a free port, in $PORT) in a
# temporary data directory, and stops it and removes the directory when the calling
# script exits, whatever happens. `pg_sql` runs psql against it.
PGBIN=/usr/lib/postgresql/15/bin
pg_need=()
dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || pg_need+=(postgresql-15 postgresql-15-postgis-3)
dpkg -s python3-psycopg2 >/dev/null 2>&1 || pg_need+=(python3-psycopg2)
if [[ ${#pg_need[@]} -gt 0 ]]; then
  pg_sudo=""
  [[ $(id -u) -ne 0 ]] && pg_sudo=sudo
  $pg_sudo apt-get install -y "${pg_need[@]}"
fi

# The server refuses to run as root: run it as the postgres account then.
PG_AS=()
[[ $(id -u) -eq 0 ]] && PG_AS=(runuser -u postgres --)
PG_TMP=$(mktemp -d /tmp/ringfence-postgis.XXXXXX)
chmod 755 "$PG_TMP"
[[ $(id -u) -eq 0 ]] && chown postgres "$PG_TMP"
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg_stop() {
  "${PG_AS[@]}" "$PGBIN/pg_ctl" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
trap pg_stop EXIT
"${PG_AS[@]}" "$PGBIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 >/dev/null
# fsync off: the database is thrown away at the end; it speeds the load, not the queries.
"${PG_AS[@]}" "$PGBIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $PORT -k $PG_TMP -c shared_buffers=512MB -c work_mem=64MB -c fsync=off -c synchronous_commit=off" \
  start >/dev/null
pg_sql() { psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
pg_sql -c 'CREATE EXTENSION IF NOT EXISTS postgis'
