#!/usr/bin/python3
"""Peer benchmark: the orientation-sensitivity curve with PyTorch functorch.jvp.

Renders the paper's Gabor family (224x224, sigma 0.15, 4 cycles/image, grey
replicated to RGB, x = (col-(G-1)/2)/G, y = ((G-1)/2-row)/G), orientations
theta_k = k*pi/K (k < K), phases phi_j = 2*pi*j/P (j < P), with the exact
analytic tangent d image / d theta, and pushes it through torchvision resnet18
(weights=None, torch.manual_seed(1), eval, ImageNet normalisation outside the
model) with functorch.jvp: one jvp per batch gives the tangent at every probe
point (conv1, layer1.0 ... layer4.1, layer1..layer4, avgpool, fc) at once, and
D_p(theta) = 1/P sum_phases sum_units ydot^2 is accumulated in float64.

Reports wall time per full curve (median of --repeats after --warmup untimed
curves), images/s, peak RSS and an estimated GFLOP/s, then one JSON line (with
the id/median_ms/min_ms/max_ms/params fields of peer_common.py, which the
benchmark table reads).

Usage: /usr/bin/python3 functorch_peer.py [--orientations 180] [--phases 10]
       [--batch 30] [--threads 2] [--repeats 3] [--warmup 1] [--save-curve F.npz]
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch loads libgomp

import argparse
import json
import math
import platform
import resource
import statistics
import time

import numpy as np
import torch
import torchvision
from functorch import jvp

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
SIZE = 224
SIGMA = 0.15
FREQ = 4.0
# FLOP model (an assumption, not a measurement): resnet18 forward at 224x224 is
# ~1.82 GMAC = 3.64 GFLOP per image; a jvp (primal + tangent) costs ~3x a forward.
FWD_GFLOP = 3.64
JVP_FACTOR = 3.0

POINTS = (["conv1"]
          + [f"layer{k}.{j}" for k in range(1, 5) for j in range(2)]
          + [f"layer{k}" for k in range(1, 5)]
          + ["avgpool", "fc"])


def gabor_batch(thetas, phases, g=SIZE, sigma=SIGMA, freq=FREQ):
    """Images and d/dtheta tangents, NHWC float32, computed in float64."""
    col = np.arange(g, dtype=np.float64)
    x = ((col - (g - 1) / 2) / g)[None, None, :]
    y = (((g - 1) / 2 - col) / g)[None, :, None]
    th = np.asarray(thetas, np.float64)[:, None, None]
    ph = np.asarray(phases, np.float64)[:, None, None]
    env = np.exp(-(x * x + y * y) / (2 * sigma * sigma))
    arg = 2 * np.pi * freq * (x * np.cos(th) + y * np.sin(th)) + ph
    s = 0.5 + 0.5 * env * np.cos(arg)
    ds = -0.5 * env * np.sin(arg) * (2 * np.pi * freq) * (-x * np.sin(th) + y * np.cos(th))
    rgb = lambda a: torch.from_numpy(np.repeat(a.astype(np.float32)[..., None], 3, axis=3))
    return rgb(s), rgb(ds)


class Probed:
    def __init__(self, model, names):
        self.model, self.names, self.outs = model, list(names), {}
        mods = dict(model.named_modules())
        for n in self.names:
            mods[n].register_forward_hook(self._hook(n))
        self.mean = torch.tensor(MEAN)
        self.std = torch.tensor(STD)

    def _hook(self, name):
        def hook(module, inp, out):
            self.outs[name] = out.clone()  # later in-place ReLU / += would overwrite it
        return hook

    def __call__(self, x_nhwc):
        self.outs = {}
        self.model(((x_nhwc - self.mean) / self.std).permute(0, 3, 1, 2))
        outs = tuple(self.outs[n] for n in self.names)
        self.outs = {}
        return outs


def curve(probe, n_theta, n_phase, batch):
    """One full orientation curve; returns ({point: [n_theta] float64}, render seconds)."""
    thetas = np.repeat(np.arange(n_theta) * np.pi / n_theta, n_phase)        # theta-major
    phases = np.tile(np.arange(n_phase) * 2 * np.pi / n_phase, n_theta)
    sumsq = {n: np.zeros(len(thetas)) for n in probe.names}
    render = 0.0
    with torch.no_grad():
        for b in range(0, len(thetas), batch):
            t0 = time.perf_counter()
            x, t = gabor_batch(thetas[b:b + batch], phases[b:b + batch])
            render += time.perf_counter() - t0
            _, tangents = jvp(probe, (x,), (t,))
            for n, td in zip(probe.names, tangents):
                sumsq[n][b:b + len(x)] = (td.double() ** 2).flatten(1).sum(1).numpy()
    return {n: v.reshape(n_theta, n_phase).mean(1) for n, v in sumsq.items()}, render


def main():
    ap = argparse.ArgumentParser(description="functorch.jvp peer benchmark (resnet18 orientation curve)")
    ap.add_argument("--orientations", type=int, default=180)
    ap.add_argument("--phases", type=int, default=10)
    ap.add_argument("--batch", type=int, default=30)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="untimed full curves before timing")
    ap.add_argument("--save-curve", help="write the last curve to this .npz (one [orientations] key per point)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = torchvision.models.resnet18(weights=None).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    probe = Probed(model, POINTS)
    n_img = args.orientations * args.phases
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, threads {torch.get_num_threads()}, "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}", flush=True)
    print(f"curve: {args.orientations} orientations x {args.phases} phases = {n_img} images of {SIZE}x{SIZE}, "
          f"batch {args.batch}, {len(POINTS)} probe points, warm-up {args.warmup}, repeats {args.repeats}", flush=True)
    print(f"FLOP assumption: resnet18 forward {FWD_GFLOP} GFLOP/image (1.82 GMAC), jvp = {JVP_FACTOR:g}x forward "
          f"= {FWD_GFLOP * JVP_FACTOR:.2f} GFLOP/image", flush=True)

    for i in range(args.warmup):
        t0 = time.perf_counter()
        curve(probe, args.orientations, args.phases, args.batch)
        print(f"warm-up {i + 1}: {time.perf_counter() - t0:.2f}s", flush=True)
    times, renders = [], []
    for i in range(args.repeats):
        t0 = time.perf_counter()
        result, render = curve(probe, args.orientations, args.phases, args.batch)
        times.append(time.perf_counter() - t0)
        renders.append(render)
        print(f"repeat {i + 1}: {times[-1]:.2f}s ({n_img / times[-1]:.2f} images/s, "
              f"of which Gabor rendering {render:.2f}s)", flush=True)
    med = statistics.median(times)
    ips = n_img / med
    gflops = ips * FWD_GFLOP * JVP_FACTOR
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB
    k_peak = int(np.argmax(result["fc"]))
    print(f"median curve time {med:.2f}s, {ips:.2f} images/s, est. {gflops:.1f} GFLOP/s "
          f"(assumed {FWD_GFLOP * JVP_FACTOR:.2f} GFLOP/image), peak RSS {rss_mb:.0f} MiB; "
          f"D_fc peak at theta = {k_peak * 180 / args.orientations:.1f} deg", flush=True)
    if args.save_curve:
        thetas = np.arange(args.orientations) * np.pi / args.orientations
        np.savez(args.save_curve, thetas=thetas, **result)
    print(json.dumps(dict(
        id="functorch/resnet18-curve", peer=f"torch {torch.__version__} functorch.jvp",
        median_ms=med * 1000, min_ms=min(times) * 1000, max_ms=max(times) * 1000,
        params=dict(orientations=args.orientations, phases=args.phases),
        benchmark="functorch_peer", framework="pytorch-functorch.jvp", torch=torch.__version__,
        torchvision=torchvision.__version__, python=platform.python_version(), model="resnet18 (weights=None, seed 1)",
        image_size=SIZE, orientations=args.orientations, phases=args.phases, images_per_curve=n_img,
        batch=args.batch, threads=torch.get_num_threads(), points=POINTS, warmup=args.warmup, repeats=args.repeats,
        curve_seconds=times, curve_seconds_median=med, render_seconds=renders, images_per_second=ips,
        peak_rss_mib=round(rss_mb, 1), gflop_per_image_assumed=FWD_GFLOP * JVP_FACTOR,
        flop_assumption="forward 3.64 GFLOP/image (1.82 GMAC), jvp = 3x forward",
        est_gflop_per_second=gflops)), flush=True)


if __name__ == "__main__":
    main()
