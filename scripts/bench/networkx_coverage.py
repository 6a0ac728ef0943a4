"""Walking coverage the way a GIS analyst would compute it with networkx: an independent check.

Every polyline vertex becomes a graph node, edges weigh their great-circle length, each facility
and cell is snapped to the nearest point of the nearest street segment (within the maximum snap
distance), inserted into the graph by splitting that segment, and joined to it by a connector
edge. One multi-source Dijkstra from all facilities gives each cell its minutes.

Usage: /usr/bin/python3 networkx_coverage.py INPUT.json  (prints a JSON result on stdout)
Input:  {"lines": [[lon, lat, lon, lat, ...], ...], "facilities": [[lon, lat], ...],
         "cells": [[lon, lat], ...], "max_snap_m": 300, "metres_per_minute": 75}
Output: {"minutes": [float | null, ...], "nodes": n, "edges": m, "timings_s": {...}}
"""
import json
import math
import sys
import time

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

RADIUS = 6371008.8
DEG = math.pi / 180
M_PER_DEG_LAT = RADIUS * DEG


def haversine(lon1, lat1, lon2, lat2):
    h = math.sin((lat2 - lat1) * DEG / 2) ** 2 + math.cos(lat1 * DEG) * math.cos(lat2 * DEG) * math.sin((lon2 - lon1) * DEG / 2) ** 2
    return 2 * RADIUS * math.asin(min(1.0, math.sqrt(h)))


def build_graph(lines):
    graph = nx.Graph()
    seg_a, seg_b = [], []
    for flat in lines:
        points = list(zip(flat[0::2], flat[1::2]))
        for p, q in zip(points, points[1:]):
            if p == q:
                continue
            graph.add_edge(p, q, length=haversine(p[0], p[1], q[0], q[1]))
            seg_a.append(p)
            seg_b.append(q)
    return graph, np.array(seg_a, dtype=float), np.array(seg_b, dtype=float)


def snap_points(points, seg_a, seg_b, max_snap):
    """Nearest point on any segment, measured in a flat frame centred on each point."""
    ref_lat = float(np.mean(seg_a[:, 1]))
    kx_ref = M_PER_DEG_LAT * math.cos(ref_lat * DEG)
    mid = np.column_stack(((seg_a[:, 0] + seg_b[:, 0]) / 2 * kx_ref, (seg_a[:, 1] + seg_b[:, 1]) / 2 * M_PER_DEG_LAT))
    half = np.hypot((seg_b[:, 0] - seg_a[:, 0]) * kx_ref, (seg_b[:, 1] - seg_a[:, 1]) * M_PER_DEG_LAT) / 2
    tree = cKDTree(mid)
    reach = max_snap + float(half.max()) * 1.01 + 1.0
    snaps = []
    for lon, lat in points:
        candidates = tree.query_ball_point([lon * kx_ref, lat * M_PER_DEG_LAT], reach)
        if not candidates:
            snaps.append(None)
            continue
        idx = np.array(sorted(candidates))
        kx = M_PER_DEG_LAT * math.cos(lat * DEG)
        ax = (seg_a[idx, 0] - lon) * kx
        ay = (seg_a[idx, 1] - lat) * M_PER_DEG_LAT
        vx = (seg_b[idx, 0] - lon) * kx - ax
        vy = (seg_b[idx, 1] - lat) * M_PER_DEG_LAT - ay
        length2 = vx * vx + vy * vy
        t = np.where(length2 > 0, -(ax * vx + ay * vy) / np.where(length2 > 0, length2, 1), 0.0).clip(0, 1)
        dist = np.hypot(ax + t * vx, ay + t * vy)
        best = int(np.argmin(dist))
        snaps.append((int(idx[best]), float(t[best]), float(dist[best])) if dist[best] <= max_snap else None)
    return snaps


def insert_points(graph, seg_a, seg_b, snaps, tag):
    """Adds each snapped point as a node joined by its connector; returns the per-segment insertions."""
    inserted = {}
    for k, snap in enumerate(snaps):
        if snap is None:
            continue
        segment, t, dist = snap
        graph.add_edge((tag, k), ("snap", tag, k), length=dist)
        inserted.setdefault(segment, []).append((t, ("snap", tag, k)))
    return inserted


def split_segments(graph, seg_a, seg_b, inserted):
    for segment, points in inserted.items():
        p, q = tuple(seg_a[segment]), tuple(seg_b[segment])
        length = haversine(p[0], p[1], q[0], q[1])
        if graph.has_edge(p, q):
            graph.remove_edge(p, q)
        previous, previous_t = p, 0.0
        for t, node in sorted(points):
            graph.add_edge(previous, node, length=(t - previous_t) * length)
            previous, previous_t = node, t
        graph.add_edge(previous, q, length=(1 - previous_t) * length)


def main():
    started = time.perf_counter()
    with open(sys.argv[1]) as handle:
        data = json.load(handle)
    timings = {"read": time.perf_counter() - started}

    mark = time.perf_counter()
    graph, seg_a, seg_b = build_graph(data["lines"])
    timings["graph_build"] = time.perf_counter() - mark
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()

    mark = time.perf_counter()
    facility_snaps = snap_points(data["facilities"], seg_a, seg_b, data["max_snap_m"])
    cell_snaps = snap_points(data["cells"], seg_a, seg_b, data["max_snap_m"])
    inserted = insert_points(graph, seg_a, seg_b, facility_snaps, "facility")
    for segment, points in insert_points(graph, seg_a, seg_b, cell_snaps, "cell").items():
        inserted.setdefault(segment, []).extend(points)
    split_segments(graph, seg_a, seg_b, inserted)
    timings["snapping"] = time.perf_counter() - mark

    mark = time.perf_counter()
    sources = [("facility", k) for k, snap in enumerate(facility_snaps) if snap is not None]
    distance = nx.multi_source_dijkstra_path_length(graph, sources, weight="length") if sources else {}
    timings["dijkstra"] = time.perf_counter() - mark

    per_minute = data["metres_per_minute"]
    minutes = [distance[("cell", k)] / per_minute if ("cell", k) in distance else None for k in range(len(data["cells"]))]
    timings["total_without_read"] = time.perf_counter() - started - timings["read"]
    json.dump({"minutes": minutes, "nodes": nodes, "edges": edges, "timings_s": timings, "networkx": nx.__version__}, sys.stdout)


if __name__ == "__main__":
    main()
