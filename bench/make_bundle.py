#!/usr/bin/env python3
"""Writes a synthetic but plausible network bundle (README, "The network bundle")
for the load benchmark.

A national network of three operators spread over South Korea: macro, small and
indoor radio sites clustered around cities, aggregation sites carrying routers,
and a few core data centres. Every RAN element links to a router at an aggregation
site of its operator, and every router links to a core element of its operator.
Vendors are spelled the way inventories spell them (aliases, quoted legal names).

Standard library only; the same --seed always writes the same bytes.

    python3 bench/make_bundle.py --out build/bench-data/bundle-1m
    python3 bench/make_bundle.py --elements 100000 --sites 20000 --zones 100 --out /tmp/b100k
"""

import argparse
import json
import math
import os
import random
import sys

OPERATORS = [
    # name, id prefix, share of sites
    ("SK Telecom", "SKT", 0.45),
    ("KT", "KT", 0.31),
    ("LG U+", "LGU", 0.24),
]

# City, province, lat, lon, weight (roughly by population), spread in degrees.
CITIES = [
    ("Seoul", "Seoul", 37.5665, 126.9780, 20, 0.12),
    ("Incheon", "Incheon", 37.4563, 126.7052, 6, 0.10),
    ("Suwon", "Gyeonggi", 37.2636, 127.0286, 6, 0.12),
    ("Seongnam", "Gyeonggi", 37.4200, 127.1265, 4, 0.08),
    ("Goyang", "Gyeonggi", 37.6584, 126.8320, 4, 0.08),
    ("Busan", "Busan", 35.1796, 129.0756, 8, 0.10),
    ("Daegu", "Daegu", 35.8714, 128.6014, 6, 0.10),
    ("Daejeon", "Daejeon", 36.3504, 127.3845, 4, 0.08),
    ("Gwangju", "Gwangju", 35.1595, 126.8526, 4, 0.08),
    ("Ulsan", "Ulsan", 35.5384, 129.3114, 3, 0.08),
    ("Sejong", "Sejong", 36.4800, 127.2890, 1, 0.05),
    ("Cheongju", "North Chungcheong", 36.6424, 127.4890, 2, 0.10),
    ("Cheonan", "South Chungcheong", 36.8151, 127.1139, 2, 0.10),
    ("Jeonju", "North Jeolla", 35.8242, 127.1480, 2, 0.10),
    ("Mokpo", "South Jeolla", 34.8118, 126.3922, 1, 0.12),
    ("Yeosu", "South Jeolla", 34.7604, 127.6622, 1, 0.10),
    ("Pohang", "North Gyeongsang", 36.0190, 129.3435, 1, 0.10),
    ("Andong", "North Gyeongsang", 36.5684, 128.7294, 1, 0.15),
    ("Changwon", "South Gyeongsang", 35.2280, 128.6811, 3, 0.10),
    ("Jinju", "South Gyeongsang", 35.1800, 128.1076, 1, 0.10),
    ("Chuncheon", "Gangwon", 37.8813, 127.7298, 1, 0.15),
    ("Gangneung", "Gangwon", 37.7519, 128.8761, 1, 0.15),
    ("Wonju", "Gangwon", 37.3422, 127.9202, 1, 0.12),
]
RURAL_SHARE = 0.12  # sites placed uniformly over the bounding box
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 34.0, 38.5, 126.0, 129.5

# Canonical vendor -> spellings (first is canonical) with weights.
SPELLINGS = {
    "Samsung": [("Samsung", 70), ("Samsung Electronics", 25), ("SAMSUNG ELECTRONICS CO., LTD.", 5)],
    "Ericsson": [("Ericsson", 65), ("Ericsson AB", 15), ("Telefonaktiebolaget LM Ericsson", 15),
                 ("LM Ericsson", 5)],
    "Nokia": [("Nokia", 60), ("Nokia Solutions and Networks", 25), ("NSN", 10),
              ("Nokia Networks", 5)],
    "Huawei": [("Huawei", 60), ("HUAWEI TECHNOLOGIES CO., LTD.", 20), ("Huawei Technologies", 15),
               ("Huawei Tech.", 5)],
    "ZTE": [("ZTE", 70), ("ZTE Corporation", 20), ("ZTE Corp.", 10)],
    "Cisco": [("Cisco", 70), ("Cisco Systems", 20), ("Cisco Systems, Inc.", 10)],
    "Juniper": [("Juniper", 75), ("Juniper Networks", 25)],
}

