#!/usr/bin/env python3
"""Writes a synthetic OpenCelliD-format cell export for benchmarking `import cells`.

usage: make_cells.py ROWS OUT.csv [--seed S]

Rows look like OpenCelliD's per-country dump for South Korea (MCC 450, no header):
three networks (SK Telecom 5, KT 8, LG U+ 6), LTE/NR/UMTS/GSM, positions scattered
around the GeoNames places of data/places/KR.csv in proportion to population, several
cells of a site a few metres apart, created 2011-2024. Deterministic for a seed.
"""
import csv
import itertools
import os
import random
import sys


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "data", "places", "KR.csv"), encoding="utf-8") as f:
        places = [(float(r["lat"]), float(r["lon"]), max(float(r["population"] or 0), 1000.0))
                  for r in csv.DictReader(f)]
    cum = list(itertools.accumulate(p[2] for p in places))
    nets = [5, 8, 6]
    radios = ["LTE"] * 6 + ["NR"] * 2 + ["UMTS", "GSM"]
    written = 0
    cell_id = 1
    with open(out, "w", encoding="ascii", newline="\n") as f:
        while written < rows:
            lat0, lon0, _ = rng.choices(places, cum_weights=cum)[0]
            lat = lat0 + rng.gauss(0, 0.05)
            lon = lon0 + rng.gauss(0, 0.06)
            net = rng.choice(nets)
            radio = rng.choice(radios)
            area = rng.randrange(1, 65535)
            created = rng.randrange(1300000000, 1720000000)
            lines = []
            for _ in range(min(rng.randrange(1, 7), rows - written)):
                la = lat + rng.uniform(-0.0001, 0.0001)
                lo = lon + rng.uniform(-0.0001, 0.0001)
                lines.append(f"{radio},450,{net},{area},{cell_id},0,{lo:.6f},{la:.6f},"
                             f"{rng.randrange(100, 20000)},{rng.randrange(1, 500)},1,"
                             f"{created},{created + rng.randrange(0, 300000000)},0\n")
                cell_id += 1
            f.writelines(lines)
            written += len(lines)


if __name__ == "__main__":
    main()
