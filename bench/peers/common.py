"""What every peer comparison shares: running ringfence on the three questions,
reading its answers, comparing answers, and medians.

The three questions (questions.toml):
  1. high-risk elements (Huawei, ZTE) whose site lies within 5 km of a military zone,
     geodesic on WGS84, with the distance to the nearest such zone;
  2. the high-risk share of RAN sites per operator;
  3. each vendor's share of elements per operator and domain.
"""

import json
import os
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = os.path.join(HERE, "questions.toml")
HIGH_RISK = ("Huawei", "ZTE")
RADIUS_M = 5000.0
AT = "2024-01-01"


class Times:
    """Wall-clock and CPU (user + system, every thread) seconds of one piece of work."""

    def __init__(self, wall, cpu):
        self.wall, self.cpu = wall, cpu


def children_cpu():
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def medians(times):
    """(median wall, median CPU) of a list of Times."""
    return median([t.wall for t in times]), median([t.cpu for t in times])


def median(values):
    return statistics.median(values) if values else float("nan")


def read_spellings():
    """vendor_spellings.csv: every spelling make_bundle.py writes -> canonical vendor."""
    import csv

    with open(os.path.join(HERE, "vendor_spellings.csv"), newline="", encoding="utf-8") as f:
        return {row["spelling"]: row["vendor"] for row in csv.DictReader(f)}


def run_ringfence(binary, source):
    """Answers the three questions with ringfence (source: a bundle or a .rfpack).
    Returns (answers, Times for check + exposure): whole processes, loading included.

    The answers are read from ringfence's standard output, as a peer's reach the
    client: PostGIS's rows through its socket, GeoPandas' frames in memory. Written
    with --out instead, each output is also flushed to disk (fsync), which waits for
    whatever else the disk has to write: right after PostgreSQL's load and queries,
    up to 0.8 s (bench/RESULTS.md)."""
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    r = subprocess.run([binary, "check", source, "--policy", QUESTIONS, "--at", AT,
                        "--format", "json"], capture_output=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"ringfence check failed ({r.returncode}): {r.stderr.decode()}")
    check_text = r.stdout
    r = subprocess.run([binary, "exposure", source, "--by", "operator,domain", "--measure",
                        "elements", "--format", "json"], capture_output=True)
    t2 = time.perf_counter()
    cpu = children_cpu() - cpu0
    if r.returncode != 0:
        raise SystemExit(f"ringfence exposure failed ({r.returncode}): {r.stderr.decode()}")
    check = json.loads(check_text)
    exposure = json.loads(r.stdout)
    zone, share = {}, {}
    for finding in check["findings"]:
        if finding["rule_id"] == "peer/zone":
            zone[finding["element_id"]] = finding["distance_m"]
        elif finding["rule_id"] == "peer/share":
            share[finding["group"]["operator"]] = finding["measured"]
    vendor_share = {}
    for group in exposure["groups"]:
        key = group["group"]
        for v in group["vendors"]:
            vendor_share[(key["operator"], key["domain"], v["vendor"])] = v["share"]
    return (zone, share, vendor_share), Times(t2 - t0, cpu)


def compare(name, ours, theirs, distances_exact=True):
    """Compares a peer's answers with ringfence's; returns a list of lines and whether
    everything is equal. Shares must agree to 1e-12; distances within 0.1 % or 2 m."""
    lines, ok = [], True
    zone_a, share_a, vendor_a = ours
    zone_b, share_b, vendor_b = theirs
    only_a = sorted(set(zone_a) - set(zone_b))
    only_b = sorted(set(zone_b) - set(zone_a))
    if only_a or only_b:
        ok = False
        lines.append(f"  (1) zone: element sets differ: {len(only_a)} only in ringfence "
                     f"{only_a[:5]}, {len(only_b)} only in {name} {only_b[:5]}")
    else:
        lines.append(f"  (1) zone: identical element sets ({len(zone_a)} elements)")
    common = set(zone_a) & set(zone_b)
    if common and distances_exact:
        worst = max(common, key=lambda e: abs(zone_a[e] - zone_b[e]))
        diff = abs(zone_a[worst] - zone_b[worst])
        within = all(abs(zone_a[e] - zone_b[e]) <= max(2.0, 0.001 * zone_b[e]) for e in common)
        ok = ok and within
        lines.append(f"      distances: largest difference {diff:.3f} m ({worst}: ringfence "
                     f"{zone_a[worst]:.3f}, {name} {zone_b[worst]:.3f}); "
                     f"{'all' if within else 'NOT all'} within 0.1 % or 2 m")
    for label, a, b in (("(2) share per operator", share_a, share_b),
                        ("(3) vendor share per operator and domain", vendor_a, vendor_b)):
        keys_equal = set(a) == set(b)
        worst = max((abs(a[k] - b[k]) for k in set(a) & set(b)), default=0.0)
        equal = keys_equal and worst <= 1e-12
        ok = ok and equal
        lines.append(f"  {label}: {'equal' if equal else 'DIFFERENT'} ({len(a)} groups; "
                     f"largest difference {worst:.2e}"
                     f"{'' if keys_equal else '; group sets differ'})")
    return lines, ok