# Per operator, vendor shares per domain (weights).
RAN_VENDORS = {
    "SKT": [("Samsung", 55), ("Ericsson", 30), ("Nokia", 15)],
    "KT": [("Samsung", 50), ("Ericsson", 25), ("Nokia", 25)],
    "LGU": [("Huawei", 40), ("Samsung", 30), ("Nokia", 20), ("Ericsson", 10)],
}
TRANSPORT_VENDORS = {
    "SKT": [("Cisco", 45), ("Juniper", 30), ("Nokia", 25)],
    "KT": [("Cisco", 40), ("Juniper", 35), ("Nokia", 15), ("ZTE", 10)],
    "LGU": [("Huawei", 45), ("Cisco", 25), ("Juniper", 20), ("ZTE", 10)],
}
CORE_VENDORS = {
    "SKT": [("Samsung", 45), ("Ericsson", 35), ("Nokia", 20)],
    "KT": [("Samsung", 40), ("Nokia", 35), ("Ericsson", 25)],
    "LGU": [("Huawei", 35), ("Samsung", 30), ("Nokia", 20), ("Ericsson", 15)],
}
OSS_VENDORS = {
    "SKT": [("Samsung", 50), ("Ericsson", 30), ("Nokia", 20)],
    "KT": [("Samsung", 40), ("Nokia", 40), ("Ericsson", 20)],
    "LGU": [("Huawei", 50), ("Samsung", 30), ("Nokia", 20)],
}

# (function, technology) -> models per vendor.
RAN_MODELS = {
    "Samsung": {"lte": ["Smart MBS RRH", "RT4423", "RF4440d-13A"],
                "nr": ["MMU 64T64R", "AU 32T32R", "CDU30", "RT8801-77A"]},
    "Ericsson": {"lte": ["Radio 2217", "Radio 4449", "RBS 6102"],
                 "nr": ["AIR 6449", "AIR 3239", "Baseband 6630"]},
    "Nokia": {"lte": ["Flexi Multiradio 10", "AirScale RRH 4T4R"],
              "nr": ["AirScale MAA 64T64R", "AirScale Habrok", "AirScale DU"]},
    "Huawei": {"lte": ["RRU3959", "BBU3910", "RRU5258"],
               "nr": ["AAU5613", "AAU5639w", "BBU5900"]},
}
RAN_SW = {
    "Samsung": ["SVR18A", "SVR20B", "SVR22B", "SVR23A"],
    "Ericsson": ["21.Q4", "22.Q2", "23.Q1"],
    "Nokia": ["SRAN 21B", "SRAN 22R2", "5G22R3"],
    "Huawei": ["SRAN18.1", "SRAN19.1", "5G RAN6.1"],
}
TRANSPORT_MODELS = {
    "Cisco": (["ASR 9000", "NCS 5500", "ASR 920"], ["IOS XR 7.5.2", "IOS XR 7.9.1", "IOS XE 17.6"]),
    "Juniper": (["MX960", "MX480", "ACX7100"], ["Junos 21.4R3", "Junos 22.2R1", "Junos Evo 23.1"]),
    "Nokia": (["7750 SR", "7250 IXR", "7705 SAR"], ["SR OS 22.10", "SR OS 23.3"]),
    "Huawei": (["NE40E", "NE8000", "ATN 910C"], ["VRP V800R021", "VRP V800R022"]),
    "ZTE": (["ZXR10 M6000", "ZXCTN 6180H"], ["V5.00.10", "V5.00.20"]),
}
CORE_FUNCTIONS = ["mme", "sgw", "pgw", "hss", "amf", "smf", "upf", "udm"]
CORE_MODELS = {
    "Samsung": ("vCore", ["vCore 21.1", "vCore 22.2"]),
    "Ericsson": ("Dual-mode 5G Core", ["DM5GC 1.9", "DM5GC 1.12"]),
    "Nokia": ("Cloud Packet Core", ["CPC 22.5", "CPC 23.2"]),
    "Huawei": ("CloudCore", ["CloudCore 21.0", "CloudCore 22.1"]),
}
OSS_FUNCTIONS = ["ems", "nms"]
OSS_MODELS = {
    "Samsung": ("Samsung Network Management", ["USM 5.0"]),
    "Ericsson": ("Ericsson Network Manager", ["ENM 22.4"]),
    "Nokia": ("NetAct", ["NetAct 22"]),
    "Huawei": ("iMaster MAE", ["MAE V100R022"]),
}

