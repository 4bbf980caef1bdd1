#!/usr/bin/python3
"""numpy peers of gradsense's benchmarks: the float32 GEMM and the linear autoencoder's mini-batch
step computed layer by layer (the fewest flops a framework without gradsense's moment form does).

Workloads (one JSON line each, see peer_common.py):
  numpy/gemm                    X^T X, X 16384 x 1024 float32, reduced to a scalar (MatMulBenchmark)
  numpy/linear-ae-step/<net>    one SGD step, batch 16,384 gathered from 100,352 samples of width 1024,
                                output noise 0.1 per pixel, lr 1, net tied | untied-2 | untied-3
                                (LinearAutoencoderBenchmark.miniBatchStep): forward and backward as
                                5 (depth 2) or 8 (depth 3) GEMMs of 2 B d^2 flops

Threads: OPENBLAS_NUM_THREADS / OMP_NUM_THREADS (set by --threads before numpy loads).
Usage: /usr/bin/python3 numpy_peer.py [--threads 2] [--repeats 5] [--warmup 1] [--only numpy/gemm]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_common import arguments, emit, timed, wanted  # noqa: E402

args = arguments(__doc__).parse_args()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402 (after the thread settings)

PEER = f"numpy {np.__version__}"
B, D, N = 16_384, 1024, 100_352


def gemm():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((B, D), dtype=np.float32)
    times = timed(lambda: float((x.T @ x).sum()), args.repeats, args.warmup)
    emit("numpy/gemm", PEER, times, m=B, k=D, n=D)


class LinearAe:
    """W (tied) or W1..Wn (untied), SGD on L = 1/(B d) sum ||X W^T.. + noise - X||^2, layer by layer."""

    def __init__(self, net, rng):
        self.tied = net == "tied"
        depth = 2 if net in ("tied", "untied-2") else 3
        self.w = [rng.uniform(-0.005, 0.005, (D, D)).astype(np.float32) for _ in range(1 if self.tied else depth)]
        self.rng = rng
        self.lr = np.float32(1.0)

    def step(self, xb):
        scale = np.float32(2.0 / (xb.shape[0] * D))
        noise = self.rng.standard_normal(xb.shape, dtype=np.float32)
        noise *= np.float32(0.1)
        if self.tied:
            w = self.w[0]
            h = xb @ w.T
            r = h @ w + noise - xb
            dh = r @ w.T
            g = (h.T @ r + dh.T @ xb) * scale
            w -= self.lr * g
            return
        hs = [xb]
        for w in self.w:
            hs.append(hs[-1] @ w.T)
        r = hs[-1] + noise - xb
        grads = []
        for i in range(len(self.w) - 1, -1, -1):
            grads.append(r.T @ hs[i] * scale)
            if i > 0:
                r = r @ self.w[i]
        for w, g in zip(self.w, reversed(grads)):
            w -= self.lr * g


def linear_ae(net):
    rng = np.random.default_rng(2)
    data = rng.standard_normal((N, D), dtype=np.float32)
    ae = LinearAe(net, rng)
    state = {"perm": rng.permutation(N), "at": 0}

    def step():
        if state["at"] + B > N:
            state["perm"], state["at"] = rng.permutation(N), 0
        idx = state["perm"][state["at"]:state["at"] + B]
        state["at"] += B
        ae.step(data[idx])

    times = timed(step, args.repeats, args.warmup)
    emit(f"numpy/linear-ae-step/{net}", PEER + " layer by layer", times, batch=B, width=D, samples=N)


print(f"{PEER}, threads {args.threads}", file=sys.stderr, flush=True)
if wanted("numpy/gemm", args.only):
    gemm()
for n in ("tied", "untied-2", "untied-3"):
    if wanted(f"numpy/linear-ae-step/{n}", args.only):
        linear_ae(n)
