#!/usr/bin/env python3
"""Writes a later inventory of a bundle, for benchmarking `ringfence diff`.

Usage: make_later_inventory.py OLD_DIR NEW_DIR

From OLD_DIR's rows (standard library only, deterministic): every 100th element
changes vendor (Ericsson <-> Nokia), every 150th gets a new software version, every
500th RAN element is removed with its links, every 700th moves to the site of the
row before it, and 1,000 elements are added (copies of the last row under new ids).
Other files are copied unchanged.
"""
import csv
import os
import shutil
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old, new = sys.argv[1], sys.argv[2]
    os.makedirs(new, exist_ok=True)
    for name in os.listdir(old):
        if name not in ("elements.csv", "links.csv"):
            shutil.copy(os.path.join(old, name), os.path.join(new, name))
    removed = set()
    with open(os.path.join(old, "elements.csv"), newline="", encoding="utf-8") as fin, \
            open(os.path.join(new, "elements.csv"), "w", newline="", encoding="utf-8") as fout:
        rows = csv.reader(fin)
        out = csv.writer(fout, lineterminator="\n")
        header = next(rows)
        out.writerow(header)
        col = {name: i for i, name in enumerate(header)}
        prev_site, last = None, None
        for n, row in enumerate(rows, start=1):
            if row[col["domain"]] == "ran" and n % 500 == 0:
                removed.add(row[col["element_id"]])
                continue
            if n % 100 == 0:
                row[col["vendor"]] = "Nokia" if row[col["vendor"]] == "Ericsson" else "Ericsson"
            if n % 150 == 0:
                row[col["sw_version"]] += "-p1"
            if n % 700 == 0 and prev_site is not None:
                row[col["site_id"]] = prev_site
            prev_site, last = row[col["site_id"]], row
            out.writerow(row)
        for k in range(1, 1001):
            added = list(last)
            added[col["element_id"]] = "BENCH-NEW-%d" % k
            out.writerow(added)
    with open(os.path.join(old, "links.csv"), newline="", encoding="utf-8") as fin, \
            open(os.path.join(new, "links.csv"), "w", newline="", encoding="utf-8") as fout:
        rows = csv.reader(fin)
        out = csv.writer(fout, lineterminator="\n")
        out.writerow(next(rows))
        for row in rows:
            if row[0] not in removed and row[1] not in removed:
                out.writerow(row)


if __name__ == "__main__":
    main()
