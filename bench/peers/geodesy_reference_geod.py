#!/usr/bin/env python3
"""Ellipsoidal reference distances for tests/unit/geodesy_reference_test.cpp, by brute
force with PROJ's Geod (GeographicLib's algorithms, Debian's python3-pyproj): each
polygon edge is followed as a WGS84 geodesic, sampled every few metres, then around
the nearest sample every few millimetres. PostGIS geography, by contrast, draws
polygon edges as great circles on a sphere (geodesy_reference.sql), which moves an
88 km east-west edge by about half a metre."""

from pyproj import Geod

GEOD = Geod(ellps="WGS84")
LONG_EDGES = [(126, 37.5), (127, 37.5), (127, 37.8), (126, 37.8), (126, 37.5)]


def nearest_on_ring(lon, lat, ring):
    best = float("inf")
    for (a_lon, a_lat), (b_lon, b_lat) in zip(ring, ring[1:]):
        pts = [(a_lon, a_lat)] + GEOD.npts(a_lon, a_lat, b_lon, b_lat, 100000) + [(b_lon, b_lat)]
        _, _, ds = GEOD.inv([lon] * len(pts), [lat] * len(pts), [p[0] for p in pts],
                            [p[1] for p in pts])
        i = min(range(len(ds)), key=ds.__getitem__)
        lo, hi = pts[max(0, i - 2)], pts[min(len(pts) - 1, i + 2)]
        sub = [lo] + GEOD.npts(lo[0], lo[1], hi[0], hi[1], 20000) + [hi]
        _, _, ds = GEOD.inv([lon] * len(sub), [lat] * len(sub), [p[0] for p in sub],
                            [p[1] for p in sub])
        best = min(best, min(ds))
    return best


print("point %.4f" % GEOD.inv(126.9780, 37.5665, 127.0286, 37.2636)[2])
for lon, lat in [(125.9, 37.81), (127.034, 37.65), (126.5, 37.499), (126.5, 37.50045)]:
    print("long-edges %s %s %.4f" % (lon, lat, nearest_on_ring(lon, lat, LONG_EDGES)))
