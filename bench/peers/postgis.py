#!/usr/bin/env python3
"""PostGIS peer: loads a bundle into PostgreSQL + PostGIS (geography, GiST indexes),
asks the three questions of common.py in SQL, compares the answers with ringfence's,
and times both, alternating: per run, ringfence end to end (its own load included),
then PostGIS's three queries on data already loaded. PostGIS's load is timed once per
run as well (tables dropped and loaded again) unless --load-once.

Run through postgis.sh, which starts a temporary server on 127.0.0.1 and stops it.
"""

import argparse
import csv
import json
import os
import sys
import time

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

SQL_TYPES = {"lat": "float8", "lon": "float8", "population": "float8", "azimuth": "float8",
             "beamwidth": "float8", "range_m": "float8", "traffic": "float8",
             "replace_cost": "float8", "installed": "date"}


def copy_csv(cur, table, path):
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    cols = ", ".join(f'"{c}" {SQL_TYPES.get(c, "text")}' for c in header)
    cur.execute(f"CREATE TABLE {table} ({cols})")
    with open(path, encoding="utf-8") as f:
        cur.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", f)


def load(conn, bundle):
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS sites, elements, zones, vendor_spelling")
    copy_csv(cur, "sites", os.path.join(bundle, "sites.csv"))
    cur.execute("ALTER TABLE sites ADD COLUMN geog geography(Point, 4326)")
    cur.execute("UPDATE sites SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography")
    cur.execute("ALTER TABLE sites ADD PRIMARY KEY (site_id)")
    cur.execute("CREATE INDEX sites_geog ON sites USING gist (geog)")
    copy_csv(cur, "elements", os.path.join(bundle, "elements.csv"))
    cur.execute("CREATE INDEX elements_site ON elements (site_id)")
    cur.execute("CREATE TABLE vendor_spelling (spelling text PRIMARY KEY, vendor text)")
    cur.executemany("INSERT INTO vendor_spelling VALUES (%s, %s)",
                    sorted(common.read_spellings().items()))
    cur.execute("CREATE TABLE zones (zone_id text PRIMARY KEY, category text, "
                "geog geography)")
    with open(os.path.join(bundle, "zones.geojson"), encoding="utf-8") as f:
        features = json.load(f)["features"]
    cur.executemany(
        "INSERT INTO zones VALUES (%s, %s, ST_SetSRID(ST_GeomFromGeoJSON(%s), 4326)::geography)",
        [(ft["properties"]["zone_id"], ft["properties"].get("category"),
          json.dumps(ft["geometry"])) for ft in features])
    cur.execute("CREATE INDEX zones_geog ON zones USING gist (geog)")
    cur.execute("ANALYZE")
    conn.commit()


HRV = "('Huawei', 'ZTE')"
Q_ZONE = f"""
SELECT e.element_id, min(ST_Distance(s.geog, z.geog, true))
FROM elements e
JOIN vendor_spelling v ON v.spelling = e.vendor
JOIN sites s ON s.site_id = e.site_id
JOIN zones z ON z.category = 'military' AND ST_DWithin(s.geog, z.geog, {common.RADIUS_M}, true)
WHERE v.vendor IN {HRV}
GROUP BY e.element_id"""
Q_SHARE = f"""
WITH ran_site AS (
  SELECT s.operator, s.site_id, bool_or(v.vendor IN {HRV}) AS hrv
  FROM elements e
  JOIN vendor_spelling v ON v.spelling = e.vendor
  JOIN sites s ON s.site_id = e.site_id
  WHERE lower(e.domain) = 'ran'
  GROUP BY s.operator, s.site_id)
SELECT operator, count(*) FILTER (WHERE hrv)::float8 / count(*)
FROM ran_site GROUP BY operator HAVING count(*) FILTER (WHERE hrv) > 0"""
Q_VENDOR = """
SELECT s.operator, lower(e.domain), v.vendor,
       count(*)::float8 / sum(count(*)) OVER (PARTITION BY s.operator, lower(e.domain))
FROM elements e
JOIN vendor_spelling v ON v.spelling = e.vendor
JOIN sites s ON s.site_id = e.site_id
GROUP BY 1, 2, 3"""


