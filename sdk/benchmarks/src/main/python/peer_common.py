"""Shared timing and output for the peer benchmarks (numpy_peer.py, torch_peer.py, functorch_peer.py).

Every peer prints progress lines and, per workload, one JSON line that BenchmarkTable reads:
{"id": "numpy/gemm", "peer": "numpy 1.24.2", "median_ms": .., "min_ms": .., "max_ms": .., "repeats": n,
 "params": {..}}. Spread is min/max over the timed repeats (after untimed warm-up calls).
"""

import argparse
import json
import statistics
import sys
import time


def timed(fn, repeats, warmup):
    """Calls fn warmup times untimed, then repeats times; returns the times in ms."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return times


def emit(wid, peer, times, **params):
    """Prints one workload's JSON line."""
    print(json.dumps(dict(id=wid, peer=peer, median_ms=statistics.median(times), min_ms=min(times),
                          max_ms=max(times), repeats=len(times), params=params)), flush=True)


def selected(wid, only):
    """Whether workload wid starts with one of the comma-separated prefixes in --only (None: all)."""
    return only is None or any(wid.startswith(p) for p in only.split(","))


def wanted(wid, only):
    """selected(), announced on stderr."""
    ok = selected(wid, only)
    if ok:
        print(f"# {wid}", file=sys.stderr, flush=True)
    return ok


def arguments(doc):
    """The options every peer takes: --threads, --repeats, --warmup, --only."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--only", help="run only workloads whose id starts with one of these comma-separated prefixes")
    return ap