ZONE_CATEGORIES = [("military", 50), ("government", 40), ("nuclear", 10)]
ZONE_WORDS = {
    "military": ["Camp", "Air Base", "Naval Base", "Garrison", "Depot", "Range"],
    "government": ["Ministry", "Government Complex", "Agency", "Court", "Office"],
    "nuclear": ["Nuclear Power Plant", "Reactor Site", "Fuel Facility"],
}


def weighted(rng, pairs):
    """One item from [(item, weight), ...]."""
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def csv_field(text):
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def spelling(rng, vendor):
    return csv_field(weighted(rng, SPELLINGS[vendor]))


def random_date(rng, first_year, last_year):
    year = rng.randint(first_year, last_year)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return f"{year:04d}-{month:02d}-{day:02d}"


def place(rng):
    """(lat, lon, region) for a site: near a city, or rural."""
    if rng.random() < RURAL_SHARE:
        lat = rng.uniform(LAT_MIN, LAT_MAX)
        lon = rng.uniform(LON_MIN, LON_MAX)
        # Region of the nearest city.
        best = min(CITIES, key=lambda c: (c[2] - lat) ** 2 + (c[3] - lon) ** 2)
        return lat, lon, best[1]
    city = weighted(rng, [(c, c[4]) for c in CITIES])
    _, region, clat, clon, _, spread = city
    lat = min(max(rng.gauss(clat, spread), LAT_MIN), LAT_MAX)
    lon = min(max(rng.gauss(clon, spread), LON_MIN), LON_MAX)
    return lat, lon, region


