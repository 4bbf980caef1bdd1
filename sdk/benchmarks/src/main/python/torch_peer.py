#!/usr/bin/python3
"""PyTorch peers of gradsense's benchmarks (Debian's python3-torch 1.13, float32, --threads threads).

Workloads (one JSON line each, see peer_common.py; the gradsense benchmark in brackets):
  torch/linear-ae-step/<net>     SGD step, batch 16,384 of 100,352 samples, width 1024, output noise 0.1,
                                 in the collapsed form X (W2 W1)^T (tied: W^T W; untied-3: W3 W2 W1), autograd
                                 [LinearAutoencoderBenchmark.miniBatchStep]
  torch/expected-gradient/<net>  expected-gradient step in covariance form, L = tr((I - M) C (I - M)^T) / d
                                 [LinearAutoencoderBenchmark.expectedGradientStep]
  torch/cnn-step, cnn-batch      conv16 5x5-relu-maxpool2-conv32 5x5-relu-maxpool2-dense128-relu-dense64, SGD lr 0.01
                                 momentum 0.9 wd 5e-4, batch 128 of 32x32 RGB crops drawn from 16 images each step;
                                 cnn-batch draws the crops alone [SgdStepBenchmark.step / batchOnly, network=cnn]
  torch/mlp-step, mlp-batch      4096-1024-256-60 ReLU MLP, SGD lr 0.5, batch 256 of 64x64 gratings in a soft disk
                                 rendered in torch each step [SgdStepBenchmark.step / batchOnly, network=mlp]
  functorch/cnn-curve            orientation curve of 1800 32x32 Gabors (180 orientations x 10 phases) through
                                 conv32 5x5-relu-pool-conv64 5x5-relu-pool-dense256-relu-dense10 at its 6 probe points
                                 with functorch.jvp, batch 180 [OrientationCurveBenchmark.exact, network=cnn]
  torch/cnn-forward              the same images, plain forward pass to the same points [... .forward]

Usage: /usr/bin/python3 torch_peer.py [--threads 2] [--repeats 5] [--warmup 1] [--only torch/cnn-,torch/mlp-]
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch loads libgomp

import math  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from functorch import jvp  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_common import arguments, emit, selected, timed, wanted  # noqa: E402

args = arguments(__doc__).parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(1)
PEER = f"torch {torch.__version__}"
B, D, N = 16_384, 1024, 100_352


def run(wid, label, fn, **params):
    emit(wid, label, timed(fn, args.repeats, args.warmup), **params)


def factors(net):
    n = 1 if net == "tied" else (2 if net == "untied-2" else 3)
    return [(torch.rand(D, D) - 0.5).mul_(0.01).requires_grad_() for _ in range(n)]


def collapsed(ws, tied):
    if tied:
        return ws[0].T @ ws[0]
    m = ws[0]
    for w in ws[1:]:
        m = w @ m
    return m


def sgd(ws, lr):
    with torch.no_grad():
        for w in ws:
            w -= lr * w.grad
            w.grad = None


def linear_ae(net):
    data = torch.randn(N, D)
    ws = factors(net)
    state = {"perm": torch.randperm(N), "at": 0}

    def step():
        if state["at"] + B > N:
            state["perm"], state["at"] = torch.randperm(N), 0
        xb = data[state["perm"][state["at"]:state["at"] + B]]
        state["at"] += B
        out = xb @ collapsed(ws, net == "tied").T + 0.1 * torch.randn(B, D)
        ((out - xb) ** 2).mean().backward()
        sgd(ws, 1.0)

    run(f"torch/linear-ae-step/{net}", PEER + " collapsed", step, batch=B, width=D, samples=N)


def expected_gradient(net):
    a = torch.randn(D, D) / math.sqrt(D)
    cov = a @ a.T
    eye = torch.eye(D)
    ws = factors(net)

    def step():
        r = eye - collapsed(ws, net == "tied")
        (torch.trace(r @ cov @ r.T) / D).backward()
        sgd(ws, 1.0)

    run(f"torch/expected-gradient/{net}", PEER + " covariance form", step, width=D)


def classified(name, net, opt, draw, drawn, batch):
    """Times torch/NAME-step (draw a batch, cross-entropy SGD step) and torch/NAME-batch (the drawing alone)."""
    def step():
        x, y = draw()
        opt.zero_grad()
        F.cross_entropy(net(x), y).backward()
        opt.step()

    if wanted(f"torch/{name}-step", args.only):
        run(f"torch/{name}-step", PEER, step, batch=batch)
    if wanted(f"torch/{name}-batch", args.only):
        run(f"torch/{name}-batch", f"{PEER} ({drawn})", draw, batch=batch)


def cnn_step():
    images = torch.rand(16, 3, 256, 256)
    regions, crop, batch = 2, 32, 128
    half = 256 // regions
    net = nn.Sequential(nn.Conv2d(3, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(800, 128), nn.ReLU(), nn.Linear(128, 16 * regions * regions))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    g = torch.Generator().manual_seed(3)

    def draw():
        img = torch.randint(16, (batch,), generator=g)
        reg = torch.randint(regions * regions, (batch,), generator=g)
        off = torch.randint(half - crop + 1, (batch, 2), generator=g)
        rows = (reg // regions) * half + off[:, 0]
        cols = (reg % regions) * half + off[:, 1]
        x = torch.stack([images[i, :, r:r + crop, c:c + crop] for i, r, c in zip(img.tolist(), rows.tolist(), cols.tolist())])
        return x, img * regions * regions + reg

    classified("cnn", net, opt, draw, "crops", batch)


def mlp_step():
    size, batch, bins = 64, 256, 60
    net = nn.Sequential(nn.Linear(4096, 1024), nn.ReLU(), nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, bins))
    opt = torch.optim.SGD(net.parameters(), lr=0.5)
    c = (torch.arange(size, dtype=torch.float32) - (size - 1) / 2) / size
    x, y = c[None, None, :], -c[None, :, None]
    disk = torch.sigmoid((0.45 - torch.sqrt(x * x + y * y)) / 0.02)
    g = torch.Generator().manual_seed(4)

    def draw():
        theta = torch.rand(batch, generator=g) * math.pi
        phase = torch.rand(batch, generator=g) * 2 * math.pi
        th, ph = theta[:, None, None], phase[:, None, None]
        img = 0.5 + 0.5 * disk * torch.cos(2 * math.pi * 8 * (x * torch.cos(th) + y * torch.sin(th)) + ph)
        return img.reshape(batch, size * size), (theta / math.pi * bins).long().clamp_(max=bins - 1)

    classified("mlp", net, opt, draw, "gratings", batch)


def cnn_curve():
    from functorch_peer import gabor_batch  # the same Gabor family and analytic tangent, here at 32x32

    layers = [nn.Conv2d(3, 32, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
              nn.Flatten(), nn.Linear(1600, 256), nn.ReLU(), nn.Linear(256, 10)]
    probe_after = {1, 2, 4, 5, 8, 9}  # relu1, maxpool1, relu2, maxpool2, relu3, dense2
    for p in (q for m in layers for q in m.parameters()):
        p.requires_grad_(False)

    def points(x_nhwc):
        h, outs = x_nhwc.permute(0, 3, 1, 2), []
        for i, m in enumerate(layers):
            h = m(h)
            if i in probe_after:
                outs.append(h)
        return tuple(outs)

    n_theta, n_phase, batch = 180, 10, 180
    thetas = np.repeat(np.arange(n_theta) * np.pi / n_theta, n_phase)
    phases = np.tile(np.arange(n_phase) * 2 * np.pi / n_phase, n_theta)

    def curve(exact):
        sums = np.zeros((6, len(thetas)))
        with torch.no_grad():
            for b in range(0, len(thetas), batch):
                x, t = gabor_batch(thetas[b:b + batch], phases[b:b + batch], g=32)
                outs = jvp(points, (x,), (t,))[1] if exact else points(x)
                for k, o in enumerate(outs):
                    sums[k, b:b + len(x)] = (o.double() ** 2).flatten(1).sum(1).numpy()
        return sums.reshape(6, n_theta, n_phase).mean(2)

    params = dict(network="cnn", images=n_theta * n_phase, points=6)
    if wanted("functorch/cnn-curve", args.only):
        run("functorch/cnn-curve", PEER + " functorch.jvp", lambda: curve(True), **params)
    if wanted("torch/cnn-forward", args.only):
        run("torch/cnn-forward", PEER + " forward", lambda: curve(False), **params)


print(f"{PEER}, threads {torch.get_num_threads()}", file=sys.stderr, flush=True)
for n in ("tied", "untied-2", "untied-3"):
    if wanted(f"torch/linear-ae-step/{n}", args.only):
        linear_ae(n)
for n in ("tied", "untied-2", "untied-3"):
    if wanted(f"torch/expected-gradient/{n}", args.only):
        expected_gradient(n)
if selected("torch/cnn-step", args.only) or selected("torch/cnn-batch", args.only):
    cnn_step()
if selected("torch/mlp-step", args.only) or selected("torch/mlp-batch", args.only):
    mlp_step()
if selected("functorch/cnn-curve", args.only) or selected("torch/cnn-forward", args.only):
    cnn_curve()