def backend_cpu(pid):
    """CPU seconds (user + system) of the server process answering this connection."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ask(conn):
    cur = conn.cursor()
    cur.execute("SELECT pg_backend_pid()")
    pid = cur.fetchone()[0]
    times = []
    results = []
    for sql in (Q_ZONE, Q_SHARE, Q_VENDOR):
        cpu0 = backend_cpu(pid)
        t0 = time.perf_counter()
        cur.execute(sql)
        rows = cur.fetchall()
        times.append(common.Times(time.perf_counter() - t0, backend_cpu(pid) - cpu0))
        results.append(rows)
    conn.rollback()
    zone = {r[0]: r[1] for r in results[0]}
    share = {r[0]: r[1] for r in results[1]}
    vendor = {(r[0], r[1], r[2]): r[3] for r in results[2]}
    return (zone, share, vendor), times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bundle")
    ap.add_argument("--ringfence", required=True)
    ap.add_argument("--pack", help="also time ringfence on this snapshot of the bundle")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--load-once", action="store_true")
    ap.add_argument("--port", type=int, required=True)
    args = ap.parse_args()

    conn = psycopg2.connect(host="127.0.0.1", port=args.port, user="postgres", dbname="postgres")
    conn.cursor().execute("CREATE EXTENSION IF NOT EXISTS postgis")
    conn.commit()
    loads, queries, rf_csv, rf_pack = [], [[], [], []], [], []
    ok_all = True
    for run in range(args.runs):
        if run == 0 or not args.load_once:
            t0 = time.perf_counter()
            load(conn, args.bundle)
            loads.append(time.perf_counter() - t0)
        ours, t = common.run_ringfence(args.ringfence, args.bundle)
        rf_csv.append(t)
        theirs, times = ask(conn)
        for q in range(3):
            queries[q].append(times[q])
        if args.pack:
            ours_pack, t = common.run_ringfence(args.ringfence, args.pack)
            rf_pack.append(t)
            if ours_pack != ours:
                ok_all = False
                print("ringfence from the snapshot answers differently from the CSV bundle")
        lines, ok = common.compare("PostGIS", ours, theirs)
        ok_all = ok_all and ok
        if run == 0:
            print("\n".join(lines))
    print(f"PostGIS load (COPY, geography column, GiST and b-tree indexes, ANALYZE): "
          f"{common.median(loads):.3f} s wall (median of {len(loads)})")
    q_wall = q_cpu = 0.0
    for q, label in enumerate(("(1) zone", "(2) share", "(3) vendor share")):
        wall, cpu = common.medians(queries[q])
        q_wall += wall
        q_cpu += cpu
        print(f"PostGIS query {label}: {wall:.3f} s wall, {cpu:.3f} s CPU")
    print(f"PostGIS queries in all: {q_wall:.3f} s wall, {q_cpu:.3f} s CPU")
    for label, times in (("from CSV", rf_csv), ("from the snapshot", rf_pack)):
        if not times:
            continue
        wall, cpu = common.medians(times)
        # Each run's ratio, taken from measurements made one after the other.
        ratios = [sum(queries[q][i].wall for q in range(3)) / times[i].wall
                  for i in range(len(times))]
        print(f"ringfence {label}, end to end (check + exposure, load included): "
              f"{wall:.3f} s wall, {cpu:.3f} s CPU; PostGIS query time / ringfence: "
              f"{q_wall / wall:.1f}x wall (per-run median {common.median(ratios):.1f}x), "
              f"{q_cpu / cpu:.1f}x CPU")
    print(f"runs: {args.runs}; answers {'EQUAL' if ok_all else 'DIFFERENT'}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