class Plan:
    """Which sites exist, of which kind and operator, and how many elements each holds."""

    def __init__(self, n_elements, n_sites, rng):
        if n_sites < 3 * len(OPERATORS):
            sys.exit("make_bundle: --sites must be at least 9")
        self.sites = []  # (site_id, op_index, kind)
        by_op = []
        remaining = n_sites
        for i, (_, prefix, share) in enumerate(OPERATORS):
            count = remaining if i == len(OPERATORS) - 1 else round(n_sites * share)
            remaining -= count
            by_op.append(count)
        self.core_sites = {i: [] for i in range(len(OPERATORS))}
        self.agg_sites = {i: [] for i in range(len(OPERATORS))}
        self.ran_sites = {i: [] for i in range(len(OPERATORS))}
        for op, count in enumerate(by_op):
            prefix = OPERATORS[op][1]
            n_core = max(1, min(8, count // 20000 + 2))
            n_agg = max(1, count // 100)  # one aggregation site per ~100 sites
            for k in range(count):
                if k < n_core:
                    kind = "core_dc"
                elif k < n_core + n_agg:
                    kind = "aggregation"
                else:
                    r = rng.random()
                    kind = "macro" if r < 0.78 else "small" if r < 0.92 else "indoor"
                site_id = f"{prefix}-S{k + 1:07d}"
                row = len(self.sites)
                self.sites.append((site_id, op, kind))
                if kind == "core_dc":
                    self.core_sites[op].append(row)
                elif kind == "aggregation":
                    self.agg_sites[op].append(row)
                else:
                    self.ran_sites[op].append(row)
        # Element budget: core and OSS elements, routers, then radio elements.
        self.n_elements = n_elements
        self.core_per_dc = len(CORE_FUNCTIONS) * 3  # each function, three instances
        self.oss_per_dc = 4
        self.routers_per_agg = 3
        fixed = sum(len(v) for v in self.core_sites.values()) * (self.core_per_dc + self.oss_per_dc)
        fixed += sum(len(v) for v in self.agg_sites.values()) * self.routers_per_agg
        n_ran_sites = sum(len(v) for v in self.ran_sites.values())
        if n_elements < fixed + n_ran_sites:
            sys.exit(f"make_bundle: --elements must be at least {fixed + n_ran_sites} "
                     f"for {n_sites} sites")
        self.n_ran = n_elements - fixed


def write_sites(path, plan, rng):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("site_id,operator,lat,lon,kind,region,population\n")
        chunk = []
        for site_id, op, kind in plan.sites:
            lat, lon, region = place(rng)
            if kind in ("core_dc", "aggregation"):
                population = ""
            elif kind == "macro":
                population = str(rng.randint(500, 60000))
            elif kind == "small":
                population = str(rng.randint(100, 8000))
            else:
                population = str(rng.randint(50, 3000))
            chunk.append(f"{site_id},{csv_field(OPERATORS[op][0])},{lat:.5f},{lon:.5f},{kind},"
                         f"{csv_field(region)},{population}\n")
            if len(chunk) >= 10000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))


def write_elements_and_links(elements_path, links_path, plan, rng):
    """Elements grouped by site; returns nothing. Links written alongside."""
    n_ops = len(OPERATORS)
    counter = [0]
    core_of_op = {op: [] for op in range(n_ops)}    # element ids of core elements
    routers_of_agg = {}                              # site row -> [router element ids]

    def next_id(op):
        counter[0] += 1
        return f"{OPERATORS[op][1]}-E{counter[0]:07d}"

    with open(elements_path, "w", encoding="utf-8", newline="") as eout, \
            open(links_path, "w", encoding="utf-8", newline="") as lout:
        eout.write("element_id,site_id,vendor,domain,function,model,technology,sw_version,"
                   "installed,azimuth,beamwidth,range_m,traffic,replace_cost\n")
        lout.write("from,to\n")
        echunk, lchunk = [], []

        def flush(force=False):
            if force or len(echunk) >= 10000:
                eout.write("".join(echunk))
                echunk.clear()
            if force or len(lchunk) >= 10000:
                lout.write("".join(lchunk))
                lchunk.clear()

        # Core data centres: core functions and management systems.
        for op in range(n_ops):
            prefix = OPERATORS[op][1]
            for row in plan.core_sites[op]:
                site_id = plan.sites[row][0]
                for k in range(plan.core_per_dc):
                    function = CORE_FUNCTIONS[k % len(CORE_FUNCTIONS)]
                    tech = "nr" if function in ("amf", "smf", "upf", "udm") else "lte"
                    vendor = weighted(rng, CORE_VENDORS[prefix])
                    model, versions = CORE_MODELS[vendor]
                    eid = next_id(op)
                    core_of_op[op].append(eid)
                    echunk.append(
                        f"{eid},{site_id},{spelling(rng, vendor)},core,{function},"
                        f"{csv_field(model)},{tech},{rng.choice(versions)},"
                        f"{random_date(rng, 2012, 2023)},,,,,{rng.randint(40, 400) * 10000}\n")
                for k in range(plan.oss_per_dc):
                    vendor = weighted(rng, OSS_VENDORS[prefix])
                    model, versions = OSS_MODELS[vendor]
                    echunk.append(
                        f"{next_id(op)},{site_id},{spelling(rng, vendor)},oss,"
                        f"{OSS_FUNCTIONS[k % 2]},{csv_field(model)},,{rng.choice(versions)},"
                        f"{random_date(rng, 2014, 2023)},,,,,{rng.randint(10, 120) * 10000}\n")
                flush()
        # Aggregation sites: routers, each linked towards a core element of its operator.
        for op in range(n_ops):
            prefix = OPERATORS[op][1]
            for row in plan.agg_sites[op]:
                site_id = plan.sites[row][0]
                ids = []
                for _ in range(plan.routers_per_agg):
                    vendor = weighted(rng, TRANSPORT_VENDORS[prefix])
                    models, versions = TRANSPORT_MODELS[vendor]
                    eid = next_id(op)
                    ids.append(eid)
                    echunk.append(
                        f"{eid},{site_id},{spelling(rng, vendor)},transport,router,"
                        f"{csv_field(rng.choice(models))},fibre,{rng.choice(versions)},"
                        f"{random_date(rng, 2010, 2024)},,,,,{rng.randint(8, 40) * 5000}\n")
                    lchunk.append(f"{eid},{rng.choice(core_of_op[op])}\n")
                routers_of_agg[row] = ids
                flush()
        # Radio sites: the remaining elements, spread evenly (every site gets one or more).
        ran_rows = [row for op in range(n_ops) for row in plan.ran_sites[op]]
        n_ran_sites = len(ran_rows)
        for k in range(n_ran_sites):
            row = ran_rows[k]
            site_id, op, kind = plan.sites[row]
            prefix = OPERATORS[op][1]
            count = (k + 1) * plan.n_ran // n_ran_sites - k * plan.n_ran // n_ran_sites
            # Nearby-ish aggregation site of the same operator (deterministic pick).
            aggs = plan.agg_sites[op]
            agg = aggs[(row * 2654435761) % len(aggs)]
            routers = routers_of_agg[agg]
            vendor = weighted(rng, RAN_VENDORS[prefix])  # one RAN vendor per site, mostly
            installed = random_date(rng, 2011, 2024)
            base_range = {"macro": 1500, "small": 400, "indoor": 80}[kind]
            sectors = max(1, min(3, count))
            for j in range(count):
                if rng.random() < 0.03:
                    vendor = weighted(rng, RAN_VENDORS[prefix])
                tech = "nr" if j % 2 else "lte"
                if kind == "indoor":
                    function = "ru"
                elif tech == "nr":
                    function = "gnb" if rng.random() < 0.7 else rng.choice(("du", "ru", "cu"))
                else:
                    function = "enb" if rng.random() < 0.85 else "antenna"
                model = rng.choice(RAN_MODELS[vendor][tech])
                sw = "" if rng.random() < 0.05 else rng.choice(RAN_SW[vendor])
                date = "" if rng.random() < 0.02 else installed
                if kind == "indoor":
                    azimuth, beam = "", "360"
                else:
                    azimuth = str((j % sectors) * (360 // sectors) + rng.randint(0, 10))
                    beam = "65" if sectors > 1 else "120"
                range_m = str(base_range + rng.randint(-base_range // 4, base_range // 2))
                traffic = f"{rng.uniform(0.5, 60):.1f}"
                cost = str(rng.randint(10, 90) * 1000)
                eid = next_id(op)
                echunk.append(
                    f"{eid},{site_id},{spelling(rng, vendor)},ran,{function},{csv_field(model)},"
                    f"{tech},{csv_field(sw)},{date},{azimuth},{beam},{range_m},{traffic},{cost}\n")
                lchunk.append(f"{eid},{routers[(row + j) % len(routers)]}\n")
            flush()
        flush(force=True)
    assert counter[0] == plan.n_elements, (counter[0], plan.n_elements)


def circle_polygon(rng, lat, lon, radius_m, vertices):
    ring = []
    dlat = radius_m / 111_320.0
    dlon = radius_m / (111_320.0 * math.cos(math.radians(lat)))
    start = rng.uniform(0, 2 * math.pi)
    for i in range(vertices):
        a = start + 2 * math.pi * i / vertices
        r = rng.uniform(0.8, 1.2)
        ring.append([round(lon + dlon * r * math.cos(a), 6), round(lat + dlat * r * math.sin(a), 6)])
    ring.append(ring[0])
    return [ring]


def write_zones(path, n_zones, rng):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for z in range(n_zones):
            category = weighted(rng, ZONE_CATEGORIES)
            lat, lon, region = place(rng)
            name = f"{region} {rng.choice(ZONE_WORDS[category])} {z + 1}"
            if rng.random() < 0.5:
                geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
            else:
                radius = rng.uniform(300, 3000)
                geometry = {"type": "Polygon",
                            "coordinates": circle_polygon(rng, lat, lon, radius, rng.randint(5, 12))}
            feature = {"type": "Feature",
                       "properties": {"zone_id": f"Z{z + 1:05d}", "name": name,
                                      "category": category, "region": region},
                       "geometry": geometry}
            out.write(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
            out.write(",\n" if z + 1 < n_zones else "\n")
        out.write("]}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--elements", type=int, default=1_000_000)
    ap.add_argument("--sites", type=int, default=None, help="default: elements / 5")
    ap.add_argument("--zones", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="bundle directory to write (created)")
    args = ap.parse_args()
    n_sites = args.sites if args.sites is not None else max(9, args.elements // 5)
    if args.elements <= 0 or args.zones < 0:
        sys.exit("make_bundle: --elements must be positive and --zones not negative")

    # Separate streams per file, so changing one file's logic leaves the others alone.
    plan = Plan(args.elements, n_sites, random.Random(f"{args.seed}:plan"))
    os.makedirs(args.out, exist_ok=True)
    write_sites(os.path.join(args.out, "sites.csv"), plan, random.Random(f"{args.seed}:sites"))
    write_elements_and_links(os.path.join(args.out, "elements.csv"),
                             os.path.join(args.out, "links.csv"), plan,
                             random.Random(f"{args.seed}:elements"))
    write_zones(os.path.join(args.out, "zones.geojson"), args.zones,
                random.Random(f"{args.seed}:zones"))
    print(f"make_bundle: {args.elements} elements, {n_sites} sites, {args.zones} zones "
          f"-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
