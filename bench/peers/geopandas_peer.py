#!/usr/bin/env python3
"""GeoPandas peer: loads a bundle with pandas and GeoPandas, asks the three questions
of common.py the way a notebook would, compares the answers with ringfence's, and
times both, alternating per run (ringfence end to end, its own load included; then
GeoPandas's load and each question).

Question 1 is answered in a local metric projection, as GeoPandas measures in the
plane: an azimuthal equidistant projection centred on the sites' mean position
(exact for distances from its centre; a distance 250 km away is stretched by about
(250 / 6371)^2 / 6, 0.03 %), zones buffered by 5 km with GeoPandas' default 16
segments per quarter circle (a chord falls up to 5000 * (1 - cos(2.8125 deg)) = 6.0 m
inside the true circle), sites joined to the buffers. Its error is stated: the
elements it finds that ringfence does not (or the reverse) and the largest difference
between its planar distances and ringfence's geodesic ones.
"""

import argparse
import json
import os
import sys
import time

import geopandas as gpd
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def load(bundle):
    sites = pd.read_csv(os.path.join(bundle, "sites.csv"), dtype={"site_id": str, "region": str})
    elements = pd.read_csv(os.path.join(bundle, "elements.csv"),
                           dtype={"element_id": str, "site_id": str, "vendor": str, "domain": str},
                           low_memory=False)
    elements["vendor_name"] = elements["vendor"].map(common.read_spellings())
    sites = gpd.GeoDataFrame(sites, geometry=gpd.points_from_xy(sites["lon"], sites["lat"]),
                             crs="EPSG:4326")
    with open(os.path.join(bundle, "zones.geojson"), encoding="utf-8") as f:
        collection = json.load(f)
    zones = gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    return sites, elements, zones


def timed(work):
    """Runs work(); returns its result and Times (CPU of this process, all threads)."""
    c0, t0 = time.process_time(), time.perf_counter()
    result = work()
    return result, common.Times(time.perf_counter() - t0, time.process_time() - c0)


def ask(sites, elements, zones):
    zone, t1 = timed(lambda: ask_zone(sites, elements, zones))
    share, t2 = timed(lambda: ask_share(sites, elements))
    vendor, t3 = timed(lambda: ask_vendor(sites, elements))
    return (zone, share, vendor), [t1, t2, t3]


def ask_zone(sites, elements, zones):
    lat0, lon0 = sites["lat"].mean(), sites["lon"].mean()
    local = f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m +no_defs"
    military = zones[zones["category"] == "military"].to_crs(local)
    buffers = military[["zone_id", "geometry"]].copy()
    buffers["geometry"] = military.buffer(common.RADIUS_M)
    hrv = elements[elements["vendor_name"].isin(common.HIGH_RISK)]
    hrv_sites = sites[sites["site_id"].isin(hrv["site_id"].unique())].to_crs(local)
    joined = gpd.sjoin(hrv_sites[["site_id", "geometry"]], buffers, predicate="within")
    zone_geom = military.set_index("zone_id").geometry
    site_geom = hrv_sites.set_index("site_id").geometry
    joined["d"] = [site_geom[s].distance(zone_geom[z])
                   for s, z in zip(joined["site_id"], joined["zone_id"])]
    nearest = joined.groupby("site_id")["d"].min()
    found = hrv[hrv["site_id"].isin(nearest.index)]
    return dict(zip(found["element_id"], found["site_id"].map(nearest)))


def ask_share(sites, elements):
    ran = elements[elements["domain"].str.lower() == "ran"]
    per_site = ran.assign(hrv=ran["vendor_name"].isin(common.HIGH_RISK)) \
        .groupby("site_id")["hrv"].any().reset_index()
    per_site = per_site.merge(sites[["site_id", "operator"]], on="site_id")
    by_op = per_site.groupby("operator")["hrv"].agg(["sum", "count"])
    by_op = by_op[by_op["sum"] > 0]
    return {op: float(r["sum"]) / float(r["count"]) for op, r in by_op.iterrows()}


def ask_vendor(sites, elements):
    el = elements[["site_id", "domain", "vendor_name"]].merge(
        sites[["site_id", "operator"]], on="site_id")
    el["domain"] = el["domain"].str.lower()
    counts = el.groupby(["operator", "domain", "vendor_name"]).size()
    totals = counts.groupby(level=[0, 1]).transform("sum")
    return {k: float(c) / float(t) for k, c, t in zip(counts.index, counts, totals)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bundle")
    ap.add_argument("--ringfence", required=True)
    ap.add_argument("--pack", help="also time ringfence on this snapshot of the bundle")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    loads, queries, rf_csv, rf_pack = [], [[], [], []], [], []
    for run in range(args.runs):
        ours, t = common.run_ringfence(args.ringfence, args.bundle)
        rf_csv.append(t)
        (sites, elements, zones), t = timed(lambda: load(args.bundle))
        loads.append(t)
        theirs, times = ask(sites, elements, zones)
        for q in range(3):
            queries[q].append(times[q])
        if args.pack:
            _, t = common.run_ringfence(args.ringfence, args.pack)
            rf_pack.append(t)
        if run == 0:
            lines, ok = common.compare("GeoPandas", ours, theirs, distances_exact=False)
            print("\n".join(lines))
            common_ids = set(ours[0]) & set(theirs[0])
            if common_ids:
                worst = max(abs(ours[0][e] - theirs[0][e]) for e in common_ids)
                print(f"      planar distances differ from ringfence's geodesic ones by up to "
                      f"{worst:.2f} m")
            missed = sorted(set(ours[0]) - set(theirs[0]))
            if missed:
                print(f"      elements GeoPandas misses lie {min(ours[0][e] for e in missed):.1f}-"
                      f"{max(ours[0][e] for e in missed):.1f} m (geodesic) from a zone: "
                      f"where the buffer's chords cut inside the 5 km circle")
            extra = sorted(set(theirs[0]) - set(ours[0]))
            if extra:
                print(f"      GeoPandas' extra elements: planar distances "
                      f"{min(theirs[0][e] for e in extra):.1f}-"
                      f"{max(theirs[0][e] for e in extra):.1f} m (geodesically beyond 5 km)")
    total_wall, total_cpu = common.medians(loads)
    print(f"GeoPandas load: {total_wall:.3f} s wall, {total_cpu:.3f} s CPU (median of {len(loads)})")
    for q, label in enumerate(("(1) zone", "(2) share", "(3) vendor share")):
        wall, cpu = common.medians(queries[q])
        total_wall += wall
        total_cpu += cpu
        print(f"GeoPandas question {label}: {wall:.3f} s wall, {cpu:.3f} s CPU")
    print(f"GeoPandas in all (load and questions): {total_wall:.3f} s wall, {total_cpu:.3f} s CPU")
    for label, times in (("from CSV", rf_csv), ("from the snapshot", rf_pack)):
        if not times:
            continue
        wall, cpu = common.medians(times)
        ratios = [(loads[i].wall + sum(queries[q][i].wall for q in range(3))) / times[i].wall
                  for i in range(len(times))]
        print(f"ringfence {label}, end to end (check + exposure, load included): "
              f"{wall:.3f} s wall, {cpu:.3f} s CPU; GeoPandas / ringfence: "
              f"{total_wall / wall:.1f}x wall (per-run median {common.median(ratios):.1f}x), "
              f"{total_cpu / cpu:.1f}x CPU")
    print(f"runs: {args.runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
